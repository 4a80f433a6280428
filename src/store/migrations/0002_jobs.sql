-- Background jobs: re-analysis, e-mail sends and reminders, webhook deliveries, scheduled
-- checks. Durable: a job survives restarts; a worker leases it, and a lease that expires
-- (its worker died) makes the job claimable again.
CREATE TABLE jobs (
  id {{ID_PK}},
  workspace_id BIGINT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL,            -- queued | running | done | failed | cancelled
  run_after BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 5,
  lease_owner TEXT,
  lease_until BIGINT,
  progress_done BIGINT NOT NULL DEFAULT 0,
  progress_total BIGINT NOT NULL DEFAULT 0,
  result TEXT NOT NULL DEFAULT '{}',
  error TEXT NOT NULL DEFAULT '',
  dedupe_key TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX jobs_due ON jobs (status, run_after);
CREATE INDEX jobs_by_workspace ON jobs (workspace_id, kind, id);
-- At most one queued or running job per (kind, dedupe_key): scheduled work runs once.
CREATE UNIQUE INDEX jobs_dedupe ON jobs (kind, dedupe_key)
  WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');

-- Periods of periodic work already scheduled, so each period runs once across all nodes.
CREATE TABLE job_slots (
  kind TEXT NOT NULL,
  slot BIGINT NOT NULL,
  PRIMARY KEY (kind, slot)
);
