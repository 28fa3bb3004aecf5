-- 056 住宅小区综合监管 (issue 17 §2; docs/compounds.md): the compound is a registry subject (kind residential_compound)
-- with its property company (a subject of kind property_company); residents' and property companies' renovation
-- declarations (装修申报) with the permit rules they met; property companies' reports of problems (违法搭建, 承重结构)
-- and what became of them (an inspection task or a case); 房屋注记 / 解注记 with the housing department as one flow.

CREATE TABLE compound_profiles (
  subject_id          uuid PRIMARY KEY REFERENCES subjects (id),
  bureau_id           uuid NOT NULL REFERENCES orgs (id),
  property_company_id uuid REFERENCES subjects (id),
  households          integer CHECK (households IS NULL OR households >= 0),
  updated_by          uuid REFERENCES officers (id),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE renovation_declarations (
  id               uuid PRIMARY KEY,
  number           text NOT NULL UNIQUE,
  bureau_id        uuid NOT NULL REFERENCES orgs (id),
  compound_id      uuid NOT NULL REFERENCES subjects (id),
  declarant_kind   text NOT NULL CHECK (declarant_kind IN ('resident', 'property_company')),
  declarant_name   text NOT NULL,
  citizen_id       uuid,
  room             text NOT NULL,
  works            text[] NOT NULL,
  start_on         date NOT NULL,
  end_on           date NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('registered', 'permit_needed', 'prohibited')),
  rules            jsonb NOT NULL DEFAULT '[]',
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (end_on >= start_on)
);
CREATE INDEX renovation_declarations_compound_idx ON renovation_declarations (compound_id, created_at);
CREATE INDEX renovation_declarations_bureau_idx ON renovation_declarations (bureau_id, created_at);

CREATE TABLE property_reports (
  id               uuid PRIMARY KEY,
  number           text NOT NULL UNIQUE,
  bureau_id        uuid NOT NULL REFERENCES orgs (id),
  org_id           uuid REFERENCES orgs (id),
  compound_id      uuid NOT NULL REFERENCES subjects (id),
  company_id       uuid REFERENCES subjects (id),
  reporter_name    text NOT NULL,
  citizen_id       uuid,
  problem          text NOT NULL CHECK (problem IN ('illegal_construction', 'load_bearing', 'other')),
  room             text,
  description      text NOT NULL,
  state            text NOT NULL DEFAULT 'reported' CHECK (state IN ('reported', 'inspection', 'case', 'closed')),
  inspection_task_id uuid,
  case_id          uuid,
  disposed_by      uuid REFERENCES officers (id),
  disposed_at      timestamptz,
  note             text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX property_reports_bureau_idx ON property_reports (bureau_id, state, created_at);

-- 房屋注记 / 解注记: one row per annotation, from the request through the housing department's receipt to the release.
CREATE TABLE house_annotations (
  id                 uuid PRIMARY KEY,
  bureau_id          uuid NOT NULL REFERENCES orgs (id),
  compound_id        uuid NOT NULL REFERENCES subjects (id),
  room               text NOT NULL,
  reason             text NOT NULL,
  report_id          uuid REFERENCES property_reports (id),
  state              text NOT NULL CHECK (state IN ('annotating', 'annotated', 'releasing', 'released')),
  housing_ref        text,
  release_reason     text,
  attempts           integer NOT NULL DEFAULT 0,
  last_error         text,
  created_by         uuid REFERENCES officers (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  annotated_at       timestamptz,
  released_at        timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
-- One annotation in force per room of a compound.
CREATE UNIQUE INDEX house_annotations_open_idx ON house_annotations (compound_id, room) WHERE state <> 'released';
