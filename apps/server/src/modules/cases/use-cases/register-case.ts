import type { CaseDetail, RegisterCaseBody } from '@chengguan/contracts';
import type { Transaction } from 'kysely';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import type { DB } from '../../../db/schema.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { casePointOf } from '../case-point.ts';
import { assertActionPermission } from '../case-access.ts';
import { insertNewCase } from '../case-create.ts';
import { caseContextAtCurrentRevision, teamOfficersOrFail } from '../case-loader.ts';
import { DEFAULT_FLAGS, mergeFlags, offenceOnOrFail } from '../case-offence.ts';
import { validParty } from '../case-party.ts';
import { countPriorFines, upsertParty } from '../cases.repository.ts';
import { getCase } from './get-case.ts';
import type { WrittenCase } from '../case-step.ts';

/** 登记: an ordinary case from any source (patrol, complaint, off-site, inspection, transfer, leader's instruction). */
export async function registerCase(deps: Deps, actor: Actor, meta: RequestMeta, body: RegisterCaseBody): Promise<CaseDetail> {
  const written = await deps.db.transaction().execute((trx) => registerCaseIn(trx, deps, actor, meta, body));
  // The answer from the row the registration wrote (it is not read again).
  return getCase(deps, actor, written.row.id, deps.db, written);
}

/**
 * The registration inside a transaction the caller holds (a case registered from an inspection visit is written with
 * the visit's link and evidence at once). `subjectId`: the registered subject the case is against. Answers the case
 * row as written, with the law revision it was judged at.
 */
export async function registerCaseIn(
  trx: Transaction<DB>,
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: RegisterCaseBody,
  options: { subjectId?: string } = {},
): Promise<WrittenCase> {
  assertActionPermission(actor, 'register');
  const id = deps.newId();
  const org = await getOrgRowOrFail(trx, actor, body.orgId ?? actor.orgId);
  const { ctx, lawRevision } = await caseContextAtCurrentRevision(trx, deps.clock.now());
  const party = validParty(body.party, ctx.today);
  const officers = await teamOfficersOrFail(trx, actor, body.officerIds, 'officerIds');
  const offence = await offenceOnOrFail(trx, body.offenceCode, body.act.actDate);
  const bureauId = org.bureau_id ?? org.id;
  const partyId = await upsertParty(trx, { id: deps.newId(), bureau_id: bureauId, ...party.row });
  const actId = body.act.actId ?? id;
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
      source: body.source,
      sourceRef: body.sourceRef ?? null,
      offence,
      location: body.location,
      point: casePointOf(body.point),
      facts: body.facts,
      officerIds: body.officerIds,
      snapshotFacts: {
        procedure: 'ordinary',
        party: party.caseParty,
        offence: offence.offence,
        act: {
          actId,
          actDate: body.act.actDate,
          ...(body.act.continuingUntil ? { continuingUntil: body.act.continuingUntil } : {}),
          priorFineDecisionCount: await countPriorFines(trx, actId, id),
        },
        flags: mergeFlags(DEFAULT_FLAGS, body.flags),
        officers,
      },
    },
    ctx,
    [
      {
        action: 'register',
        input: { date: body.date, procedure: 'ordinary', discoveredOn: body.discoveredOn, source: body.source },
        body: {
          date: body.date,
          discoveredOn: body.discoveredOn,
          source: body.source,
          sourceRef: body.sourceRef ?? null,
          offenceCode: body.offenceCode,
        },
      },
    ],
  );
  if (!options.subjectId) return { row, lawRevision };
  await trx.updateTable('cases').set({ subject_id: options.subjectId }).where('id', '=', id).execute();
  return { row: { ...row, subject_id: options.subjectId }, lawRevision };
}
