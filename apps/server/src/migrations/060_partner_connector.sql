-- 060 联合工单 through a partner department's connector, and 诉件 made from joint orders (docs/coordination.md §5–6).
--
-- 1. A ticket made from a joint order (the command centre turns a partner's order into a 诉件 so it follows the normal
--    dispatch and clocks) has the channel 'joint_order' and the order's number as its external number.
ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_channel_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_channel_check
  CHECK (channel IN ('hotline_12345', 'city_ops', 'portal', 'officer', 'workroom', 'open311', 'joint_order'));

-- 2. An order filed by a partner's system through the signed connector carries the partner's own order number: the
--    same number filed twice is one order.
ALTER TABLE joint_orders ADD COLUMN partner_order_no text;
CREATE UNIQUE INDEX joint_orders_partner_order_idx ON joint_orders (partner_id, partner_order_no)
  WHERE partner_order_no IS NOT NULL;

-- 3. The callbacks to the partner's system (status and result of a connector order), one per order step, each with its
--    idempotency key; sent and retried by the worker (job partner.connector.send).
CREATE TABLE partner_connector_outbox (
  id               uuid PRIMARY KEY,
  order_id         uuid NOT NULL REFERENCES joint_orders (id),
  partner_id       uuid NOT NULL REFERENCES partner_units (id),
  bureau_id        uuid NOT NULL REFERENCES orgs (id),
  idempotency_key  text NOT NULL UNIQUE,
  payload          jsonb NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'retrying', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  sent_at          timestamptz
);
CREATE INDEX partner_connector_outbox_order_idx ON partner_connector_outbox (order_id, created_at);

-- 4. The local simulator of a partner's system (PARTNER_CONNECTOR=simulator): the callbacks it received, each
--    idempotency key applied once (deliveries counts the attempts that reached it).
CREATE TABLE partner_sim_callbacks (
  idempotency_key  text PRIMARY KEY,
  partner_code     text NOT NULL,
  partner_order_no text NOT NULL,
  status           text NOT NULL,
  deliveries       integer NOT NULL,
  received_at      timestamptz NOT NULL
);
