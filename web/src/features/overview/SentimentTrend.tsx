// Sentiment over time: the shares of negative, neutral and positive responses (of those with
// analysed text) per week or month, stacked to 100%. A segment opens the feedback of that
// sentiment in that bucket; a click elsewhere in a column, all of the bucket's.
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { SHARE_METRICS } from '../../api/metrics';
import type { MetricRow, MetricsQuery, ShareMetric } from '../../api/metrics';
import type { Sentiment } from '../../api/types';
import { ChartTable } from '../../charts/ChartTable';
import { EChart } from '../../charts/EChart';
import type { ChartHit } from '../../charts/EChart';
import { COLORS } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { axisValue, formatMetricValue } from '../../format/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { ChartPanel } from '../metrics/ChartPanel';
import { drillHref } from '../metrics/drill';
import { useBucketLabel } from '../metrics/labels';
import { useMetricsQuery } from '../metrics/useMetricsQuery';
import { rangeOf } from './period';
import type { Period, TrendInterval } from './period';

const SENTIMENT_OF: Record<ShareMetric, Sentiment> = {
  negative_share: 'negative', neutral_share: 'neutral', positive_share: 'positive',
};

export function SentimentTrend({ period, interval }: { period: Period; interval: TrendInterval }) {
  const { t, formatNumber } = useI18n();
  const { path } = useWorkspace();
  const navigate = useNavigate();
  const bucket = useBucketLabel();
  const query = useMemo<MetricsQuery>(() => ({ metrics: [...SHARE_METRICS], interval, range: rangeOf(period) }), [interval, period]);
  const answer = useMetricsQuery(query);

  // One column per bucket; per metric, its row in that bucket.
  const { days, byMetric } = useMemo(() => {
    const rows = answer.data?.rows ?? [];
    const dayList = [...new Set(rows.map((row) => row.group.time ?? ''))].sort();
    const table = new Map<ShareMetric, Map<string, MetricRow>>(SHARE_METRICS.map((metric) => [metric, new Map()]));
    for (const row of rows) table.get(row.metric as ShareMetric)?.set(row.group.time ?? '', row);
    return { days: dayList, byMetric: table };
  }, [answer.data]);
  const valueAt = (metric: ShareMetric, day: string) => byMetric.get(metric)?.get(day)?.value ?? null;
  const nAt = (day: string) => byMetric.get('negative_share')?.get(day)?.n ?? 0;
  const href = (day: string, sentiment?: Sentiment) => drillHref(path, {
    metric: 'sentiment', range: rangeOf(period), interval, filters: {},
    group: sentiment ? { time: day, sentiment } : { time: day },
  });

  const option = useMemo<ChartOption>(() => ({
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: COLORS.text } },
    tooltip: {
      trigger: 'axis', renderMode: 'richText',
      formatter: (items) => {
        const index = (Array.isArray(items) ? items[0] : items).dataIndex;
        const day = days[index];
        if (day === undefined) return '';
        return [
          bucket(day, interval),
          ...SHARE_METRICS.map((metric) => `${t(`sentiment.${SENTIMENT_OF[metric]}`)} ${formatMetricValue(metric, valueAt(metric, day), formatNumber)}`),
          t('chart.nValue', { n: nAt(day) }),
        ].join('\n');
      },
    },
    xAxis: { type: 'category', data: days.map((day) => bucket(day, interval, 'short')), axisLabel: { color: COLORS.muted } },
    yAxis: {
      type: 'value', min: 0, max: 100,
      axisLabel: { color: COLORS.muted, formatter: (value: number) => axisValue('negative_share', value, formatNumber) },
      splitLine: { lineStyle: { color: COLORS.line } },
    },
    series: SHARE_METRICS.map((metric) => ({
      name: t(`sentiment.${SENTIMENT_OF[metric]}`), type: 'bar' as const, stack: 'share',
      color: COLORS[SENTIMENT_OF[metric]], barMaxWidth: 48,
      data: days.map((day) => valueAt(metric, day)),
    })),
  }), [days, byMetric, t, bucket, interval, formatNumber]);

  // The middle of each segment: the shares below it plus half its own.
  const hits = useMemo<ChartHit[]>(() => days.flatMap((day, index) => {
    let below = 0;
    return SHARE_METRICS.map((metric, seriesIndex) => {
      const value = valueAt(metric, day) ?? 0;
      const hit: ChartHit = { seriesIndex, coord: [index, below + value / 2] };
      below += value;
      return hit;
    });
  }), [days, byMetric]);
  const empty = days.every((day) => nAt(day) === 0);

  return (
    <ChartPanel id="sentiment-trend" title={t('overview.sentimentTrend')} lead={t('overview.sentimentTrendLead')}
                loading={answer.isPending} error={answer.error} empty={empty}>
      <EChart option={option} label={t('overview.sentimentTrend')} testId="sentiment-trend-chart" categoryAxis="x" hits={hits}
              onSelect={({ dataIndex, seriesIndex }) => {
                const day = days[dataIndex];
                if (day === undefined || nAt(day) === 0) return;
                navigate(href(day, seriesIndex === null ? undefined : SENTIMENT_OF[SHARE_METRICS[seriesIndex]]));
              }} />
      <ChartTable caption={t('overview.sentimentTrend')} testId="sentiment-trend-table"
                  columns={[t('dimension.time'), ...SHARE_METRICS.map((metric) => t(`sentiment.${SENTIMENT_OF[metric]}`)), t('score.nLabel')]}
                  rows={days.map((day) => ({
                    key: day, label: bucket(day, interval), href: nAt(day) > 0 ? href(day) : undefined,
                    cells: [...SHARE_METRICS.map((metric) => formatMetricValue(metric, valueAt(metric, day), formatNumber)), formatNumber(nAt(day))],
                  }))} />
    </ChartPanel>
  );
}
