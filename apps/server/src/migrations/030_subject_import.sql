-- 030 导入: loading the city's lists of 执法对象 from a spreadsheet (REQUIREMENTS.md R9). An upload becomes a batch; its
-- rows are read, checked (the domain's validateSubject, duplicates within the file and against the registry) and
-- staged here by COPY, each with its problems by column; the console shows the dry-run report from the staged rows and
-- the commit moves the rows that passed into `subjects` in one transaction. Duplicates are left out for the merge
-- review and listed.
CREATE TABLE subject_import_batches (
  id             uuid PRIMARY KEY,
  bureau_id      uuid NOT NULL REFERENCES orgs (id),
  file_name      text,
  file_sm3       text NOT NULL,
  format         text NOT NULL CHECK (format IN ('xlsx', 'csv')),
  status         text NOT NULL CHECK (status IN ('checking', 'checked', 'committing', 'committed', 'failed')),
  -- Rows read so far (check) or loaded (commit), for the console's progress bar.
  processed_rows integer NOT NULL DEFAULT 0,
  total_rows     integer NOT NULL DEFAULT 0,
  valid_rows     integer NOT NULL DEFAULT 0,
  invalid_rows   integer NOT NULL DEFAULT 0,
  duplicate_rows integer NOT NULL DEFAULT 0,
  committed_rows integer NOT NULL DEFAULT 0,
  -- Header text → field, as read from the first row; columns the file lacks or does not name.
  columns        jsonb NOT NULL DEFAULT '{}',
  error_zh       text,
  created_by     uuid REFERENCES officers (id),
  committed_by   uuid REFERENCES officers (id),
  created_at     timestamptz NOT NULL,
  checked_at     timestamptz,
  committed_at   timestamptz,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX subject_import_batches_bureau_idx ON subject_import_batches (bureau_id, created_at DESC);

-- One row of the file as read and checked. Values stay text until the commit casts them: a bad date is a problem to
-- report, not a failed load. `issues`: [{ column, code, messageZh }]; `duplicate_of`: [{ rowNo | subjectId, reasons }].
CREATE TABLE subject_import_rows (
  batch_id            uuid NOT NULL REFERENCES subject_import_batches (id) ON DELETE CASCADE,
  row_no              integer NOT NULL,
  status              text NOT NULL CHECK (status IN ('valid', 'invalid', 'duplicate')),
  subject_id          uuid NOT NULL,
  code                text NOT NULL,
  kind                text,
  name                text,
  name_key            text,
  credit_code         text,
  id_number           text,
  plate               text,
  address             text,
  address_key         text,
  district            text,
  street              text,
  point_lon           double precision,
  point_lat           double precision,
  org_id              uuid,
  contacts            jsonb NOT NULL DEFAULT '[]',
  tags                text[] NOT NULL DEFAULT '{}',
  licence_id          uuid,
  licence_kind        text,
  licence_number      text,
  licence_issued_on   text,
  licence_valid_until text,
  risk_level          text,
  risk_rule_id        text,
  risk_explanation    text,
  event_id            uuid NOT NULL,
  issues              jsonb NOT NULL DEFAULT '[]',
  duplicate_of        jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (batch_id, row_no)
);
CREATE INDEX subject_import_rows_problem_idx ON subject_import_rows (batch_id, row_no) WHERE status <> 'valid';

-- The records an import brought (the commit's count, a batch's undo) and the records merged into one: deleting or
-- merging a subject checks `merged_into` by this index instead of reading the registry.
CREATE INDEX subjects_import_batch_idx ON subjects (import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX subjects_merged_into_idx ON subjects (merged_into) WHERE merged_into IS NOT NULL;
