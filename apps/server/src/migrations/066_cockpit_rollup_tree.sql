-- 066 驾驶舱 at ten years (issue 16 §5; docs/cockpit.md, "The roll-up"). Two changes to migration 054's roll-up:
--
-- 1. The roll-up is also kept per subtree, in cockpit_rollup_tree: a statement's deltas are appended once for every
--    unit on the path of the record's unit (the squad, its 大队, its district bureau, the city bureau). A number of any
--    org is then read from that org's own rows — for a 36-month trend a few hundred index entries — instead of summing
--    the rows of every squad under it (at ten years, hundreds of thousands for the city). Orgs do not move: a unit's
--    path is fixed when it is created. cockpit_rebuild() recomputes both tables.
-- 2. Compaction folds only the keys that received new rows since it last ran (fresh rows, a partial index), not the
--    whole table every minute.
-- 3. The trigger appends a statement's deltas straight from its transition tables (no jsonb array in between).
CREATE TABLE cockpit_rollup_tree (
  metric text NOT NULL,
  month  date NOT NULL,
  org_id uuid NOT NULL,
  value  bigint NOT NULL,
  fresh  boolean NOT NULL DEFAULT true
);
CREATE INDEX cockpit_rollup_tree_org_idx ON cockpit_rollup_tree (org_id, metric, month);
CREATE INDEX cockpit_rollup_tree_fresh_idx ON cockpit_rollup_tree (metric, month, org_id) WHERE fresh;

ALTER TABLE cockpit_rollup ADD COLUMN fresh boolean NOT NULL DEFAULT true;
CREATE INDEX cockpit_rollup_fresh_idx ON cockpit_rollup (metric, month, org_id) WHERE fresh;
CREATE INDEX cockpit_rollup_org_idx ON cockpit_rollup (org_id, metric, month);

-- The ids on an org's path ('/a/b/c/' → {a,b,c}): the unit and every unit above it.
CREATE FUNCTION cockpit_path_ids(path text) RETURNS uuid[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_to_array(trim(both '/' from path), '/')::uuid[]
$$;

-- A statement's deltas (a relation of metric, month, org_id, value), summed per key, appended to both tables. The
-- trigger below and cockpit_apply (a jsonb array, for callers outside a trigger) share this one statement's text.
CREATE FUNCTION cockpit_append_sql(deltas text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    WITH d AS (
      SELECT metric, month, org_id, sum(value) AS value FROM (%s) x GROUP BY 1, 2, 3 HAVING sum(value) <> 0
    ), direct AS (
      INSERT INTO cockpit_rollup (metric, month, org_id, value) SELECT metric, month, org_id, value FROM d
    )
    INSERT INTO cockpit_rollup_tree (metric, month, org_id, value)
    SELECT d.metric, d.month, a.id, sum(d.value)
      FROM d JOIN orgs o ON o.id = d.org_id CROSS JOIN LATERAL unnest(cockpit_path_ids(o.path)) AS a (id)
     GROUP BY 1, 2, 3 HAVING sum(d.value) <> 0$f$, deltas)
$$;

CREATE OR REPLACE FUNCTION cockpit_apply(deltas jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE cockpit_append_sql('SELECT * FROM jsonb_to_recordset($1) AS d (metric text, month date, org_id uuid, value bigint)')
    USING deltas;
END
$$;

-- The trigger of every source table (054's, now without the jsonb round trip: a bulk statement of 246,000 rows
-- no longer builds an array of every fact). TG_ARGV[0] is the facts function; the transition tables are named in the
-- dynamic statement (PL/pgSQL registers them for EXECUTE too).
CREATE OR REPLACE FUNCTION cockpit_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fn text := TG_ARGV[0];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE cockpit_append_sql(format('SELECT f.metric, f.month, f.org_id, f.value FROM new_rows n, LATERAL %I(n) f', fn));
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE cockpit_append_sql(format('SELECT f.metric, f.month, f.org_id, -f.value AS value FROM old_rows o, LATERAL %I(o) f', fn));
  ELSE
    EXECUTE cockpit_append_sql(format('SELECT f.metric, f.month, f.org_id, f.value FROM new_rows n, LATERAL %I(n) f
                                       UNION ALL
                                       SELECT f.metric, f.month, f.org_id, -f.value FROM old_rows o, LATERAL %I(o) f', fn, fn));
  END IF;
  RETURN NULL;
END
$$;

-- Folds the keys with fresh rows into one settled row each (dropped when the sum is zero). Rows appended meanwhile by
-- transactions not yet committed are not seen and stay fresh for the next run; the sums read are the same before and
-- after.
CREATE OR REPLACE FUNCTION cockpit_compact() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  t text;
  n bigint;
  total bigint := 0;
BEGIN
  FOREACH t IN ARRAY ARRAY['cockpit_rollup', 'cockpit_rollup_tree'] LOOP
    EXECUTE format($f$
      WITH keys AS (
        SELECT DISTINCT metric, month, org_id FROM %1$I WHERE fresh
      ), gone AS (
        DELETE FROM %1$I r USING keys k
         WHERE r.metric = k.metric AND r.month = k.month AND r.org_id = k.org_id
        RETURNING r.metric, r.month, r.org_id, r.value
      ), kept AS (
        INSERT INTO %1$I (metric, month, org_id, value, fresh)
        SELECT metric, month, org_id, sum(value), false FROM gone GROUP BY 1, 2, 3 HAVING sum(value) <> 0
        RETURNING 1
      )
      SELECT count(*) FROM gone$f$, t) INTO n;
    total := total + n;
  END LOOP;
  RETURN total;
END
$$;

CREATE OR REPLACE FUNCTION cockpit_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s record;
BEGIN
  DELETE FROM cockpit_rollup;
  DELETE FROM cockpit_rollup_tree;
  FOR s IN SELECT table_name, facts_fn FROM cockpit_sources ORDER BY table_name LOOP
    EXECUTE format('INSERT INTO cockpit_rollup (metric, month, org_id, value, fresh)
                    SELECT f.metric, f.month, f.org_id, sum(f.value), true FROM %I t, LATERAL %I(t) f
                     GROUP BY 1, 2, 3 HAVING sum(f.value) <> 0',
                   s.table_name, s.facts_fn);
  END LOOP;
  PERFORM cockpit_tree_from_rollup();
END
$$;

-- The subtree table from the direct one (rebuild, and this migration on a database that already holds a roll-up).
CREATE FUNCTION cockpit_tree_from_rollup() RETURNS void LANGUAGE sql AS $$
  WITH folded AS (
    DELETE FROM cockpit_rollup WHERE true RETURNING metric, month, org_id, value
  ), direct AS (
    INSERT INTO cockpit_rollup (metric, month, org_id, value, fresh)
    SELECT metric, month, org_id, sum(value), false FROM folded GROUP BY 1, 2, 3 HAVING sum(value) <> 0
  )
  INSERT INTO cockpit_rollup_tree (metric, month, org_id, value, fresh)
  SELECT f.metric, f.month, a.id, sum(f.value), false
    FROM folded f JOIN orgs o ON o.id = f.org_id CROSS JOIN LATERAL unnest(cockpit_path_ids(o.path)) AS a (id)
   GROUP BY 1, 2, 3 HAVING sum(f.value) <> 0
$$;

SELECT cockpit_tree_from_rollup();
