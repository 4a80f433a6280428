-- Rules and cases (the workflow). A rule's `definition` is its JSON {"when": …, "then": […]}
-- as validated by workflow::Rules. A case gathers feedback items of one customer (case_items),
-- or the survey response it was opened for (response_id); priority is a level (low, normal,
-- high, urgent) with the score it was computed from, `priority_manual` when a person set it;
-- due times are the SLA's; case_events is the case's full history (changes and notes).

CREATE TABLE rules (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  definition TEXT NOT NULL,
  fired_count BIGINT NOT NULL DEFAULT 0,
  last_fired_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX rules_by_workspace ON rules (workspace_id, id);

CREATE TABLE cases (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  priority TEXT NOT NULL DEFAULT 'normal',
  priority_score INTEGER NOT NULL DEFAULT 0,
  priority_manual INTEGER NOT NULL DEFAULT 0,
  team TEXT NOT NULL DEFAULT '',
  assignee_id BIGINT,
  customer_id BIGINT,
  response_id BIGINT,
  rule_id BIGINT,
  tags TEXT NOT NULL DEFAULT '[]',
  first_response_due_at BIGINT,
  resolution_due_at BIGINT,
  first_responded_at BIGINT,
  resolved_at BIGINT,
  closed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX cases_by_status ON cases (workspace_id, status, id);
CREATE INDEX cases_by_assignee ON cases (workspace_id, assignee_id, id);
CREATE INDEX cases_by_customer ON cases (workspace_id, customer_id, status);

CREATE TABLE case_items (
  workspace_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES cases (id),
  feedback_id BIGINT NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, feedback_id)
);
CREATE INDEX case_items_by_feedback ON case_items (workspace_id, feedback_id);

CREATE TABLE case_events (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES cases (id),
  at BIGINT NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id BIGINT,
  kind TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_by_case ON case_events (workspace_id, case_id, id);
