-- 052 信用 and 复议/诉讼 (issue 15 §5, §7; docs/credit.md, docs/reviews.md): the credit consequences of decisions per the
-- bureau's credit catalogue, their exchange with the city's credit platform (an outbox, and the simulator's side),
-- 信用修复 applications from the party's portal, the 专用信用报告 (a signed document with no case), and every
-- administrative review or lawsuit against a case with its outcome and cause.

-- The bureau's credit settings (沪营商条例 Art. 65, 67 defaults): publication period, minimum periods before repair.
CREATE TABLE credit_settings (
  bureau_id                 uuid PRIMARY KEY REFERENCES orgs (id),
  publish_months            integer NOT NULL DEFAULT 36 CHECK (publish_months BETWEEN 1 AND 120),
  repair_min_months_general integer NOT NULL DEFAULT 3 CHECK (repair_min_months_general BETWEEN 0 AND 120),
  repair_min_months_serious integer NOT NULL DEFAULT 12 CHECK (repair_min_months_serious BETWEEN 0 AND 120),
  repair_conditions         text[] NOT NULL DEFAULT '{}',
  updated_by                uuid,
  updated_at                timestamptz NOT NULL DEFAULT now()
);

-- The credit catalogue: per offence code, whether a decision makes a credit record, its severity (serious = the
-- food/drugs/special-equipment/work-safety/fire fields, one year before repair) and its own publication period.
CREATE TABLE credit_catalogue (
  id             uuid PRIMARY KEY,
  bureau_id      uuid NOT NULL REFERENCES orgs (id),
  offence_code   text NOT NULL,
  record         boolean NOT NULL DEFAULT true,
  severity       text NOT NULL DEFAULT 'general' CHECK (severity IN ('general', 'serious')),
  publish_months integer CHECK (publish_months BETWEEN 1 AND 120),
  note           text,
  updated_by     uuid,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bureau_id, offence_code)
);

-- One credit record per published penalty decision (written in the decide step's transaction).
CREATE TABLE credit_records (
  id                 uuid PRIMARY KEY,
  bureau_id          uuid NOT NULL REFERENCES orgs (id),
  org_id             uuid NOT NULL REFERENCES orgs (id),
  case_id            uuid NOT NULL UNIQUE REFERENCES cases (id),
  subject_type       text NOT NULL,
  subject_name       text NOT NULL,
  subject_code       text,
  offence_code       text NOT NULL,
  offence_provision  text NOT NULL,
  document_number    text NOT NULL,
  penalty_text       text NOT NULL,
  decided_on         date NOT NULL,
  severity           text NOT NULL CHECK (severity IN ('general', 'serious')),
  publish_until      date NOT NULL,
  repair_possible_on date NOT NULL,
  status             text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'repaired', 'withdrawn')),
  withdrawn_on       date,
  withdrawn_reason   text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_records_subject_idx ON credit_records (subject_code, decided_on);
CREATE INDEX credit_records_bureau_idx ON credit_records (bureau_id, decided_on DESC);

-- Messages to the credit platform (publish / withdraw), each with its idempotency key, sent by a retried job.
CREATE TABLE credit_outbox (
  id              uuid PRIMARY KEY,
  record_id       uuid NOT NULL REFERENCES credit_records (id),
  bureau_id       uuid NOT NULL,
  op              text NOT NULL CHECK (op IN ('publish', 'withdraw')),
  idempotency_key text NOT NULL UNIQUE,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'retrying', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_outbox_record_idx ON credit_outbox (record_id);

-- The local simulator of the city credit platform: what it applied, once per idempotency key.
CREATE TABLE credit_sim_applied (
  idempotency_key text PRIMARY KEY,
  op              text NOT NULL,
  record_ref      text NOT NULL,
  deliveries      integer NOT NULL DEFAULT 1,
  applied_at      timestamptz NOT NULL
);

-- 信用修复: applied for by the party (portal) for a record of his case, decided by the bureau.
CREATE TABLE credit_repairs (
  id            uuid PRIMARY KEY,
  record_id     uuid NOT NULL REFERENCES credit_records (id),
  bureau_id     uuid NOT NULL,
  org_id        uuid NOT NULL,
  applicant     text NOT NULL,
  phone         text,
  corrected     text NOT NULL,
  commitment    text NOT NULL,
  conditions    text[] NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  applied_at    timestamptz NOT NULL,
  decided_by    uuid REFERENCES officers (id),
  decided_at    timestamptz,
  decision_note text
);
CREATE INDEX credit_repairs_status_idx ON credit_repairs (bureau_id, status, applied_at);
CREATE UNIQUE INDEX credit_repairs_one_pending ON credit_repairs (record_id) WHERE status = 'pending';

-- 专用信用报告: a signed document about a subject over a period; the document row has no case.
ALTER TABLE documents ALTER COLUMN case_id DROP NOT NULL;
CREATE TABLE credit_reports (
  id           uuid PRIMARY KEY,
  bureau_id    uuid NOT NULL,
  subject_code text NOT NULL,
  subject_name text NOT NULL,
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  record_count integer NOT NULL,
  document_id  uuid NOT NULL REFERENCES documents (id),
  created_by   uuid REFERENCES officers (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to >= period_from)
);

-- 复议 and 诉讼 against a case: outcome (null while pending) and its cause; the case's officers when recorded.
CREATE TABLE case_reviews (
  id            uuid PRIMARY KEY,
  bureau_id     uuid NOT NULL REFERENCES orgs (id),
  org_id        uuid NOT NULL REFERENCES orgs (id),
  case_id       uuid NOT NULL REFERENCES cases (id),
  kind          text NOT NULL CHECK (kind IN ('review', 'lawsuit')),
  filed_on      date NOT NULL,
  forum         text NOT NULL,
  reference_no  text,
  outcome       text CHECK (outcome IN ('upheld', 'changed', 'revoked', 'confirmed_illegal', 'lost')),
  cause         text CHECK (cause IN ('facts', 'law', 'procedure', 'authority', 'discretion', 'other')),
  cause_note    text,
  decided_on    date,
  officer_ids   uuid[] NOT NULL DEFAULT '{}',
  created_by    uuid REFERENCES officers (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (decided_on IS NULL OR decided_on >= filed_on),
  CHECK ((outcome IS NULL) = (decided_on IS NULL))
);
CREATE INDEX case_reviews_bureau_idx ON case_reviews (bureau_id, decided_on);
CREATE INDEX case_reviews_case_idx ON case_reviews (case_id);
