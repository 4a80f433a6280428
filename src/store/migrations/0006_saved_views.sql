-- Saved views: a member's named dashboard screen with its filters, so they can come back to
-- it or share it with the workspace. The owner is the principal that saved it — a person
-- ('user') or an API token ('token'). `filters` is a JSON object of string values (the
-- dashboard's URL query parameters); `shared` is 0/1; `version` guards concurrent edits.

CREATE TABLE saved_views (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  owner_type TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  page TEXT NOT NULL,
  filters TEXT NOT NULL DEFAULT '{}',
  shared INTEGER NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX saved_views_by_owner ON saved_views (workspace_id, owner_type, owner_id, id);
CREATE INDEX saved_views_shared ON saved_views (workspace_id, id) WHERE shared = 1;
