-- 029 检查: versions of the 检查事项清单, the visit (综合查一次) with its results and signatures, and 责令改正 orders
-- that a failed item leads to (docs/random-inspections.md §4). Tables of 026 are extended, never edited.

-- Every version of a matter, the current one included: a task keeps the versions it was set with (a later edit of
-- the list does not change the form of a task already given).
CREATE TABLE inspection_matter_versions (
  code           text NOT NULL,
  version        integer NOT NULL,
  name_zh        text NOT NULL,
  legal_basis_zh text NOT NULL,
  subject_kinds  text[] NOT NULL,
  items          jsonb NOT NULL,
  created_by     uuid REFERENCES officers (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version)
);

-- The version of each matter when the task was given ({ "code": version }); NULL for a task older than this column
-- (its form is then the matter's current version).
ALTER TABLE inspection_tasks ADD COLUMN matter_versions jsonb;

-- One visit of a team of two to one subject, closing every open task of that team there (综合查一次). `plan` is the
-- combined form (the domain's VisitPlan); `results` the answers per item; `signatures` the inspectors' drawn
-- signatures (files) and the second inspector's confirmation; `acknowledgement` the subject's side (signed, or
-- refused / absent with a witness or the officers' note — 沪条例 Art. 19).
CREATE TABLE inspection_visits (
  id              uuid PRIMARY KEY,
  bureau_id       uuid NOT NULL REFERENCES orgs (id),
  org_id          uuid NOT NULL REFERENCES orgs (id),
  subject_id      uuid NOT NULL REFERENCES subjects (id),
  inspector_ids   uuid[] NOT NULL,
  task_ids        uuid[] NOT NULL,
  plan            jsonb NOT NULL,
  results         jsonb NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('passed', 'failed')),
  failed_items    jsonb NOT NULL DEFAULT '[]',
  counts          jsonb NOT NULL,
  visited_at      timestamptz NOT NULL,
  visited_on      date NOT NULL,
  point_lon       double precision NOT NULL,
  point_lat       double precision NOT NULL,
  signatures      jsonb NOT NULL,
  acknowledgement jsonb NOT NULL,
  photo_sm3s      text[] NOT NULL DEFAULT '{}',
  case_id         uuid REFERENCES cases (id),
  created_by      uuid REFERENCES officers (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (point_lon BETWEEN -180 AND 180 AND point_lat BETWEEN -90 AND 90)
);
CREATE INDEX inspection_visits_subject_idx ON inspection_visits (subject_id, visited_at DESC);
CREATE INDEX inspection_visits_org_idx ON inspection_visits (org_id, visited_on DESC);

-- 责令改正: the failed items of a visit, the rectification deadline and the re-inspection (a task of the same team);
-- the re-inspection's visit closes it as rectified or not rectified.
CREATE TABLE rectification_orders (
  id                   uuid PRIMARY KEY,
  bureau_id            uuid NOT NULL REFERENCES orgs (id),
  org_id               uuid NOT NULL REFERENCES orgs (id),
  subject_id           uuid NOT NULL REFERENCES subjects (id),
  visit_id             uuid NOT NULL UNIQUE REFERENCES inspection_visits (id),
  items                jsonb NOT NULL,
  deadline_on          date NOT NULL,
  reinspect_on         date NOT NULL,
  reinspection_task_id uuid NOT NULL REFERENCES inspection_tasks (id),
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'rectified', 'not_rectified')),
  closed_by_visit_id   uuid REFERENCES inspection_visits (id),
  closed_on            date,
  note_zh              text,
  created_by           uuid REFERENCES officers (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (reinspect_on >= deadline_on)
);
CREATE INDEX rectification_orders_org_idx ON rectification_orders (org_id, status, deadline_on);
CREATE INDEX rectification_orders_task_idx ON rectification_orders (reinspection_task_id);
