// One metric by time bucket: a line with its 95% confidence band for the metrics that have
// an interval (NPS, CSAT, CES, sentiment), bars for counts. A point, a bar or anywhere in
// its column opens the feedback of that bucket.
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { Interval, MetricName, MetricRow } from '../../api/metrics';
import { ChartTable } from '../../charts/ChartTable';
import { EChart } from '../../charts/EChart';
import type { ChartHit } from '../../charts/EChart';
import { COLORS } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { axisValue, formatMetricValue } from '../../format/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { useBucketLabel } from './labels';

interface Props {
  metric: MetricName;
  interval: Interval;
  rows: MetricRow[];
  hrefs: (string | undefined)[];
  label: string;
  testId: string;
}

export function TimeSeriesChart({ metric, interval, rows, hrefs, label, testId }: Props) {
  const { t, formatNumber } = useI18n();
  const navigate = useNavigate();
  const bucket = useBucketLabel();
  const bars = metric === 'count';
  const option = useMemo<ChartOption>(() => {
    const name = t(`metric.${metric}` as MessageKey);
    const bandName = t('chart.confidenceBand');
    const range = (row: MetricRow) => (row.ci_low === null || row.ci_high === null ? ''
      : `${bandName}: ${formatMetricValue(metric, row.ci_low, formatNumber)} – ${formatMetricValue(metric, row.ci_high, formatNumber)}`);
    const main = bars
      ? { name, type: 'bar' as const, data: rows.map((row) => row.value), color: COLORS.primary, barMaxWidth: 40 }
      : { name, type: 'line' as const, data: rows.map((row) => row.value), symbol: 'circle', symbolSize: 9,
        color: COLORS.primary, lineStyle: { width: 2 } };
    const band = bars ? [] : [
      { name: bandName, type: 'line' as const, stack: 'ci', stackStrategy: 'all' as const, data: rows.map((row) => row.ci_low),
        symbol: 'none', lineStyle: { opacity: 0 }, silent: true, color: COLORS.band },
      { name: bandName, type: 'line' as const, stack: 'ci', stackStrategy: 'all' as const, symbol: 'none',
        data: rows.map((row) => (row.ci_low === null || row.ci_high === null ? null : row.ci_high - row.ci_low)),
        lineStyle: { opacity: 0 }, areaStyle: { color: COLORS.band }, silent: true, color: COLORS.band },
    ];
    return {
      animation: false,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { data: bars ? [name] : [name, bandName], top: 0, textStyle: { color: COLORS.text } },
      tooltip: {
        trigger: 'axis', renderMode: 'richText',
        formatter: (items) => {
          const row = rows[(Array.isArray(items) ? items[0] : items).dataIndex];
          if (!row) return '';
          return [bucket(row.group.time ?? '', interval), `${name} ${formatMetricValue(metric, row.value, formatNumber)}`,
            range(row), t('chart.nValue', { n: row.n })].filter(Boolean).join('\n');
        },
      },
      xAxis: { type: 'category', boundaryGap: bars, data: rows.map((row) => bucket(row.group.time ?? '', interval, 'short')),
        axisLabel: { color: COLORS.muted } },
      yAxis: { type: 'value', axisLabel: { color: COLORS.muted, formatter: (value: number) => axisValue(metric, value, formatNumber) },
        splitLine: { lineStyle: { color: COLORS.line } } },
      series: [...band, main],
    };
  }, [rows, metric, interval, bars, t, bucket, formatNumber]);
  const mainSeries = bars ? 0 : 2;
  const hits = useMemo<ChartHit[]>(() => rows.map((row, index) => ({
    seriesIndex: mainSeries, coord: [index, bars ? (row.value ?? 0) / 2 : row.value ?? 0],
  })), [rows, bars, mainSeries]);

  return (
    <>
      <EChart option={option} label={label} testId={testId} categoryAxis="x" hits={hits}
              onSelect={({ dataIndex }) => { const href = hrefs[dataIndex]; if (href) navigate(href); }} />
      <ChartTable caption={label} testId={`${testId}-table`}
                  columns={[t('dimension.time'), t(`metric.${metric}` as MessageKey), t('chart.confidenceBand'), t('score.nLabel')]}
                  rows={rows.map((row, index) => ({
                    key: row.group.time ?? String(index), label: bucket(row.group.time ?? '', interval), href: hrefs[index],
                    cells: [formatMetricValue(metric, row.value, formatNumber),
                      row.ci_low === null || row.ci_high === null ? '–'
                        : `${formatMetricValue(metric, row.ci_low, formatNumber)} – ${formatMetricValue(metric, row.ci_high, formatNumber)}`,
                      formatNumber(row.n)],
                  }))} />
    </>
  );
}
