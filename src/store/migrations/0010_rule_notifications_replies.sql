-- Notification throttling of rules: when a rule last notified anyone, and how many firings
-- it kept quiet about since (a spike sends one alert, not a thousand).
ALTER TABLE rules ADD COLUMN last_notified_at BIGINT;
ALTER TABLE rules ADD COLUMN suppressed_count BIGINT NOT NULL DEFAULT 0;

-- Replies: the mails between an agent and the customer on a case. `body` is sealed by the
-- PII vault (it is the customer's words, or words to them); `reply_token` makes the case's
-- reply address (reply+<token>@domain) and is looked up when a reply comes back.
CREATE TABLE case_messages (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES cases (id),
  direction TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'reply',
  author_id BIGINT,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX case_messages_by_case ON case_messages (workspace_id, case_id, id);

-- The follow-up after resolution ("Was your problem solved?" + CSAT), one per resolution.
ALTER TABLE cases ADD COLUMN reply_token TEXT;
ALTER TABLE cases ADD COLUMN followup_token TEXT;
ALTER TABLE cases ADD COLUMN followup_sent_at BIGINT;
ALTER TABLE cases ADD COLUMN followup_answered_at BIGINT;
ALTER TABLE cases ADD COLUMN followup_solved INTEGER;
ALTER TABLE cases ADD COLUMN followup_csat INTEGER;
CREATE UNIQUE INDEX cases_by_reply_token ON cases (reply_token);
CREATE UNIQUE INDEX cases_by_followup_token ON cases (followup_token);
