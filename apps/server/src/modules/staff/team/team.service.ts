// 队伍 (issue 15 §8; docs/team.md): an officer's rank and post tags, transfers between units with their history, and
// the officer's file — credentials, training, 执法资格考试, review outcomes, cases; 考核 scores once the supervision
// module gives them.
import type { OfficerFile, SaveProfileBody, TransferBody, TransferView } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { findOrg } from '../../org/index.ts';
import { reviewOutcomesBy } from '../../reviews/index.ts';
import { officerTrainingFile } from '../../training/index.ts';

const day = (d: unknown): string =>
  d instanceof Date
    ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    : String(d).slice(0, 10);

async function officerOrFail(db: Executor, actor: Actor, id: string) {
  const o = await db
    .selectFrom('officers as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select(['o.id', 'o.name', 'o.employee_no', 'o.org_id', 'o.bureau_id', 'g.name as org_name', 'g.path'])
    .where('o.id', '=', id)
    .executeTakeFirst();
  assertInJurisdiction(actor, o?.path);
  return o!;
}

export async function saveProfile(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  officerId: string,
  body: SaveProfileBody,
): Promise<OfficerFile> {
  assertPermission(actor, 'staff:write');
  await deps.db.transaction().execute(async (trx) => {
    const o = await officerOrFail(trx, actor, officerId);
    const values = { rank: body.rank, post_tags: [...new Set(body.postTags)], updated_by: actor.id, updated_at: deps.clock.now() };
    await trx
      .insertInto('officer_profiles')
      .values({ officer_id: o.id, ...values })
      .onConflict((oc) => oc.column('officer_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'officer.profile',
      entityType: 'officer',
      entityId: o.id,
      bureauId: o.bureau_id,
      data: body,
    });
  });
  return officerFile(deps, actor, officerId);
}

/** Moves the officer to another unit of the caller's jurisdiction from the given date; the history keeps every move. */
export async function transferOfficer(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  officerId: string,
  body: TransferBody,
): Promise<OfficerFile> {
  assertPermission(actor, 'staff:write');
  const today = shanghaiDate(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    const o = await officerOrFail(trx, actor, officerId);
    const to = await findOrg(trx, body.toOrgId);
    if (!to || !to.path.startsWith(actor.jurisdictionPath))
      throw fieldError('toOrgId', '调入单位不在本单位管辖范围内', 'is not a unit of your jurisdiction');
    if (to.id === o.org_id) throw fieldError('toOrgId', '调入单位与现单位相同', 'is the officer’s current unit');
    if (body.effectiveOn > today)
      throw fieldError('effectiveOn', '调动生效日期不能晚于今天（到期后再登记）', 'cannot be after today (record it when it takes effect)');
    const last = await trx
      .selectFrom('officer_transfers')
      .select('effective_on')
      .where('officer_id', '=', o.id)
      .orderBy('effective_on', 'desc')
      .executeTakeFirst();
    if (last && body.effectiveOn < day(last.effective_on))
      throw fieldError('effectiveOn', '不能早于上一次调动日期', 'cannot be before the previous transfer');
    const id = deps.newId();
    await trx
      .insertInto('officer_transfers')
      .values({
        id,
        officer_id: o.id,
        from_org_id: o.org_id,
        to_org_id: to.id,
        effective_on: body.effectiveOn,
        reason: body.reason,
        created_by: actor.id,
      })
      .execute();
    await trx
      .updateTable('officers')
      .set({ org_id: to.id, bureau_id: to.bureau_id ?? o.bureau_id, updated_at: deps.clock.now() })
      .where('id', '=', o.id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'officer.transfer',
      entityType: 'officer',
      entityId: o.id,
      bureauId: to.bureau_id,
      data: { from: o.org_id, to: to.id, effectiveOn: body.effectiveOn, reason: body.reason },
    });
  });
  return officerFile(deps, actor, officerId);
}

export async function officerFile(deps: Deps, actor: Actor, officerId: string): Promise<OfficerFile> {
  assertPermission(actor, 'staff:read');
  const db = deps.db;
  const o = await officerOrFail(db, actor, officerId);
  const year = Number(shanghaiDate(deps.clock.now()).slice(0, 4));
  const [profile, creds, transfers, training, reviews, caseCount, recent] = await Promise.all([
    db.selectFrom('officer_profiles').selectAll().where('officer_id', '=', o.id).executeTakeFirst(),
    db.selectFrom('credentials').selectAll().where('officer_id', '=', o.id).orderBy('valid_from', 'desc').execute(),
    db
      .selectFrom('officer_transfers as t')
      .innerJoin('orgs as f', 'f.id', 't.from_org_id')
      .innerJoin('orgs as g', 'g.id', 't.to_org_id')
      .select([
        't.id',
        't.from_org_id',
        'f.name as from_name',
        't.to_org_id',
        'g.name as to_name',
        't.effective_on',
        't.reason',
        't.created_at',
      ])
      .where('t.officer_id', '=', o.id)
      .orderBy('t.effective_on', 'desc')
      .execute(),
    officerTrainingFile(db, o.id, [year, year - 1, year - 2]),
    reviewOutcomesBy(db, 'officer', { from: '1900-01-01', to: '2999-12-31' }),
    db
      .selectFrom('case_officers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('officer_id', '=', o.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('case_officers as co')
      .innerJoin('cases as c', 'c.id', 'co.case_id')
      .select(['c.id', 'c.case_number', 'c.state'])
      .where('co.officer_id', '=', o.id)
      .orderBy('c.created_at', 'desc')
      .limit(10)
      .execute(),
  ]);
  const mine = reviews.get(o.id) ?? { reviews: 0, corrected: 0, lawsuits: 0, lost: 0 };
  return {
    officerId: o.id,
    name: o.name,
    employeeNo: o.employee_no,
    orgId: o.org_id,
    orgName: o.org_name,
    rank: profile?.rank ?? null,
    postTags: profile?.post_tags ?? [],
    credentials: creds.map((c) => ({
      id: c.id,
      number: c.number,
      validFrom: day(c.valid_from),
      validTo: day(c.valid_to),
      revoked: c.revoked,
      domains: c.domains,
    })),
    transfers: transfers.map((t): TransferView => ({
      id: t.id,
      fromOrgId: t.from_org_id,
      fromOrgName: t.from_name,
      toOrgId: t.to_org_id,
      toOrgName: t.to_name,
      effectiveOn: day(t.effective_on),
      reason: t.reason,
      createdAt: new Date(t.created_at).toISOString(),
    })),
    training: training.years,
    qualifications: training.qualifications,
    reviews: mine,
    cases: { total: Number(caseCount.n), recent: recent.map((c) => ({ id: c.id, caseNumber: c.case_number, state: c.state })) },
    scores: null,
  };
}
