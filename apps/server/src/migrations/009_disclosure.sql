-- 009 行政执法公示 (issue 5): penalty decisions that must be published (I1) with their redacted content, and their
-- withdrawal when the decision is changed, revoked, confirmed illegal or confirmed void (I2).
-- An entry is written in the decide step's transaction (pending, due by the I1 date) and published by a worker job
-- queued at once; a recorded change queues the withdrawal the same way. Pending past the due date = overdue.
CREATE TABLE disclosures (
  id                 uuid PRIMARY KEY,
  bureau_id          uuid,
  org_id             uuid NOT NULL REFERENCES orgs (id),
  case_id            uuid NOT NULL UNIQUE REFERENCES cases (id),
  document_number    text NOT NULL,
  agency_name        text NOT NULL,
  decided_on         date NOT NULL,
  -- I1: the last day to publish (decision date + configured working days).
  publish_due_on     date NOT NULL,
  -- pending → published → withdrawal_pending → withdrawn.
  state              text NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'published', 'withdrawal_pending', 'withdrawn')),
  published_at       timestamptz,
  published_on       date,
  -- I3: the last day on the public page (3 years after publication for a business entity; null for a person).
  public_until       date,
  -- The redacted content as published (document number, party, facts, legal basis, penalty, agency, date).
  content            jsonb NOT NULL,
  -- Redacted words for the public keyword search.
  search_text        text NOT NULL,
  -- I2: what happened to the decision, when, by which body, why.
  change_kind        text CHECK (change_kind IN ('changed', 'revoked', 'confirmed_illegal', 'confirmed_void')),
  change_on          date,
  change_body        text,
  change_reason      text,
  change_recorded_by uuid REFERENCES officers (id),
  change_recorded_at timestamptz,
  withdrawal_due_on  date,
  withdrawn_at       timestamptz,
  withdrawn_on       date,
  created_at         timestamptz NOT NULL,
  CHECK (state = 'pending' OR published_on IS NOT NULL),
  CHECK (state NOT IN ('withdrawal_pending', 'withdrawn') OR (change_kind IS NOT NULL AND withdrawal_due_on IS NOT NULL)),
  CHECK (state <> 'withdrawn' OR withdrawn_on IS NOT NULL)
);
CREATE INDEX disclosures_public_idx ON disclosures (state, decided_on DESC);
CREATE INDEX disclosures_org_idx ON disclosures (org_id, decided_on DESC);
CREATE INDEX disclosures_agency_idx ON disclosures (agency_name);
CREATE INDEX disclosures_search_trgm_idx ON disclosures USING gin (search_text gin_trgm_ops);
