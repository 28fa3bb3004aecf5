// 规范化中队 (issue 15 §10; docs/squads.md): criteria sheets per bureau and year, the squad's self-assessment and the
// bureau's inspection scored on a sheet (a score outside an item's maximum is refused), the year's rating (规范化 /
// 示范 / 星级) decided on an inspection, and the share of rated squads against the 十四五 targets (configuration).
import type {
  AssessmentBody,
  AssessmentView,
  CriteriaSheetView,
  RateSquadBody,
  SaveCriteriaSheetBody,
  SquadOverview,
  SquadOverviewQuery,
  SquadRow,
  SquadTargetsBody,
} from '@chengguan/contracts';
import { SQUAD_RATING_LABELS } from '@chengguan/contracts';
import { DEFAULT_SQUAD_TARGETS, type SquadRatingKind, squadShares } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { toXlsx } from '../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../shared/access.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { findOrg } from '../org/index.ts';

type Item = { code: string; name: string; maxScore: number };
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

async function bureauOrFail(db: Executor, actor: Actor, bureauId: string) {
  const org = await findOrg(db, bureauId);
  assertInJurisdiction(actor, org?.path);
  if (org!.bureau_id !== org!.id) throw fieldError('bureauId', '须为区局', 'must be a district bureau');
  return org!;
}

async function squadOrFail(db: Executor, actor: Actor, orgId: string) {
  const org = await findOrg(db, orgId);
  assertInJurisdiction(actor, org?.path);
  if (org!.kind !== 'squad' || !org!.bureau_id) throw fieldError('orgId', '须为中队', 'must be a squad');
  return org as typeof org & { bureau_id: string };
}

const sheetView = (r: {
  id: string;
  bureau_id: string;
  year: number;
  title: string;
  items: unknown;
  max_total: number;
  standard_at: number;
  model_at: number;
}): CriteriaSheetView => ({
  id: r.id,
  bureauId: r.bureau_id,
  year: r.year,
  title: r.title,
  items: parse<Item[]>(r.items),
  maxTotal: r.max_total,
  standardAt: r.standard_at,
  modelAt: r.model_at,
});

export async function saveSheet(deps: Deps, actor: Actor, meta: RequestMeta, body: SaveCriteriaSheetBody): Promise<CriteriaSheetView> {
  assertPermission(actor, 'squad:admin');
  await bureauOrFail(deps.db, actor, body.bureauId);
  const codes = new Set(body.items.map((i) => i.code));
  if (codes.size !== body.items.length) throw fieldError('items', '评分项代码重复', 'item codes repeat');
  const maxTotal = body.items.reduce((s, i) => s + i.maxScore, 0);
  if (body.standardAt > maxTotal)
    throw fieldError('standardAt', `规范化分数线不能高于满分 ${maxTotal}`, `cannot exceed the total of ${maxTotal}`);
  if (body.modelAt > maxTotal || body.modelAt < body.standardAt)
    throw fieldError('modelAt', `示范分数线须在规范化分数线与满分 ${maxTotal} 之间`, 'must lie between the standard line and the total');
  const row = {
    id: deps.newId(),
    bureau_id: body.bureauId,
    year: body.year,
    title: body.title,
    items: JSON.stringify(body.items),
    max_total: maxTotal,
    standard_at: body.standardAt,
    model_at: body.modelAt,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('squad_criteria_sheets')
      .values({ ...row, created_by: actor.id })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'squad.sheet',
      entityType: 'squad_sheet',
      entityId: row.id,
      bureauId: body.bureauId,
      data: { year: body.year, title: body.title, items: body.items.length },
    });
  });
  return sheetView({ ...row, items: body.items });
}

export async function listSheets(deps: Deps, actor: Actor, q: { bureauId: string }): Promise<CriteriaSheetView[]> {
  assertPermission(actor, 'squad:read');
  await bureauOrFail(deps.db, actor, q.bureauId);
  const rows = await deps.db
    .selectFrom('squad_criteria_sheets')
    .selectAll()
    .where('bureau_id', '=', q.bureauId)
    .orderBy('year', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(sheetView);
}

function suggested(total: number, sheet: { standard_at: number; model_at: number }): AssessmentView['suggested'] {
  return total >= sheet.model_at ? 'model' : total >= sheet.standard_at ? 'standard' : null;
}

/** A self-assessment (the squad leader, his own squad) or an inspection (the bureau), scored item by item. */
export async function assess(deps: Deps, actor: Actor, meta: RequestMeta, body: AssessmentBody): Promise<AssessmentView> {
  assertPermission(actor, body.kind === 'self' ? 'squad:assess' : 'squad:inspect');
  const squad = await squadOrFail(deps.db, actor, body.orgId);
  if (body.kind === 'self' && actor.orgId !== squad.id) throw new AppError('FORBIDDEN');
  const sheet = await deps.db.selectFrom('squad_criteria_sheets').selectAll().where('id', '=', body.sheetId).executeTakeFirst();
  if (!sheet || sheet.bureau_id !== squad.bureau_id)
    throw fieldError('sheetId', '评分表不属于该中队所在区局', 'is not a sheet of the squad’s bureau');
  const items = parse<Item[]>(sheet.items);
  for (const [code, score] of Object.entries(body.scores)) {
    const item = items.find((i) => i.code === code);
    if (!item) throw fieldError('scores', `评分项「${code}」不在评分表中`, `item ${code} is not on the sheet`);
    if (score > item.maxScore)
      throw fieldError(
        'scores',
        `「${item.name}」得分 ${score} 超过该项满分 ${item.maxScore}`,
        `${code}: ${score} exceeds the item's maximum ${item.maxScore}`,
      );
  }
  const missing = items.filter((i) => body.scores[i.code] === undefined);
  if (missing.length > 0)
    throw fieldError(
      'scores',
      `尚有 ${missing.length} 项未评分：${missing.map((i) => i.name).join('、')}`,
      `${missing.length} items are not scored`,
    );
  const total = items.reduce((s, i) => s + body.scores[i.code]!, 0);
  const now = deps.clock.now();
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('squad_assessments')
      .values({
        id,
        sheet_id: sheet.id,
        org_id: squad.id,
        bureau_id: squad.bureau_id,
        kind: body.kind,
        scores: JSON.stringify(body.scores),
        total,
        note: body.note ?? null,
        assessed_by: actor.id,
        assessed_at: now,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: `squad.${body.kind}_assessment`,
      entityType: 'org',
      entityId: squad.id,
      bureauId: squad.bureau_id,
      data: { sheetId: sheet.id, total },
    });
  });
  return {
    id,
    sheetId: sheet.id,
    orgId: squad.id,
    orgName: squad.name,
    kind: body.kind,
    scores: body.scores,
    total,
    suggested: suggested(total, sheet),
    note: body.note ?? null,
    assessedAt: now.toISOString(),
  };
}

/** The year's rating of a squad, on an inspection that reaches the sheet's line (星级 and 示范 need the 示范 line). */
export async function rateSquad(deps: Deps, actor: Actor, meta: RequestMeta, body: RateSquadBody): Promise<SquadRow> {
  assertPermission(actor, 'squad:admin');
  const squad = await squadOrFail(deps.db, actor, body.orgId);
  const a = await deps.db
    .selectFrom('squad_assessments as a')
    .innerJoin('squad_criteria_sheets as s', 's.id', 'a.sheet_id')
    .select(['a.id', 'a.org_id', 'a.kind', 'a.total', 's.standard_at', 's.model_at', 's.year'])
    .where('a.id', '=', body.assessmentId)
    .executeTakeFirst();
  if (!a || a.org_id !== squad.id || a.kind !== 'inspection')
    throw fieldError('assessmentId', '须为该中队的验收（检查）评分', 'must be an inspection of this squad');
  if (a.year !== body.year) throw fieldError('year', '评分表年度与评定年度不一致', 'the sheet is of another year');
  const line = body.rating === 'standard' ? a.standard_at : a.model_at;
  if (a.total < line) {
    throw new AppError('RULE_VIOLATION', {
      field: 'rating',
      rule: 'R19 规范化中队创建标准',
      message: `验收得分 ${a.total} 未达到${SQUAD_RATING_LABELS[body.rating].zh}分数线 ${line}`,
      messageEn: `The inspection scored ${a.total}, below the line of ${line}`,
    });
  }
  if (body.rating === 'star' && !body.stars) throw fieldError('stars', '星级中队须评定星数', 'a star squad needs its number of stars');
  const values = {
    rating: body.rating,
    stars: body.rating === 'star' ? body.stars! : null,
    assessment_id: a.id,
    decided_by: actor.id,
    decided_on: shanghaiDate(deps.clock.now()),
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('squad_ratings')
      .values({ id: deps.newId(), org_id: squad.id, bureau_id: squad.bureau_id, year: body.year, ...values })
      .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet(values))
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'squad.rated',
      entityType: 'org',
      entityId: squad.id,
      bureauId: squad.bureau_id,
      data: body,
    });
  });
  return { orgId: squad.id, orgName: squad.name, selfTotal: null, inspectionTotal: a.total, rating: body.rating, stars: values.stars };
}

async function targetsOf(db: Executor, bureauId: string | null) {
  if (!bureauId) return DEFAULT_SQUAD_TARGETS;
  const r = await db.selectFrom('squad_settings').selectAll().where('bureau_id', '=', bureauId).executeTakeFirst();
  return r ? { modelPct: Number(r.target_model_pct), ratedPct: Number(r.target_rated_pct) } : DEFAULT_SQUAD_TARGETS;
}

export async function putTargets(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: SquadTargetsBody,
): Promise<{ bureauId: string; targetModelPct: number; targetRatedPct: number }> {
  assertPermission(actor, 'squad:admin');
  await bureauOrFail(deps.db, actor, body.bureauId);
  await deps.db.transaction().execute(async (trx) => {
    const values = {
      target_model_pct: body.targetModelPct,
      target_rated_pct: body.targetRatedPct,
      updated_by: actor.id,
      updated_at: deps.clock.now(),
    };
    await trx
      .insertInto('squad_settings')
      .values({ bureau_id: body.bureauId, ...values })
      .onConflict((oc) => oc.column('bureau_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'squad.targets',
      entityType: 'org',
      entityId: body.bureauId,
      bureauId: body.bureauId,
      data: body,
    });
  });
  return body;
}

/** The squads of a unit for a year: the latest self and inspection totals, the rating; shares against the targets. */
export async function overview(deps: Deps, actor: Actor, q: SquadOverviewQuery): Promise<SquadOverview> {
  assertPermission(actor, 'squad:read');
  let prefix = actor.jurisdictionPath;
  let bureauId = actor.bureauId;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    assertInJurisdiction(actor, org?.path);
    prefix = org!.path;
    bureauId = org!.bureau_id ?? bureauId;
  }
  const squads = await deps.db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('kind', '=', 'squad')
    .where('path', 'like', `${prefix}%`)
    .orderBy('path')
    .execute();
  const ids = squads.map((s) => s.id);
  const [ratings, assessments, targets] = await Promise.all([
    ids.length ? deps.db.selectFrom('squad_ratings').selectAll().where('year', '=', q.year).where('org_id', 'in', ids).execute() : [],
    ids.length
      ? deps.db
          .selectFrom('squad_assessments as a')
          .innerJoin('squad_criteria_sheets as s', 's.id', 'a.sheet_id')
          .select(['a.org_id', 'a.kind', 'a.total', 'a.assessed_at'])
          .where('s.year', '=', q.year)
          .where('a.org_id', 'in', ids)
          .orderBy('a.assessed_at')
          .execute()
      : [],
    targetsOf(deps.db, bureauId),
  ]);
  const rating = new Map(ratings.map((r) => [r.org_id, r]));
  const latest = new Map<string, number>();
  for (const a of assessments) latest.set(`${a.org_id}:${a.kind}`, a.total);
  let rows: SquadRow[] = squads.map((s) => ({
    orgId: s.id,
    orgName: s.name,
    selfTotal: latest.get(`${s.id}:self`) ?? null,
    inspectionTotal: latest.get(`${s.id}:inspection`) ?? null,
    rating: (rating.get(s.id)?.rating as SquadRow['rating']) ?? null,
    stars: rating.get(s.id)?.stars ?? null,
  }));
  const shares = squadShares(
    squads.length,
    ratings.map((r) => r.rating as SquadRatingKind),
    targets,
  );
  if (q.rating) rows = rows.filter((r) => (q.rating === 'none' ? r.rating === null : r.rating === q.rating));
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return {
    year: q.year,
    squads: shares.squads,
    rated: shares.rated,
    model: shares.model,
    ratedPct: shares.ratedPct,
    modelPct: shares.modelPct,
    targetRatedPct: targets.ratedPct,
    targetModelPct: targets.modelPct,
    ratedMet: shares.ratedMet,
    modelMet: shares.modelMet,
    items: rows.slice((page - 1) * pageSize, page * pageSize),
    total: rows.length,
    page,
    pageSize,
  };
}

export async function exportOverview(deps: Deps, actor: Actor, q: SquadOverviewQuery): Promise<Buffer> {
  const o = await overview(deps, actor, { ...q, page: 1, pageSize: 100_000 });
  return toXlsx(
    `${q.year}年中队创建`,
    [
      { header: '中队', value: (r: SquadRow) => r.orgName, width: 24 },
      { header: '自评得分', value: (r: SquadRow) => r.selfTotal },
      { header: '验收得分', value: (r: SquadRow) => r.inspectionTotal },
      { header: '评定', value: (r: SquadRow) => (r.rating ? SQUAD_RATING_LABELS[r.rating].zh : '未评定') },
      { header: '星数', value: (r: SquadRow) => r.stars },
    ],
    o.items,
  );
}
