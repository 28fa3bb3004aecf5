import type { CaseDetail, RegisterCaseBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { casePointOf } from '../case-point.ts';
import { assertActionPermission } from '../case-access.ts';
import { insertNewCase } from '../case-create.ts';
import { caseContext, teamOfficersOrFail } from '../case-loader.ts';
import { DEFAULT_FLAGS, mergeFlags, offenceOnOrFail } from '../case-offence.ts';
import { validParty } from '../case-party.ts';
import { countPriorFines, upsertParty } from '../cases.repository.ts';
import { getCase } from './get-case.ts';

/** 登记: an ordinary case from any source (patrol, complaint, off-site, inspection, transfer, leader's instruction). */
export async function registerCase(deps: Deps, actor: Actor, meta: RequestMeta, body: RegisterCaseBody): Promise<CaseDetail> {
  assertActionPermission(actor, 'register');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const org = await getOrgRowOrFail(trx, actor, body.orgId ?? actor.orgId);
    const ctx = await caseContext(trx, deps.clock.now());
    const party = validParty(body.party, ctx.today);
    const officers = await teamOfficersOrFail(trx, actor, body.officerIds, 'officerIds');
    const offence = await offenceOnOrFail(trx, body.offenceCode, body.act.actDate);
    const bureauId = org.bureau_id ?? org.id;
    const partyId = await upsertParty(trx, { id: deps.newId(), bureau_id: bureauId, ...party.row });
    const actId = body.act.actId ?? id;
    await insertNewCase(
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
  });
  return getCase(deps, actor, id);
}
