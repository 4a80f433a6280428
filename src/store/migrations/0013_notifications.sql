-- In-app notifications: one row per member per thing to tell them ("a case was assigned to
-- you", a rule's alert, a missed SLA on their case), read or not. Pushed live to their open
-- dashboards after the commit; the list is the record.
CREATE TABLE notifications (
  id BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  user_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_by_user ON notifications (workspace_id, user_id, id);
