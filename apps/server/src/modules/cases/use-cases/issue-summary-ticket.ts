import type { CaseDetail, SummaryCaseBody, SummaryDecisionBody, SummaryDraftBody } from '@chengguan/contracts';
import { type CaseActionInput, type DecidingBody, type TeamOfficer, printedSummaryForm, summaryRemedyText } from '@chengguan/domain';
import type { Transaction } from 'kysely';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import type { DB } from '../../../db/schema.ts';
import { findOrg, getOrgRowOrFail, type OrgRow } from '../../org/index.ts';
import { casePointOf } from '../case-point.ts';
import { getVerifiedFileOrFail } from '../../files/index.ts';
import { assertActionPermission } from '../case-access.ts';
import { insertNewCase, type PlannedStep } from '../case-create.ts';
import { caseContextAtCurrentRevision, loadCaseOrFail, teamOfficersOrFail } from '../case-loader.ts';
import { runCaseStepIn, type WrittenCase } from '../case-step.ts';
import { DEFAULT_FLAGS, mergeFlags, offenceOnOrFail } from '../case-offence.ts';
import { validParty } from '../case-party.ts';
import { ruleViolation } from '../cases.errors.ts';
import { countPriorFines, insertEvidence, takeTicketNumber, upsertParty } from '../cases.repository.ts';
import { getCase } from './get-case.ts';

/** B3: the review body is the people's government at the level of the deciding bureau (复议法 Art. 24). */
export function decidingBodyOf(bureau: Pick<OrgRow, 'kind' | 'name'> | undefined): DecidingBody {
  if (!bureau || bureau.kind === 'city_bureau') return { level: 'city' };
  const district = bureau.name.replace(/城市管理(综合)?行政执法局$/, '');
  return { level: 'district', districtName: `上海市${district}` };
}

/** The pre-numbered form (B2 number from the squad's range), the B3 remedy text and the decision input of a ticket. */
async function summaryDecisionStep(
  trx: Transaction<DB>,
  orgId: string,
  bureauId: string,
  officers: readonly TeamOfficer[],
  body: SummaryDecisionBody,
): Promise<PlannedStep[]> {
  const ticket = await takeTicketNumber(trx, orgId, body.officerIds[0]!);
  if (!ticket) {
    throw ruleViolation(
      'B2',
      '行政处罚法 Art. 52',
      'officerIds',
      '本中队（或本人）没有可用的预定格式、编有号码的当场处罚决定书号段',
      'No pre-assigned, numbered summary decision forms are left for this squad or officer',
    );
  }
  const serialNumber = `${ticket.prefix}${String(ticket.number).padStart(ticket.digits, '0')}`;
  const remedy = summaryRemedyText(decidingBodyOf(await findOrg(trx, bureauId)));
  const officerInput = { officers, ...(body.statutoryException ? { statutoryException: body.statutoryException } : {}) };
  const decision: CaseActionInput<'issueSummaryDecision'> = {
    date: body.date,
    ...officerInput,
    penalty: body.penalty,
    form: printedSummaryForm({
      serialNumber,
      partySigned: body.partySigned,
      refusalNoted: body.refusalNoted ?? false,
      remedyText: remedy.textZh,
    }),
  };
  const steps: PlannedStep[] = [
    {
      action: 'issueSummaryDecision',
      input: decision,
      body: { date: body.date, penalty: body.penalty, serialNumber, remedyText: remedy.textZh, officerIds: body.officerIds },
      document: { docType: 'summary_decision', number: serialNumber, isCaseNumber: true },
    },
  ];
  if (body.collectOnSpot) {
    steps.push({
      action: 'collectOnSpot',
      input: { date: body.date, officers, ...body.collectOnSpot },
      body: { date: body.date, ...body.collectOnSpot },
    });
  }
  return steps;
}

/**
 * 当场处罚 in one call and one transaction: register (summary) → the photos as evidence → the decision on the
 * pre-numbered form (B1 summary allowed, A1 two credentialed officers, B2 number from the pre-assigned range,
 * B3 review-first remedy text, E12 verified law) → optionally the on-the-spot collection (B4) with its receipt number.
 * As a draft (`draft`), only the registration and the photos: the decision follows on the draft
 * (issueSummaryDecisionOnDraft) once the legal reviewer confirmed an article the library marks 未核实.
 */
export async function issueSummaryTicket(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: SummaryCaseBody | (SummaryDraftBody & { draft: true }),
): Promise<CaseDetail> {
  assertActionPermission(actor, 'draft' in body ? 'register' : 'issueSummaryDecision');
  const id = deps.newId();
  const written = await deps.db.transaction().execute(async (trx): Promise<WrittenCase> => {
    const org = await getOrgRowOrFail(trx, actor, body.orgId ?? actor.orgId);
    const { ctx, lawRevision } = await caseContextAtCurrentRevision(trx, deps.clock.now());
    const party = validParty(body.party, ctx.today);
    const officers = await teamOfficersOrFail(trx, actor, body.officerIds, 'officerIds');
    const actDate = body.actDate ?? body.date;
    const offence = await offenceOnOrFail(trx, body.offenceCode, actDate);
    const bureauId = org.bureau_id ?? org.id;
    const photos = [];
    for (const [i, sm3] of body.photos.entries()) photos.push(await getVerifiedFileOrFail(deps, trx, sm3, `photos.${i}`, { actor, meta }));
    const partyId = await upsertParty(trx, { id: deps.newId(), bureau_id: bureauId, ...party.row });
    const steps: PlannedStep[] = [
      {
        action: 'register',
        input: { date: body.date, procedure: 'summary', discoveredOn: body.date, source: 'patrol' },
        body: { date: body.date, source: 'patrol', offenceCode: body.offenceCode },
      },
      ...photos.map((f): PlannedStep => ({
        action: 'addEvidence',
        input: { date: body.date, evidenceType: 'audio_visual' },
        body: { date: body.date, evidenceType: 'audio_visual', fileSm3: f.sm3 },
        write: async (t, eventId) =>
          insertEvidence(t, {
            id: deps.newId(),
            case_id: id,
            bureau_id: bureauId,
            event_id: eventId,
            evidence_type: 'audio_visual',
            title: '现场照片',
            file_sm3: f.sm3,
            size: f.size,
            mime: f.mime,
            collected_on: body.date,
            collected_by: body.officerIds[0]!,
            device_name: null,
            device_id: null,
            device: null,
          }),
      })),
    ];
    if (!('draft' in body)) steps.push(...(await summaryDecisionStep(trx, org.id, bureauId, officers, body)));
    const { row } = await insertNewCase(
      trx,
      deps,
      actor,
      meta,
      {
        id,
        bureauId,
        orgId: org.id,
        partyId,
        partyName: party.row.name,
        source: 'patrol',
        sourceRef: null,
        offence,
        location: body.location,
        point: casePointOf(body.point),
        facts: body.facts,
        officerIds: body.officerIds,
        snapshotFacts: {
          procedure: 'summary',
          party: party.caseParty,
          offence: offence.offence,
          act: { actId: id, actDate, priorFineDecisionCount: await countPriorFines(trx, id, id) },
          flags: mergeFlags(DEFAULT_FLAGS, body.flags),
          officers,
        },
      },
      ctx,
      steps,
    );
    return { row, lawRevision };
  });
  // The answer from the row the ticket wrote (it is not read again).
  return getCase(deps, actor, id, deps.db, written);
}

export type IssueSummaryDecisionOptions = { caseId: string; body: SummaryDecisionBody };

/**
 * The 当场处罚决定书 on a summary draft, in one transaction: the form's number from the squad's range, the decision
 * (every guard of the one-call ticket, E12 with the legal reviewer's confirmation made on the draft) and optionally the
 * on-the-spot collection.
 */
export async function issueSummaryDecisionOnDraft(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: IssueSummaryDecisionOptions,
): Promise<CaseDetail> {
  assertActionPermission(actor, 'issueSummaryDecision');
  await deps.db.transaction().execute(async (trx) => {
    const loaded = await loadCaseOrFail(deps, trx, actor, caseId);
    const officers = await teamOfficersOrFail(trx, actor, body.officerIds, 'officerIds');
    const bureauId = loaded.row.bureau_id ?? loaded.row.org_id;
    const steps = await summaryDecisionStep(trx, loaded.row.org_id, bureauId, officers, body);
    for (const [i, step] of steps.entries()) {
      await runCaseStepIn(trx, deps, actor, meta, {
        caseId,
        action: step.action,
        // The first step (the decision) carries the user's expectedVersion and note, as any case step does.
        body:
          i === 0
            ? {
                ...step.body,
                ...(body.expectedVersion !== undefined ? { expectedVersion: body.expectedVersion } : {}),
                ...(body.note !== undefined ? { note: body.note } : {}),
              }
            : step.body,
        input: () => step.input as never,
        ...(step.document ? { numberedDocument: step.document } : {}),
      });
    }
  });
  return getCase(deps, actor, caseId);
}
