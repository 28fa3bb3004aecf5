-- 078 Indexes on the references to a case's events and payment orders. Deleting an event (a case deleted, its rows
-- cascading) checks that no document, 笔录 or evidence row still points at it, and deleting an order that no
-- transaction does: without these indexes each check read the whole table (on the ten-year city 554,000 documents,
-- 334,000 笔录 and 219,000 evidence rows for every event), and deleting 500 cases took over 12 minutes.
CREATE INDEX IF NOT EXISTS case_documents_event_idx ON case_documents (event_id);
CREATE INDEX IF NOT EXISTS case_records_event_idx ON case_records (event_id);
CREATE INDEX IF NOT EXISTS case_evidence_event_idx ON case_evidence (event_id);
CREATE INDEX IF NOT EXISTS payment_transactions_order_idx ON payment_transactions (order_id);
