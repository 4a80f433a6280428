// NPS by week or month with its 95% confidence band. A point — or anywhere in its column —
// opens the feedback of that bucket.
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import type { MetricsQuery } from '../../api/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { ChartPanel } from '../metrics/ChartPanel';
import { drillHref } from '../metrics/drill';
import { TimeSeriesChart } from '../metrics/TimeSeriesChart';
import { useMetricsQuery } from '../metrics/useMetricsQuery';
import { rangeOf } from './period';
import type { Period, TrendInterval } from './period';

interface Props {
  period: Period;
  interval: TrendInterval;
  tools: ReactNode;
}

export function NpsTrend({ period, interval, tools }: Props) {
  const { t } = useI18n();
  const { path } = useWorkspace();
  const query = useMemo<MetricsQuery>(() => ({ metric: 'nps', interval, range: rangeOf(period) }), [interval, period]);
  const answer = useMetricsQuery(query);
  const rows = useMemo(() => answer.data?.rows ?? [], [answer.data]);
  const hrefs = useMemo(() => rows.map((row) => (row.n === 0 ? undefined : drillHref(path, {
    metric: 'nps', range: rangeOf(period), interval, filters: {}, group: { time: row.group.time ?? null },
  }))), [rows, path, period, interval]);

  return (
    <ChartPanel id="nps-trend" title={t('overview.npsTrend')} lead={t('overview.npsTrendLead')} tools={tools}
                loading={answer.isPending} error={answer.error} empty={rows.every((row) => row.n === 0)}>
      <TimeSeriesChart metric="nps" interval={interval} rows={rows} hrefs={hrefs} label={t('overview.npsTrend')}
                       testId="nps-trend-chart" />
    </ChartPanel>
  );
}
