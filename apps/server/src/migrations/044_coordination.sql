-- 044 综合指挥 coordination (issue 13 §3, REQUIREMENTS.md R13; docs/coordination.md): partner departments, joint
-- work orders (联合工单) with them, street-wide coordinated actions (联合行动) across squads, and the record of every
-- 移送 (case transfer) with its receiving authority and region.

-- The partner role: an account of a partner department (交警, 房管 …) that acts only on its own unit's orders.
ALTER TABLE officer_roles DROP CONSTRAINT IF EXISTS officer_roles_role_check;
ALTER TABLE officer_roles ADD CONSTRAINT officer_roles_role_check CHECK (role IN ('field_officer', 'squad_leader',
  'legal_reviewer', 'commander', 'supervisor', 'bureau_leader', 'admin', 'partner'));

-- Partner departments: configured data. bureau_id NULL = a city-wide unit (市级部门) every bureau may work with.
CREATE TABLE partner_units (
  id           uuid PRIMARY KEY,
  bureau_id    uuid REFERENCES orgs (id),
  code         text NOT NULL UNIQUE,
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('traffic_police', 'housing', 'greening', 'market', 'ecology', 'other')),
  region       text NOT NULL DEFAULT '上海市',
  -- The clock of the unit's orders; NULL = the Shanghai defaults (domain SHANGHAI_JOINT_ORDER_LIMITS).
  accept_hours integer CHECK (accept_hours IS NULL OR accept_hours BETWEEN 1 AND 720),
  handle_days  integer CHECK (handle_days IS NULL OR handle_days BETWEEN 1 AND 60),
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partner_units_bureau_idx ON partner_units (bureau_id);

-- The accounts through which a partner acts (officers holding the partner role).
CREATE TABLE partner_accounts (
  officer_id uuid PRIMARY KEY REFERENCES officers (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partner_units (id)
);

-- 联合工单. direction inbound: the partner dispatches to city management (交警拦停 → 城管接单处置反馈);
-- outbound: city management dispatches to the partner.
CREATE TABLE joint_orders (
  id               uuid PRIMARY KEY,
  number           text NOT NULL UNIQUE,
  bureau_id        uuid NOT NULL REFERENCES orgs (id),
  org_id           uuid NOT NULL REFERENCES orgs (id),
  partner_id       uuid NOT NULL REFERENCES partner_units (id),
  direction        text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  state            text NOT NULL CHECK (state IN ('dispatched', 'accepted', 'reported', 'confirmed', 'returned', 'cancelled')),
  category         text NOT NULL,
  title            text NOT NULL,
  content          text NOT NULL,
  address          text,
  point_lon        double precision,
  point_lat        double precision,
  vehicle_plate    text,
  ticket_id        uuid REFERENCES tickets (id),
  case_id          uuid REFERENCES cases (id),
  accept_due_at    timestamptz NOT NULL,
  handle_due_at    timestamptz NOT NULL,
  accept_hours     integer NOT NULL,
  handle_days      integer NOT NULL,
  accepted_at      timestamptz,
  reported_at      timestamptz,
  closed_at        timestamptz,
  result_text      text,
  result_photos    text[] NOT NULL DEFAULT '{}',
  return_reason    text,
  created_by       uuid REFERENCES officers (id),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX joint_orders_bureau_idx ON joint_orders (bureau_id, state, created_at DESC);
CREATE INDEX joint_orders_partner_idx ON joint_orders (partner_id, created_at DESC);
CREATE INDEX joint_orders_org_idx ON joint_orders (org_id);

CREATE TABLE joint_order_events (
  id         uuid PRIMARY KEY,
  order_id   uuid NOT NULL REFERENCES joint_orders (id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  action     text NOT NULL,
  from_state text,
  to_state   text NOT NULL,
  actor_id   uuid REFERENCES officers (id),
  actor_name text NOT NULL,
  note       text,
  late       boolean NOT NULL DEFAULT false,
  at         timestamptz NOT NULL,
  UNIQUE (order_id, seq)
);

-- 联合行动 (街镇统一指挥): launched by a commander over squads within his scope, optionally with partners.
CREATE TABLE joint_actions (
  id          uuid PRIMARY KEY,
  number      text NOT NULL UNIQUE,
  bureau_id   uuid NOT NULL REFERENCES orgs (id),
  scope_org_id uuid NOT NULL REFERENCES orgs (id),
  title       text NOT NULL,
  objective   text NOT NULL,
  area        text NOT NULL,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
  state       text NOT NULL CHECK (state IN ('active', 'completed', 'cancelled')),
  summary     text,
  created_by  uuid REFERENCES officers (id),
  created_at  timestamptz NOT NULL,
  closed_at   timestamptz
);
CREATE INDEX joint_actions_bureau_idx ON joint_actions (bureau_id, starts_at DESC);

CREATE TABLE joint_action_tasks (
  id          uuid PRIMARY KEY,
  action_id   uuid NOT NULL REFERENCES joint_actions (id) ON DELETE CASCADE,
  org_id      uuid REFERENCES orgs (id),
  partner_id  uuid REFERENCES partner_units (id),
  task        text NOT NULL,
  state       text NOT NULL CHECK (state IN ('pending', 'reported')),
  report_text text,
  report_photos text[] NOT NULL DEFAULT '{}',
  found_count integer,
  handled_count integer,
  reported_at timestamptz,
  reported_by uuid REFERENCES officers (id),
  CHECK ((org_id IS NULL) <> (partner_id IS NULL))
);
CREATE INDEX joint_action_tasks_action_idx ON joint_action_tasks (action_id);
CREATE INDEX joint_action_tasks_org_idx ON joint_action_tasks (org_id);

-- Every 移送 (a case step or a ticket referral) with the receiving authority, its region (长三角) and the letter.
CREATE TABLE transfers (
  id              uuid PRIMARY KEY,
  bureau_id       uuid NOT NULL REFERENCES orgs (id),
  case_id         uuid REFERENCES cases (id),
  kind            text NOT NULL CHECK (kind IN ('other_agency', 'judicial')),
  receiving_body  text NOT NULL,
  reason          text NOT NULL,
  legal_basis     text NOT NULL,
  letter_number   text,
  transferred_on  date NOT NULL,
  actor_id        uuid REFERENCES officers (id),
  created_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX transfers_case_key ON transfers (case_id) WHERE case_id IS NOT NULL;

-- The city-wide partner departments the seeds name (000, 003: 交警, 房管, 绿化市容, 市场监管, 生态环境).
INSERT INTO partner_units (id, bureau_id, code, name, kind) VALUES
  ('0190a000-0000-7000-8000-000000000441', NULL, 'SH-JJ', '上海市公安局交通警察总队', 'traffic_police'),
  ('0190a000-0000-7000-8000-000000000442', NULL, 'SH-FG', '上海市房屋管理局', 'housing'),
  ('0190a000-0000-7000-8000-000000000443', NULL, 'SH-LR', '上海市绿化和市容管理局', 'greening'),
  ('0190a000-0000-7000-8000-000000000444', NULL, 'SH-SJ', '上海市市场监督管理局', 'market'),
  ('0190a000-0000-7000-8000-000000000445', NULL, 'SH-ST', '上海市生态环境局', 'ecology');
