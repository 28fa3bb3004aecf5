-- Overdue alerts of joint work orders (docs/coordination.md §3a): one row per order, clock and due instant, written
-- in the transaction that tells the responsible unit's leaders (console message and SMS through messaging); a rerun
-- of the scan finds the row and sends nothing. A redispatch sets new clocks, so a new due instant, so a new alert.
CREATE TABLE joint_order_alerts (
  order_id    uuid NOT NULL REFERENCES joint_orders (id),
  clock       text NOT NULL CHECK (clock IN ('accept', 'handle')),
  due_at      timestamptz NOT NULL,
  raised_at   timestamptz NOT NULL,
  recipients  integer NOT NULL DEFAULT 0,
  sms         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, clock, due_at)
);
CREATE INDEX joint_order_alerts_raised_idx ON joint_order_alerts (raised_at);

SELECT data_assets_sync(now());
