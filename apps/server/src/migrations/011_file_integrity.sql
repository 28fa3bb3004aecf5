-- 011 Files that prove themselves. Who uploaded which bytes (a record may refer to a file only when its own bureau,
-- or the party's own case, uploaded it: a hash learnt elsewhere opens nothing); stored files found not to hash to
-- their name, or missing — when read, or by the daily scrub — for the administrators; and the scrub's runs.

-- Content addressing keeps the bytes once, whoever uploads them. The holders are who uploaded them: a bureau (its
-- officers' uploads, POST /api/v1/files) or a case (the party's uploads in the portal).
CREATE TABLE file_holders (
  sm3         text NOT NULL REFERENCES files (sm3),
  holder_kind text NOT NULL CHECK (holder_kind IN ('bureau', 'case')),
  holder_id   uuid NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sm3, holder_kind, holder_id)
);

-- Uploads made before: the first uploader's bureau (officers' uploads) and the cases whose statements attach them.
INSERT INTO file_holders (sm3, holder_kind, holder_id)
  SELECT sm3, 'bureau', bureau_id FROM files WHERE bureau_id IS NOT NULL AND created_by IS NOT NULL;
INSERT INTO file_holders (sm3, holder_kind, holder_id)
  SELECT DISTINCT a.sm3, 'case', s.case_id
  FROM portal_submissions s CROSS JOIN LATERAL unnest(s.attachments) AS a (sm3)
  JOIN files f ON f.sm3 = a.sm3;

-- A stored file whose bytes no longer hash to its name (mismatch) or that is gone (missing). One open row per file;
-- seen again, it is counted; found intact again (restored from a backup), it is resolved.
CREATE TABLE file_integrity_issues (
  id             uuid PRIMARY KEY,
  sm3            text NOT NULL REFERENCES files (sm3),
  bureau_id      uuid,
  kind           text NOT NULL CHECK (kind IN ('mismatch', 'missing')),
  found_by       text NOT NULL CHECK (found_by IN ('read', 'scrub')),
  -- What a mismatching read found instead.
  actual_sm3     text CHECK (actual_sm3 ~ '^[0-9a-f]{64}$'),
  actual_size    bigint,
  first_seen_at  timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL,
  times_seen     integer NOT NULL DEFAULT 1 CHECK (times_seen >= 1),
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_at    timestamptz,
  CHECK (status = 'open' OR resolved_at IS NOT NULL)
);
CREATE UNIQUE INDEX file_integrity_issues_open_idx ON file_integrity_issues (sm3) WHERE status = 'open';
CREATE INDEX file_integrity_issues_seen_idx ON file_integrity_issues (last_seen_at DESC);

-- The scrub: every stored file read and hashed again, in batches (files in SM3 order after `cursor`), daily.
CREATE TABLE file_scrub_runs (
  id            uuid PRIMARY KEY,
  trigger       text NOT NULL CHECK (trigger IN ('job', 'manual')),
  started_by    uuid REFERENCES officers (id),
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
  cursor        text,
  files_checked integer NOT NULL DEFAULT 0,
  bytes_checked bigint NOT NULL DEFAULT 0,
  mismatched    integer NOT NULL DEFAULT 0,
  missing       integer NOT NULL DEFAULT 0,
  restored      integer NOT NULL DEFAULT 0
);
CREATE INDEX file_scrub_runs_started_idx ON file_scrub_runs (started_at DESC);
