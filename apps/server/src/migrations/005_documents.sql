-- 005 执法文书 (issue 5, DOC): templates as versioned data, the bureau's seal, signature and SM2 key, and the issued
-- documents — frozen PDFs in the content-addressed file store, signed, with a verification code (only its SM3 hash
-- is stored, so a copy of the database holds no live verify links).

-- Templates: bureau_id NULL = the city default; a row with body NULL removes a bureau override (back to the city's).
-- The built-in templates (packages/domain) are version 0 and are not stored.
CREATE TABLE document_templates (
  id         uuid PRIMARY KEY,
  bureau_id  uuid REFERENCES orgs (id),
  kind       text NOT NULL,
  version    integer NOT NULL CHECK (version >= 1),
  body       jsonb,
  note       text,
  created_by uuid REFERENCES officers (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (bureau_id IS NOT NULL OR body IS NOT NULL)
);
CREATE UNIQUE INDEX document_templates_version_idx ON document_templates (bureau_id, kind, version) NULLS NOT DISTINCT;

-- Per bureau: the names printed in documents, the seal and leader's signature images (PNG by SM3 in the file
-- store; none = the drawn placeholder seal), and the SM2 key pair (private key encrypted with SM4).
CREATE TABLE document_settings (
  bureau_id      uuid PRIMARY KEY REFERENCES orgs (id),
  agency_name    text,
  address_line   text,
  phone_line     text,
  payment_method text,
  seal_sm3       text CHECK (seal_sm3 ~ '^[0-9a-f]{64}$'),
  signature_sm3  text CHECK (signature_sm3 ~ '^[0-9a-f]{64}$'),
  updated_by     uuid REFERENCES officers (id),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE document_keys (
  bureau_id       uuid PRIMARY KEY REFERENCES orgs (id),
  algorithm       text NOT NULL DEFAULT 'SM2-SM3' CHECK (algorithm = 'SM2-SM3'),
  public_key      text NOT NULL CHECK (public_key ~ '^04[0-9a-f]{128}$'),
  private_key_enc text NOT NULL,
  fingerprint     text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE documents (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases (id),
  bureau_id        uuid NOT NULL,
  kind             text NOT NULL,
  title            text NOT NULL,
  number           text,
  issued_on        date NOT NULL,
  pdf_sm3          text NOT NULL CHECK (pdf_sm3 ~ '^[0-9a-f]{64}$'),
  size             integer NOT NULL CHECK (size > 0),
  pages            integer NOT NULL CHECK (pages > 0),
  -- SM2 (GM/T 0003, SM3 digest with the default user id) over the bytes of pdf_sm3, r||s hex.
  signature        text NOT NULL,
  key_fingerprint  text NOT NULL,
  verify_code_hash text NOT NULL CHECK (verify_code_hash ~ '^[0-9a-f]{64}$'),
  template_scope   text NOT NULL CHECK (template_scope IN ('builtin', 'city', 'bureau')),
  template_version integer NOT NULL,
  party_name       text NOT NULL,
  agency_name      text NOT NULL,
  missing_glyphs   text[] NOT NULL DEFAULT '{}',
  source_id        text,
  status           text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'withdrawn')),
  -- 作废: a document issued in error is withdrawn (never deleted) with the reason; the verify page says so.
  withdrawn_at     timestamptz,
  withdrawn_by     uuid REFERENCES officers (id),
  withdrawn_reason text,
  issued_by        uuid REFERENCES officers (id),
  channel          text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'issued' OR (withdrawn_at IS NOT NULL AND withdrawn_reason IS NOT NULL))
);
CREATE INDEX documents_case_idx ON documents (case_id, created_at);
CREATE INDEX documents_bureau_idx ON documents (bureau_id, issued_on);
