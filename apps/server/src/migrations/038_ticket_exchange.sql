-- 038 The 12345 / 城运 ticket exchange (docs/tickets.md §8): what the exchange delivered (one row per sender's ticket
-- number, accepted or returned with its reason), the nonces seen (replay), the outbox of our replies (签收, 回复, 退单,
-- 延期申请, rejections) with their delivery state, and — for the local simulator of the city side only — the replies it
-- received, applied once per idempotency key.

CREATE TABLE ticket_exchange_inbound (
  channel      text NOT NULL CHECK (channel IN ('hotline_12345', 'city_ops')),
  external_no  text NOT NULL,
  status       text NOT NULL CHECK (status IN ('accepted', 'rejected')),
  ticket_id    uuid REFERENCES tickets (id),
  bureau_id    uuid REFERENCES orgs (id),
  reason_code  text,
  reason       text,
  deliveries   integer NOT NULL DEFAULT 1,
  received_at  timestamptz NOT NULL,
  last_at      timestamptz NOT NULL,
  PRIMARY KEY (channel, external_no),
  CHECK ((status = 'accepted') = (ticket_id IS NOT NULL))
);

-- A nonce is accepted once within the timestamp window (older rows are pruned as new deliveries arrive).
CREATE TABLE ticket_exchange_nonces (
  channel  text NOT NULL,
  nonce    text NOT NULL,
  seen_at  timestamptz NOT NULL,
  PRIMARY KEY (channel, nonce)
);
CREATE INDEX ticket_exchange_nonces_seen_idx ON ticket_exchange_nonces (seen_at);

-- Our messages to the exchange. Written in the transaction of the step they report; sent by the scheduler's job
-- `tickets.exchange.send` with retries and backoff; the idempotency key travels with every attempt.
CREATE TABLE ticket_outbox (
  id               uuid PRIMARY KEY,
  channel          text NOT NULL CHECK (channel IN ('hotline_12345', 'city_ops')),
  ticket_id        uuid REFERENCES tickets (id),
  bureau_id        uuid REFERENCES orgs (id),
  external_no      text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('accept', 'reply', 'return', 'extension', 'reject')),
  idempotency_key  text NOT NULL UNIQUE,
  payload          jsonb NOT NULL,
  late             boolean NOT NULL DEFAULT false,
  status           text NOT NULL CHECK (status IN ('pending', 'sent', 'retrying', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX ticket_outbox_ticket_idx ON ticket_outbox (ticket_id, created_at) WHERE ticket_id IS NOT NULL;
CREATE INDEX ticket_outbox_status_idx ON ticket_outbox (status) WHERE status <> 'sent';

-- The simulator's side (city exchange played locally): each reply applied once by its idempotency key.
CREATE TABLE ticket_exchange_sim_replies (
  idempotency_key  text PRIMARY KEY,
  channel          text NOT NULL,
  external_no      text NOT NULL,
  kind             text NOT NULL,
  payload          jsonb NOT NULL,
  deliveries       integer NOT NULL DEFAULT 1,
  applied_at       timestamptz NOT NULL
);
CREATE INDEX ticket_exchange_sim_replies_no_idx ON ticket_exchange_sim_replies (channel, external_no);
