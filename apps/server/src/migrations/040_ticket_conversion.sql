-- 040 诉转案 (issue 13 §5): a ticket converted into a case, the case's outcome reported back on the ticket, and the
-- category's likely offence that prefills the conversion. `tickets.case_id` (037) holds the link; the case keeps the
-- ticket number in `cases.source_ref` with source 投诉举报.

-- The offence a category usually leads to (an administrator's choice; the officer may pick another at conversion).
ALTER TABLE ticket_categories ADD COLUMN offence_code text;
UPDATE ticket_categories SET offence_code = 'SH-LJ-57-2' WHERE code = 'SR02';

ALTER TABLE tickets ADD COLUMN converted_at timestamptz;
-- The case's latest outcome (决定 / 结案 / 不予立案 / 移送) as the ticket's timeline reports it.
ALTER TABLE tickets ADD COLUMN case_outcome text;
-- The reply to the sender that reports the outcome, queued for the channel that expects one; `outcome_reply_sent_at`
-- is set by whatever delivers it (the 12345 / 城运 connector), NULL while it waits.
ALTER TABLE tickets ADD COLUMN outcome_reply_text text;
ALTER TABLE tickets ADD COLUMN outcome_reply_queued_at timestamptz;
ALTER TABLE tickets ADD COLUMN outcome_reply_sent_at timestamptz;

CREATE UNIQUE INDEX tickets_case_id_key ON tickets (case_id) WHERE case_id IS NOT NULL;
