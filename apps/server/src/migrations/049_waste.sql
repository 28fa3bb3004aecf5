-- 049 建筑垃圾两点一线 (construction waste, issue 14 §3–5; docs/waste.md): the register of producing sites (工地),
-- disposal sites (消纳场) and yards (停车场), transport companies and their vehicles, the 处置核准 permits that tie a
-- site, a company's vehicles and disposal sites with an approved route (corridor); GPS points from the connector,
-- partitioned by day; the day's analysis (trips and clues); seizures of vehicles (扣押, H1/H3).
-- Places and corridors are stored as H3 cells (resolution 10, signed 64-bit integers): the analysis joins integers.

CREATE TABLE waste_sites (
  id          uuid PRIMARY KEY,
  bureau_id   uuid NOT NULL REFERENCES orgs (id),
  kind        text NOT NULL CHECK (kind IN ('producing', 'disposal', 'yard')),
  name        text NOT NULL,
  address     text NOT NULL,
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  radius_m    integer NOT NULL CHECK (radius_m BETWEEN 20 AND 2000),
  active      boolean NOT NULL DEFAULT true,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bureau_id, kind, name)
);
CREATE INDEX waste_sites_list_idx ON waste_sites (bureau_id, kind, created_at DESC, id);

CREATE TABLE waste_companies (
  id                  uuid PRIMARY KEY,
  bureau_id           uuid NOT NULL REFERENCES orgs (id),
  name                text NOT NULL,
  credit_code         text NOT NULL UNIQUE,
  licence_no          text NOT NULL,
  licence_valid_until date NOT NULL,
  -- revoked by a decided case (吊销, with the hearing right the case gave).
  licence_status      text NOT NULL DEFAULT 'valid' CHECK (licence_status IN ('valid', 'revoked')),
  revoked_case_id     uuid,
  created_by          uuid,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX waste_companies_list_idx ON waste_companies (bureau_id, created_at DESC, id);

CREATE TABLE waste_vehicles (
  id                  uuid PRIMARY KEY,
  bureau_id           uuid NOT NULL REFERENCES orgs (id),
  plate               text NOT NULL UNIQUE,
  company_id          uuid NOT NULL REFERENCES waste_companies (id),
  licence_no          text NOT NULL,
  licence_valid_until date NOT NULL,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'seized')),
  created_by          uuid,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX waste_vehicles_list_idx ON waste_vehicles (bureau_id, created_at DESC, id);
CREATE INDEX waste_vehicles_company_idx ON waste_vehicles (company_id);

-- 处置核准: one producing site, one company, its vehicles, one or more disposal sites, a route and a period (W1).
CREATE TABLE waste_permits (
  id                uuid PRIMARY KEY,
  bureau_id         uuid NOT NULL REFERENCES orgs (id),
  number            text NOT NULL UNIQUE,
  producing_site_id uuid NOT NULL REFERENCES waste_sites (id),
  company_id        uuid NOT NULL REFERENCES waste_companies (id),
  route             jsonb NOT NULL,
  corridor_m        integer NOT NULL CHECK (corridor_m BETWEEN 30 AND 1000),
  valid_from        date NOT NULL,
  valid_until       date NOT NULL,
  status            text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
  created_by        uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until >= valid_from)
);
CREATE INDEX waste_permits_list_idx ON waste_permits (bureau_id, created_at DESC, id);

CREATE TABLE waste_permit_disposals (
  permit_id uuid NOT NULL REFERENCES waste_permits (id),
  site_id   uuid NOT NULL REFERENCES waste_sites (id),
  PRIMARY KEY (permit_id, site_id)
);

CREATE TABLE waste_permit_vehicles (
  permit_id  uuid NOT NULL REFERENCES waste_permits (id),
  vehicle_id uuid NOT NULL REFERENCES waste_vehicles (id),
  plate      text NOT NULL,
  PRIMARY KEY (permit_id, vehicle_id)
);
CREATE INDEX waste_permit_vehicles_plate_idx ON waste_permit_vehicles (plate);

-- A cell belongs to at most one site (the first registered keeps it).
CREATE TABLE waste_site_cells (
  cell    bigint PRIMARY KEY,
  site_id uuid NOT NULL REFERENCES waste_sites (id),
  kind    text NOT NULL
);
CREATE INDEX waste_site_cells_site_idx ON waste_site_cells (site_id);

CREATE TABLE waste_corridor_cells (
  permit_id uuid NOT NULL REFERENCES waste_permits (id),
  cell      bigint NOT NULL,
  PRIMARY KEY (permit_id, cell)
);

-- Every GPS batch once (idempotent per channel and batch id), with what cleaning dropped.
CREATE TABLE waste_gps_batches (
  channel        text NOT NULL,
  batch_id       text NOT NULL,
  received_at    timestamptz NOT NULL,
  last_at        timestamptz NOT NULL,
  deliveries     integer NOT NULL DEFAULT 1,
  days           text[] NOT NULL,
  received       integer NOT NULL,
  kept           integer NOT NULL,
  out_of_order   integer NOT NULL,
  duplicates     integer NOT NULL,
  impossible     integer NOT NULL,
  invalid        integer NOT NULL,
  PRIMARY KEY (channel, batch_id)
);
CREATE INDEX waste_gps_batches_received_idx ON waste_gps_batches (received_at);

-- GPS points, one partition per Shanghai day (waste_points_YYYYMMDD, made at ingest, dropped after the retention).
-- t: Unix seconds; cell: the H3 cell at ingest.
CREATE TABLE waste_points (
  day   date NOT NULL,
  plate text NOT NULL,
  t     bigint NOT NULL,
  lon   double precision NOT NULL,
  lat   double precision NOT NULL,
  cell  bigint NOT NULL
) PARTITION BY RANGE (day);
CREATE INDEX waste_points_plate_idx ON waste_points (plate, t);

CREATE TABLE waste_analysis_runs (
  id          uuid PRIMARY KEY,
  day         date NOT NULL,
  params      jsonb NOT NULL,
  points      bigint NOT NULL,
  trips       integer NOT NULL,
  clues       integer NOT NULL,
  millis      integer NOT NULL,
  run_by      uuid,
  run_at      timestamptz NOT NULL
);
CREATE INDEX waste_analysis_runs_day_idx ON waste_analysis_runs (day, run_at DESC);

CREATE TABLE waste_trips (
  day               date NOT NULL,
  plate             text NOT NULL,
  left_t            bigint NOT NULL,
  producing_site_id uuid NOT NULL REFERENCES waste_sites (id),
  disposal_site_id  uuid NOT NULL REFERENCES waste_sites (id),
  arrived_t         bigint NOT NULL,
  PRIMARY KEY (day, plate, left_t)
);

-- Clues: trips without an arrival, deviations, stops outside approved places, vehicles at a site without a permit.
CREATE TABLE waste_clues (
  id             uuid PRIMARY KEY,
  bureau_id      uuid NOT NULL REFERENCES orgs (id),
  day            date NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('no_arrival', 'deviation', 'stop', 'no_permit')),
  plate          text NOT NULL,
  vehicle_id     uuid REFERENCES waste_vehicles (id),
  company_id     uuid REFERENCES waste_companies (id),
  site_id        uuid REFERENCES waste_sites (id),
  t_from         bigint NOT NULL,
  t_to           bigint NOT NULL,
  points         integer NOT NULL,
  cell           bigint NOT NULL,
  lon            double precision NOT NULL,
  lat            double precision NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
  case_id        uuid,
  dismiss_reason text,
  decided_by     uuid,
  decided_at     timestamptz,
  created_at     timestamptz NOT NULL,
  UNIQUE (day, kind, plate, t_from)
);
CREATE INDEX waste_clues_list_idx ON waste_clues (bureau_id, day DESC, id);
CREATE INDEX waste_clues_open_idx ON waste_clues (bureau_id, status, day DESC);

-- 扣押 of a vehicle as the outcome of a confirmed clue's case (行政强制法 Arts. 18–19, 24–25, 27: H1–H3).
CREATE TABLE waste_seizures (
  id            uuid PRIMARY KEY,
  clue_id       uuid NOT NULL REFERENCES waste_clues (id),
  case_id       uuid NOT NULL,
  vehicle_id    uuid NOT NULL REFERENCES waste_vehicles (id),
  bureau_id     uuid NOT NULL REFERENCES orgs (id),
  seized_on     date NOT NULL,
  emergency     boolean NOT NULL,
  approved_by   uuid,
  approved_at   timestamptz,
  deadline      date NOT NULL,
  extended      boolean NOT NULL DEFAULT false,
  released_on   date,
  created_by    uuid NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX waste_seizures_open_idx ON waste_seizures (vehicle_id) WHERE released_on IS NULL;
