-- 053 教育培训, 队伍 and 规范化中队 (issue 15 §8–§10; docs/training.md, docs/team.md, docs/squads.md).

-- The bureau's yearly requirement (seed 000: 60 学时 / 24 学分 per officer per year).
CREATE TABLE training_settings (
  bureau_id        uuid PRIMARY KEY REFERENCES orgs (id),
  hours_per_year   numeric(6, 1) NOT NULL DEFAULT 60 CHECK (hours_per_year >= 0),
  credits_per_year numeric(6, 1) NOT NULL DEFAULT 24 CHECK (credits_per_year >= 0),
  updated_by       uuid,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE training_courses (
  id           uuid PRIMARY KEY,
  bureau_id    uuid NOT NULL REFERENCES orgs (id),
  title        text NOT NULL,
  category     text NOT NULL,
  hours        numeric(6, 1) NOT NULL CHECK (hours > 0),
  credits      numeric(6, 1) NOT NULL CHECK (credits >= 0),
  description  text,
  material_url text,
  material_sm3 text CHECK (material_sm3 IS NULL OR material_sm3 ~ '^[0-9a-f]{64}$'),
  active       boolean NOT NULL DEFAULT true,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_courses_bureau_idx ON training_courses (bureau_id, created_at DESC);

-- Hours and credits earned: a completed course, a passed exam, or an offline session recorded by the admin.
CREATE TABLE training_completions (
  id           uuid PRIMARY KEY,
  officer_id   uuid NOT NULL REFERENCES officers (id),
  bureau_id    uuid NOT NULL,
  year         integer NOT NULL,
  source       text NOT NULL CHECK (source IN ('course', 'exam', 'offline')),
  source_id    uuid,
  title        text NOT NULL,
  hours        numeric(6, 1) NOT NULL CHECK (hours >= 0),
  credits      numeric(6, 1) NOT NULL CHECK (credits >= 0),
  completed_on date NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX training_completions_once ON training_completions (officer_id, source, source_id, year) WHERE source_id IS NOT NULL;
CREATE INDEX training_completions_officer_idx ON training_completions (officer_id, year);
CREATE INDEX training_completions_bureau_idx ON training_completions (bureau_id, year);

-- The question bank: single / multiple choice and true-false; `answer` holds the option letters.
CREATE TABLE training_questions (
  id          uuid PRIMARY KEY,
  bureau_id   uuid NOT NULL REFERENCES orgs (id),
  bank        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('single', 'multiple', 'judge')),
  stem        text NOT NULL,
  options     text[] NOT NULL,
  answer      text[] NOT NULL,
  explanation text,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_questions_bank_idx ON training_questions (bureau_id, bank);

CREATE TABLE training_exams (
  id               uuid PRIMARY KEY,
  bureau_id        uuid NOT NULL REFERENCES orgs (id),
  title            text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('regular', 'qualification')),
  bank             text NOT NULL,
  question_count   integer NOT NULL CHECK (question_count BETWEEN 1 AND 200),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
  pass_score       integer NOT NULL CHECK (pass_score BETWEEN 0 AND 100),
  max_attempts     integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
  hours            numeric(6, 1) NOT NULL DEFAULT 0,
  credits          numeric(6, 1) NOT NULL DEFAULT 0,
  opens_on         date NOT NULL,
  closes_on        date NOT NULL,
  created_by       uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_on >= opens_on)
);

-- One sitting: the paper drawn with its seed (reproducible), the deadline, the answers (saved as the officer goes,
-- kept even when a late submission is refused), the score.
CREATE TABLE training_attempts (
  id           uuid PRIMARY KEY,
  exam_id      uuid NOT NULL REFERENCES training_exams (id),
  officer_id   uuid NOT NULL REFERENCES officers (id),
  bureau_id    uuid NOT NULL,
  attempt_no   integer NOT NULL,
  seed         bigint NOT NULL,
  question_ids uuid[] NOT NULL,
  started_at   timestamptz NOT NULL,
  due_at       timestamptz NOT NULL,
  answers      jsonb NOT NULL DEFAULT '{}',
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'graded', 'expired')),
  submitted_at timestamptz,
  late_answers jsonb,
  score        integer,
  passed       boolean,
  UNIQUE (exam_id, officer_id, attempt_no)
);
CREATE INDEX training_attempts_officer_idx ON training_attempts (officer_id, started_at DESC);

-- 执法资格考试: the record of each officer's sitting (taken here or recorded from the city's session).
CREATE TABLE training_qualifications (
  id          uuid PRIMARY KEY,
  officer_id  uuid NOT NULL REFERENCES officers (id),
  bureau_id   uuid NOT NULL,
  exam_date   date NOT NULL,
  score       integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  passed      boolean NOT NULL,
  attempt_id  uuid REFERENCES training_attempts (id),
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_qualifications_officer_idx ON training_qualifications (officer_id, exam_date);

-- 队伍: rank and post tags of an officer; transfers between orgs with their history.
CREATE TABLE officer_profiles (
  officer_id uuid PRIMARY KEY REFERENCES officers (id),
  rank       text,
  post_tags  text[] NOT NULL DEFAULT '{}',
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE officer_transfers (
  id           uuid PRIMARY KEY,
  officer_id   uuid NOT NULL REFERENCES officers (id),
  from_org_id  uuid NOT NULL REFERENCES orgs (id),
  to_org_id    uuid NOT NULL REFERENCES orgs (id),
  effective_on date NOT NULL,
  reason       text NOT NULL,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX officer_transfers_officer_idx ON officer_transfers (officer_id, effective_on);

-- 规范化中队: criteria sheets, self-assessments and inspections scored on them, and the year's rating.
CREATE TABLE squad_settings (
  bureau_id         uuid PRIMARY KEY REFERENCES orgs (id),
  target_model_pct  numeric(5, 1) NOT NULL DEFAULT 40 CHECK (target_model_pct BETWEEN 0 AND 100),
  target_rated_pct  numeric(5, 1) NOT NULL DEFAULT 98 CHECK (target_rated_pct BETWEEN 0 AND 100),
  updated_by        uuid,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE squad_criteria_sheets (
  id          uuid PRIMARY KEY,
  bureau_id   uuid NOT NULL REFERENCES orgs (id),
  year        integer NOT NULL,
  title       text NOT NULL,
  items       jsonb NOT NULL,
  max_total   integer NOT NULL,
  standard_at integer NOT NULL,
  model_at    integer NOT NULL,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE squad_assessments (
  id          uuid PRIMARY KEY,
  sheet_id    uuid NOT NULL REFERENCES squad_criteria_sheets (id),
  org_id      uuid NOT NULL REFERENCES orgs (id),
  bureau_id   uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('self', 'inspection')),
  scores      jsonb NOT NULL,
  total       integer NOT NULL,
  note        text,
  assessed_by uuid,
  assessed_at timestamptz NOT NULL
);
CREATE INDEX squad_assessments_org_idx ON squad_assessments (org_id, assessed_at);
CREATE TABLE squad_ratings (
  id            uuid PRIMARY KEY,
  org_id        uuid NOT NULL REFERENCES orgs (id),
  bureau_id     uuid NOT NULL,
  year          integer NOT NULL,
  rating        text NOT NULL CHECK (rating IN ('standard', 'model', 'star')),
  stars         integer CHECK (stars BETWEEN 1 AND 5),
  assessment_id uuid REFERENCES squad_assessments (id),
  decided_by    uuid,
  decided_on    date NOT NULL,
  UNIQUE (org_id, year)
);
