// Rows → contract shapes, and who may write service records.
import type { ServiceConsent, ServiceRecord } from '@chengguan/contracts';
import type { Actor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ConsentRow, ServiceRow } from './service.repository.ts';

/** Officers (case:write) and leaders (case:approve) record service; commanders and supervisors only read. */
export function canWriteService(actor: Pick<Actor, 'permissions'>): boolean {
  return actor.permissions.has('case:write') || actor.permissions.has('case:approve');
}

export function assertServiceWrite(actor: Pick<Actor, 'permissions'>): void {
  if (!canWriteService(actor)) throw new AppError('FORBIDDEN');
}

export function toServiceRecord(r: ServiceRow): ServiceRecord {
  return {
    id: r.id,
    documentId: r.document_id,
    documentKind: r.document_kind,
    documentTitle: r.document_title,
    documentNumber: r.document_number,
    method: r.method,
    status: r.status,
    servedOn: r.served_on,
    deemedOn: r.deemed_on,
    recipientName: r.recipient_name,
    signatureSm3: r.signature_sm3,
    refusalNote: r.refusal_note,
    witnessName: r.witness_name,
    mediaSm3: r.media_sm3,
    address: r.address,
    trackingNumber: r.tracking_number,
    postedOn: r.posted_on,
    messageId: r.message_id,
    noticeReason: r.notice_reason,
    medium: r.medium,
    publishedOn: r.published_on,
    caseStep: r.case_step,
    receiptDocumentId: r.receipt_document_id,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    createdByName: r.created_by_name,
  };
}

export function toConsent(r: ConsentRow): ServiceConsent {
  return {
    id: r.id,
    signedOn: r.signed_on,
    channel: r.channel,
    address: r.address,
    signatureSm3: r.signature_sm3,
    via: r.via,
    createdAt: new Date(r.created_at).toISOString(),
    createdByName: r.created_by_name,
  };
}
