-- 004 当事人扫码确认 (issue 4, summary procedure): the officer shows a QR code, the party opens it on his own
-- phone, enters his identity and confirms; the officer's console polls and fills the party fields.
-- Only the SM3 of the random token is stored, so a copy of the database does not hold live links.
CREATE TABLE party_confirmations (
  id              uuid PRIMARY KEY,
  token_hash      text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  bureau_id       uuid,
  org_id          uuid NOT NULL REFERENCES orgs (id),
  created_by      uuid NOT NULL REFERENCES officers (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  -- pending → confirmed (by the party) | expired (time ran out) | locked (too many failed attempts).
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'expired', 'locked')),
  party_type      text CHECK (party_type IN ('natural_person', 'legal_person', 'other_org')),
  name            text,
  id_type         text CHECK (id_type IN ('id_card', 'uscc', 'passport', 'other')),
  id_number       text,
  phone           text,
  address         text,
  confirmed_at    timestamptz,
  failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  CHECK (state <> 'confirmed' OR (party_type IS NOT NULL AND name IS NOT NULL AND id_type IS NOT NULL AND id_number IS NOT NULL))
);
CREATE INDEX party_confirmations_org_idx ON party_confirmations (org_id, created_at);
