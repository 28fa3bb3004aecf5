-- 051 执法监督 and 考核 (issue 15 §1–4, 6; docs/supervision.md): the automated case-file check (B5), 案卷评查 sampling
-- plans with their verifiable draw, samples scored on a configurable review sheet, findings sent back for correction,
-- body-camera recordings (by SM3) with their sampling, 两单两书 notices followed until answered, 重大案件督办 with
-- its own clock, complaints about officers, and the configurable 考核 items (B7: never a fine).

-- B5: one row per run of the check (before 法制审核, at closing, on demand); findings cite their rule.
CREATE TABLE supervision_checks (
  id         uuid PRIMARY KEY,
  seq        bigint GENERATED ALWAYS AS IDENTITY,
  bureau_id  uuid REFERENCES orgs (id),
  org_id     uuid NOT NULL REFERENCES orgs (id),
  case_id    uuid NOT NULL REFERENCES cases (id),
  trigger    text NOT NULL CHECK (trigger IN ('before_legal_review', 'closing', 'on_demand')),
  checked_on date NOT NULL,
  score      integer NOT NULL,
  max_score  integer NOT NULL,
  items      jsonb NOT NULL,
  findings   jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL
);
CREATE INDEX supervision_checks_case_idx ON supervision_checks (case_id, seq DESC);

-- 评查表 (review standard): items and their maximum points. bureau_id null: the city's sheet.
CREATE TABLE supervision_review_sheets (
  id         uuid PRIMARY KEY,
  bureau_id  uuid REFERENCES orgs (id),
  name       text NOT NULL,
  items      jsonb NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A sampling plan: the cases (kind case_file) or recordings (kind recording) of an org subtree in a period; rates by
-- stratum (squad × case type) in basis points; the seed committed by SM3 at creation and revealed by the draw.
CREATE TABLE supervision_plans (
  id            uuid PRIMARY KEY,
  bureau_id     uuid REFERENCES orgs (id),
  org_id        uuid NOT NULL REFERENCES orgs (id),
  kind          text NOT NULL CHECK (kind IN ('case_file', 'recording')),
  name          text NOT NULL,
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  default_bp    integer NOT NULL CHECK (default_bp BETWEEN 0 AND 10000),
  rates         jsonb NOT NULL DEFAULT '[]',
  sample_size   integer CHECK (sample_size >= 0),
  procedures    text[] NOT NULL DEFAULT '{}',
  sheet_id      uuid REFERENCES supervision_review_sheets (id),
  due_on        date NOT NULL,
  status        text NOT NULL CHECK (status IN ('committed', 'drawn')),
  commitment    text NOT NULL,
  seed_hex      text NOT NULL,
  population    integer,
  drawn         integer,
  strata        jsonb,
  words_used    integer,
  created_by    uuid,
  created_at    timestamptz NOT NULL,
  drawn_by      uuid,
  drawn_at      timestamptz,
  CHECK (period_to >= period_from)
);
CREATE INDEX supervision_plans_org_idx ON supervision_plans (org_id, created_at DESC);

-- A drawn case file (or recording) and its review on the sheet.
CREATE TABLE supervision_samples (
  id           uuid PRIMARY KEY,
  plan_id      uuid NOT NULL REFERENCES supervision_plans (id),
  bureau_id    uuid REFERENCES orgs (id),
  org_id       uuid NOT NULL REFERENCES orgs (id),
  case_id      uuid REFERENCES cases (id),
  recording_id uuid,
  draw_order   integer NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'reviewed')),
  reviewer_id  uuid REFERENCES officers (id),
  scores       jsonb,
  total        integer,
  max_total    integer,
  comment      text,
  reviewed_on  date,
  reviewed_at  timestamptz,
  UNIQUE (plan_id, draw_order)
);
CREATE INDEX supervision_samples_org_idx ON supervision_samples (org_id, status);
CREATE INDEX supervision_samples_case_idx ON supervision_samples (case_id);

-- Body-camera and other audio-video recordings, content-addressed (SM3), linked to a case event or an inspection task.
CREATE TABLE supervision_recordings (
  id                 uuid PRIMARY KEY,
  bureau_id          uuid REFERENCES orgs (id),
  org_id             uuid NOT NULL REFERENCES orgs (id),
  officer_id         uuid NOT NULL REFERENCES officers (id),
  file_sm3           text NOT NULL,
  recorded_on        date NOT NULL,
  duration_seconds   integer NOT NULL CHECK (duration_seconds >= 0),
  case_id            uuid REFERENCES cases (id),
  case_event_id      uuid,
  inspection_task_id uuid,
  device             text,
  created_by         uuid,
  created_at         timestamptz NOT NULL,
  UNIQUE (file_sm3)
);
CREATE INDEX supervision_recordings_org_idx ON supervision_recordings (org_id, recorded_on);
CREATE INDEX supervision_recordings_case_idx ON supervision_recordings (case_id);

-- A problem found (in a reviewed file, a recording, an automated check) sent to the squad to correct by a day.
CREATE TABLE supervision_findings (
  id            uuid PRIMARY KEY,
  bureau_id     uuid REFERENCES orgs (id),
  org_id        uuid NOT NULL REFERENCES orgs (id),
  source        text NOT NULL CHECK (source IN ('review', 'recording', 'check')),
  sample_id     uuid REFERENCES supervision_samples (id),
  recording_id  uuid REFERENCES supervision_recordings (id),
  case_id       uuid REFERENCES cases (id),
  officer_id    uuid REFERENCES officers (id),
  description   text NOT NULL,
  rule          text,
  due_on        date NOT NULL,
  status        text NOT NULL CHECK (status IN ('open', 'corrected', 'accepted', 'returned')),
  correction    text,
  corrected_on  date,
  corrected_by  uuid,
  accepted_on   date,
  accepted_by   uuid,
  created_by    uuid,
  created_at    timestamptz NOT NULL
);
CREATE INDEX supervision_findings_org_idx ON supervision_findings (org_id, status, due_on);

-- 两单两书: 督察通知单, 整改单, 执法建议书, 告诫书 — numbered per bureau, year and kind, answered by a day.
CREATE TABLE supervision_notices (
  id           uuid PRIMARY KEY,
  bureau_id    uuid REFERENCES orgs (id),
  org_id       uuid NOT NULL REFERENCES orgs (id),
  kind         text NOT NULL CHECK (kind IN ('inspection_notice', 'rectification_order', 'suggestion_letter', 'warning_letter')),
  number       text NOT NULL UNIQUE,
  recipient    text NOT NULL,
  officer_id   uuid REFERENCES officers (id),
  case_id      uuid REFERENCES cases (id),
  subject      text NOT NULL,
  body         text NOT NULL,
  content_sm3  text NOT NULL,
  issued_on    date NOT NULL,
  answer_due   date NOT NULL,
  status       text NOT NULL CHECK (status IN ('issued', 'answered')),
  answer       text,
  answered_on  date,
  answered_by  uuid,
  created_by   uuid,
  created_at   timestamptz NOT NULL
);
CREATE INDEX supervision_notices_org_idx ON supervision_notices (org_id, status, answer_due);

CREATE TABLE supervision_sequences (
  bureau_id uuid NOT NULL,
  year      integer NOT NULL,
  kind      text NOT NULL,
  last      integer NOT NULL,
  PRIMARY KEY (bureau_id, year, kind)
);

-- 重大案件督办: a case put under supervision with its own clock.
CREATE TABLE supervision_major_cases (
  id          uuid PRIMARY KEY,
  bureau_id   uuid REFERENCES orgs (id),
  org_id      uuid NOT NULL REFERENCES orgs (id),
  case_id     uuid NOT NULL REFERENCES cases (id),
  reason      text NOT NULL,
  opened_on   date NOT NULL,
  due_on      date NOT NULL,
  status      text NOT NULL CHECK (status IN ('open', 'closed')),
  result      text,
  closed_on   date,
  created_by  uuid,
  created_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX supervision_major_cases_open_idx ON supervision_major_cases (case_id) WHERE status = 'open';

-- Complaints about officers (投诉执法人员): received, investigated, concluded.
CREATE TABLE supervision_officer_complaints (
  id           uuid PRIMARY KEY,
  bureau_id    uuid REFERENCES orgs (id),
  org_id       uuid NOT NULL REFERENCES orgs (id),
  officer_id   uuid REFERENCES officers (id),
  channel      text NOT NULL,
  complainant  text NOT NULL,
  content      text NOT NULL,
  received_on  date NOT NULL,
  due_on       date NOT NULL,
  status       text NOT NULL CHECK (status IN ('received', 'handled')),
  outcome      text CHECK (outcome IN ('substantiated', 'partly_substantiated', 'unsubstantiated')),
  handling     text,
  handled_on   date,
  handled_by   uuid,
  created_by   uuid,
  created_at   timestamptz NOT NULL
);
CREATE INDEX supervision_officer_complaints_org_idx ON supervision_officer_complaints (org_id, received_on);

-- 考核 items (B7): configuration. A source names a registered function; fine-based sources are refused by the server.
CREATE TABLE supervision_score_items (
  code       text PRIMARY KEY,
  label_zh   text NOT NULL,
  label_en   text NOT NULL,
  source     text NOT NULL,
  levels     text[] NOT NULL,
  max_points integer NOT NULL CHECK (max_points BETWEEN 1 AND 1000),
  per_unit   double precision,
  sort_order integer NOT NULL DEFAULT 0,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO supervision_score_items (code, label_zh, label_en, source, levels, max_points, per_unit, sort_order) VALUES
  ('file_quality', '案卷质量', 'Case-file quality', 'case_file_quality', '{officer,squad}', 40, NULL, 1),
  ('timeliness', '办案时效', 'Timeliness', 'timeliness', '{officer,squad}', 20, -2, 2),
  ('complaints', '投诉查实', 'Substantiated complaints', 'officer_complaints', '{officer,squad}', 15, -5, 3),
  ('recordings', '全过程记录问题', 'Recording problems', 'recording_problems', '{officer,squad}', 10, -1, 4),
  ('corrections', '问题按期整改', 'Findings corrected on time', 'finding_corrections', '{squad}', 5, NULL, 5),
  ('training', '教育培训', 'Training', 'training', '{officer}', 5, NULL, 6),
  ('review_outcomes', '复议诉讼结果', 'Review and lawsuit outcomes', 'review_outcomes', '{officer,squad}', 5, -5, 7);

-- The starter review sheet (评查标准): configuration, not law — a bureau edits it (docs/supervision.md).
INSERT INTO supervision_review_sheets (id, bureau_id, name, items) VALUES
  ('01900000-0000-7000-8000-000000000051', NULL, '行政处罚案卷评查标准（通用）', '[
    {"code":"subject","labelZh":"执法主体合法","labelEn":"Lawful enforcing body","maxPoints":10},
    {"code":"facts","labelZh":"事实清楚、证据确凿","labelEn":"Facts clear, evidence conclusive","maxPoints":25},
    {"code":"law","labelZh":"适用法律正确","labelEn":"Law applied correctly","maxPoints":15},
    {"code":"procedure","labelZh":"程序合法","labelEn":"Lawful procedure","maxPoints":25},
    {"code":"discretion","labelZh":"裁量适当","labelEn":"Proportionate discretion","maxPoints":10},
    {"code":"documents","labelZh":"文书规范","labelEn":"Documents in order","maxPoints":10},
    {"code":"archive","labelZh":"归档完整","labelEn":"Archive complete","maxPoints":5}
  ]');
