-- 045 勤务 (duty, issue 13 §7; docs/duty.md): shift templates and rosters per squad, patrol areas inside the squad's
-- service area, 专项 campaigns, officers' positions (only with consent, only on a rostered shift, kept for the bureau's
-- configured number of days), and the duty log (执法日志) tagged by the configurable "3级18类" scheme.

-- A squad's shifts (早班 / 白班 / 夜班 …): minutes after midnight, Shanghai time; a shift whose end is not after its
-- start ends the next day. `field` shifts are on the street: only officers with a valid 执法证 may be rostered on them.
CREATE TABLE duty_shift_templates (
  id           uuid PRIMARY KEY,
  bureau_id    uuid NOT NULL REFERENCES orgs (id),
  org_id       uuid NOT NULL REFERENCES orgs (id),
  code         text NOT NULL,
  name         text NOT NULL,
  start_minute integer NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
  end_minute   integer NOT NULL CHECK (end_minute >= 0 AND end_minute < 1440),
  field        boolean NOT NULL DEFAULT true,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, code)
);

-- A patrol area (巡查网格) of a squad: a polygon inside the squad's service area (org_areas), WGS-84 GeoJSON, with its box.
CREATE TABLE duty_patrol_areas (
  id         uuid PRIMARY KEY,
  bureau_id  uuid NOT NULL REFERENCES orgs (id),
  org_id     uuid NOT NULL REFERENCES orgs (id),
  name       text NOT NULL,
  geometry   jsonb NOT NULL,
  min_lon    double precision NOT NULL,
  min_lat    double precision NOT NULL,
  max_lon    double precision NOT NULL,
  max_lat    double precision NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX duty_patrol_areas_org_idx ON duty_patrol_areas (org_id);

-- The roster: one officer on one shift on one date, with the instants it covers (the template's times on that date).
CREATE TABLE duty_roster (
  id             uuid PRIMARY KEY,
  bureau_id      uuid NOT NULL REFERENCES orgs (id),
  org_id         uuid NOT NULL REFERENCES orgs (id),
  officer_id     uuid NOT NULL REFERENCES officers (id),
  duty_date      date NOT NULL,
  shift_id       uuid NOT NULL REFERENCES duty_shift_templates (id),
  starts_at      timestamptz NOT NULL,
  ends_at        timestamptz NOT NULL,
  field          boolean NOT NULL,
  patrol_area_id uuid REFERENCES duty_patrol_areas (id),
  created_by     uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  UNIQUE (officer_id, duty_date, shift_id)
);
CREATE INDEX duty_roster_org_date_idx ON duty_roster (org_id, duty_date);
CREATE INDEX duty_roster_officer_time_idx ON duty_roster (officer_id, starts_at);
CREATE INDEX duty_roster_time_idx ON duty_roster (starts_at, ends_at);

-- 专项 (a special campaign): a period, the squad, its targets (subjects); creating one gives an inspection task per target.
CREATE TABLE duty_campaigns (
  id           uuid PRIMARY KEY,
  bureau_id    uuid NOT NULL REFERENCES orgs (id),
  org_id       uuid NOT NULL REFERENCES orgs (id),
  title        text NOT NULL,
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  subject_ids  uuid[] NOT NULL DEFAULT '{}',
  target_count integer NOT NULL DEFAULT 0,
  task_ids     uuid[] NOT NULL DEFAULT '{}',
  note         text,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to >= period_from)
);
CREATE INDEX duty_campaigns_org_idx ON duty_campaigns (org_id, period_from);

-- The officer's consent to record his position while on duty (个人信息保护法 Art. 13–15: given and withdrawn freely).
-- Every change is also an audit row.
CREATE TABLE duty_position_consents (
  officer_id     uuid PRIMARY KEY REFERENCES officers (id),
  consented      boolean NOT NULL,
  notice_version text NOT NULL,
  changed_at     timestamptz NOT NULL
);

-- Positions reported by the phone during a rostered shift. Deleted after the bureau's retention period.
CREATE TABLE duty_positions (
  id          uuid PRIMARY KEY,
  officer_id  uuid NOT NULL REFERENCES officers (id),
  bureau_id   uuid NOT NULL REFERENCES orgs (id),
  org_id      uuid NOT NULL REFERENCES orgs (id),
  roster_id   uuid NOT NULL REFERENCES duty_roster (id) ON DELETE CASCADE,
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  accuracy_m  double precision,
  at          timestamptz NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX duty_positions_officer_at_idx ON duty_positions (officer_id, at DESC);
CREATE INDEX duty_positions_at_idx ON duty_positions (at);

-- Per bureau: how many days positions are kept (no row = the documented default, docs/duty.md).
CREATE TABLE duty_settings (
  bureau_id               uuid PRIMARY KEY REFERENCES orgs (id),
  position_retention_days integer NOT NULL CHECK (position_retention_days BETWEEN 1 AND 365),
  updated_by              uuid,
  updated_at              timestamptz NOT NULL
);

-- The "3级18类" tag scheme of the duty log: configuration (the seeds name the scheme but not its entries; the default is
-- documented in docs/duty.md and marked as configuration).
CREATE TABLE duty_log_tags (
  code        text PRIMARY KEY,
  level       integer NOT NULL CHECK (level BETWEEN 1 AND 3),
  parent_code text REFERENCES duty_log_tags (code),
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  sort_order  integer NOT NULL DEFAULT 0,
  active      boolean NOT NULL DEFAULT true
);

-- 执法日志: written by the case, ticket and inspection steps (source + source_key unique: a step logs once) or by hand.
CREATE TABLE duty_log_entries (
  id          uuid PRIMARY KEY,
  bureau_id   uuid NOT NULL REFERENCES orgs (id),
  org_id      uuid NOT NULL REFERENCES orgs (id),
  officer_id  uuid REFERENCES officers (id),
  entry_date  date NOT NULL,
  at          timestamptz NOT NULL,
  source      text NOT NULL CHECK (source IN ('case', 'ticket', 'inspection', 'manual')),
  source_id   uuid,
  source_key  text,
  action      text NOT NULL,
  tag_code    text NOT NULL REFERENCES duty_log_tags (code),
  summary     text NOT NULL,
  created_by  uuid,
  created_at  timestamptz NOT NULL,
  UNIQUE (source, source_key)
);
CREATE INDEX duty_log_org_date_idx ON duty_log_entries (org_id, entry_date DESC, at DESC);
CREATE INDEX duty_log_officer_date_idx ON duty_log_entries (officer_id, entry_date DESC);

-- The default scheme (packages/domain DEFAULT_DUTY_LOG_TAGS; a test holds the two equal). Configuration: a bureau's
-- administrator may rename, add or deactivate tags in this table.
INSERT INTO duty_log_tags (code, level, parent_code, name_zh, name_en, sort_order) VALUES
  ('A', 1, NULL, '勤务巡查', 'Patrol duty', 1),
  ('A01', 2, 'A', '街面巡查', 'Street patrol', 2),
  ('A02', 2, 'A', '重点区域保障', 'Key-area protection', 3),
  ('A03', 2, 'A', '夜间巡查', 'Night patrol', 4),
  ('A04', 2, 'A', '专项整治', 'Special campaign', 5),
  ('A05', 2, 'A', '联勤联动', 'Joint duty', 6),
  ('A06', 2, 'A', '值班备勤', 'Standby', 7),
  ('B', 1, NULL, '执法检查', 'Inspections', 8),
  ('B01', 2, 'B', '双随机抽查', 'Random inspection', 9),
  ('B02', 2, 'B', '分级分类检查', 'Risk-graded inspection', 10),
  ('B03', 2, 'B', '专项检查', 'Campaign inspection', 11),
  ('B04', 2, 'B', '复查', 'Re-inspection', 12),
  ('B05', 2, 'B', '宣传指导', 'Guidance', 13),
  ('B06', 2, 'B', '其他检查', 'Other inspection', 14),
  ('C', 1, NULL, '诉件与办案', 'Tickets and cases', 15),
  ('C01', 2, 'C', '诉件受理派遣', 'Ticket intake and dispatch', 16),
  ('C02', 2, 'C', '诉件现场处置', 'Ticket handling', 17),
  ('C03', 2, 'C', '诉件回复办结', 'Ticket reply and closing', 18),
  ('C04', 2, 'C', '案件立案', 'Case registration', 19),
  ('C05', 2, 'C', '案件调查', 'Case investigation', 20),
  ('C06', 2, 'C', '案件决定结案', 'Case decision and closing', 21),
  ('B01-P', 3, 'B01', '抽查合格', 'Random inspection passed', 22),
  ('B01-F', 3, 'B01', '抽查不合格', 'Random inspection failed', 23),
  ('B02-P', 3, 'B02', '检查合格', 'Graded inspection passed', 24),
  ('B02-F', 3, 'B02', '检查不合格', 'Graded inspection failed', 25),
  ('C06-D', 3, 'C06', '作出处理决定', 'Decision made', 26),
  ('C06-X', 3, 'C06', '结案', 'Case closed', 27);
