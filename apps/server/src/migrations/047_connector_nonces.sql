-- Every signed connector (the ticket exchange, devices, GPS, the credit platform, housing) records the nonces it has
-- accepted in one table, keyed by its channel; the ticket exchange's table becomes that table.
ALTER TABLE ticket_exchange_nonces RENAME TO connector_nonces;
ALTER INDEX ticket_exchange_nonces_seen_idx RENAME TO connector_nonces_seen_idx;
