-- 010 Natural keys the law gives, enforced by the database as well as by the request's idempotency key, so that no
-- retry, race or replay can make a second one: one decision per case (行政处罚法 Arts. 57, 61: the case ends in one
-- decision, served once), one fine order per case and one order per instalment (Art. 66: the fine is paid once, or in
-- the approved instalments). A summary ticket's number is already unique (case_documents_number_idx, B2), one booking
-- per provider transaction already unique (payment_transactions), one cash receipt per case already unique.
CREATE UNIQUE INDEX case_documents_one_decision_idx ON case_documents (case_id)
  WHERE doc_type IN ('decision', 'no_penalty_decision', 'summary_decision');
CREATE UNIQUE INDEX payment_orders_one_fine_idx ON payment_orders (case_id)
  WHERE kind = 'fine' AND status <> 'cancelled';
CREATE UNIQUE INDEX payment_orders_one_instalment_idx ON payment_orders (application_id, instalment_no)
  WHERE kind = 'instalment' AND status <> 'cancelled';
