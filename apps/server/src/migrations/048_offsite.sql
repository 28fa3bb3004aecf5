-- 非现场执法 (issue 14 §1–2; docs/offsite.md): the scenes devices may judge, each tied to the law matter it enforces;
-- the device register with the facts rule A5 (处罚法 Art. 41) reads; every delivery from a device (accepted or refused,
-- with the reason: nothing is lost); the accepted events and their media; review items (one per group of repeat
-- events of the same party and scene, 处罚法 Art. 29) for the one reviewer who checks technique and law together.
CREATE TABLE offsite_scenes (
  code text PRIMARY KEY,
  name text NOT NULL,
  name_en text NOT NULL,
  -- The offence (law_offences.code) a confirmed event is registered under; null: the reviewer chooses.
  offence_code text,
  -- E11: on 浦东's published 非现场执法事项清单.
  pudong_listed boolean NOT NULL DEFAULT false,
  -- Repeat events of one party and scene within this many hours are one act (grouped, fined once).
  window_hours integer NOT NULL DEFAULT 24,
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true
);
INSERT INTO offsite_scenes (code, name, name_en, offence_code, pudong_listed, window_hours, sort_order) VALUES
  ('cross_door', '跨门经营', 'trading beyond the shop door', NULL, true, 24, 10),
  ('stall', '乱设摊', 'unlicensed street stall', NULL, true, 24, 20),
  ('car_wash', '占道洗车', 'car washing on the road', 'SH-SR-28-1-6', true, 24, 30),
  ('muck', '渣土', 'construction waste spilled or dumped', NULL, false, 24, 40);

CREATE TABLE offsite_devices (
  id uuid PRIMARY KEY,
  bureau_id uuid NOT NULL REFERENCES orgs(id),
  org_id uuid NOT NULL REFERENCES orgs(id),
  org_path text NOT NULL,
  code text NOT NULL UNIQUE,
  kind text NOT NULL,
  name text NOT NULL,
  vendor text,
  address text,
  point_lon double precision,
  point_lat double precision,
  -- Drones and hangars: the flight area, a ring of [lon, lat] (WGS-84).
  area jsonb,
  scenes text[] NOT NULL DEFAULT '{}',
  legal_review_on date,
  legal_reviewer text,
  legal_review_doc text,
  published_on date,
  published_where text,
  cert_body text,
  cert_no text,
  cert_on date,
  cert_until date,
  status text NOT NULL DEFAULT 'active',
  retired_on date,
  -- HMAC-SM3 key of this device (hex); null: the vendor's key from the settings.
  secret_hex text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX offsite_devices_path_idx ON offsite_devices (org_path);

CREATE TABLE offsite_deliveries (
  id uuid PRIMARY KEY,
  device_code text NOT NULL,
  device_id uuid REFERENCES offsite_devices(id),
  bureau_id uuid,
  event_ref text NOT NULL,
  status text NOT NULL,
  reason_code text,
  rule_id text,
  reason text,
  reason_en text,
  event_id uuid,
  deliveries integer NOT NULL DEFAULT 1,
  -- The delivery as received, without media bytes (refused ones are kept for inquiry).
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX offsite_deliveries_ref_idx ON offsite_deliveries (device_code, event_ref);
CREATE INDEX offsite_deliveries_bureau_idx ON offsite_deliveries (bureau_id, status, received_at);

CREATE TABLE offsite_reviews (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  bureau_id uuid NOT NULL,
  org_path text NOT NULL,
  scene text NOT NULL,
  party_key text,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  event_count integer NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'pending',
  reviewer_id uuid,
  reviewed_at timestamptz,
  dismiss_reason text,
  case_id uuid,
  notice_method text,
  notice_message_id uuid,
  warning_message_id uuid,
  created_at timestamptz NOT NULL
);
CREATE INDEX offsite_reviews_queue_idx ON offsite_reviews (bureau_id, state, first_at);
CREATE INDEX offsite_reviews_party_idx ON offsite_reviews (party_key, scene, first_at);

CREATE TABLE offsite_events (
  id uuid PRIMARY KEY,
  review_id uuid NOT NULL REFERENCES offsite_reviews(id),
  device_id uuid NOT NULL REFERENCES offsite_devices(id),
  bureau_id uuid NOT NULL,
  event_ref text NOT NULL,
  occurred_at timestamptz NOT NULL,
  scene text NOT NULL,
  point_lon double precision,
  point_lat double precision,
  address text,
  plate text,
  subject_code text,
  party_key text,
  media jsonb NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX offsite_events_review_idx ON offsite_events (review_id, occurred_at);
