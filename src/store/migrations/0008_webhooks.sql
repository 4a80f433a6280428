-- Webhooks: a workspace's subscriptions to events and every delivery made to them.
-- `events` is a JSON array of event types ("feedback.created", …, or "*"); `secret` is the
-- signing secret sealed by the PII vault (it is shown once, at creation). A delivery is one
-- event for one subscription: its `event_id` is the webhook-id header, the same on every
-- attempt, so that receivers can de-duplicate; `payload` is the exact body that is signed.
-- status: pending (an attempt is due), delivered (a 2xx came back), failed (out of attempts).

CREATE TABLE webhooks (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  url TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  events TEXT NOT NULL DEFAULT '[]',
  secret TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX webhooks_by_workspace ON webhooks (workspace_id, id);

CREATE TABLE webhook_deliveries (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  webhook_id BIGINT NOT NULL REFERENCES webhooks (id),
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  last_status_code INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  last_duration_ms INTEGER,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  delivered_at BIGINT
);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (workspace_id, webhook_id, id);
