-- The registry's lists at city scale (300,000 subjects). Every list is newest first by id among live records and
-- counts to a cap of 10,000: each filter gets an index in that order, so the first page stops after 20 rows and the
-- count walks only the entries the filter keeps. The jurisdiction (the record's org, COALESCE(org_id, bureau_id),
-- among the orgs under the caller's path) stays in every query: a squad's records are read through
-- subjects_jurisdiction_idx in the list's order; for a district or the city the other indexes carry org_id and
-- bureau_id, so that the check is made on the index entry without a visit to the table.
CREATE INDEX subjects_jurisdiction_idx ON subjects ((COALESCE(org_id, bureau_id)), id) WHERE status = 'active';
CREATE INDEX subjects_kind_idx ON subjects (kind, id) INCLUDE (org_id, bureau_id) WHERE status = 'active';
CREATE INDEX subjects_kind_risk_idx ON subjects (kind, risk_level, id) INCLUDE (org_id, bureau_id) WHERE status = 'active';
CREATE INDEX subjects_kind_licence_idx ON subjects (kind, licence_state, id) INCLUDE (org_id, bureau_id) WHERE status = 'active';
CREATE INDEX subjects_no_point_idx ON subjects (id) INCLUDE (org_id, bureau_id) WHERE point_lon IS NULL AND status = 'active';
CREATE INDEX subjects_no_squad_idx ON subjects (id) INCLUDE (bureau_id, point_lon) WHERE org_id IS NULL AND status = 'active';
CREATE INDEX subjects_unverified_idx ON subjects (id) INCLUDE (org_id, bureau_id) WHERE NOT verified AND status = 'active';
CREATE INDEX subjects_not_live_idx ON subjects (status, id) INCLUDE (org_id, bureau_id) WHERE status <> 'active';
-- Replaced by the same keys carrying the jurisdiction's columns.
DROP INDEX subjects_risk_level_idx;
CREATE INDEX subjects_risk_level_idx ON subjects (risk_level, id) INCLUDE (org_id, bureau_id) WHERE status = 'active';
DROP INDEX subjects_licence_state_idx;
CREATE INDEX subjects_licence_state_idx ON subjects (licence_state, id) INCLUDE (org_id, bureau_id) WHERE status = 'active';
DROP INDEX subjects_live_idx;
CREATE INDEX subjects_live_idx ON subjects (id) INCLUDE (org_id, bureau_id) WHERE status = 'active';

-- 数据质量 kept current: per jurisdiction org (the squad, or the bureau while there is none), the live subjects and
-- how many of them have no point, a point but no squad, the kept licence state 'expired', not verified. Written by the
-- statement triggers below in the transaction of every write to subjects, so the figures are exact; records not graded
-- yet (licence_state NULL) have their licence state computed at read time, as the list does.
CREATE TABLE subject_quality_counts (
  org_id     uuid PRIMARY KEY REFERENCES orgs (id),
  total      bigint NOT NULL DEFAULT 0,
  no_point   bigint NOT NULL DEFAULT 0,
  no_squad   bigint NOT NULL DEFAULT 0,
  expired    bigint NOT NULL DEFAULT 0,
  unverified bigint NOT NULL DEFAULT 0
);

-- Live records of a bureau by normalised name and address (the duplicate pairs' key): n > 1 is a candidate group.
CREATE TABLE subject_twin_keys (
  bureau_id   uuid NOT NULL,
  name_key    text NOT NULL,
  address_key text NOT NULL,
  n           integer NOT NULL,
  PRIMARY KEY (bureau_id, name_key, address_key)
);
CREATE INDEX subject_twin_keys_many_idx ON subject_twin_keys (bureau_id) WHERE n > 1;

-- Rows leaving (old, -1) and entering (new, +1) the live set, summed per key; a key whose sums are all zero (an update
-- that changed nothing counted) is not written, so such updates take no lock on the summary.
-- (The transition tables are seen only by the trigger's own function, so it runs both statements itself.)
CREATE FUNCTION subject_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS d FROM subject_counts_new'
    WHEN 'UPDATE' THEN 'SELECT *, 1 AS d FROM subject_counts_new UNION ALL SELECT *, -1 AS d FROM subject_counts_old'
    ELSE 'SELECT *, -1 AS d FROM subject_counts_old' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO subject_quality_counts AS c (org_id, total, no_point, no_squad, expired, unverified)
    SELECT o, sum(d), sum(d * np), sum(d * ns), sum(d * ex), sum(d * uv) FROM (
      SELECT COALESCE(org_id, bureau_id) AS o, d,
        (point_lon IS NULL)::int AS np, (point_lon IS NOT NULL AND org_id IS NULL)::int AS ns,
        (licence_state IS NOT DISTINCT FROM 'expired')::int AS ex, (NOT verified)::int AS uv
      FROM (%s) x WHERE status = 'active') y
    GROUP BY o
    HAVING sum(d) <> 0 OR sum(d * np) <> 0 OR sum(d * ns) <> 0 OR sum(d * ex) <> 0 OR sum(d * uv) <> 0
    ORDER BY o
    ON CONFLICT (org_id) DO UPDATE SET total = c.total + excluded.total, no_point = c.no_point + excluded.no_point,
      no_squad = c.no_squad + excluded.no_squad, expired = c.expired + excluded.expired,
      unverified = c.unverified + excluded.unverified$q$, delta);
  EXECUTE format($q$
    INSERT INTO subject_twin_keys AS t (bureau_id, name_key, address_key, n)
    SELECT bureau_id, name_key, address_key, sum(d) FROM (%s) x
    WHERE status = 'active' AND address_key IS NOT NULL
    GROUP BY bureau_id, name_key, address_key HAVING sum(d) <> 0
    ORDER BY bureau_id, name_key, address_key
    ON CONFLICT (bureau_id, name_key, address_key) DO UPDATE SET n = t.n + excluded.n$q$, delta);
  RETURN NULL;
END
$$;
CREATE TRIGGER subjects_counts_insert AFTER INSERT ON subjects REFERENCING NEW TABLE AS subject_counts_new
  FOR EACH STATEMENT EXECUTE FUNCTION subject_counts_apply();
CREATE TRIGGER subjects_counts_update AFTER UPDATE ON subjects
  REFERENCING OLD TABLE AS subject_counts_old NEW TABLE AS subject_counts_new
  FOR EACH STATEMENT EXECUTE FUNCTION subject_counts_apply();
CREATE TRIGGER subjects_counts_delete AFTER DELETE ON subjects REFERENCING OLD TABLE AS subject_counts_old
  FOR EACH STATEMENT EXECUTE FUNCTION subject_counts_apply();

INSERT INTO subject_quality_counts (org_id, total, no_point, no_squad, expired, unverified)
SELECT COALESCE(org_id, bureau_id), count(*), count(*) FILTER (WHERE point_lon IS NULL),
  count(*) FILTER (WHERE point_lon IS NOT NULL AND org_id IS NULL), count(*) FILTER (WHERE licence_state = 'expired'),
  count(*) FILTER (WHERE NOT verified)
FROM subjects WHERE status = 'active' GROUP BY 1;
INSERT INTO subject_twin_keys (bureau_id, name_key, address_key, n)
SELECT bureau_id, name_key, address_key, count(*) FROM subjects
WHERE status = 'active' AND address_key IS NOT NULL GROUP BY 1, 2, 3;
