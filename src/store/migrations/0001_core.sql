-- Core schema: workspaces, people and their access, customers, feedback, idempotency, audit.
-- Portable across SQLite 3.40 and PostgreSQL 15. {{ID_PK}} is the dialect's 64-bit primary
-- key (INTEGER PRIMARY KEY in SQLite, so the id is the rowid; BIGINT PRIMARY KEY in
-- PostgreSQL). Times are BIGINT milliseconds since the Unix epoch, UTC. JSON is TEXT.

CREATE TABLE workspaces (
  id {{ID_PK}},
  name TEXT NOT NULL,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  default_language TEXT NOT NULL DEFAULT 'en',
  settings TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  deleted_at BIGINT
);

-- Staff accounts. The login e-mail is kept in clear: it is the staff member's own identifier.
CREATE TABLE users (
  id {{ID_PK}},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT 'en',
  created_at BIGINT NOT NULL,
  disabled_at BIGINT
);

CREATE TABLE memberships (
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

-- API tokens are stored as keyed hashes; the token itself is shown once, at creation.
CREATE TABLE api_tokens (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_by_workspace ON api_tokens (workspace_id);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Customers: contact fields are encrypted (secretbox, base64) and found by keyed hashes.
CREATE TABLE customers (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  external_id TEXT,
  email_hash TEXT,
  phone_hash TEXT,
  email_enc TEXT,
  phone_enc TEXT,
  name_enc TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX customers_by_external_id ON customers (workspace_id, external_id)
  WHERE external_id IS NOT NULL;
CREATE INDEX customers_by_email ON customers (workspace_id, email_hash)
  WHERE email_hash IS NOT NULL;
CREATE INDEX customers_by_phone ON customers (workspace_id, phone_hash)
  WHERE phone_hash IS NOT NULL;
CREATE INDEX customers_by_workspace ON customers (workspace_id, id);

CREATE TABLE feedback (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  channel TEXT NOT NULL,
  text TEXT NOT NULL,
  rating DOUBLE PRECISION,
  customer_id BIGINT REFERENCES customers (id),
  external_id TEXT,
  received_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  survey_id BIGINT,
  response_id BIGINT,
  tags TEXT NOT NULL DEFAULT '[]',
  language TEXT NOT NULL DEFAULT '',
  sentiment TEXT NOT NULL DEFAULT '',
  sentiment_score DOUBLE PRECISION NOT NULL DEFAULT 0,
  sentiment_source TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT '[]',
  topics_manual INTEGER NOT NULL DEFAULT 0,
  key_phrases TEXT NOT NULL DEFAULT '[]',
  redacted_text TEXT NOT NULL DEFAULT '',
  pii_kinds TEXT NOT NULL DEFAULT '[]',
  search_text TEXT NOT NULL DEFAULT '',
  analysis_version INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX feedback_by_external_id ON feedback (workspace_id, external_id)
  WHERE external_id IS NOT NULL;
CREATE INDEX feedback_by_received ON feedback (workspace_id, received_at, id);
CREATE INDEX feedback_by_customer ON feedback (customer_id, received_at)
  WHERE customer_id IS NOT NULL;

-- One row per (item, topic), so lists can be filtered by topic through an index.
CREATE TABLE feedback_topics (
  feedback_id BIGINT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  workspace_id BIGINT NOT NULL,
  topic TEXT NOT NULL,
  PRIMARY KEY (feedback_id, topic)
);
CREATE INDEX feedback_topics_by_topic ON feedback_topics (workspace_id, topic, feedback_id);

-- Replays of a request with the same Idempotency-Key return the first result.
CREATE TABLE idempotency_keys (
  workspace_id BIGINT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  resource_ids TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, idempotency_key)
);

-- Every change a person or token makes. details never holds secrets or customer PII.
CREATE TABLE audit_log (
  id {{ID_PK}},
  workspace_id BIGINT,
  actor_type TEXT NOT NULL,
  actor_id BIGINT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL DEFAULT '',
  target_id TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}',
  ip TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_by_workspace ON audit_log (workspace_id, id);
