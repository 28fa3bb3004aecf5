import type { GeneratedTimestamp } from '../../db/schema.ts';

export type ServiceMethodCode = 'direct' | 'lien' | 'mail' | 'electronic' | 'public_notice';
export type ServiceStatus = 'served' | 'pending' | 'failed';

/** F2 电子送达地址确认书 (migration 006_service.sql). */
export type CaseServiceConsentsTable = {
  id: string;
  case_id: string;
  bureau_id: string | null;
  signed_on: string;
  channel: 'sms' | 'email';
  address: string;
  signature_sm3: string | null;
  via: 'portal' | 'paper';
  event_id: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
};

/** One service of one document by one method. */
export type CaseServicesTable = {
  id: string;
  case_id: string;
  bureau_id: string | null;
  document_id: string;
  document_kind: string;
  document_title: string;
  document_number: string | null;
  method: ServiceMethodCode;
  status: ServiceStatus;
  served_on: string | null;
  recipient_name: string | null;
  signature_sm3: string | null;
  refusal_note: string | null;
  witness_name: string | null;
  media_sm3: string | null;
  address: string | null;
  tracking_number: string | null;
  posted_on: string | null;
  message_id: string | null;
  consent_id: string | null;
  notice_reason: string | null;
  medium: string | null;
  published_on: string | null;
  deemed_on: string | null;
  case_step: string | null;
  step_event_id: string | null;
  receipt_document_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

/** 行政复议 / 行政诉讼 (处罚法 Art. 73). */
export type CaseReviewLitigationsTable = {
  id: string;
  case_id: string;
  bureau_id: string | null;
  kind: 'review' | 'litigation';
  filed_on: string;
  body: string;
  case_number: string | null;
  ended_on: string | null;
  result: string | null;
  filed_event_id: string;
  ended_event_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type ServiceTables = {
  case_service_consents: CaseServiceConsentsTable;
  case_services: CaseServicesTable;
  case_review_litigations: CaseReviewLitigationsTable;
};
