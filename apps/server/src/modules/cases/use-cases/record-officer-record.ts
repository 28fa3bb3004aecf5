import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { getVerifiedFileOrFail } from '../../files/index.ts';
import { teamOfficersOrFail } from '../case-loader.ts';
import { runCaseStep } from '../case-step.ts';
import { insertRecord } from '../cases.repository.ts';
import { getCase } from './get-case.ts';

export type OfficerRecordOptions =
  | { kind: 'inspection'; caseId: string; body: CaseActionBody<'recordInspection'> }
  | { kind: 'questioning'; caseId: string; body: CaseActionBody<'recordQuestioning'> };

/**
 * 检查（勘验）笔录 / 询问笔录: two officers with credentials valid that day (A1), credentials shown (A2), signed by the
 * officers and by the party — or a witness, or a note of the refusal or absence (A3); no recused officer (A8).
 */
export async function recordOfficerRecord(deps: Deps, actor: Actor, meta: RequestMeta, options: OfficerRecordOptions): Promise<CaseDetail> {
  const { caseId, body } = options;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: options.kind === 'inspection' ? 'recordInspection' : 'recordQuestioning',
    body,
    input: async (_l, trx) => {
      if (body.fileSm3) await getVerifiedFileOrFail(deps, trx, body.fileSm3, 'fileSm3', { actor, meta, caseId });
      return {
        date: body.date,
        officers: await teamOfficersOrFail(trx, actor, body.officerIds, 'officerIds'),
        ...(body.statutoryException ? { statutoryException: body.statutoryException } : {}),
        credentialsShown: body.credentialsShown,
        officersSigned: body.officersSigned,
        partySigned: body.partySigned,
        witnessSigned: body.witnessSigned ?? false,
        ...(body.absenceNote ? { absenceNote: body.absenceNote } : {}),
      };
    },
    write: async ({ trx, loaded, eventId }) =>
      insertRecord(trx, {
        id: deps.newId(),
        case_id: loaded.row.id,
        bureau_id: loaded.row.bureau_id,
        event_id: eventId,
        kind: options.kind,
        recorded_on: body.date,
        officer_ids: body.officerIds,
        credentials_shown: body.credentialsShown,
        officers_signed: body.officersSigned,
        party_signed: body.partySigned,
        witness_signed: body.witnessSigned ?? false,
        absence_note: body.absenceNote ?? null,
        statutory_exception: body.statutoryException ?? null,
        location: body.location ?? null,
        interviewee: options.kind === 'questioning' ? (options.body.interviewee ?? null) : null,
        content: body.content ?? null,
        file_sm3: body.fileSm3 ?? null,
      }),
  });
  return getCase(deps, actor, caseId, deps.db, written);
}

export const recordInspection = (
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  o: { caseId: string; body: CaseActionBody<'recordInspection'> },
) => recordOfficerRecord(deps, actor, meta, { kind: 'inspection', ...o });

export const recordQuestioning = (
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  o: { caseId: string; body: CaseActionBody<'recordQuestioning'> },
) => recordOfficerRecord(deps, actor, meta, { kind: 'questioning', ...o });
