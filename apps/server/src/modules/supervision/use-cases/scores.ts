// 考核 (B7, docs/supervision.md §6): configurable items read from their sources and explained line by line; fine
// totals are never a score. The configuration is the city's (one set of items for every bureau), changed by a
// city-wide supervisor; every officer reads his own card.
import type {
  MyScoresQuery,
  PageOf,
  PutScoreItemsBody,
  ScoreCard as ScoreCardDto,
  ScoreConfig,
  ScoreItem,
  ScoreItemPage,
  ScoreItemQuery,
  ScoresQuery,
} from '@chengguan/contracts';
import { assertScoreItemsValid, ScoreConfigError, scoreCard, type Measure, type ScoreItemConfig, type ScoreLevel } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { toXlsx } from '../../../http/xlsx.ts';
import { isCityWide } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { scoreSources, type SourceQuery } from '../score-sources.ts';
import { assertAnyPermission, page, pageOf, scopePath } from '../supervision.shared.ts';

export async function scoreItems(db: Executor): Promise<ScoreItemConfig[]> {
  const rows = await db.selectFrom('supervision_score_items').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    labelZh: r.label_zh,
    labelEn: r.label_en,
    source: r.source,
    levels: r.levels as ScoreLevel[],
    maxPoints: r.max_points,
    ...(r.per_unit !== null ? { perUnit: r.per_unit } : {}),
  }));
}

function toItem(i: ScoreItemConfig): ScoreItem {
  return {
    code: i.code,
    labelZh: i.labelZh,
    labelEn: i.labelEn,
    source: i.source,
    levels: [...i.levels],
    maxPoints: i.maxPoints,
    perUnit: i.perUnit ?? null,
  };
}

export async function getScoreConfig(deps: Deps, actor: Actor): Promise<ScoreConfig> {
  assertAnyPermission(actor, ['supervision:read', 'supervision:configure']);
  return { items: (await scoreItems(deps.db)).map(toItem), sources: sourceList() };
}

function sourceList(): ScoreConfig['sources'] {
  return [...scoreSources()].map(([source, e]) => ({ source, nameZh: e.nameZh, nameEn: e.nameEn, hasData: e.fn !== null }));
}

/** The city's items (at most 30, read whole) filtered by code or name, source and level. */
async function scoreItemsFiltered(deps: Deps, actor: Actor, q: ScoreItemQuery): Promise<ScoreItem[]> {
  assertAnyPermission(actor, ['supervision:read', 'supervision:configure']);
  const text = q.q?.trim().toLowerCase();
  return (await scoreItems(deps.db))
    .map(toItem)
    .filter(
      (i) =>
        (!text || `${i.code} ${i.labelZh} ${i.labelEn}`.toLowerCase().includes(text)) &&
        (!q.source || i.source === q.source) &&
        (!q.level || i.levels.includes(q.level)),
    );
}

export async function listScoreItems(deps: Deps, actor: Actor, q: ScoreItemQuery): Promise<ScoreItemPage> {
  const p = pageOf(q);
  const all = await scoreItemsFiltered(deps, actor, q);
  return { ...page(all.slice(p.offset, p.offset + p.pageSize), all.length, p), sources: sourceList() };
}

export async function exportScoreItems(deps: Deps, actor: Actor, q: ScoreItemQuery): Promise<Buffer> {
  const items = await scoreItemsFiltered(deps, actor, q);
  const sources = new Map(sourceList().map((s) => [s.source, s.nameZh]));
  const LEVEL = { officer: '执法人员', squad: '中队' } as const;
  return toXlsx(
    '考核项目',
    [
      { header: '项目代码', width: 20, value: (i: ScoreItem) => i.code },
      { header: '考核项目', width: 20, value: (i) => i.labelZh },
      { header: '英文名称', width: 24, value: (i) => i.labelEn },
      { header: '数据来源', width: 24, value: (i) => sources.get(i.source) ?? i.source },
      { header: '考核对象', value: (i) => i.levels.map((l) => LEVEL[l]).join('、') },
      { header: '满分', value: (i) => i.maxPoints },
      { header: '每件分值', value: (i) => i.perUnit ?? null },
    ],
    items,
  );
}

export async function putScoreItems(deps: Deps, actor: Actor, meta: RequestMeta, body: PutScoreItemsBody): Promise<ScoreConfig> {
  if (!actor.permissions.has('supervision:configure') || !isCityWide(actor)) throw new AppError('FORBIDDEN');
  const items: ScoreItemConfig[] = body.items.map(
    (i) =>
      ({ ...i, ...(i.perUnit !== null && i.perUnit !== undefined ? { perUnit: i.perUnit } : { perUnit: undefined }) }) as ScoreItemConfig,
  );
  try {
    assertScoreItemsValid(items, new Set(scoreSources().keys()));
  } catch (e) {
    if (e instanceof ScoreConfigError) {
      if (!e.rule) throw fieldError(e.field, e.messageZh, e.message);
      // B7: a refusal that cites its rule (「B7 …」), in both languages.
      throw new AppError('RULE_VIOLATION', {
        field: e.field,
        rule: e.rule,
        message: `${e.messageZh}（《中华人民共和国行政处罚法》第六条）`,
        messageEn: `B7: ${e.message}`,
        details: [{ field: e.field, message: e.messageZh, messageEn: e.message }],
      });
    }
    throw e;
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('supervision_score_items').execute();
    await trx
      .insertInto('supervision_score_items')
      .values(
        items.map((i, n) => ({
          code: i.code,
          label_zh: i.labelZh,
          label_en: i.labelEn,
          source: i.source,
          levels: [...i.levels],
          max_points: i.maxPoints,
          per_unit: i.perUnit ?? null,
          sort_order: n + 1,
          updated_by: actor.id,
          updated_at: deps.clock.now(),
        })),
      )
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.score_items.put',
      entityType: 'supervision_score_items',
      entityId: null,
      bureauId: null,
      data: { items: body.items },
    });
  });
  return getScoreConfig(deps, actor);
}

type Subject = { id: string; name: string; org_name: string };

/** The cards of the given officers or squads: each item's source measures every subject once. */
export async function cardsFor(
  db: Executor,
  level: ScoreLevel,
  subjects: readonly Subject[],
  from: string,
  to: string,
): Promise<ScoreCardDto[]> {
  const items = (await scoreItems(db)).filter((i) => i.levels.includes(level));
  const q: SourceQuery = { level, ids: subjects.map((s) => s.id), from, to };
  const measured = new Map<string, Map<string, Measure>>();
  for (const source of new Set(items.map((i) => i.source))) {
    const entry = scoreSources().get(source);
    measured.set(source, entry?.fn ? await entry.fn(db, q) : new Map());
  }
  return subjects.map((s) => {
    const card = scoreCard(s.id, items, (item) => {
      const entry = scoreSources().get(item.source);
      return (
        measured.get(item.source)?.get(s.id) ?? {
          kind: 'none',
          value: null,
          detailZh: entry?.noDataZh ?? `数据来源${item.source}未接入`,
          detailEn: entry?.noDataEn ?? `source ${item.source} is not connected`,
        }
      );
    });
    return { level, id: s.id, name: s.name, orgName: s.org_name, total: card.total, max: card.max, lines: card.lines };
  });
}

function checkPeriod(from: string, to: string): void {
  if (to < from) throw fieldError('to', '截止日期早于起始日期', 'is before from');
}

export async function listScores(deps: Deps, actor: Actor, q: ScoresQuery): Promise<PageOf<ScoreCardDto>> {
  assertAnyPermission(actor, ['supervision:read', 'supervision:answer']);
  checkPeriod(q.from, q.to);
  const path = await scopePath(deps.db, actor, q.orgId);
  const p = pageOf(q);
  const base =
    q.level === 'officer'
      ? deps.db.selectFrom('officers as s').innerJoin('orgs as g', 'g.id', 's.org_id').where('s.active', '=', true)
      : deps.db.selectFrom('orgs as s').innerJoin('orgs as g', 'g.id', 's.id').where('s.kind', '=', 'squad');
  const scoped = base.where('g.path', 'like', `${path}%`);
  const [rows, count] = await Promise.all([
    scoped
      .select(['s.id', 's.name', 'g.name as org_name'])
      .orderBy('g.path')
      .orderBy('s.name')
      .orderBy('s.id')
      .limit(p.pageSize)
      .offset(p.offset)
      .execute(),
    scoped.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return page(await cardsFor(deps.db, q.level, rows, q.from, q.to), Number(count.n), p);
}

/** The officer's own card: every signed-in officer reads it. */
export async function myScores(deps: Deps, actor: Actor, q: MyScoresQuery): Promise<ScoreCardDto> {
  checkPeriod(q.from, q.to);
  const me = await deps.db
    .selectFrom('officers as s')
    .innerJoin('orgs as g', 'g.id', 's.org_id')
    .select(['s.id', 's.name', 'g.name as org_name'])
    .where('s.id', '=', actor.id)
    .executeTakeFirstOrThrow();
  return (await cardsFor(deps.db, 'officer', [me], q.from, q.to))[0]!;
}
