-- 042 The citizen's side of the portal (issue 13 §1c, §4): a citizen signs in with his mobile phone and an SMS code,
-- files complaints (tickets of channel 'portal') with photos and a place, follows them and rates the bureau's answer.
-- The case-bound party session (008) is unchanged: a citizen session is a row of its own table, bound to the phone.

-- One row per mobile phone that signed in. The phone is the citizen's identity in the portal.
CREATE TABLE portal_citizens (
  id            uuid PRIMARY KEY,
  phone         text NOT NULL UNIQUE CHECK (phone ~ '^1[3-9][0-9]{9}$'),
  created_at    timestamptz NOT NULL,
  last_login_at timestamptz NOT NULL
);

-- The one-time codes share portal_challenges (the same hashing, attempt counter, lockout and resend limits): a
-- citizen's code is looked up by SM3('portal-citizen:' || phone), never by a document number, and says so.
ALTER TABLE portal_challenges ADD COLUMN purpose text NOT NULL DEFAULT 'case' CHECK (purpose IN ('case', 'citizen'));

CREATE TABLE portal_citizen_sessions (
  id           uuid PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  citizen_id   uuid NOT NULL REFERENCES portal_citizens (id),
  challenge_id uuid NOT NULL REFERENCES portal_challenges (id),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text
);
CREATE INDEX portal_citizen_sessions_citizen_idx ON portal_citizen_sessions (citizen_id);

-- The citizen who filed a ticket through the portal: "my complaints" and nobody else's.
ALTER TABLE tickets ADD COLUMN citizen_id uuid REFERENCES portal_citizens (id);
CREATE INDEX tickets_citizen_idx ON tickets (citizen_id, received_at DESC) WHERE citizen_id IS NOT NULL;

-- A citizen's uploads are held by him until a complaint attaches them (then by the ticket's bureau too).
ALTER TABLE file_holders DROP CONSTRAINT file_holders_holder_kind_check;
ALTER TABLE file_holders ADD CONSTRAINT file_holders_holder_kind_check CHECK (holder_kind IN ('bureau', 'case', 'citizen'));
