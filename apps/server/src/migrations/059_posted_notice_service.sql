-- A notice handed to the post is recorded at once (method mail, status pending: the address, the posting day); the
-- tracking number is required once it is served on the return card (民诉法 Art. 91), not before.
ALTER TABLE case_services DROP CONSTRAINT case_services_check3;
ALTER TABLE case_services
  ADD CONSTRAINT case_services_mail_tracking CHECK (method <> 'mail' OR status <> 'served' OR tracking_number IS NOT NULL);
