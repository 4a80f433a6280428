-- What the analysis engine learns per workspace: its topic taxonomy (versioned), trained
-- models (versioned; one active per task), and people's corrections, which are the training
-- data for those models.
CREATE TABLE taxonomies (
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, version)
);

CREATE TABLE analysis_models (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  task TEXT NOT NULL,             -- sentiment | topic
  version TEXT NOT NULL,          -- content hash of the model file
  model TEXT NOT NULL,            -- the fastText model, base64
  metrics TEXT NOT NULL,          -- held-out quality, JSON
  source TEXT NOT NULL,           -- sentiment: builtin | blend | model (how it is served)
  status TEXT NOT NULL,           -- active | retired
  examples INTEGER NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX analysis_models_by_workspace ON analysis_models (workspace_id, task, status);

CREATE TABLE analysis_corrections (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  feedback_id BIGINT NOT NULL,
  task TEXT NOT NULL,             -- sentiment | topic
  label TEXT NOT NULL,            -- the corrected sentiment label or topic path
  previous TEXT NOT NULL DEFAULT '',
  actor_type TEXT NOT NULL,
  actor_id BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX analysis_corrections_by_workspace ON analysis_corrections (workspace_id, task, id);
CREATE INDEX analysis_corrections_by_feedback ON analysis_corrections (feedback_id);
