-- 072 The day's track summaries (docs/waste.md §3 "Summaries at ingest"): while a batch is taken, each truck's fixes of
-- the batch (a chunk) are placed with the register as it stands (in a site's cell, on a corridor of the truck's permits
-- that day, or off) and only the fixes where something begins or ends are kept — the ends of the chunk, of its runs of
-- one place, and of its runs of one cell long enough to be a stop. The night's analysis reads these instead of every
-- fix when they are current: no batch of the day without them, no two chunks of a truck overlapping in time, the same
-- permits for each truck as at ingest and the register's version unchanged since. Otherwise it reads the fixes.
-- Both tables are partitioned by day beside waste_points and dropped with it; the analysis reads a day's partitions
-- whole, so they have no index.

-- One row per chunk: a truck's fixes of one batch and one day. permits: the ids of the permits that covered the plate
-- that day at ingest, sorted, comma-separated; register_version: waste_register_version.version at ingest.
CREATE TABLE waste_track_chunks (
  day           date NOT NULL,
  plate         text NOT NULL,
  t_first       bigint NOT NULL,
  t_last        bigint NOT NULL,
  n             integer NOT NULL,
  permits       text NOT NULL,
  register_version  bigint NOT NULL
) PARTITION BY RANGE (day);

-- The kept fixes of a chunk: i its position in the chunk (1 … n), zone S / C / X and the site of a fix in a site's
-- cell; the four flags (0/1) say, within the chunk, whether the fix begins or ends a run of one cell and of one place.
CREATE TABLE waste_track_edges (
  day        date NOT NULL,
  plate      text NOT NULL,
  chunk_t    bigint NOT NULL,
  i          integer NOT NULL,
  t          bigint NOT NULL,
  cell       bigint NOT NULL,
  zone       text NOT NULL,
  site_id    uuid,
  site_kind  text,
  new_cell   smallint NOT NULL,
  cell_end   smallint NOT NULL,
  new_zone   smallint NOT NULL,
  zone_end   smallint NOT NULL
) PARTITION BY RANGE (day);

-- Batches taken before summaries existed (or by a writer that does not make them) send their days to the fixes.
ALTER TABLE waste_gps_batches ADD COLUMN summarised boolean NOT NULL DEFAULT false;

-- A counter moved by every change of the site cells and by any change of a corridor other than its registration with
-- its permit (a permit's corridor is written once; a new permit changes only its own plates' permit lists, which the
-- chunks compare): summaries placed before it moved are not trusted.
CREATE TABLE waste_register_version (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  version  bigint NOT NULL
);
INSERT INTO waste_register_version (id, version) VALUES (true, 1);

CREATE FUNCTION waste_register_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE waste_register_version SET version = version + 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER waste_site_cells_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON waste_site_cells
  FOR EACH STATEMENT EXECUTE FUNCTION waste_register_changed();
CREATE TRIGGER waste_corridor_cells_version AFTER UPDATE OR DELETE OR TRUNCATE ON waste_corridor_cells
  FOR EACH STATEMENT EXECUTE FUNCTION waste_register_changed();

-- Partitions of the summaries for the days whose fixes are already kept.
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT substring(c.relname FROM 14) AS d FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'waste_points'
  LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS waste_track_chunks_%s PARTITION OF waste_track_chunks FOR VALUES FROM (%L) TO (%L)',
      r.d, to_date(r.d, 'YYYYMMDD'), to_date(r.d, 'YYYYMMDD') + 1);
    EXECUTE format('CREATE TABLE IF NOT EXISTS waste_track_edges_%s PARTITION OF waste_track_edges FOR VALUES FROM (%L) TO (%L)',
      r.d, to_date(r.d, 'YYYYMMDD'), to_date(r.d, 'YYYYMMDD') + 1);
  END LOOP;
END
$$;

SELECT data_assets_sync(now());
