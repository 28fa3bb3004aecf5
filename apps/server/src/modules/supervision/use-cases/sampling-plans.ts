// 案卷评查 and 全过程记录 sampling plans (docs/supervision.md §2–3). A plan names the org subtree, the period, the rate
// by squad and case type (basis points) or a fixed size, and the review sheet; the seed is drawn from the operating
// system when the plan is made and only its SM3 commitment is shown until the draw reveals it, so the choice of files
// is reproducible and nobody can steer it (the 双随机 draw of subjects/draw-random.ts). A sample larger than its
// population is refused, at creation and at the draw.
import { randomBytes } from 'node:crypto';
import type { CreateSamplingPlanBody, PageOf, SamplingPlan, SamplingPlanQuery, SamplingRate } from '@chengguan/contracts';
import { drawCommitment, drawSample, drawSeedHexFromBytes, SamplingInputError, type SamplingMember } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertAnyPermission, dateText, iso, orgInJurisdiction, page, pageOf, READ_ANY, scopePath, today } from '../supervision.shared.ts';

export type SeedSource = (n: number) => Uint8Array;
export const CRYPTO_SEED: SeedSource = (n) => new Uint8Array(randomBytes(n));

/** Rows per INSERT of drawn samples (8 parameters each). */
const SAMPLE_BATCH = 5_000;

/** The seed's 17.1 % (000: 抽查比 17.1%) is 1,710 basis points; a plan states its own. */
type Member = SamplingMember & { orgId: string; bureauId: string | null };

/** The population of a plan: the cases registered (or recordings made) in its period inside its org subtree. */
async function population(db: Executor, kind: string, orgPath: string, from: string, to: string): Promise<Member[]> {
  if (kind === 'case_file') {
    const rows = await db
      .selectFrom('cases as c')
      .innerJoin('orgs as g', 'g.id', 'c.org_id')
      .select(['c.id', 'c.org_id', 'c.bureau_id', 'c.procedure'])
      .where('g.path', 'like', `${orgPath}%`)
      .where('c.registered_on', '>=', from)
      .where('c.registered_on', '<=', to)
      .where('c.state', 'not in', ['not_filed', 'summary_draft'])
      .execute();
    return rows.map((r) => ({ id: r.id, stratum: `${r.org_id}|${r.procedure}`, orgId: r.org_id, bureauId: r.bureau_id }));
  }
  const rows = await db
    .selectFrom('supervision_recordings as r')
    .innerJoin('orgs as g', 'g.id', 'r.org_id')
    .select(['r.id', 'r.org_id', 'r.bureau_id'])
    .where('g.path', 'like', `${orgPath}%`)
    .where('r.recorded_on', '>=', from)
    .where('r.recorded_on', '<=', to)
    .execute();
  return rows.map((r) => ({ id: r.id, stratum: `${r.org_id}|`, orgId: r.org_id, bureauId: r.bureau_id }));
}

/** The rate of each stratum present: squad + type, then squad, then type, then the default. */
function stratumRates(members: readonly Member[], rates: readonly SamplingRate[]) {
  const strata = new Set(members.map((m) => m.stratum));
  const out: { stratum: string; basisPoints: number }[] = [];
  for (const s of strata) {
    const [squad, type] = s.split('|') as [string, string];
    const match =
      rates.find((r) => r.squadId === squad && r.caseType === type) ??
      rates.find((r) => r.squadId === squad && !r.caseType) ??
      rates.find((r) => !r.squadId && r.caseType === type);
    if (match) out.push({ stratum: s, basisPoints: match.basisPoints });
  }
  return out;
}

function sizeRefusal(size: number, n: number): AppError {
  return fieldError(
    'sampleSize',
    `抽查数量${size}大于可抽查总数${n}，未抽取`,
    `a sample of ${size} is larger than its population of ${n}; nothing was drawn`,
    'RULE_VIOLATION',
  );
}

export async function createSamplingPlan(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateSamplingPlanBody,
  seedSource: SeedSource = CRYPTO_SEED,
): Promise<SamplingPlan> {
  assertPermission(actor, 'supervision:write');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const org = await orgInJurisdiction(trx, actor, body.orgId);
    if (body.periodTo < body.periodFrom) throw fieldError('periodTo', '截止日期早于起始日期', 'is before periodFrom');
    if (body.dueOn < today(deps)) throw fieldError('dueOn', `评查完成期限不能早于今天（${today(deps)}）`, 'may not be in the past');
    for (const [i, r] of (body.rates ?? []).entries()) {
      if (!r.squadId) continue;
      const squad = await orgInJurisdiction(trx, actor, r.squadId);
      if (!squad.path.startsWith(org.path))
        throw fieldError(`rates.${i}.squadId`, '中队不在本计划的范围内', 'the squad is outside the plan’s org');
    }
    let sheetId: string | null = body.sheetId ?? null;
    if (body.kind === 'case_file' && !sheetId) {
      const starter = await trx
        .selectFrom('supervision_review_sheets')
        .select('id')
        .where('bureau_id', 'is', null)
        .where('active', '=', true)
        .orderBy('created_at')
        .executeTakeFirst();
      sheetId = starter?.id ?? null;
    }
    if (sheetId) {
      const sheet = await trx.selectFrom('supervision_review_sheets').select(['bureau_id']).where('id', '=', sheetId).executeTakeFirst();
      if (!sheet || (sheet.bureau_id !== null && sheet.bureau_id !== org.bureau_id && sheet.bureau_id !== org.id))
        throw fieldError('sheetId', '评查表不存在或不属于本局', 'no such review sheet for this bureau');
    }
    if (body.sampleSize !== undefined) {
      const n = (await population(trx, body.kind, org.path, body.periodFrom, body.periodTo)).length;
      if (body.sampleSize > n) throw sizeRefusal(body.sampleSize, n);
    }
    const seedHex = drawSeedHexFromBytes(seedSource(32));
    await trx
      .insertInto('supervision_plans')
      .values({
        id,
        bureau_id: org.bureau_id ?? org.id,
        org_id: org.id,
        kind: body.kind,
        name: body.name,
        period_from: body.periodFrom,
        period_to: body.periodTo,
        default_bp: body.defaultBasisPoints,
        rates: JSON.stringify(body.rates ?? []),
        sample_size: body.sampleSize ?? null,
        sheet_id: sheetId,
        due_on: body.dueOn,
        status: 'committed',
        commitment: drawCommitment(seedHex),
        seed_hex: seedHex,
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.plan.create',
      entityType: 'supervision_plan',
      entityId: id,
      bureauId: org.bureau_id ?? org.id,
      data: { kind: body.kind, orgId: org.id, commitment: drawCommitment(seedHex) },
    });
  });
  return getSamplingPlan(deps, actor, id);
}

export async function drawSamplingPlan(deps: Deps, actor: Actor, meta: RequestMeta, id: string): Promise<SamplingPlan> {
  assertPermission(actor, 'supervision:write');
  await deps.db.transaction().execute(async (trx) => {
    const plan = await planRowOrFail(trx, actor, id, true);
    if (plan.status !== 'committed')
      throw new AppError('STATE_CONFLICT', { message: '该计划已抽取', messageEn: 'The plan was drawn already' });
    const members = await population(trx, plan.kind, plan.org_path, dateText(plan.period_from), dateText(plan.period_to));
    const rates = plan.rates as SamplingRate[];
    let outcome;
    try {
      outcome = drawSample({
        seedHex: plan.seed_hex,
        population: members,
        defaultBasisPoints: plan.default_bp,
        rates: stratumRates(members, rates),
        ...(plan.sample_size !== null ? { size: plan.sample_size } : {}),
      });
    } catch (e) {
      if (e instanceof SamplingInputError) {
        if (e.field === 'size') throw sizeRefusal(plan.sample_size!, members.length);
        throw fieldError(e.field, e.messageZh, e.message, 'RULE_VIOLATION');
      }
      throw e;
    }
    const byId = new Map(members.map((m) => [m.id, m]));
    // In batches: one statement may bind at most 65,535 parameters (a city-wide 17.1 % of 100,000 is 17,100 rows).
    const rows = outcome.ids.map((mid, i) => ({
      id: deps.newId(),
      plan_id: id,
      bureau_id: byId.get(mid)!.bureauId,
      org_id: byId.get(mid)!.orgId,
      case_id: plan.kind === 'case_file' ? mid : null,
      recording_id: plan.kind === 'recording' ? mid : null,
      draw_order: i + 1,
      status: 'pending',
    }));
    for (let i = 0; i < rows.length; i += SAMPLE_BATCH) {
      await trx
        .insertInto('supervision_samples')
        .values(rows.slice(i, i + SAMPLE_BATCH))
        .execute();
    }
    const updated = await trx
      .updateTable('supervision_plans')
      .set({
        status: 'drawn',
        population: members.length,
        drawn: outcome.ids.length,
        strata: JSON.stringify(outcome.strata),
        words_used: outcome.wordsUsed,
        drawn_by: actor.id,
        drawn_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .where('status', '=', 'committed')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.plan.draw',
      entityType: 'supervision_plan',
      entityId: id,
      bureauId: plan.bureau_id,
      data: {
        commitment: plan.commitment,
        seedHex: plan.seed_hex,
        population: members.length,
        drawn: outcome.ids.length,
        wordsUsed: outcome.wordsUsed,
      },
    });
  });
  return getSamplingPlan(deps, actor, id);
}

function planQuery(db: Executor) {
  return db
    .selectFrom('supervision_plans as p')
    .innerJoin('orgs as g', 'g.id', 'p.org_id')
    .selectAll('p')
    .select([
      'g.name as org_name',
      'g.path as org_path',
      sql<number>`(SELECT count(*) FROM supervision_samples s WHERE s.plan_id = p.id AND s.status = 'reviewed')`.as('reviewed'),
    ]);
}
type PlanRow = Awaited<ReturnType<ReturnType<typeof planQuery>['executeTakeFirstOrThrow']>>;

async function planRowOrFail(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<PlanRow> {
  const q = planQuery(db).where('p.id', '=', id);
  const row = await (forUpdate ? q.forUpdate('p') : q).executeTakeFirst();
  assertInJurisdiction(actor, row?.org_path);
  return row!;
}

async function squadNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function toPlan(db: Executor, r: PlanRow): Promise<SamplingPlan> {
  const strata = (r.strata as { stratum: string; population: number; basisPoints: number; drawn: number }[] | null) ?? [];
  const names = await squadNames(db, [...new Set(strata.map((s) => s.stratum.split('|')[0]!).filter((s) => s !== '*'))]);
  return {
    id: r.id,
    kind: r.kind as SamplingPlan['kind'],
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    periodFrom: dateText(r.period_from),
    periodTo: dateText(r.period_to),
    defaultBasisPoints: r.default_bp,
    rates: r.rates as SamplingRate[],
    sampleSize: r.sample_size,
    sheetId: r.sheet_id,
    dueOn: dateText(r.due_on),
    status: r.status as SamplingPlan['status'],
    commitment: r.commitment,
    seedHex: r.status === 'drawn' ? r.seed_hex : null,
    population: r.population,
    drawn: r.drawn,
    reviewed: Number(r.reviewed),
    strata: strata.map((s) => {
      const [squad, type] = s.stratum.split('|') as [string, string | undefined];
      return { ...s, squadName: squad === '*' ? '全部' : (names.get(squad) ?? squad), caseType: type ? type : null };
    }),
    createdAt: iso(r.created_at),
  };
}

export async function getSamplingPlan(deps: Deps, actor: Actor, id: string): Promise<SamplingPlan> {
  assertAnyPermission(actor, READ_ANY);
  return toPlan(deps.db, await planRowOrFail(deps.db, actor, id));
}

async function filteredPlans(deps: Deps, actor: Actor, q: SamplingPlanQuery) {
  assertAnyPermission(actor, READ_ANY);
  const path = await scopePath(deps.db, actor, q.orgId);
  let query = planQuery(deps.db).where('g.path', 'like', `${path}%`);
  if (q.kind) query = query.where('p.kind', '=', q.kind);
  if (q.status) query = query.where('p.status', '=', q.status);
  return query;
}

export async function listSamplingPlans(deps: Deps, actor: Actor, q: SamplingPlanQuery): Promise<PageOf<SamplingPlan>> {
  const p = pageOf(q);
  const base = await filteredPlans(deps, actor, q);
  const [rows, count] = await Promise.all([
    base.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(p.pageSize).offset(p.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return page(await Promise.all(rows.map((r) => toPlan(deps.db, r))), Number(count.n), p);
}

export async function exportSamplingPlans(deps: Deps, actor: Actor, q: SamplingPlanQuery): Promise<Buffer> {
  const rows = await (await filteredPlans(deps, actor, q)).orderBy('p.created_at', 'desc').limit(MAX_EXPORT_ROWS).execute();
  const plans = await Promise.all(rows.map((r) => toPlan(deps.db, r)));
  return toXlsx(
    '抽查计划',
    [
      { header: '计划', width: 28, value: (p: SamplingPlan) => p.name },
      { header: '类别', value: (p) => (p.kind === 'case_file' ? '案卷评查' : '全过程记录') },
      { header: '范围', width: 20, value: (p) => p.orgName },
      { header: '期间', width: 24, value: (p) => `${p.periodFrom}–${p.periodTo}` },
      { header: '抽查比例（‱）', value: (p) => p.defaultBasisPoints },
      { header: '总数', value: (p) => p.population },
      { header: '抽取', value: (p) => p.drawn },
      { header: '已评查', value: (p) => p.reviewed },
      { header: '完成期限', value: (p) => p.dueOn },
      { header: '种子承诺（SM3）', width: 66, value: (p) => p.commitment },
    ],
    plans,
  );
}
