-- 028 双随机一公开: inspection plans, the pools they freeze at approval, the seed commitment, the draw's teams and
-- targets (REQUIREMENTS.md R10; docs/random-inspections.md §3 and §5). The tasks a draw assigns are rows of
-- inspection_tasks (026) with plan_id and team_no.

-- A plan: what is inspected (matters), among whom (the target filter: kinds, squads, risk levels), by whom (the
-- active field officers of the squads), in what proportion per level, by when. `status`: draft → submitted →
-- approved (pools frozen, commitment and input digest published) → drawn (seed revealed, teams and tasks written).
-- `seed_hex` is secret until the draw: only the public draw page shows it, and only once `status` = 'drawn'.
CREATE TABLE inspection_plans (
  id                          uuid PRIMARY KEY,
  bureau_id                   uuid NOT NULL REFERENCES orgs (id),
  title                       text NOT NULL,
  period_from                 date NOT NULL,
  period_to                   date NOT NULL,
  draws_per_year              integer NOT NULL DEFAULT 4 CHECK (draws_per_year BETWEEN 1 AND 366),
  subject_kinds               text[] NOT NULL DEFAULT '{}',
  squad_ids                   uuid[] NOT NULL DEFAULT '{}',
  risk_levels                 text[] NOT NULL DEFAULT '{}',
  proportions                 jsonb NOT NULL DEFAULT '[]',
  max_targets_per_team        integer CHECK (max_targets_per_team IS NULL OR max_targets_per_team >= 1),
  publish_within_working_days integer NOT NULL CHECK (publish_within_working_days >= 1),
  status                      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'drawn')),
  created_by                  uuid NOT NULL REFERENCES officers (id),
  submitted_by                uuid REFERENCES officers (id),
  submitted_at                timestamptz,
  approved_by                 uuid REFERENCES officers (id),
  approved_at                 timestamptz,
  seed_hex                    text,
  commitment                  text,
  input_digest                text,
  drawn_by                    uuid REFERENCES officers (id),
  drawn_at                    timestamptz,
  publish_by                  date,
  draw_summary                jsonb,
  version                     integer NOT NULL DEFAULT 1,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to >= period_from),
  CHECK ((status IN ('approved', 'drawn')) = (commitment IS NOT NULL AND input_digest IS NOT NULL AND seed_hex IS NOT NULL)),
  CHECK ((status = 'drawn') = (drawn_at IS NOT NULL))
);
CREATE INDEX inspection_plans_bureau_idx ON inspection_plans (bureau_id, period_from DESC, id);
CREATE INDEX inspection_plans_squads_idx ON inspection_plans USING gin (squad_ids);

-- The plan's matters of the 检查事项清单, by code (a task carries those that apply to its subject's kind).
CREATE TABLE inspection_plan_matters (
  plan_id     uuid NOT NULL REFERENCES inspection_plans (id) ON DELETE CASCADE,
  matter_code text NOT NULL REFERENCES inspection_matters (code),
  PRIMARY KEY (plan_id, matter_code)
);

-- 回避: this officer never inspects this subject under this plan, with the reason (kept internal; only the pair is
-- published, as the draw's input digest needs it).
CREATE TABLE inspection_plan_conflicts (
  plan_id    uuid NOT NULL REFERENCES inspection_plans (id) ON DELETE CASCADE,
  officer_id uuid NOT NULL REFERENCES officers (id),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  reason     text NOT NULL,
  PRIMARY KEY (plan_id, officer_id, subject_id)
);

-- The target pool frozen at approval: each subject with its level and area (its squad's org code) on that day.
CREATE TABLE inspection_plan_targets (
  plan_id    uuid NOT NULL REFERENCES inspection_plans (id) ON DELETE CASCADE,
  subject_id uuid NOT NULL,
  kind       text NOT NULL,
  level      text NOT NULL,
  org_id     uuid NOT NULL,
  area       text NOT NULL,
  PRIMARY KEY (plan_id, subject_id)
);

-- The draw's result: the drawn targets in draw order (as runDraw returns them) with their team. Written once, by
-- the draw; the frozen pool above is never updated.
CREATE TABLE inspection_plan_drawn (
  plan_id    uuid NOT NULL REFERENCES inspection_plans (id) ON DELETE CASCADE,
  draw_order integer NOT NULL,
  subject_id uuid NOT NULL,
  kind       text NOT NULL,
  level      text NOT NULL,
  org_id     uuid NOT NULL,
  area       text NOT NULL,
  team_no    integer NOT NULL,
  PRIMARY KEY (plan_id, draw_order)
);

-- The inspector pool frozen at approval: the officer, his squad (area) and his credentials as they stood (the draw
-- judges them on the draw date; only `acting` is published).
CREATE TABLE inspection_plan_inspectors (
  plan_id     uuid NOT NULL REFERENCES inspection_plans (id) ON DELETE CASCADE,
  officer_id  uuid NOT NULL REFERENCES officers (id),
  org_id      uuid NOT NULL,
  area        text NOT NULL,
  acting      boolean NOT NULL,
  credentials jsonb NOT NULL,
  PRIMARY KEY (plan_id, officer_id)
);

-- The draw's teams of two (行政处罚法 Art. 42), numbered as runDraw numbers them.
CREATE TABLE inspection_plan_teams (
  plan_id       uuid NOT NULL REFERENCES inspection_plans (id) ON DELETE CASCADE,
  team_no       integer NOT NULL,
  org_id        uuid NOT NULL,
  area          text NOT NULL,
  inspector_ids uuid[] NOT NULL CHECK (cardinality(inspector_ids) = 2),
  PRIMARY KEY (plan_id, team_no)
);
