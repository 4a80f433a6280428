-- feedback_topics stored in the order lists filter it (workspace, topic, item), as one
-- B-tree on SQLite (WITHOUT ROWID) instead of a rowid table, its primary key and the
-- by-topic index: every topic row of every item stored wrote all three. Removing an item's
-- topics (re-analysis, erasure, ON DELETE CASCADE) goes through the index on feedback_id.
CREATE TABLE feedback_topics_rebuilt (
  workspace_id BIGINT NOT NULL,
  topic TEXT NOT NULL,
  feedback_id BIGINT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  PRIMARY KEY (workspace_id, topic, feedback_id)
){{WITHOUT_ROWID}};
INSERT INTO feedback_topics_rebuilt (workspace_id, topic, feedback_id)
  SELECT workspace_id, topic, feedback_id FROM feedback_topics;
DROP TABLE feedback_topics;
ALTER TABLE feedback_topics_rebuilt RENAME TO feedback_topics;
CREATE INDEX feedback_topics_by_feedback ON feedback_topics (feedback_id);
