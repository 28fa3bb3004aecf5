// 邮寄送达 of a notice another module issues outside the documents module (the off-site enforcement notice of
// 处罚法 Art. 41): the record is written, in the caller's transaction, when the notice is posted (status pending, the
// address, the posting day); the return card then completes it (民诉法 Art. 91: 「邮寄送达的，以回执上注明的收件日期为
// 送达日期」) through POST /api/v1/cases/:id/services {documentId, method: 'mail', receivedOn}, and the 送达回证 is issued.
import { isAfter, isBefore } from '@chengguan/domain';
import type { RecordServiceBody } from '@chengguan/contracts';
import type { Transaction } from 'kysely';
import type { Deps, RequestMeta, StepActor } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { ruleViolation } from '../cases/index.ts';
import { completePendingService, insertService, listServices, type ServiceRow } from './service.repository.ts';
import { completeServiceStep, issueServiceReceipt } from './service-step.ts';

const ART_91 = '民事诉讼法 Art. 91';

export type PostedNotice = {
  caseId: string;
  bureauId: string | null;
  /** The id of the notice in its own module (e.g. the off-site review item). */
  documentId: string;
  documentKind: string;
  documentTitle: string;
  documentNumber: string | null;
  address: string;
  postedOn: string;
  trackingNumber?: string | null;
};

/** Records a notice handed to the post: a pending 邮寄送达 of that notice, served on the return card's day. */
export async function recordPostedNoticeIn(
  trx: Transaction<DB>,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  n: PostedNotice,
): Promise<string> {
  const address = n.address.trim();
  if (!address) throw ruleViolation('F3', ART_91, 'party.address', '邮寄送达须有受送达人的送达地址', 'Postal service needs the address');
  const id = deps.newId();
  const now = deps.clock.now();
  await insertService(trx, {
    id,
    case_id: n.caseId,
    bureau_id: n.bureauId,
    document_id: n.documentId,
    document_kind: n.documentKind,
    document_title: n.documentTitle,
    document_number: n.documentNumber,
    method: 'mail',
    status: 'pending',
    served_on: null,
    address,
    tracking_number: n.trackingNumber?.trim() || null,
    posted_on: n.postedOn,
    note: '已交邮，待回执',
    created_by: actor.id,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(trx, deps, actor, meta, {
    action: 'service.record',
    entityType: 'case',
    entityId: n.caseId,
    bureauId: n.bureauId,
    data: {
      serviceId: id,
      documentId: n.documentId,
      documentKind: n.documentKind,
      method: 'mail',
      status: 'pending',
      postedOn: n.postedOn,
    },
  });
  return id;
}

/** The pending posted notice of the case with this document id, if any. */
export async function pendingPostedNotice(trx: Transaction<DB>, caseId: string, documentId: string): Promise<ServiceRow | undefined> {
  return (await listServices(trx, caseId)).find((s) => s.document_id === documentId && s.method === 'mail' && s.status === 'pending');
}

/** The return card of a posted notice: served on its receipt day; the 送达回证 follows. */
export async function completePostedNotice(
  trx: Transaction<DB>,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  s: ServiceRow,
  body: RecordServiceBody,
  today: string,
): Promise<string> {
  if (body.method !== 'mail') {
    throw ruleViolation(
      'F3',
      ART_91,
      'method',
      '该告知书已邮寄，请登记邮寄回执',
      'This notice was posted: record the return card (method mail)',
    );
  }
  const tracking = body.trackingNumber?.trim() || s.tracking_number;
  if (!tracking) throw ruleViolation('F3', ART_91, 'trackingNumber', '邮寄送达须填写邮件单号', 'Postal service needs the tracking number');
  const received = body.receivedOn;
  if (!received)
    throw ruleViolation('F3', ART_91, 'receivedOn', 'receivedOn：须填写回执收件日期', 'receivedOn: the receipt date is required');
  if (isAfter(received, today)) {
    throw ruleViolation(
      'CHRONOLOGY',
      ART_91,
      'receivedOn',
      `receivedOn：日期 ${received} 晚于今天 ${today}`,
      `receivedOn: ${received} is after today`,
    );
  }
  if (s.posted_on && isBefore(received, s.posted_on)) {
    throw ruleViolation('F3', ART_91, 'receivedOn', '回执收件日期早于交邮日期', 'The receipt date is before the posting date');
  }
  const now = deps.clock.now();
  const done = await completePendingService(trx, s.id, {
    served_on: received,
    tracking_number: tracking,
    ...(body.recipientName?.trim() ? { recipient_name: body.recipientName.trim() } : {}),
    updated_at: now,
  });
  if (!done) throw ruleViolation('F3', ART_91, 'documentId', '该邮寄送达已登记回执', 'The return card is already recorded');
  await recordAudit(trx, deps, actor, meta, {
    action: 'service.complete',
    entityType: 'case',
    entityId: s.case_id,
    bureauId: s.bureau_id,
    data: { serviceId: s.id, method: 'mail', servedOn: received, trackingNumber: tracking },
  });
  await completeServiceStep(trx, deps, actor, meta, { ...s, served_on: received });
  await issueServiceReceipt(trx, deps, actor, meta, s.case_id, s.id);
  return s.id;
}
