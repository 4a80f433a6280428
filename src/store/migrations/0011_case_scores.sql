-- The NPS answer a case was opened for (from its survey response), so closed-loop figures can
-- tell the detractors' cases (0–6) from the others without re-reading the answers.
ALTER TABLE cases ADD COLUMN nps INTEGER;
CREATE INDEX cases_by_created ON cases (workspace_id, created_at);
