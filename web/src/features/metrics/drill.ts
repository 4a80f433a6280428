// The drill-down as a link: which number was clicked — the query's metric, range, interval,
// survey and filters, and the row's group — in the URL's query string, so the list of
// feedback behind a number can be shared, reloaded and gone back to.
//
//   …/drilldown?metric=nps&last=90d&interval=week&f.channel=chat&g.time=2026-03-02
//
// `last` or `from`/`to` is the range; `f.<dimension>` a filter (repeated: any of);
// `g.<dimension>` the group, an empty value standing for the `null` group.
import type { DrillDownQuery, Group, Interval, MetricName, QueryFilters, QueryRange } from '../../api/metrics';
import { INTERVALS } from '../../api/metrics';

export interface DrillSpec {
  metric: MetricName;
  range?: QueryRange;
  interval?: Interval;
  survey?: string;
  filters: QueryFilters;
  group: Group;
}

// The metrics whose drill-down lists the responses behind them; the others drill down
// through the metric they are made of.
const DRILL_METRIC: Partial<Record<MetricName, MetricName>> = {
  topic_volume: 'count',
  topic_sentiment: 'sentiment',
  negative_share: 'sentiment',
  neutral_share: 'sentiment',
  positive_share: 'sentiment',
  emerging_topics: 'count',
  drivers: 'count',
  response_rate: 'count',
};
const DRILLABLE: readonly MetricName[] = ['nps', 'csat', 'ces', 'rating', 'count', 'sentiment'];

const DIMENSION = /^(time|channel|survey|language|topic|sentiment|segment|customer\.[\p{L}\p{N}_.-]{1,64})$/u;
const LAST = /^\d{1,3}[dwmqy]$/;
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
const MAX_VALUE = 200;

export function drillMetric(metric: MetricName): MetricName {
  return DRILL_METRIC[metric] ?? metric;
}

export function drillParams(spec: DrillSpec): URLSearchParams {
  const params = new URLSearchParams();
  params.set('metric', drillMetric(spec.metric));
  if (spec.range && 'last' in spec.range) params.set('last', spec.range.last);
  else if (spec.range) {
    if (spec.range.from) params.set('from', spec.range.from);
    if (spec.range.to) params.set('to', spec.range.to);
  }
  if (spec.interval && spec.group.time !== undefined) params.set('interval', spec.interval);
  if (spec.survey) params.set('survey', spec.survey);
  for (const [dimension, value] of Object.entries(spec.filters)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(`f.${dimension}`, one);
  }
  for (const [dimension, value] of Object.entries(spec.group)) params.set(`g.${dimension}`, value ?? '');
  return params;
}

export function drillHref(path: (rest?: string) => string, spec: DrillSpec): string {
  return `${path('drilldown')}?${drillParams(spec).toString()}`;
}

// The spec in a URL, or null when the URL does not hold a valid one (nothing invalid is sent).
export function readDrill(params: URLSearchParams): DrillSpec | null {
  const metric = params.get('metric') as MetricName | null;
  if (!metric || !DRILLABLE.includes(metric)) return null;
  const spec: DrillSpec = { metric, filters: {}, group: {} };
  const last = params.get('last');
  const from = params.get('from');
  const to = params.get('to');
  if (last) {
    if (!LAST.test(last)) return null;
    spec.range = { last };
  } else if (from || to) {
    if ((from && !DATE_OR_INSTANT.test(from)) || (to && !DATE_OR_INSTANT.test(to))) return null;
    spec.range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  const interval = params.get('interval');
  if (interval) {
    if (!(INTERVALS as readonly string[]).includes(interval)) return null;
    spec.interval = interval as Interval;
  }
  const survey = params.get('survey');
  if (survey) {
    if (!/^\d{1,19}$/.test(survey)) return null;
    spec.survey = survey;
  }
  const filters: Record<string, string[]> = {};
  for (const [key, value] of params) {
    const [kind, ...rest] = key.split('.');
    const dimension = rest.join('.');
    if ((kind !== 'f' && kind !== 'g') || !DIMENSION.test(dimension) || value.length > MAX_VALUE) continue;
    if (kind === 'f' && dimension !== 'time' && value) (filters[dimension] ??= []).push(value);
    if (kind === 'g') spec.group[dimension as keyof Group] = value === '' ? null : value;
  }
  for (const [dimension, values] of Object.entries(filters)) {
    spec.filters[dimension as keyof QueryFilters] = values.length === 1 ? values[0] : values;
  }
  if (spec.group.time !== undefined && (!spec.interval || !/^\d{4}-\d{2}-\d{2}$/.test(spec.group.time ?? ''))) return null;
  return spec;
}

export function drillRequest(spec: DrillSpec, cursor: string | undefined, limit: number): DrillDownQuery {
  return {
    metric: spec.metric,
    ...(spec.survey ? { survey: spec.survey } : {}),
    ...(spec.interval ? { interval: spec.interval } : {}),
    ...(spec.range ? { range: spec.range } : {}),
    ...(Object.keys(spec.filters).length > 0 ? { filters: spec.filters } : {}),
    group: spec.group,
    limit,
    ...(cursor ? { cursor } : {}),
  };
}
