-- Multiplies a generated city's cases in place, for measuring reads at full volume when the generator's full run does
-- not fit the time at hand: each case is copied :copies times under a new id (derived from the old id and the copy
-- number), with its own case number and act (so 文号 stay unique and E6 counts no copy as a prior fine of another),
-- in the same squad, on the same dates and in the same state, with its 承办人 and its deadline rows. Events, documents,
-- payments and files are not copied: the list, workbench, deadline and scheduler reads do not touch them.
--   psql "$DATABASE_URL" -v copies=6 -f bench/sql/scale-up.sql
\timing on
BEGIN;
CREATE TEMP TABLE scale_copies AS SELECT generate_series(1, :copies) AS k;
INSERT INTO cases (id, bureau_id, org_id, procedure, state, source, source_ref, case_number, offence_id, offence_code,
  offence_name, domain, party_id, party_type, party_name, act_id, act_date, location, facts, discovered_on, registered_on,
  filed_on, decided_on, closed_on, decision_outcome, fine_fen, has_overdue, next_due_date, version, snapshot, created_by,
  created_at, updated_at)
SELECT md5(c.id::text || '#' || k)::uuid, c.bureau_id, c.org_id, c.procedure, c.state, c.source, c.source_ref,
  c.case_number || '-' || k, c.offence_id, c.offence_code, c.offence_name, c.domain, c.party_id, c.party_type, c.party_name,
  c.act_id || '#' || k, c.act_date, c.location, c.facts, c.discovered_on, c.registered_on, c.filed_on, c.decided_on,
  c.closed_on, c.decision_outcome, c.fine_fen, c.has_overdue, c.next_due_date, c.version, c.snapshot, c.created_by,
  c.created_at, c.updated_at
FROM cases c CROSS JOIN scale_copies;
INSERT INTO case_officers (case_id, officer_id, role)
SELECT md5(o.case_id::text || '#' || k)::uuid, o.officer_id, o.role FROM case_officers o CROSS JOIN scale_copies;
INSERT INTO case_deadlines (case_id, kind, bureau_id, org_id, due_date, basis, state, holder, done_on, reminded_at,
  overdue_alerted_at, updated_at)
SELECT md5(d.case_id::text || '#' || k)::uuid, d.kind, d.bureau_id, d.org_id, d.due_date, d.basis, d.state, d.holder,
  d.done_on, d.reminded_at, d.overdue_alerted_at, d.updated_at FROM case_deadlines d CROSS JOIN scale_copies;
COMMIT;
VACUUM ANALYZE cases;
VACUUM ANALYZE case_officers;
VACUUM ANALYZE case_deadlines;
