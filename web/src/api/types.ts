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

export interface Member {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  since: string;
}

// Roles whose members may be assigned cases (cases.work, docs/permissions.md).
export const CASE_WORKER_ROLES: readonly Role[] = ['owner', 'admin', 'agent'];

export const CASE_STATUSES = ['new', 'open', 'waiting_on_customer', 'resolved', 'closed', 'reopened'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Case {
  id: string;
  title: string;
  status: CaseStatus;
  priority: Priority;
  priority_score: number;
  priority_manual: boolean;
  team: string;
  assignee_id: string | null;
  customer_id: string | null;
  response_id: string | null;
  rule_id: string | null;
  tags: string[];
  feedback_item_ids: string[];
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_responded_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CaseEvent {
  id: string;
  at: string;
  actor_type: 'user' | 'token' | 'rule' | 'system' | string;
  actor_id: string | null;
  // created, changed, note, items_added — and later reply, customer_replied, followup_sent,
  // followup_answered; anything else is shown generically.
  kind: string;
  data: Record<string, unknown>;
}

export interface CaseDetail extends Case {
  history: CaseEvent[];
}

// One message of a case's conversation with its customer.
export interface CaseMessage {
  id: string;
  direction: 'outbound' | 'inbound';
  kind: 'reply' | 'followup';
  subject: string | null;
  // null when the viewer may not see personal data (then body_hidden is true).
  body: string | null;
  body_hidden?: boolean;
  status: 'queued' | 'sent' | 'failed' | 'received';
  created_at: string;
  sent_at: string | null;
}

export interface BulkResult {
  id: string;
  ok: boolean;
  case?: Case;
  error?: Problem;
}

export const CONDITION_FIELDS = [
  'channel', 'text', 'rating', 'nps', 'csat', 'ces', 'language', 'sentiment.label', 'sentiment.score',
  'topics', 'survey',
] as const;
export const NUMBER_FIELDS: readonly string[] = ['rating', 'nps', 'csat', 'ces', 'sentiment.score'];
export const CONDITION_OPS = ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export interface ConditionLeaf {
  field: string;
  op: ConditionOp;
  value: unknown;
}
export type Condition = ConditionLeaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const ACTION_TYPES = ['create_case', 'assign', 'set_priority', 'tag', 'notify_webhook', 'notify_email'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface RuleAction {
  type: ActionType;
  title?: string;
  team?: string;
  user_id?: string;
  priority?: Priority;
  tags?: string[];
  url?: string;
  to?: string[];
}

export interface QuietHours {
  start: string;
  end: string;
}

export interface RuleBody {
  name: string;
  enabled: boolean;
  when: Condition;
  then: RuleAction[];
  throttle_minutes: number | null;
  quiet_hours: QuietHours | null;
}

export interface Rule extends RuleBody {
  id: string;
  fired_count: number;
  last_fired_at: string | null;
  last_notified_at: string | null;
  created_at: string;
  updated_at: string;
}
