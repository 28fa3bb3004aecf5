-- 012 Abuse limits (modules/throttle): fixed-window counters in the database, so every API process counts the same
-- attempts. One row per rule, subject (a client address, or the SM3 of an account name or phone) and window; the
-- increment is one INSERT … ON CONFLICT DO UPDATE … RETURNING, atomic on both engines. A refused attempt is counted
-- too (hits above hit_limit), so a flood leaves one row with its count instead of one audit row per request.
CREATE TABLE throttle_counters (
  rule text NOT NULL,
  subject text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  hit_limit integer NOT NULL CHECK (hit_limit > 0),
  hits integer NOT NULL CHECK (hits >= 0),
  last_at timestamptz NOT NULL,
  PRIMARY KEY (rule, subject, window_start)
);
CREATE INDEX throttle_counters_window_end_idx ON throttle_counters (window_end);
CREATE INDEX throttle_counters_last_at_idx ON throttle_counters (last_at DESC);
