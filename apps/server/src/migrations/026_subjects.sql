-- 026 执法对象 (regulated subjects, 一店一档 / 一店一码), their timeline, squads' service areas, the 检查事项清单 and
-- inspection tasks (REQUIREMENTS.md R9, R10; docs/random-inspections.md). The risk rule data, plans and draws,
-- visits and their results are added by the migrations that follow; this one holds what they share.

-- A squad's service area (街镇): the polygon or multipolygon, in WGS-84 GeoJSON, that decides which squad a point
-- belongs to. No openly licensed package ships Shanghai's street boundaries, so the bureau enters them (or the city
-- generator draws them); the box is kept beside it so that "which areas can hold this point" is one index read.
CREATE TABLE org_areas (
  org_id      uuid PRIMARY KEY REFERENCES orgs (id),
  street_name text NOT NULL,
  geometry    jsonb NOT NULL,
  min_lon     double precision NOT NULL,
  min_lat     double precision NOT NULL,
  max_lon     double precision NOT NULL,
  max_lat     double precision NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (min_lon <= max_lon AND min_lat <= max_lat)
);
CREATE INDEX org_areas_box_idx ON org_areas (min_lon, max_lon, min_lat, max_lat);

-- One record per shop, site, fume restaurant, historic building, stall point, transport company or vehicle,
-- residential compound or property company. `bureau_id` owns it; `org_id` is the squad whose area holds its point
-- (NULL while it has no point or no area holds it — the data-quality view lists those). `code` is the 一店一码:
-- the public, unguessable key of its QR page. Identity keys are unique among live records (a merged record keeps
-- its keys for history). `name_key` / `address_key` are the normalised forms duplicates are found by.
CREATE TABLE subjects (
  id                 uuid PRIMARY KEY,
  code               text NOT NULL UNIQUE,
  bureau_id          uuid NOT NULL REFERENCES orgs (id),
  org_id             uuid REFERENCES orgs (id),
  kind               text NOT NULL CHECK (kind IN ('street_shop', 'construction_site', 'restaurant_fume',
                                                   'historic_building', 'stall_point', 'waste_transport_company',
                                                   'waste_transport_vehicle', 'residential_compound',
                                                   'property_company')),
  name               text NOT NULL,
  name_key           text NOT NULL,
  credit_code        text,
  id_number          text,
  plate              text,
  owner_subject_id   uuid REFERENCES subjects (id),
  address            text,
  address_key        text,
  district           text,
  street             text,
  point_lon          double precision,
  point_lat          double precision,
  contacts           jsonb NOT NULL DEFAULT '[]',
  tags               text[] NOT NULL DEFAULT '{}',
  flags              jsonb NOT NULL DEFAULT '{}',
  verified           boolean NOT NULL DEFAULT false,
  verified_at        timestamptz,
  risk_level         text,
  risk_computed      text,
  risk_rule_version  integer,
  risk_rule_id       text,
  risk_explanation   text,
  risk_graded_at     timestamptz,
  last_inspected_on  date,
  next_inspection_on date,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'merged')),
  merged_into        uuid REFERENCES subjects (id),
  import_batch_id    uuid,
  version            integer NOT NULL DEFAULT 1,
  created_by         uuid REFERENCES officers (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((point_lon IS NULL) = (point_lat IS NULL)),
  CHECK (point_lon IS NULL OR (point_lon BETWEEN -180 AND 180 AND point_lat BETWEEN -90 AND 90)),
  CHECK ((status = 'merged') = (merged_into IS NOT NULL))
);
CREATE UNIQUE INDEX subjects_credit_code_idx ON subjects (kind, credit_code)
  WHERE credit_code IS NOT NULL AND status <> 'merged' AND kind <> 'waste_transport_vehicle';
CREATE UNIQUE INDEX subjects_plate_idx ON subjects (plate) WHERE plate IS NOT NULL AND status <> 'merged';
CREATE INDEX subjects_bureau_idx ON subjects (bureau_id, kind, id);
CREATE INDEX subjects_org_idx ON subjects (org_id, risk_level, id);
CREATE INDEX subjects_address_key_idx ON subjects (address_key) WHERE address_key IS NOT NULL;
CREATE INDEX subjects_point_idx ON subjects (point_lon, point_lat) WHERE point_lon IS NOT NULL;
CREATE INDEX subjects_owner_idx ON subjects (owner_subject_id) WHERE owner_subject_id IS NOT NULL;
CREATE INDEX subjects_name_trgm_idx ON subjects USING gin (name gin_trgm_ops);

-- 证照: licences and permits with their validity (a licence that ends before it begins is refused by the domain's
-- validateSubject and by this check).
CREATE TABLE subject_licences (
  id          uuid PRIMARY KEY,
  subject_id  uuid NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
  kind        text NOT NULL,
  number      text NOT NULL,
  issuer      text,
  issued_on   date,
  valid_until date,
  revoked     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR issued_on IS NULL OR valid_until >= issued_on)
);
CREATE INDEX subject_licences_subject_idx ON subject_licences (subject_id);
CREATE INDEX subject_licences_valid_until_idx ON subject_licences (valid_until) WHERE NOT revoked;

-- The subject's history in one timeline: what the risk rules count (violation, serious_violation, complaint,
-- failed_inspection, passed_inspection — the domain's RiskEventType) and what a reader wants to see beside them
-- (registration, edits, merges, risk changes, cases, rectification orders). `ref_type` / `ref_id` point at the
-- record that caused it (a case, a visit, a complaint, a risk change).
CREATE TABLE subject_events (
  id          uuid PRIMARY KEY,
  subject_id  uuid NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
  kind        text NOT NULL,
  occurred_on date NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  ref_type    text,
  ref_id      uuid,
  summary_zh  text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}',
  actor_id    uuid REFERENCES officers (id)
);
CREATE INDEX subject_events_subject_idx ON subject_events (subject_id, occurred_on DESC, id);
CREATE UNIQUE INDEX subject_events_ref_idx ON subject_events (subject_id, kind, ref_type, ref_id) WHERE ref_id IS NOT NULL;

-- A case may be against a registered subject (registered from an inspection, or linked by the officer).
ALTER TABLE cases ADD COLUMN subject_id uuid REFERENCES subjects (id);
CREATE INDEX cases_subject_idx ON cases (subject_id) WHERE subject_id IS NOT NULL;

-- 检查事项清单: what may be inspected, its legal basis and its checklist (the domain's InspectionMatter: items
-- { code, textZh, legalBasisZh, photo }). `bureau_id` NULL = the city's list, used by every bureau.
CREATE TABLE inspection_matters (
  id             uuid PRIMARY KEY,
  code           text NOT NULL UNIQUE,
  bureau_id      uuid REFERENCES orgs (id),
  name_zh        text NOT NULL,
  legal_basis_zh text NOT NULL,
  subject_kinds  text[] NOT NULL,
  items          jsonb NOT NULL,
  active         boolean NOT NULL DEFAULT true,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- One inspection to do: a subject, the team of two, the matters, by when. A task comes from a 双随机 draw
-- (`plan_id`, `team_no`) or is a 专项检查 / re-inspection set by a squad leader (`plan_id` NULL, `origin` says
-- which). `org_id` is the squad that answers for it (its overdue list).
CREATE TABLE inspection_tasks (
  id              uuid PRIMARY KEY,
  bureau_id       uuid NOT NULL REFERENCES orgs (id),
  org_id          uuid NOT NULL REFERENCES orgs (id),
  subject_id      uuid NOT NULL REFERENCES subjects (id),
  origin          text NOT NULL CHECK (origin IN ('random', 'special', 'reinspection', 'risk_frequency')),
  plan_id         uuid,
  team_no         integer,
  inspector_ids   uuid[] NOT NULL,
  matter_codes    text[] NOT NULL,
  due_on          date NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  visit_id        uuid,
  created_by      uuid REFERENCES officers (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (cardinality(inspector_ids) >= 2)
);
CREATE INDEX inspection_tasks_org_due_idx ON inspection_tasks (org_id, due_on, id) WHERE status = 'open';
CREATE INDEX inspection_tasks_subject_idx ON inspection_tasks (subject_id, created_at DESC);
CREATE INDEX inspection_tasks_plan_idx ON inspection_tasks (plan_id, team_no) WHERE plan_id IS NOT NULL;
CREATE INDEX inspection_tasks_inspectors_idx ON inspection_tasks USING gin (inspector_ids);
