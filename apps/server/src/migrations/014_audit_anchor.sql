-- 014 Tamper evidence that holds: every column of an audit row in its hash, and the chain head anchored outside the
-- audit table by signed checkpoints.
--
-- hash_version: the canonical form the row was hashed with (packages/domain/src/audit/chain.ts). The rows already
-- written keep version 1 and keep verifying with it; the application writes every new row in version 2, which covers
-- every stored column. No default once the existing rows are marked: an insert must say which form it used.
ALTER TABLE audit_log ADD COLUMN hash_version smallint NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2));
ALTER TABLE audit_log ALTER COLUMN hash_version DROP DEFAULT;

-- One trigger function for every append-only table, naming the table it refuses.
CREATE FUNCTION refuse_change_of_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

-- The SM2 key that signs the checkpoints: the platform's own audit key, not a bureau's document key. The private key
-- is encrypted (SM4) under the installation's key secret with its own label, as the bureaus' document keys are.
-- A new key is a new row; a row is never changed, so every checkpoint ever signed stays verifiable.
CREATE TABLE audit_signing_keys (
  id              uuid PRIMARY KEY,
  algorithm       text NOT NULL CHECK (algorithm = 'SM2-SM3'),
  public_key      text NOT NULL UNIQUE CHECK (public_key ~ '^04[0-9a-f]{128}$'),
  private_key_enc text NOT NULL,
  fingerprint     text NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE TRIGGER audit_signing_keys_no_update BEFORE UPDATE OR DELETE ON audit_signing_keys
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
CREATE TRIGGER audit_signing_keys_no_truncate BEFORE TRUNCATE ON audit_signing_keys
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only();

-- A checkpoint says, under the audit key's signature: at `at`, the chain's head was row `seq` with hash `hash`.
-- Deliberately no foreign key to audit_log: a checkpoint must outlive the rows it vouches for, so that deleting them
-- is seen. Each checkpoint is also appended to a file outside the database (AUDIT_CHECKPOINT_FILE).
CREATE TABLE audit_checkpoints (
  id         uuid PRIMARY KEY,
  seq        bigint NOT NULL UNIQUE CHECK (seq > 0),
  hash       text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  at         timestamptz NOT NULL,
  reason     text NOT NULL CHECK (reason IN ('interval', 'rows', 'shutdown', 'manual')),
  key_id     uuid NOT NULL REFERENCES audit_signing_keys (id),
  signature  text NOT NULL,
  written_by text NOT NULL
);
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only();
