// What a completed service does to the case, inside the caller's transaction: the 决定书 served → serveDecision
// (its date starts G1), the 催告书 served → startEnforcement {kind: 'reminder'} (its date starts the 10 working days
// of 行政强制法 Art. 54, G3). Other documents: the record is the proof, no step (the 事先告知书's own step already
// carries its service date). Then the 送达回证 is issued from the record.
import type { CaseAction, CaseState } from '@chengguan/domain';
import type { Transaction } from 'kysely';
import type { Deps, RequestMeta, StepActor } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { findCase, runCaseStepIn } from '../cases/index.ts';
import { issueCaseDocument } from '../documents/index.ts';
import { findService, updateService } from './service.repository.ts';
import type { CaseServicesTable } from './service.tables.ts';

type Served = Pick<
  CaseServicesTable,
  'id' | 'case_id' | 'document_id' | 'document_kind' | 'method' | 'refusal_note' | 'published_on' | 'witness_name' | 'media_sm3'
> & { served_on: string };

const DECISION_KINDS = new Set(['decision', 'no_penalty_decision']);
const REMINDER_STATES: readonly CaseState[] = ['decision_served', 'enforcing', 'summary_decided'];

/** The case step a service of this document completes in this state, if any. */
export function serviceStepFor(documentKind: string, state: string): Extract<CaseAction, 'serveDecision' | 'startEnforcement'> | null {
  if (DECISION_KINDS.has(documentKind)) return state === 'decided' ? 'serveDecision' : null;
  if (documentKind === 'payment_reminder') return (REMINDER_STATES as readonly string[]).includes(state) ? 'startEnforcement' : null;
  return null;
}

/** The roles a channel actor needs to take the step (the scheduler, a delivery receipt). */
export const STEP_CHANNEL_ROLES = { serveDecision: ['field_officer'], startEnforcement: ['squad_leader'] } as const;

export async function completeServiceStep(
  trx: Transaction<DB>,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  s: Served,
): Promise<string | null> {
  const row = await findCase(trx, s.case_id);
  if (!row) return null;
  const action = serviceStepFor(s.document_kind, row.state);
  if (!action) return null;
  const common = { serviceId: s.id, documentId: s.document_id, serviceMethod: s.method };
  let eventId: string;
  if (action === 'serveDecision') {
    // A refused direct service becomes a lien service (民诉法 Art. 89) once witnessed or filmed.
    const method = s.method === 'direct' && s.refusal_note ? 'lien' : s.method;
    const input = {
      date: s.served_on,
      method,
      ...(method === 'lien' ? { witnessOrMedia: Boolean(s.witness_name || s.media_sm3) } : {}),
      ...(method === 'public_notice' && s.published_on ? { publishedOn: s.published_on } : {}),
    };
    ({ eventId } = await runCaseStepIn(trx, deps, actor, meta, {
      caseId: s.case_id,
      action: 'serveDecision',
      body: { ...input, ...common },
      input: () => input,
    }));
  } else {
    const input = { date: s.served_on, kind: 'reminder' as const };
    ({ eventId } = await runCaseStepIn(trx, deps, actor, meta, {
      caseId: s.case_id,
      action: 'startEnforcement',
      body: { ...input, ...common },
      input: () => input,
    }));
  }
  await updateService(trx, s.id, { case_step: action, step_event_id: eventId, updated_at: deps.clock.now() });
  return action;
}

/** The 送达回证 (民诉法 Art. 87) from the record, when the documents module is installed. */
export async function issueServiceReceipt(
  trx: Transaction<DB>,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  caseId: string,
  serviceId: string,
): Promise<string | null> {
  const s = await findService(trx, caseId, serviceId);
  if (!s || s.status !== 'served' || s.receipt_document_id) return s?.receipt_document_id ?? null;
  const issued = await issueCaseDocument(trx, deps, actor, meta, {
    caseId,
    kind: 'service_receipt',
    sourceId: serviceId,
    issuedOn: shanghaiDate(deps.clock.now()),
    extra: {
      service: {
        id: s.id,
        documentTitle: s.document_title,
        documentNumber: s.document_number,
        method: s.method,
        servedOn: s.served_on,
        recipientName: s.recipient_name,
        signatureSm3: s.signature_sm3,
        refusalNote: s.refusal_note,
        witnessName: s.witness_name,
        mediaSm3: s.media_sm3,
        address: s.address,
        trackingNumber: s.tracking_number,
        postedOn: s.posted_on,
        messageId: s.message_id,
        noticeReason: s.notice_reason,
        medium: s.medium,
        publishedOn: s.published_on,
        deemedOn: s.deemed_on,
        officerName: s.created_by_name,
      },
    },
  });
  await updateService(trx, s.id, { receipt_document_id: issued.id, updated_at: deps.clock.now() });
  return issued.id;
}
