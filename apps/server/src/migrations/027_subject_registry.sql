-- 027 执法对象 registry: risk rule sets as versioned data, the history of level changes, manual overrides awaiting a
-- leader's approval, and the indexes the registry's list and map read (docs/subjects.md).

-- 风险等级规则: each version is the domain's RiskRuleSet as JSON (checked by checkRiskRuleSet before it is stored).
-- `bureau_id` is the bureau the version applies to; a bureau without a stored version grades with the domain's
-- DEFAULT_RISK_RULE_SET (shown as version 0). Versions are append-only: a change is a new version.
CREATE TABLE subject_risk_rule_sets (
  id             uuid PRIMARY KEY,
  bureau_id      uuid NOT NULL REFERENCES orgs (id),
  version        integer NOT NULL CHECK (version >= 1),
  effective_from date NOT NULL,
  rule_set       jsonb NOT NULL,
  note           text,
  created_by     uuid REFERENCES officers (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bureau_id, version)
);

-- The last grading as the domain computed it (level, fired rule, evidence), so the next grading's change can be
-- explained against it (diffRiskGradings).
ALTER TABLE subjects ADD COLUMN risk_grading jsonb;
-- The licence state the list filters by (valid / expiring / expired / none / not_required), kept by the grading — on
-- every write through the timeline and nightly, as states change with the date.
ALTER TABLE subjects ADD COLUMN licence_state text;
CREATE INDEX subjects_licence_state_idx ON subjects (licence_state, id) WHERE status = 'active';

-- 风险等级变更记录: every change of a subject's level, with the rule, the evidence and the reason in words.
CREATE TABLE subject_risk_changes (
  id           uuid PRIMARY KEY,
  subject_id   uuid NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
  at           timestamptz NOT NULL,
  from_level   text,
  to_level     text NOT NULL,
  rule_id      text,
  rule_version integer,
  evidence     jsonb NOT NULL DEFAULT '[]',
  reason_zh    text NOT NULL,
  override_id  uuid,
  actor_id     uuid REFERENCES officers (id)
);
CREATE INDEX subject_risk_changes_subject_idx ON subject_risk_changes (subject_id, at DESC, id);

-- 人工调整: requested with a reason, approved or rejected by a leader of the jurisdiction who is not the requester;
-- an approved override sets the level until valid_until (inclusive; NULL = until withdrawn by a newer one).
CREATE TABLE subject_risk_overrides (
  id            uuid PRIMARY KEY,
  subject_id    uuid NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
  level         text NOT NULL,
  reason_zh     text NOT NULL,
  valid_until   date,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
  requested_by  uuid NOT NULL REFERENCES officers (id),
  requested_at  timestamptz NOT NULL,
  decided_by    uuid REFERENCES officers (id),
  decided_at    timestamptz,
  decision_note text
);
CREATE INDEX subject_risk_overrides_subject_idx ON subject_risk_overrides (subject_id, requested_at DESC);
CREATE INDEX subject_risk_overrides_approved_idx ON subject_risk_overrides (subject_id) WHERE status = 'approved';

-- The map reads live subjects of one bureau inside a window: the bureau, then a range on longitude with latitude
-- checked inside the index (no heap read for points outside the window).
CREATE INDEX subjects_map_idx ON subjects (bureau_id, point_lon, point_lat, id)
  WHERE point_lon IS NOT NULL AND status = 'active';
-- The nightly regrading walks a bureau's live subjects by id in batches.
CREATE INDEX subjects_live_idx ON subjects (id) WHERE status = 'active';
-- Identity look-ups of the duplicate check: the same credit code in any kind's record, the same name key.
CREATE INDEX subjects_name_key_idx ON subjects (bureau_id, name_key);
-- The list's substring search (q) reads these besides the name's index of 026.
CREATE INDEX subjects_address_trgm_idx ON subjects USING gin (address gin_trgm_ops);
CREATE INDEX subjects_code_trgm_idx ON subjects USING gin (code gin_trgm_ops);
CREATE INDEX subjects_credit_code_trgm_idx ON subjects USING gin (credit_code gin_trgm_ops);
CREATE INDEX subjects_plate_trgm_idx ON subjects USING gin (plate gin_trgm_ops);
