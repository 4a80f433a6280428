-- The watch job: a metric rule's state between runs ({"holds": true, "since": …, "value": …},
-- so that it alerts when its condition starts to hold, not on every run), and when a case
-- missed each of its SLA due times (each breach is an event once).
ALTER TABLE rules ADD COLUMN state TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN first_response_breached_at BIGINT;
ALTER TABLE cases ADD COLUMN resolution_breached_at BIGINT;
-- When a case was last reopened: its resolution SLA counts from then.
ALTER TABLE cases ADD COLUMN reopened_at BIGINT;
