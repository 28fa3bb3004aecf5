-- 033 导入 in bulk: the check grades each row that passed with the bureau's rule set in force (the domain's
-- gradeSubject), so the commit writes the registry's grading columns as they are — the rule-set version, the computed
-- level, the licence state the list filters by and the next inspection due — and an imported record reads as graded
-- from the first day (nothing left for the nightly job to catch up on).
ALTER TABLE subject_import_rows
  ADD COLUMN risk_rule_version  integer,
  ADD COLUMN licence_state      text,
  ADD COLUMN next_inspection_on text;
