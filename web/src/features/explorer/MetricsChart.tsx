// The Explorer's chart above the feed: a metric (count, NPS, CSAT, CES, sentiment) by time or
// by one dimension, under the feed's filters. A bar or point opens the feedback behind it;
// roles allowed to export download the same rows as CSV or XLSX.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { exportQuery } from '../../api/metrics';
import type { Dimension, ExportFormat, MetricRow } from '../../api/metrics';
import { FIXED_DIMENSIONS, INTERVALS } from '../../api/metrics';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField } from '../../components/SelectField';
import { formatMetricValue } from '../../format/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { CategoryBars } from '../metrics/CategoryBars';
import type { CategoryBar } from '../metrics/CategoryBars';
import { ChartPanel } from '../metrics/ChartPanel';
import { drillHref } from '../metrics/drill';
import type { DrillSpec } from '../metrics/drill';
import { useDimensionName, useDimensions, useGroupLabel } from '../metrics/labels';
import { TimeSeriesChart } from '../metrics/TimeSeriesChart';
import { useLiveMetrics, useMetricsQuery } from '../metrics/useMetricsQuery';
import { CHART_METRICS, chartQuery, chartScope, readChart, unappliedFilters, withChart } from './chart';
import type { ChartChoice, ChartMetric } from './chart';
import type { Filters } from './filters';

const SHOWN_CATEGORIES = 20;

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportButtons({ filters, choice, timeZone, now }: { filters: Filters; choice: ChartChoice; timeZone: string; now: number }) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      const file = await exportQuery(workspace.id, chartQuery(filters, choice, timeZone, now), format);
      download(file.blob, file.filename ?? `voxloop-${choice.metric}.${format}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-buttons">
      {(['csv', 'xlsx'] as const).map((format) => (
        <button key={format} type="button" className="button" disabled={busy !== null} onClick={() => void run(format)}>
          {busy === format ? t('common.loading') : t(format === 'csv' ? 'explorer.exportCsv' : 'explorer.exportXlsx')}
        </button>
      ))}
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}

export function MetricsChart({ filters }: { filters: Filters }) {
  const { t, formatNumber } = useI18n();
  const { workspace, can, path } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const choice = useMemo(() => readChart(new URLSearchParams(search)), [search]);
  // Rolling periods end when the filters were chosen, so the chart and its drill-downs agree.
  const now = useMemo(() => Date.now(), [filters]);
  const query = useMemo(() => chartQuery(filters, choice, workspace.timezone, now), [filters, choice, workspace.timezone, now]);
  const answer = useMetricsQuery(query);
  const dimensions = useDimensions();
  const groupLabel = useGroupLabel();
  const dimensionName = useDimensionName();
  useLiveMetrics();

  const choose = (next: Partial<ChartChoice>) => setParams(withChart(new URLSearchParams(search), { ...choice, ...next }), { replace: true });
  const groupChoices: Dimension[] = ['time', ...FIXED_DIMENSIONS,
    ...Object.keys(dimensions.data?.attributes ?? {}).filter((key) => key !== 'segment').map((key) => `customer.${key}` as Dimension)];
  if (!groupChoices.includes(choice.by)) groupChoices.push(choice.by);
  const segments = dimensions.data?.segments ?? [];

  const rows = useMemo(() => answer.data?.rows ?? [], [answer.data]);
  const scope = chartScope(filters, choice, workspace.timezone, now);
  const specFor = (row: MetricRow): DrillSpec => ({
    metric: choice.metric, range: scope.range, survey: scope.survey, filters: scope.filters ?? {},
    ...(choice.by === 'time' ? { interval: choice.interval, group: { time: row.group.time ?? null } }
      : { group: { [choice.by]: row.group[choice.by] ?? null } }),
  });
  const hrefs = rows.map((row) => (row.n > 0 ? drillHref(path, specFor(row)) : undefined));
  const bars: CategoryBar[] = rows
    .map((row, index) => ({ row, href: hrefs[index] }))
    .filter(({ row }) => row.n > 0)
    .sort((a, b) => b.row.n - a.row.n)
    .slice(0, SHOWN_CATEGORIES)
    .map(({ row, href }) => {
      const value = row.group[choice.by];
      return {
        key: value ?? '\u0000null', label: groupLabel(choice.by, value), value: row.value, href,
        details: [formatNumber(row.n), row.ci_low === null || row.ci_high === null ? '–'
          : `${formatMetricValue(choice.metric, row.ci_low, formatNumber)} – ${formatMetricValue(choice.metric, row.ci_high, formatNumber)}`],
      };
    });
  const unapplied = unappliedFilters(filters);

  const controls = (
    <div className="chart-controls">
      <SelectField label={t('explorer.chartMetric')} name="metric" value={choice.metric}
                   onChange={(value) => choose({ metric: value as ChartMetric })}>
        {CHART_METRICS.map((metric) => <option key={metric} value={metric}>{t(`metric.${metric}`)}</option>)}
      </SelectField>
      <SelectField label={t('explorer.chartGroupBy')} name="by" value={choice.by} onChange={(value) => choose({ by: value as Dimension })}>
        {groupChoices.map((dimension) => <option key={dimension} value={dimension}>{dimensionName(dimension)}</option>)}
      </SelectField>
      {choice.by === 'time' && (
        <SelectField label={t('explorer.chartInterval')} name="interval" value={choice.interval}
                     onChange={(value) => choose({ interval: value as ChartChoice['interval'] })}>
          {INTERVALS.map((interval) => <option key={interval} value={interval}>{t(`interval.${interval}`)}</option>)}
        </SelectField>
      )}
      {segments.length > 0 && (
        <SelectField label={t('explorer.chartSegment')} name="segment" value={choice.segment ?? ''}
                     onChange={(value) => choose({ segment: value || undefined })}>
          <option value="">{t('filters.any')}</option>
          {segments.map((segment) => <option key={segment} value={segment}>{segment}</option>)}
        </SelectField>
      )}
    </div>
  );

  return (
    <ChartPanel id="explorer-chart" title={t('explorer.chartTitle')} loading={answer.isPending} error={answer.error}
                empty={rows.every((row) => row.n === 0)} controls={controls}
                tools={can('export') ? <ExportButtons filters={filters} choice={choice} timeZone={workspace.timezone} now={now} /> : undefined}>
      {unapplied.length > 0 && <p className="notice">{t('explorer.chartUnapplied')}</p>}
      {choice.by === 'time'
        ? <TimeSeriesChart metric={choice.metric} interval={choice.interval} rows={rows} hrefs={hrefs}
                           label={t('explorer.chartTitle')} testId="explorer-chart-canvas" />
        : <CategoryBars metric={choice.metric} bars={bars} label={t('explorer.chartTitle')} testId="explorer-chart-canvas"
                        columns={[dimensionName(choice.by), t(`metric.${choice.metric}`), t('score.nLabel'), t('chart.confidenceBand')]} />}
    </ChartPanel>
  );
}
