// How metric values read on screen, in the user's language (`format` is useI18n's
// formatNumber): NPS in points (−100…100, one decimal), CSAT and the shares as percentages
// (the API gives 0–100), CES and ratings as means, sentiment as a signed score (−1…1),
// counts as whole numbers. A missing value (an empty group) reads as a dash.
import type { MetricName, MetricRow } from '../api/metrics';

export type NumberFormatter = (value: number, options?: Intl.NumberFormatOptions) => string;

export const MISSING = '–';

const PERCENT_METRICS: ReadonlySet<MetricName> = new Set<MetricName>(
  ['csat', 'negative_share', 'neutral_share', 'positive_share', 'response_rate']);

export function isPercentMetric(metric: MetricName): boolean {
  return PERCENT_METRICS.has(metric);
}

function optionsFor(metric: MetricName): Intl.NumberFormatOptions {
  switch (metric) {
    case 'nps':
    case 'drivers':
      return { maximumFractionDigits: 1 };
    case 'ces':
    case 'rating':
      return { minimumFractionDigits: 1, maximumFractionDigits: 2 };
    case 'sentiment':
    case 'topic_sentiment':
      return { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' };
    case 'emerging_topics':
      return { maximumFractionDigits: 1 };
    default:
      return { maximumFractionDigits: 0 };
  }
}

export function formatMetricValue(metric: MetricName, value: number | null | undefined, format: NumberFormatter): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (isPercentMetric(metric)) return format(value / 100, { style: 'percent', maximumFractionDigits: 1 });
  return format(value, optionsFor(metric));
}

// Half the confidence interval's width, in the metric's unit; null without an interval.
export function marginOf(row: Pick<MetricRow, 'ci_low' | 'ci_high'>): number | null {
  if (row.ci_low === null || row.ci_high === null) return null;
  return (row.ci_high - row.ci_low) / 2;
}

export function formatMargin(metric: MetricName, margin: number | null, format: NumberFormatter): string {
  if (margin === null || !Number.isFinite(margin)) return MISSING;
  if (isPercentMetric(metric)) return format(margin, { maximumFractionDigits: 1 });
  return format(margin, { ...optionsFor(metric), signDisplay: 'never' });
}

// A change in the metric's unit (NPS points, percentage points, …), always signed.
export function formatChange(metric: MetricName, change: number | null | undefined, format: NumberFormatter): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return MISSING;
  const digits = metric === 'ces' || metric === 'rating' || metric === 'sentiment' ? 2 : 1;
  return format(change, { maximumFractionDigits: digits, signDisplay: 'exceptZero' });
}

// The value on a chart's axis: percentages for percent metrics, else plain numbers.
export function axisValue(metric: MetricName, value: number, format: NumberFormatter): string {
  if (isPercentMetric(metric)) return format(value / 100, { style: 'percent', maximumFractionDigits: 0 });
  return format(value, { maximumFractionDigits: 2 });
}
