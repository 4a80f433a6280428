// The Explorer's metrics chart as it lives in the URL, beside the feed's filters
// (?metric=nps&by=channel&interval=month&segment=smb), and the query it asks: the chosen
// metric grouped by time or one dimension, under the feed's filters that the query API has
// (channel, sentiment, language, topic, survey and the period — not text or customer).
import type { Dimension, Interval, MetricsQuery, QueryFilters } from '../../api/metrics';
import { FIXED_DIMENSIONS, INTERVALS } from '../../api/metrics';
import type { Filters } from './filters';
import { toFeedbackQuery } from './filters';

export const CHART_METRICS = ['count', 'nps', 'csat', 'ces', 'sentiment'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];

export const CHART_KEYS = ['metric', 'by', 'interval', 'segment'] as const;

export interface ChartChoice {
  metric: ChartMetric;
  by: Dimension;
  interval: Interval;
  segment?: string;
}

const DEFAULT: ChartChoice = { metric: 'count', by: 'time', interval: 'week' };
const ATTRIBUTE = /^customer\.[\p{L}\p{N}_.-]{1,64}$/u;

export function readChart(params: URLSearchParams): ChartChoice {
  const metric = params.get('metric') ?? '';
  const by = params.get('by') ?? '';
  const interval = params.get('interval') ?? '';
  const segment = params.get('segment')?.trim();
  return {
    metric: (CHART_METRICS as readonly string[]).includes(metric) ? (metric as ChartMetric) : DEFAULT.metric,
    by: by === 'time' || (FIXED_DIMENSIONS as readonly string[]).includes(by) || ATTRIBUTE.test(by) ? (by as Dimension) : DEFAULT.by,
    interval: (INTERVALS as readonly string[]).includes(interval) ? (interval as Interval) : DEFAULT.interval,
    ...(segment && segment.length <= 200 ? { segment } : {}),
  };
}

// The chart's own parameters, to keep when the feed's filters change.
export function chartParams(params: URLSearchParams): [string, string][] {
  return CHART_KEYS.flatMap((key) => {
    const value = params.get(key);
    return value ? [[key, value] as [string, string]] : [];
  });
}

export function withChart(params: URLSearchParams, choice: ChartChoice): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of CHART_KEYS) next.delete(key);
  if (choice.metric !== DEFAULT.metric) next.set('metric', choice.metric);
  if (choice.by !== DEFAULT.by) next.set('by', choice.by);
  if (choice.by === 'time' && choice.interval !== DEFAULT.interval) next.set('interval', choice.interval);
  if (choice.segment) next.set('segment', choice.segment);
  return next;
}

// The filters and range the chart shares with the feed; rolling ranges end at `now`.
export function chartScope(filters: Filters, choice: ChartChoice, timeZone: string, now: number): Pick<MetricsQuery, 'filters' | 'range' | 'survey'> {
  const feed = toFeedbackQuery(filters, timeZone, now);
  const queryFilters: QueryFilters = {};
  if (feed.channel) queryFilters.channel = feed.channel;
  if (feed.sentiment) queryFilters.sentiment = feed.sentiment;
  if (feed.language) queryFilters.language = feed.language;
  if (feed.topic) queryFilters.topic = feed.topic;
  if (choice.segment) queryFilters.segment = choice.segment;
  return {
    ...(feed.survey ? { survey: feed.survey } : {}),
    ...(Object.keys(queryFilters).length > 0 ? { filters: queryFilters } : {}),
    ...(feed.from || feed.to ? { range: { ...(feed.from ? { from: feed.from } : {}), ...(feed.to ? { to: feed.to } : {}) } } : {}),
  };
}

export function chartQuery(filters: Filters, choice: ChartChoice, timeZone: string, now: number): MetricsQuery {
  return {
    metric: choice.metric,
    ...(choice.by === 'time' ? { interval: choice.interval } : { group_by: [choice.by] }),
    ...chartScope(filters, choice, timeZone, now),
  };
}

// Filters the chart cannot apply (the query API has no text search or customer filter).
export function unappliedFilters(filters: Filters): ('q' | 'customer')[] {
  return (['q', 'customer'] as const).filter((key) => !!filters[key]);
}
