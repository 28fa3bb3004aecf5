-- 003 Online case handling (网上办案): parties, cases with their full snapshot, officers, the event timeline,
-- evidence, 笔录, deadlines, document numbers (文号), B2 summary ticket ranges and the content-addressed files.
-- The `snapshot` column holds the domain CaseSnapshot (officers without credentials, which are loaded live);
-- every other case column is derived from it on each write, for filtering and paging.

-- Content-addressed files: the name is the SM3 of the bytes, computed at upload.
CREATE TABLE files (
  sm3        text PRIMARY KEY CHECK (sm3 ~ '^[0-9a-f]{64}$'),
  size       bigint NOT NULL CHECK (size >= 0),
  mime       text NOT NULL,
  bureau_id  uuid,
  created_by uuid REFERENCES officers (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- 当事人: natural persons (居民身份证, GB 11643), legal persons and other organisations (USCC, GB 32100).
CREATE TABLE parties (
  id                   uuid PRIMARY KEY,
  bureau_id            uuid,
  type                 text NOT NULL CHECK (type IN ('natural_person', 'legal_person', 'other_org')),
  name                 text NOT NULL,
  id_type              text NOT NULL CHECK (id_type IN ('id_card', 'uscc', 'passport', 'other')),
  id_number            text NOT NULL,
  birth_date           date,
  gender               text CHECK (gender IN ('M', 'F')),
  phone                text,
  address              text,
  legal_representative text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX parties_identity_idx ON parties (bureau_id, id_type, id_number) NULLS NOT DISTINCT;
CREATE INDEX parties_name_trgm_idx ON parties USING gin (name gin_trgm_ops);

CREATE TABLE cases (
  id               uuid PRIMARY KEY,
  bureau_id        uuid,
  org_id           uuid NOT NULL REFERENCES orgs (id),
  procedure        text NOT NULL CHECK (procedure IN ('ordinary', 'summary')),
  state            text NOT NULL,
  source           text NOT NULL CHECK (source IN ('patrol', 'complaint', 'offsite', 'inspection', 'transfer_in', 'leader_instruction')),
  source_ref       text,
  case_number      text,
  offence_id       uuid REFERENCES law_offences (id),
  offence_code     text NOT NULL,
  offence_name     text NOT NULL,
  domain           text,
  party_id         uuid NOT NULL REFERENCES parties (id),
  party_type       text NOT NULL,
  party_name       text NOT NULL,
  act_id           text NOT NULL,
  act_date         date NOT NULL,
  location         text NOT NULL,
  facts            text NOT NULL,
  discovered_on    date,
  registered_on    date,
  filed_on         date,
  decided_on       date,
  closed_on        date,
  decision_outcome text,
  -- E6: a FINE decision for this act (counted across cases by act_id).
  fine_fen         bigint,
  has_overdue      boolean NOT NULL DEFAULT false,
  next_due_date    date,
  version          integer NOT NULL DEFAULT 1,
  snapshot         jsonb NOT NULL,
  created_by       uuid REFERENCES officers (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cases_number_idx ON cases (bureau_id, case_number) WHERE case_number IS NOT NULL;
CREATE INDEX cases_org_state_idx ON cases (org_id, state);
CREATE INDEX cases_bureau_state_idx ON cases (bureau_id, state, updated_at DESC);
CREATE INDEX cases_offence_idx ON cases (offence_code);
CREATE INDEX cases_domain_idx ON cases (domain);
CREATE INDEX cases_discovered_idx ON cases (discovered_on);
CREATE INDEX cases_overdue_idx ON cases (org_id) WHERE has_overdue;
CREATE INDEX cases_act_idx ON cases (act_id);
CREATE INDEX cases_party_idx ON cases (party_id);
CREATE INDEX cases_party_name_trgm_idx ON cases USING gin (party_name gin_trgm_ops);
CREATE INDEX cases_location_trgm_idx ON cases USING gin (location gin_trgm_ops);

-- 承办人: the lead officer and the assistants.
CREATE TABLE case_officers (
  case_id    uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  officer_id uuid NOT NULL REFERENCES officers (id),
  role       text NOT NULL CHECK (role IN ('lead', 'assist')),
  PRIMARY KEY (case_id, officer_id)
);
CREATE INDEX case_officers_officer_idx ON case_officers (officer_id);

-- The timeline: one row per step (and per worker alert), never updated.
CREATE TABLE case_events (
  id         uuid PRIMARY KEY,
  seq        bigint GENERATED ALWAYS AS IDENTITY,
  case_id    uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  bureau_id  uuid,
  action     text NOT NULL,
  from_state text,
  to_state   text,
  legal_date date NOT NULL,
  at         timestamptz NOT NULL,
  actor_id   uuid REFERENCES officers (id),
  -- The case version this event produced (null for worker alerts, which change no state).
  version    integer,
  data       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX case_events_case_idx ON case_events (case_id, seq);
CREATE UNIQUE INDEX case_events_version_idx ON case_events (case_id, version) WHERE version IS NOT NULL;

-- A4: evidence items of the statutory types, each bound to a stored file by its SM3.
CREATE TABLE case_evidence (
  id              uuid PRIMARY KEY,
  case_id         uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  bureau_id       uuid,
  event_id        uuid NOT NULL REFERENCES case_events (id),
  evidence_type   text NOT NULL,
  title           text NOT NULL,
  file_sm3        text NOT NULL REFERENCES files (sm3),
  size            bigint NOT NULL,
  mime            text NOT NULL,
  collected_on    date NOT NULL,
  collected_by    uuid REFERENCES officers (id),
  -- A5: electronic monitoring device (处罚法 Art. 41).
  device_name     text,
  device_id       text,
  device          jsonb,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_evidence_case_idx ON case_evidence (case_id);

-- Inspection (检查/勘验) and questioning (询问) 笔录 (A1–A3).
CREATE TABLE case_records (
  id                  uuid PRIMARY KEY,
  case_id             uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  bureau_id           uuid,
  event_id            uuid NOT NULL REFERENCES case_events (id),
  kind                text NOT NULL CHECK (kind IN ('inspection', 'questioning')),
  recorded_on         date NOT NULL,
  officer_ids         uuid[] NOT NULL,
  credentials_shown   boolean NOT NULL,
  officers_signed     boolean NOT NULL,
  party_signed        boolean NOT NULL,
  witness_signed      boolean NOT NULL,
  absence_note        text,
  statutory_exception text,
  location            text,
  interviewee         text,
  content             text,
  file_sm3            text REFERENCES files (sm3),
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_records_case_idx ON case_records (case_id);

-- Numbered documents of a case (立案号, 决定书文号 …).
CREATE TABLE case_documents (
  id        uuid PRIMARY KEY,
  case_id   uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  bureau_id uuid,
  event_id  uuid NOT NULL REFERENCES case_events (id),
  doc_type  text NOT NULL,
  number    text NOT NULL,
  issued_on date NOT NULL
);
CREATE UNIQUE INDEX case_documents_number_idx ON case_documents (bureau_id, doc_type, number) NULLS NOT DISTINCT;
CREATE INDEX case_documents_case_idx ON case_documents (case_id);

-- Every deadline of a case, refreshed from the domain's runningDeadlines on each step and by the worker.
CREATE TABLE case_deadlines (
  case_id            uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind               text NOT NULL,
  bureau_id          uuid,
  org_id             uuid NOT NULL,
  due_date           date NOT NULL,
  basis              jsonb NOT NULL,
  state              text NOT NULL CHECK (state IN ('running', 'paused', 'met', 'overdue')),
  holder             text NOT NULL CHECK (holder IN ('agency', 'party')),
  done_on            date,
  reminded_at        timestamptz,
  overdue_alerted_at timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, kind)
);
CREATE INDEX case_deadlines_due_idx ON case_deadlines (org_id, due_date) WHERE state IN ('running', 'overdue');

-- 文号 patterns per bureau and document type, e.g. 沪浦城管罚决字〔{year}〕第{seq:6}号.
CREATE TABLE doc_number_patterns (
  bureau_id  uuid NOT NULL,
  doc_type   text NOT NULL,
  pattern    text NOT NULL,
  updated_by uuid REFERENCES officers (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bureau_id, doc_type)
);

-- Gap-free sequences: incremented with UPDATE … RETURNING inside the step's transaction, so a rolled-back
-- step gives its number back and two concurrent steps queue on the row lock.
CREATE TABLE doc_number_sequences (
  bureau_id  uuid NOT NULL,
  year       integer NOT NULL,
  doc_type   text NOT NULL,
  last_value integer NOT NULL DEFAULT 0,
  PRIMARY KEY (bureau_id, year, doc_type)
);

-- B2 (处罚法 Art. 52): pre-assigned, numbered 当场处罚决定书 ranges per squad (or per officer).
CREATE TABLE summary_ticket_ranges (
  id           uuid PRIMARY KEY,
  bureau_id    uuid,
  org_id       uuid NOT NULL REFERENCES orgs (id),
  officer_id   uuid REFERENCES officers (id),
  prefix       text NOT NULL,
  first_number integer NOT NULL CHECK (first_number >= 1),
  last_number  integer NOT NULL,
  next_number  integer NOT NULL,
  digits       integer NOT NULL DEFAULT 6,
  created_by   uuid REFERENCES officers (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (last_number >= first_number),
  CHECK (next_number BETWEEN first_number AND last_number + 1)
);
CREATE INDEX summary_ticket_ranges_org_idx ON summary_ticket_ranges (org_id, officer_id);
