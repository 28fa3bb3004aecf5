-- 002 Legal standards library (法制标准规范库): provisions, offences with their discretion tiers, exemption
-- lists, enforcement guidance, guiding cases, the versioned legal configuration and the working-day
-- calendar overrides. Reference tables: small, replicated when the big tables are distributed.
-- Every entry carries its verification mark (LEGAL-RULES.md §0: V verified, P partly, U unverified) and source.
-- Versioned rows keep an end date that is never before the start (CHECK); overlaps between versions of the
-- same entry are refused by the use-cases under a transaction-scoped advisory lock.

-- 法条: an article (or paragraph / item) of a 法律, 法规, 规章 or 规范性文件.
CREATE TABLE law_provisions (
  id             uuid PRIMARY KEY,
  law_title      text NOT NULL,
  level          text NOT NULL CHECK (level IN ('law', 'administrative_regulation', 'local_regulation', 'rule',
                                                'normative_document', 'judicial_interpretation')),
  issuer         text,
  article        integer NOT NULL CHECK (article > 0),
  paragraph      integer CHECK (paragraph > 0),
  item           integer CHECK (item > 0),
  text           text NOT NULL,
  effective_from date NOT NULL,
  repealed_on    date,
  verification   text NOT NULL CHECK (verification IN ('V', 'P', 'U')),
  source         text NOT NULL,
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (item IS NULL OR paragraph IS NOT NULL),
  CHECK (repealed_on IS NULL OR repealed_on > effective_from)
);
CREATE INDEX law_provisions_key_idx ON law_provisions (law_title, article, paragraph, item);
CREATE INDEX law_provisions_title_trgm_idx ON law_provisions USING gin (law_title gin_trgm_ops);
CREATE INDEX law_provisions_text_trgm_idx ON law_provisions USING gin (text gin_trgm_ops);

-- 案由: one row per version of an offence code; effective_to is the last day in force.
CREATE TABLE law_offences (
  id                       uuid PRIMARY KEY,
  code                     text NOT NULL,
  name                     text NOT NULL,
  domain                   text NOT NULL,
  violated_provision       text NOT NULL,
  violated_provision_id    uuid REFERENCES law_provisions (id),
  penalty_provision        text NOT NULL,
  penalty_provision_id     uuid REFERENCES law_provisions (id),
  penalty_types            text[] NOT NULL DEFAULT '{}',
  min_fine_fen             bigint CHECK (min_fine_fen >= 0),
  max_fine_fen             bigint,
  fines_only_after_refusal boolean NOT NULL DEFAULT false,
  illegal                  boolean NOT NULL DEFAULT true,
  offsite_eligible         boolean NOT NULL DEFAULT false,
  event_category           text CHECK (event_category IN ('市容环境', '宣传广告', '施工管理', '突发事件', '街面秩序', '其他')),
  keywords                 text[] NOT NULL DEFAULT '{}',
  effective_from           date NOT NULL,
  effective_to             date,
  verification             text NOT NULL CHECK (verification IN ('V', 'P', 'U')),
  source                   text NOT NULL,
  note                     text,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, effective_from),
  CHECK ((min_fine_fen IS NULL) = (max_fine_fen IS NULL)),
  CHECK (max_fine_fen >= min_fine_fen),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX law_offences_name_trgm_idx ON law_offences USING gin (name gin_trgm_ops);
CREATE INDEX law_offences_domain_idx ON law_offences (domain);

-- 裁量基准: the tiers of one offence version. A tier's range lies inside the statutory range (a 减轻 tier
-- below its minimum), checked by the domain's assertTiersWithinRange.
CREATE TABLE law_discretion_standards (
  id              uuid PRIMARY KEY,
  offence_id      uuid NOT NULL REFERENCES law_offences (id) ON DELETE CASCADE,
  level           text NOT NULL CHECK (level IN ('no_penalty', 'reduced', 'lighter', 'standard', 'heavier')),
  label           text NOT NULL,
  conditions_text text NOT NULL DEFAULT '',
  conditions      jsonb NOT NULL DEFAULT '{}',
  min_fen         bigint NOT NULL CHECK (min_fen >= 0),
  max_fen         bigint NOT NULL,
  sort_order      integer NOT NULL DEFAULT 0,
  verification    text NOT NULL CHECK (verification IN ('V', 'P', 'U')),
  source          text NOT NULL,
  note            text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (max_fen >= min_fen)
);
CREATE INDEX law_discretion_standards_offence_idx ON law_discretion_standards (offence_id, sort_order);

-- 免罚清单 items, matched to offences by code and by their conditions (E8).
CREATE TABLE law_exemption_items (
  id              uuid PRIMARY KEY,
  list_name       text NOT NULL,
  item_no         integer NOT NULL CHECK (item_no > 0),
  provision       text NOT NULL,
  provision_id    uuid REFERENCES law_provisions (id),
  offence_code    text,
  behaviour       text NOT NULL,
  conditions_text text NOT NULL,
  conditions      text[] NOT NULL DEFAULT '{}',
  effect          text NOT NULL DEFAULT 'must_not_punish' CHECK (effect IN ('must_not_punish', 'may_exempt')),
  keywords        text[] NOT NULL DEFAULT '{}',
  effective_from  date NOT NULL,
  effective_to    date,
  verification    text NOT NULL CHECK (verification IN ('V', 'P', 'U')),
  source          text NOT NULL,
  note            text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (list_name, item_no, effective_from),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX law_exemption_items_offence_idx ON law_exemption_items (offence_code);
CREATE INDEX law_exemption_items_behaviour_trgm_idx ON law_exemption_items USING gin (behaviour gin_trgm_ops);

-- 执法指引: steps, evidence, documents and checklist as jsonb arrays of text.
CREATE TABLE law_guidance (
  id             uuid PRIMARY KEY,
  offence_code   text,
  title          text NOT NULL,
  steps          jsonb NOT NULL DEFAULT '[]',
  evidence       jsonb NOT NULL DEFAULT '[]',
  documents      jsonb NOT NULL DEFAULT '[]',
  checklist      jsonb NOT NULL DEFAULT '[]',
  effective_from date NOT NULL,
  effective_to   date,
  verification   text NOT NULL CHECK (verification IN ('V', 'P', 'U')),
  source         text NOT NULL,
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX law_guidance_offence_idx ON law_guidance (offence_code);
CREATE INDEX law_guidance_title_trgm_idx ON law_guidance USING gin (title gin_trgm_ops);

-- 指导案例.
CREATE TABLE law_guiding_cases (
  id           uuid PRIMARY KEY,
  title        text NOT NULL,
  offence_code text,
  case_number  text,
  published_on date NOT NULL,
  withdrawn_on date,
  facts        text NOT NULL,
  outcome      text NOT NULL DEFAULT '',
  key_points   text NOT NULL DEFAULT '',
  verification text NOT NULL CHECK (verification IN ('V', 'P', 'U')),
  source       text NOT NULL,
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (withdrawn_on IS NULL OR withdrawn_on >= published_on)
);
CREATE INDEX law_guiding_cases_offence_idx ON law_guiding_cases (offence_code);
CREATE INDEX law_guiding_cases_title_trgm_idx ON law_guiding_cases USING gin (title gin_trgm_ops);

-- LegalConfig versions: a version is in force from effective_from until the next one starts.
-- `config` holds the values and their sources (mark + source per key).
CREATE TABLE law_config_versions (
  id             uuid PRIMARY KEY,
  effective_from date NOT NULL UNIQUE,
  config         jsonb NOT NULL,
  note           text,
  created_by     uuid REFERENCES officers (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- An administrator's correction to the chinese-days data (e.g. a State Council notice newer than the package).
CREATE TABLE law_calendar_overrides (
  date       date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('workday', 'holiday')),
  note       text NOT NULL,
  updated_by uuid REFERENCES officers (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
