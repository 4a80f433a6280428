// The metrics query API (docs/api.md, "Metrics: the query API"): one endpoint answers every
// number on the dashboards; drill-down lists the feedback behind a number; dimensions feed
// the filter pickers; exports answer the same rows as a CSV or XLSX file.
import { api, requestFile, workspacePath } from './client';
import type { DownloadedFile } from './client';
import type { FeedbackItem, Page } from './types';

export const SCORE_METRICS = ['nps', 'csat', 'ces'] as const;
export type ScoreMetric = (typeof SCORE_METRICS)[number];

export const SHARE_METRICS = ['negative_share', 'neutral_share', 'positive_share'] as const;
export type ShareMetric = (typeof SHARE_METRICS)[number];

export type MetricName =
  | ScoreMetric | ShareMetric
  | 'rating' | 'count' | 'sentiment' | 'topic_volume' | 'topic_sentiment' | 'response_rate'
  | 'drivers' | 'emerging_topics';

export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

// The dimensions a query groups and filters by; `customer.<attribute>` for any attribute.
export const FIXED_DIMENSIONS = ['channel', 'survey', 'language', 'topic', 'sentiment', 'segment'] as const;
export type FixedDimension = (typeof FIXED_DIMENSIONS)[number];
export type Dimension = 'time' | FixedDimension | `customer.${string}`;

// `{"last": "30d"}` (units d, w, m, q, y: the current one and those before it) or
// `{"from", "to"}` (dates in the workspace's time zone or RFC 3339 instants; `to` exclusive).
export type QueryRange = { last: string } | { from?: string; to?: string };

// Keys are dimensions (not `time`); a list means any of.
export type QueryFilters = Partial<Record<Exclude<Dimension, 'time'>, string | string[]>>;

export interface MetricsQuery {
  metric?: MetricName;
  metrics?: MetricName[];
  of?: 'nps' | 'csat';  // for `drivers`
  survey?: string;
  question?: string;
  group_by?: Dimension[];
  interval?: Interval;
  range?: QueryRange;
  filters?: QueryFilters;
  compare?: 'previous_period';
  limit?: number;
}

// A row's group: dimension → value; `null` for responses without a value for it.
// Emerging-topic rows are grouped by `topic` or `phrase`.
export type Group = Partial<Record<Dimension | 'phrase', string | null>>;

export interface Estimate {
  value: number | null;
  n: number;
  ci_low: number | null;
  ci_high: number | null;
}

export interface MetricRow extends Estimate {
  metric: MetricName;
  group: Group;
  // nps
  breakdown?: { promoters: number; passives: number; detractors: number };
  // compare: "previous_period" (emerging topics: `previous.n` only)
  previous?: Partial<Estimate> & { n: number };
  change?: number | null;
  p_value?: number | null;
  significant?: boolean;
  // drivers
  negative?: number;
  score_with?: number | null;
  score_without?: number | null;
  overall?: number | null;
}

export interface QueryAnswer {
  rows: MetricRow[];
  range: { from: string | null; to: string | null };
  time_zone: string;
}

// POST …/query/feedback: the query's survey, filters and range narrowed to one row's group.
// The metric (only responses with a value for it) and the interval (the length of a
// `group.time` bucket) go along too.
export interface DrillDownQuery {
  metric?: MetricName;
  survey?: string;
  interval?: Interval;
  range?: QueryRange;
  filters?: QueryFilters;
  group: Group;
  limit?: number;
  cursor?: string;
}

export interface SurveyChoice {
  id: string;
  name: string;
}

export interface Dimensions {
  channels: string[];
  languages: string[];
  // Ids, or ids with names.
  surveys: (string | SurveyChoice)[];
  topics: string[];
  sentiments: string[];
  segments: string[];
  attributes: Record<string, string[]>;
  time_zone?: string;
  responses?: number;
}

export type ExportFormat = 'csv' | 'xlsx';

const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const runQuery = (workspaceId: string, query: MetricsQuery, signal?: AbortSignal) =>
  api.post<QueryAnswer>(workspacePath(workspaceId, '/query'), query, signal);

export const drillDown = (workspaceId: string, query: DrillDownQuery, signal?: AbortSignal) =>
  api.post<Page<FeedbackItem>>(workspacePath(workspaceId, '/query/feedback'), query, signal);

export const getDimensions = (workspaceId: string, signal?: AbortSignal) =>
  api.get<Dimensions>(workspacePath(workspaceId, '/query/dimensions'), undefined, signal);

export const exportQuery = (workspaceId: string, query: MetricsQuery, format: ExportFormat): Promise<DownloadedFile> =>
  requestFile('POST', workspacePath(workspaceId, `/query.${format}`), query, EXPORT_TYPES[format]);

// Surveys as choices, whichever form the dimensions list gives them in.
export function surveyChoices(dimensions: Dimensions | undefined): SurveyChoice[] {
  return (dimensions?.surveys ?? []).map((survey) => (typeof survey === 'string' ? { id: survey, name: survey } : survey));
}
