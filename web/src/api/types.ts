// The shapes the Voxloop HTTP API returns (docs/api.md). Ids are decimal strings, times
// RFC 3339 strings in UTC.

export type Role = 'owner' | 'admin' | 'analyst' | 'agent' | 'viewer';

export type Permission =
  | 'workspace.read' | 'workspace.manage' | 'workspace.delete'
  | 'members.read' | 'members.manage' | 'tokens.manage'
  | 'feedback.read' | 'feedback.write' | 'feedback.correct' | 'feedback.erase'
  | 'customers.read' | 'customers.write' | 'pii.read' | 'metrics.read' | 'export'
  | 'surveys.read' | 'surveys.manage' | 'taxonomy.manage' | 'models.manage'
  | 'cases.read' | 'cases.work' | 'rules.read' | 'rules.manage' | 'webhooks.manage'
  | 'audit.read';

export interface User {
  id: string;
  email: string;
  name: string;
  locale: string;
  created_at: string;
}

export interface MemberWorkspace {
  id: string;
  name: string;
  timezone: string;
  default_language: string;
  created_at: string;
  role: Role;
  permissions: Permission[];
}

export interface Me {
  kind: 'user' | 'token';
  user?: User;
  csrf_token?: string;
  workspaces: MemberWorkspace[];
}

export const CHANNELS = [
  'survey', 'web_form', 'widget', 'email', 'chat', 'review', 'social',
  'phone', 'import', 'api', 'kiosk', 'sms', 'in_app',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export interface FeedbackAnalysis {
  language: string;
  sentiment: { label: Sentiment | null; score: number; source: string };
  topics: string[];
  topics_source: 'auto' | 'manual';
  key_phrases: string[];
  pii: string[];
  redacted_text: string;
  version: number;
}

export interface FeedbackItem {
  id: string;
  workspace_id: string;
  channel: Channel;
  text: string;
  text_redacted: boolean;
  rating: number | null;
  customer_id: string | null;
  external_id: string | null;
  received_at: string;
  created_at: string;
  metadata: Record<string, unknown>;
  tags: string[];
  survey_id: string | null;
  response_id: string | null;
  analysis: FeedbackAnalysis;
}

export interface Customer {
  id: string;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  attributes: Record<string, unknown>;
  pii_masked: boolean;
  created_at: string;
  updated_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface SavedView {
  id: string;
  name: string;
  page: string;
  filters: Record<string, string>;
  shared: boolean;
  owner_type: 'user' | 'token';
  owner_id: string;
  mine: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

// RFC 9457 problem details, as every error answer carries them.
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  request_id?: string;
}
