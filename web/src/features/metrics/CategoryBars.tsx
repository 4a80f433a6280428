// Horizontal bars, one per category (topics, channels, segments…), largest first from the top,
// each clickable to the feedback behind it; with the same numbers as a table under it.
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { MetricName } from '../../api/metrics';
import { ChartTable } from '../../charts/ChartTable';
import { EChart } from '../../charts/EChart';
import type { ChartHit } from '../../charts/EChart';
import { COLORS } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { axisValue, formatMetricValue } from '../../format/metrics';
import { useI18n } from '../../i18n/I18nProvider';

export interface CategoryBar {
  key: string;
  label: string;
  value: number | null;
  color?: string;
  // Shown in the tooltip and as the table's further cells.
  details: string[];
  href?: string;
}

interface Props {
  metric: MetricName;
  bars: CategoryBar[];
  label: string;
  testId: string;
  columns: string[];  // the table's: category, value, then one per detail
}

// The chart grows with its bars, in three steps (styles/components.css).
function sizeClass(count: number): string {
  if (count <= 5) return 'chart-box is-small';
  if (count <= 10) return 'chart-box is-medium';
  return 'chart-box is-large';
}

export function CategoryBars({ metric, bars, label, testId, columns }: Props) {
  const { formatNumber } = useI18n();
  const navigate = useNavigate();
  // Callers pass the columns inline: the chart follows their text, not the array's identity.
  const columnsKey = columns.join('\u0000');
  const option = useMemo<ChartOption>(() => ({
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item', renderMode: 'richText',
      formatter: (item) => {
        const bar = bars[(Array.isArray(item) ? item[0] : item).dataIndex];
        if (!bar) return '';
        const names = columnsKey.split('\u0000');
        return [bar.label, `${names[1]}: ${formatMetricValue(metric, bar.value, formatNumber)}`,
          ...bar.details.map((detail, index) => `${names[index + 2]}: ${detail}`)].join('\n');
      },
    },
    yAxis: {
      type: 'category', inverse: true, data: bars.map((bar) => bar.label),
      axisLabel: { color: COLORS.text, width: 160, overflow: 'truncate' }, axisTick: { show: false },
    },
    xAxis: {
      type: 'value', axisLabel: { color: COLORS.muted, formatter: (value: number) => axisValue(metric, value, formatNumber) },
      splitLine: { lineStyle: { color: COLORS.line } },
    },
    series: [{
      type: 'bar', barMaxWidth: 22,
      data: bars.map((bar) => ({ value: bar.value, itemStyle: { color: bar.color ?? COLORS.primary } })),
      label: { show: true, position: 'right', color: COLORS.text,
        formatter: (item: { dataIndex: number }) => formatMetricValue(metric, bars[item.dataIndex]?.value, formatNumber) },
    }],
    }), [bars, metric, formatNumber, columnsKey]);
  const hits = useMemo<ChartHit[]>(() => bars.map((bar, index) => ({ seriesIndex: 0, coord: [(bar.value ?? 0) / 2, index] })), [bars]);

  return (
    <div className="category-bars">
      <div className={sizeClass(bars.length)}>
        <EChart option={option} label={label} testId={testId} categoryAxis="y" hits={hits}
                onSelect={({ dataIndex }) => { const href = bars[dataIndex]?.href; if (href) navigate(href); }} />
      </div>
      <ChartTable caption={label} testId={`${testId}-table`} columns={columns}
                  rows={bars.map((bar) => ({
                    key: bar.key, label: bar.label, href: bar.href,
                    cells: [formatMetricValue(metric, bar.value, formatNumber), ...bar.details],
                  }))} />
    </div>
  );
}
