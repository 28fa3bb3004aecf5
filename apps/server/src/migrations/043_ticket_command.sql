-- 043 综合指挥 (issue 13 §3, §4, §8): overdue alerts on the tickets' clocks and the in-console messages they are sent
-- as; the category editor writes `ticket_categories` (037) and needs no new column.

-- In-console messages (站内消息) to one officer: the alerts of the command centre and the squads. `dedupe_key` makes a
-- message to the same officer about the same thing one row, whoever posts it and however often.
CREATE TABLE console_messages (
  id            uuid PRIMARY KEY,
  recipient_id  uuid NOT NULL REFERENCES officers (id),
  bureau_id     uuid REFERENCES orgs (id),
  kind          text NOT NULL,
  title         text NOT NULL,
  body          text NOT NULL,
  link          text,
  dedupe_key    text NOT NULL,
  created_at    timestamptz NOT NULL,
  read_at       timestamptz,
  UNIQUE (recipient_id, dedupe_key)
);
CREATE INDEX console_messages_recipient_idx ON console_messages (recipient_id, created_at);

-- One row per ticket, clock, threshold and due instant: the alert was raised (and its messages posted in the same
-- transaction). A re-run, a second worker or a run after a crash inserts nothing twice; a clock whose due instant moves
-- (extension, 督办) may warn again for the new instant.
CREATE TABLE ticket_alerts (
  ticket_id   uuid NOT NULL REFERENCES tickets (id),
  clock       text NOT NULL CHECK (clock IN ('first_contact', 'handling')),
  threshold   text NOT NULL CHECK (threshold IN ('warning', 'expired')),
  due_at      timestamptz NOT NULL,
  raised_at   timestamptz NOT NULL,
  recipients  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (ticket_id, clock, threshold, due_at)
);
CREATE INDEX ticket_alerts_raised_idx ON ticket_alerts (raised_at);
