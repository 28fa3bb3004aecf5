-- Where the act was seen: the point of a case in WGS-84 (what a phone's receiver gives and what the platform stores),
-- and the coordinate system it was captured in (a point picked on a GCJ-02 base map is converted on the way in).
-- Nullable: cases registered before this migration, and cases whose place is known only by its address, have none.
-- Adding nullable columns without a default rewrites no rows on either engine.
ALTER TABLE cases
  ADD COLUMN point_lon double precision,
  ADD COLUMN point_lat double precision,
  ADD COLUMN point_crs text;

ALTER TABLE cases ADD CONSTRAINT cases_point_check CHECK (
  (point_lon IS NULL AND point_lat IS NULL AND point_crs IS NULL)
  OR (point_lon BETWEEN -180 AND 180 AND point_lat BETWEEN -90 AND 90 AND point_crs IN ('wgs84', 'gcj02'))
);
