-- 008 Messaging (短信 / 电子邮件) and the party's portal (当事人门户), issue 5.
-- Every message the platform sends is logged here whatever the provider; the local provider (the default) sends
-- nothing and reports delivery at once, so this table is also its outbox. The portal's one-time codes and
-- sessions are stored as SM3 hashes only.

CREATE TABLE messages (
  id           uuid PRIMARY KEY,
  bureau_id    uuid,
  case_id      uuid REFERENCES cases (id),
  party_id     uuid REFERENCES parties (id),
  channel      text NOT NULL CHECK (channel IN ('sms', 'email')),
  to_address   text NOT NULL CHECK (to_address <> ''),
  purpose      text NOT NULL CHECK (purpose IN ('otp', 'service', 'reminder', 'notice')),
  text         text NOT NULL,
  provider     text NOT NULL,
  provider_id  text,
  -- sent: handed to the provider, no receipt yet; delivered: the provider reported arrival (民诉法 Art. 90 for
  -- electronic service); failed: the provider refused it.
  status       text NOT NULL CHECK (status IN ('sent', 'delivered', 'failed')),
  error        text,
  created_at   timestamptz NOT NULL,
  delivered_at timestamptz,
  CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);
CREATE INDEX messages_created_idx ON messages (created_at DESC);
CREATE INDEX messages_bureau_created_idx ON messages (bureau_id, created_at DESC);
CREATE INDEX messages_case_idx ON messages (case_id);
CREATE INDEX messages_provider_idx ON messages (provider, provider_id);

-- One-time codes of the portal login. A row is written for every code request, also for a document number that
-- matches no case (case_id NULL, a code nobody receives), so that the answers never reveal whether a number exists.
CREATE TABLE portal_challenges (
  id              uuid PRIMARY KEY,
  -- SM3 of the normalized document number the party typed: resends are limited per number.
  lookup_hash     text NOT NULL CHECK (lookup_hash ~ '^[0-9a-f]{64}$'),
  case_id         uuid REFERENCES cases (id),
  bureau_id       uuid,
  message_id      uuid REFERENCES messages (id),
  -- SM3(id || ':' || code).
  code_hash       text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'used', 'locked')),
  failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  used_at         timestamptz,
  ip              text
);
CREATE INDEX portal_challenges_lookup_idx ON portal_challenges (lookup_hash, created_at DESC);
CREATE INDEX portal_challenges_case_idx ON portal_challenges (case_id);

-- A portal session is scoped to the one case its code was sent for.
CREATE TABLE portal_sessions (
  id           uuid PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  case_id      uuid NOT NULL REFERENCES cases (id),
  bureau_id    uuid,
  challenge_id uuid NOT NULL REFERENCES portal_challenges (id),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text
);
CREATE INDEX portal_sessions_case_idx ON portal_sessions (case_id);

-- What the party handed in through the portal: statements with attachments, hearing requests, the signed
-- electronic-service confirmation (signature PNG in the file store), deferral applications.
CREATE TABLE portal_submissions (
  id             uuid PRIMARY KEY,
  case_id        uuid NOT NULL REFERENCES cases (id),
  bureau_id      uuid,
  session_id     uuid NOT NULL REFERENCES portal_sessions (id),
  kind           text NOT NULL CHECK (kind IN ('statement', 'hearing_request', 'service_consent', 'deferral', 'instalments')),
  legal_date     date NOT NULL,
  content        text,
  attachments    text[] NOT NULL DEFAULT '{}',
  signer_name    text,
  signature_sm3  text CHECK (signature_sm3 ~ '^[0-9a-f]{64}$'),
  address        text,
  reference_id   text,
  created_at     timestamptz NOT NULL
);
CREATE INDEX portal_submissions_case_idx ON portal_submissions (case_id, created_at);
