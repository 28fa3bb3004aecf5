-- 001 Foundation: organisation tree, officers and credentials, sessions, idempotency,
-- the SM3 hash-chained audit log and the job table of the worker.
-- SQL limited to what PostgreSQL 15 accepts (the embedded PGlite is newer).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- 市局 → 区局 → 大队/中队, plus special units (执法总队). `path` is the materialized path
-- '/<root id>/…/<id>/' used for jurisdiction checks; `bureau_id` is the owning 区局 (or the unit itself
-- for the 市局 and special units), the distribution key of the large tables.
CREATE TABLE orgs (
  id          uuid PRIMARY KEY,
  parent_id   uuid REFERENCES orgs (id),
  bureau_id   uuid,
  kind        text NOT NULL CHECK (kind IN ('city_bureau', 'district_bureau', 'special_unit', 'brigade', 'squad')),
  name        text NOT NULL,
  short_name  text,
  code        text NOT NULL UNIQUE,
  region_code text,
  path        text NOT NULL UNIQUE,
  depth       integer NOT NULL,
  sort_order  integer NOT NULL DEFAULT 0,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (parent_id, name)
);
CREATE INDEX orgs_parent_idx ON orgs (parent_id);
CREATE INDEX orgs_path_idx ON orgs (path text_pattern_ops);

-- Every member of staff is an officer record; those who log in have a username.
CREATE TABLE officers (
  id                   uuid PRIMARY KEY,
  org_id               uuid NOT NULL REFERENCES orgs (id),
  bureau_id            uuid,
  name                 text NOT NULL,
  employee_no          text NOT NULL UNIQUE,
  gender               text CHECK (gender IN ('M', 'F')),
  phone                text,
  title                text,
  active               boolean NOT NULL DEFAULT true,
  username             text UNIQUE,
  password_hash        text,
  password_changed_at  timestamptz,
  must_change_password boolean NOT NULL DEFAULT false,
  failed_attempts      integer NOT NULL DEFAULT 0,
  last_failed_at       timestamptz,
  locked_until         timestamptz,
  totp_secret          text,
  totp_enabled         boolean NOT NULL DEFAULT false,
  totp_pending_secret  text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX officers_org_idx ON officers (org_id);
CREATE INDEX officers_name_trgm_idx ON officers USING gin (name gin_trgm_ops);

CREATE TABLE officer_roles (
  officer_id uuid NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('field_officer', 'squad_leader', 'legal_reviewer', 'commander',
                                            'supervisor', 'bureau_leader', 'admin')),
  PRIMARY KEY (officer_id, role)
);
CREATE INDEX officer_roles_role_idx ON officer_roles (role);

-- 执法证: number, enforcement domains, validity. Rule A1 gates enforcement actions on it.
CREATE TABLE credentials (
  id         uuid PRIMARY KEY,
  officer_id uuid NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
  number     text NOT NULL UNIQUE,
  domains    text[] NOT NULL,
  valid_from date NOT NULL,
  valid_to   date NOT NULL,
  revoked    boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to >= valid_from)
);
CREATE INDEX credentials_officer_idx ON credentials (officer_id);

-- Console sessions (cookie) and API tokens (bearer); only the SM3 hash of the token is stored.
CREATE TABLE sessions (
  id           uuid PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE,
  officer_id   uuid NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_officer_idx ON sessions (officer_id);

-- A retried request with the same Idempotency-Key returns the first result and writes nothing twice.
CREATE TABLE idempotency_keys (
  scope        text NOT NULL,
  key          text NOT NULL,
  method       text NOT NULL,
  path         text NOT NULL,
  request_hash text NOT NULL,
  state        text NOT NULL CHECK (state IN ('pending', 'done')),
  status_code  integer,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Append-only audit log; each row's hash = SM3(prev_hash || canonical(row)).
CREATE TABLE audit_log (
  seq            bigint PRIMARY KEY,
  id             uuid NOT NULL UNIQUE,
  at             timestamptz NOT NULL,
  actor_id       uuid,
  bureau_id      uuid,
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      text,
  data           jsonb NOT NULL,
  ip             text,
  correlation_id text,
  prev_hash      text NOT NULL,
  hash           text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);
CREATE INDEX audit_log_action_idx ON audit_log (action);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Timed work (legal deadlines, reminders): polled by the worker with FOR UPDATE SKIP LOCKED.
CREATE TABLE jobs (
  id          uuid PRIMARY KEY,
  kind        text NOT NULL,
  run_at      timestamptz NOT NULL,
  payload     jsonb NOT NULL DEFAULT '{}',
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  last_error  text,
  locked_at   timestamptz,
  locked_by   text,
  dedupe_key  text UNIQUE,
  bureau_id   uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status = 'pending';
