import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { getVerifiedFileOrFail } from '../../files/index.ts';
import { teamOfficersOrFail } from '../case-loader.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { runCaseStepIn } from '../case-step.ts';
import { insertEvidence } from '../cases.repository.ts';
import { getCase } from './get-case.ts';

export type AddEvidenceOptions = { caseId: string; body: CaseActionBody<'addEvidence'> };

/**
 * 添加证据 (A4, 处罚法 Art. 46): one of the statutory types, bound to an uploaded file whose stored bytes still hash
 * to the SM3 declared at capture; device evidence only after its legal and technical review (A5, Art. 41).
 */
export async function addEvidence(deps: Deps, actor: Actor, meta: RequestMeta, options: AddEvidenceOptions): Promise<CaseDetail> {
  const written = await deps.db.transaction().execute(async (trx) => (await addEvidenceIn(trx, deps, actor, meta, options)).written);
  return getCase(deps, actor, options.caseId, deps.db, written);
}

/** The same step inside a transaction the caller holds (the photos of an inspection visit a case is registered from). */
export async function addEvidenceIn(
  trx: Transaction<DB>,
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: AddEvidenceOptions,
) {
  let file: Awaited<ReturnType<typeof getVerifiedFileOrFail>> | undefined;
  return runCaseStepIn(trx, deps, actor, meta, {
    caseId,
    action: 'addEvidence',
    body,
    input: async (_l, trx) => {
      file = await getVerifiedFileOrFail(deps, trx, body.fileSm3, 'fileSm3', { actor, meta, caseId });
      if (body.collectedById) await teamOfficersOrFail(trx, actor, [body.collectedById], 'collectedById');
      return { date: body.date, evidenceType: body.evidenceType, ...(body.device ? { device: body.device } : {}) };
    },
    write: async ({ trx, loaded, eventId }) =>
      insertEvidence(trx, {
        id: deps.newId(),
        case_id: loaded.row.id,
        bureau_id: loaded.row.bureau_id,
        event_id: eventId,
        evidence_type: body.evidenceType,
        title: body.title,
        file_sm3: file!.sm3,
        size: file!.size,
        mime: file!.mime,
        collected_on: body.date,
        collected_by: body.collectedById ?? actor.id,
        device_name: body.device?.deviceName ?? null,
        device_id: body.device?.deviceId ?? null,
        device: body.device ? JSON.stringify(body.device) : null,
      }),
  });
}
