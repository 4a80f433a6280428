-- Surveys: the survey row (status, current version, counters) and one row per version of its
-- definition (JSON, see docs/surveys.md). Editing an active or paused survey adds a version;
-- responses keep the version they answered. status is draft | active | paused | closed.
CREATE TABLE surveys (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  revision BIGINT NOT NULL DEFAULT 1,
  response_count BIGINT NOT NULL DEFAULT 0,
  template TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT,
  closed_at BIGINT
);
CREATE INDEX surveys_by_workspace ON surveys (workspace_id, id);

CREATE TABLE survey_versions (
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (survey_id, version)
);

-- Responses: partial while the respondent goes (hosted page, saved step by step; found by the
-- hash of its session token), completed once submitted. channel is how it came in: link,
-- widget, email, kiosk, qr, api. Anonymous surveys keep no customer and no client address;
-- client_hash is a keyed hash of the client's address for the duplicate guard only.
CREATE TABLE survey_responses (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  channel TEXT NOT NULL,
  language TEXT NOT NULL,
  session_hash TEXT,
  invitation_id BIGINT,
  customer_id BIGINT REFERENCES customers (id),
  answers TEXT NOT NULL DEFAULT '{}',
  hidden TEXT NOT NULL DEFAULT '{}',
  client_hash TEXT NOT NULL DEFAULT '',
  answers_hash TEXT NOT NULL DEFAULT '',
  started_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  completed_at BIGINT
);
CREATE INDEX survey_responses_by_survey ON survey_responses (survey_id, id);
CREATE UNIQUE INDEX survey_responses_by_session ON survey_responses (session_hash)
  WHERE session_hash IS NOT NULL;
CREATE UNIQUE INDEX survey_responses_by_invitation ON survey_responses (invitation_id)
  WHERE invitation_id IS NOT NULL;
CREATE INDEX survey_responses_by_customer ON survey_responses (customer_id)
  WHERE customer_id IS NOT NULL;
CREATE INDEX survey_responses_duplicates ON survey_responses (survey_id, answers_hash, completed_at);

-- E-mail invitations: a send is one mailing of a survey to a list of customers; each
-- invitation is one customer's personal link (token stored as a hash), with its delivery
-- state (queued, sent, bounced, failed, unsubscribed), opens, reminders and response.
CREATE TABLE survey_sends (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  name TEXT NOT NULL,
  reminder_after_days INTEGER NOT NULL DEFAULT 0,
  max_reminders INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX survey_sends_by_survey ON survey_sends (survey_id, id);

CREATE TABLE survey_invitations (
  id {{ID_PK}},
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  send_id BIGINT REFERENCES survey_sends (id),
  customer_id BIGINT REFERENCES customers (id),
  token_hash TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  reminders_sent INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  last_sent_at BIGINT,
  opened_at BIGINT,
  responded_at BIGINT,
  response_id BIGINT
);
CREATE UNIQUE INDEX survey_invitations_by_token ON survey_invitations (token_hash);
CREATE INDEX survey_invitations_by_send ON survey_invitations (send_id, id);
CREATE INDEX survey_invitations_by_survey ON survey_invitations (survey_id, id);

-- Addresses that asked for no more survey mail (keyed hash of the normalised address).
CREATE TABLE email_suppressions (
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  email_hash TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, email_hash)
);
