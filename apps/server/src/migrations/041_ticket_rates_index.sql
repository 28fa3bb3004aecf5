-- 041 The four numbers of a month (GET /api/v1/ticket-rates): the tickets received in the period, for any
-- jurisdiction. The rates query selects by received_at and checks the jurisdiction by org path, so no index with a
-- leading bureau or squad column serves it; with ten years loaded (1.15 million tickets) it read the whole table.
-- bench/src/tickets.ts measures it (docs/tickets.md, "Measured").
CREATE INDEX tickets_received_idx ON tickets (received_at);
