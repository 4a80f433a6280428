// The Overview's period and trend interval, as they live in the URL (?period=12m&by=month):
// the query API's rolling ranges ("90d" = today and the 89 days before, in the workspace's
// time zone), compared with the period of the same length just before.
import type { Interval, QueryRange } from '../../api/metrics';

export const PERIODS = ['30d', '90d', '12m'] as const;
export type Period = (typeof PERIODS)[number];

export const TREND_INTERVALS = ['week', 'month'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

export const DEFAULT_PERIOD: Period = '90d';

export function readPeriod(params: URLSearchParams): Period {
  const value = params.get('period');
  return (PERIODS as readonly string[]).includes(value ?? '') ? (value as Period) : DEFAULT_PERIOD;
}

export function defaultInterval(period: Period): TrendInterval {
  return period === '12m' ? 'month' : 'week';
}

export function readInterval(params: URLSearchParams, period: Period): TrendInterval {
  const value = params.get('by');
  return (TREND_INTERVALS as readonly string[]).includes(value ?? '') ? (value as Interval as TrendInterval) : defaultInterval(period);
}

export function rangeOf(period: Period): QueryRange {
  return { last: period };
}
