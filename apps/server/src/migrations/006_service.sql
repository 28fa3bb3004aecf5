-- 006 送达 (service, F1–F4) and 执行 (enforcement, G1–G3): the party's consent to electronic service, one row per
-- service of an issued document by one lawful method, pending 复议 / 诉讼 (处罚法 Art. 73), and the enforcement
-- status of each case with a fine (待催告 / 已催告 / 可申请 …), refreshed on every step and by the daily job.

-- F2 电子送达地址确认书 (处罚法 Art. 61; 浦东 Art. 13): signed on the portal or on paper (scan optional).
CREATE TABLE case_service_consents (
  id            uuid PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  bureau_id     uuid,
  signed_on     date NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('sms', 'email')),
  address       text NOT NULL,
  signature_sm3 text REFERENCES files (sm3),
  via           text NOT NULL CHECK (via IN ('portal', 'paper')),
  event_id      uuid NOT NULL REFERENCES case_events (id),
  created_by    uuid REFERENCES officers (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_service_consents_case_idx ON case_service_consents (case_id, signed_on);

-- One service of one document by one method (民诉法 Arts. 87–95 via 处罚法 Art. 61; 沪条例 Art. 25).
-- pending: electronic service whose delivery receipt has not arrived, or public notice before its deemed date.
CREATE TABLE case_services (
  id                  uuid PRIMARY KEY,
  case_id             uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  bureau_id           uuid,
  -- The served document: an issued document (documents module) or a numbered case document (case_documents).
  document_id         uuid NOT NULL,
  document_kind       text NOT NULL,
  document_title      text NOT NULL,
  document_number     text,
  method              text NOT NULL CHECK (method IN ('direct', 'lien', 'mail', 'electronic', 'public_notice')),
  status              text NOT NULL CHECK (status IN ('served', 'pending', 'failed')),
  served_on           date,
  -- direct (民诉法 Art. 87): recipient, receipt date, signature (or 拒绝签收 → lien).
  recipient_name      text,
  signature_sm3       text REFERENCES files (sm3),
  refusal_note        text,
  -- lien (民诉法 Art. 89, F3): a witness or a photo / video of the service.
  witness_name        text,
  media_sm3           text REFERENCES files (sm3),
  address             text,
  -- post (民诉法 Art. 91): tracking number, posting day, receipt day on the return card.
  tracking_number     text,
  posted_on           date,
  -- electronic (F2, 民诉法 Art. 90): the message sent; served when it reached the party.
  message_id          uuid,
  consent_id          uuid REFERENCES case_service_consents (id),
  -- public notice (F4, 沪条例 Art. 25): why, where, when; deemed served after 60 days.
  notice_reason       text,
  medium              text,
  published_on        date,
  deemed_on           date,
  -- The case step taken with this service (serveDecision, startEnforcement) and its event.
  case_step           text,
  step_event_id       uuid REFERENCES case_events (id),
  receipt_document_id uuid,
  note                text,
  created_by          uuid REFERENCES officers (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'served' OR served_on IS NOT NULL),
  CHECK (method <> 'lien' OR witness_name IS NOT NULL OR media_sm3 IS NOT NULL),
  CHECK (method <> 'public_notice' OR (published_on IS NOT NULL AND deemed_on IS NOT NULL AND notice_reason IS NOT NULL)),
  CHECK (method <> 'mail' OR tracking_number IS NOT NULL)
);
CREATE INDEX case_services_case_idx ON case_services (case_id, created_at);
CREATE INDEX case_services_deemed_idx ON case_services (deemed_on) WHERE status = 'pending' AND method = 'public_notice';
CREATE INDEX case_services_message_idx ON case_services (message_id) WHERE message_id IS NOT NULL;

-- 行政复议 / 行政诉讼 filed by the party: no surcharge accrues in between (处罚法 Art. 73).
CREATE TABLE case_review_litigations (
  id             uuid PRIMARY KEY,
  case_id        uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  bureau_id      uuid,
  kind           text NOT NULL CHECK (kind IN ('review', 'litigation')),
  filed_on       date NOT NULL,
  body           text NOT NULL,
  case_number    text,
  ended_on       date,
  result         text,
  filed_event_id uuid NOT NULL REFERENCES case_events (id),
  ended_event_id uuid REFERENCES case_events (id),
  created_by     uuid REFERENCES officers (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_on IS NULL OR ended_on >= filed_on)
);
CREATE INDEX case_review_litigations_case_idx ON case_review_litigations (case_id, filed_on);

-- Enforcement status of each case with a fine, for the 「强制执行」 list (derived; refreshed on steps and daily).
CREATE TABLE case_enforcement (
  case_id                  uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  bureau_id                uuid,
  org_id                   uuid NOT NULL REFERENCES orgs (id),
  status                   text NOT NULL CHECK (status IN ('none', 'paying', 'awaiting_reminder', 'reminded', 'court_window_open',
                             'court_deadline_near', 'court_deadline_passed', 'court_applied', 'review_pending')),
  fine_fen                 bigint NOT NULL DEFAULT 0 CHECK (fine_fen >= 0),
  surcharge_fen            bigint NOT NULL DEFAULT 0 CHECK (surcharge_fen >= 0),
  payment_due              date,
  -- 待催告: the day the case was first found overdue and unreminded.
  awaiting_reminder_since  date,
  reminder_served_on       date,
  court_opens_on           date,
  court_closes_on          date,
  court_applied_on         date,
  -- The last court-enforcement package (强制法 Art. 55): the ZIP in the file store, the 申请书, the manifest.
  court_package_sm3        text REFERENCES files (sm3),
  court_package_doc_id     uuid,
  court_package_on         date,
  court_package_manifest   jsonb,
  refreshed_on             date NOT NULL,
  updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_enforcement_status_idx ON case_enforcement (org_id, status);
CREATE INDEX case_enforcement_bureau_idx ON case_enforcement (bureau_id, status, court_closes_on);
