// The Explorer's filters, as they live in the URL query string (so every view is a link):
// the feedback list API's own parameters, plus `range` — a rolling period ("7d") or
// "custom" with `from`/`to` calendar dates in the workspace's time zone.
import type { FeedbackQuery } from '../../api/feedback';
import { CHANNELS, SENTIMENTS } from '../../api/types';
import { isCalendarDate, startOfDay } from '../../format/zonedTime';

export const RANGES = ['24h', '7d', '30d', '90d', 'custom'] as const;
export type Range = (typeof RANGES)[number];

export const LANGUAGES = ['vi', 'zh', 'en'] as const;

export const FILTER_KEYS = [
  'range', 'from', 'to', 'channel', 'sentiment', 'language', 'topic', 'customer', 'survey', 'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

const RANGE_MS: Record<Exclude<Range, 'custom'>, number> = {
  '24h': 24 * 3600 * 1000,
  '7d': 7 * 24 * 3600 * 1000,
  '30d': 30 * 24 * 3600 * 1000,
  '90d': 90 * 24 * 3600 * 1000,
};

const oneOf = (values: readonly string[]) => (value: string) => values.includes(value);
const isId = (value: string) => /^\d{1,19}$/.test(value);

// What each filter accepts; anything else in a URL is dropped rather than sent.
const VALID: Record<FilterKey, (value: string) => boolean> = {
  range: oneOf(RANGES),
  from: isCalendarDate,
  to: isCalendarDate,
  channel: oneOf(CHANNELS),
  sentiment: oneOf(SENTIMENTS),
  language: (value) => /^[a-z]{2,3}$/.test(value),
  topic: (value) => value.length <= 200,
  customer: isId,
  survey: isId,
  q: (value) => value.length <= 200,
};

export function readFilters(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && VALID[key](value)) filters[key] = value;
  }
  if (filters.range !== 'custom') {
    delete filters.from;
    delete filters.to;
  }
  return filters;
}

export function filtersToParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function activeFilterCount(filters: Filters): number {
  return FILTER_KEYS.filter((key) => key !== 'from' && key !== 'to' && filters[key]).length;
}

// The list API's parameters for `filters`; rolling ranges end at `now`.
export function toFeedbackQuery(filters: Filters, timeZone: string, now: number): FeedbackQuery {
  const { range, from, to, ...rest } = filters;
  const query: FeedbackQuery = { ...rest };
  if (range === 'custom') {
    if (from) query.from = startOfDay(from, timeZone);
    if (to) query.to = startOfDay(to, timeZone, 1);
  } else if (range) {
    query.from = new Date(now - RANGE_MS[range as Exclude<Range, 'custom'>]).toISOString();
  }
  return query;
}
