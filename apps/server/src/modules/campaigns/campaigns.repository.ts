// Every query of the campaigns feature: campaigns with their rounds, the problem points of their ledgers, the
// points' events and the counts per area and round.
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../context.ts';
import { prefixPattern } from '../../db/like.ts';
import type { CampaignPointsTable, SpecialCampaignsTable } from './campaigns.tables.ts';

export type CampaignRow = Selectable<SpecialCampaignsTable> & { org_name: string };
export type PointRow = Selectable<CampaignPointsTable> & {
  campaign_title: string;
  area_name: string;
  org_name: string;
  officer_name: string | null;
  round_no: number | null;
};
export type CountRow = { key: string | null; state: string; n: number };

/** A campaign is visible where its org lies in the jurisdiction, or where it covers the jurisdiction (a city campaign). */
function visibleTo(jurisdictionPath: string) {
  return sql<boolean>`(c.org_path LIKE ${prefixPattern(jurisdictionPath)} OR ${jurisdictionPath} LIKE c.org_path || '%')`;
}

export async function findCampaign(db: Executor, id: string, jurisdictionPath: string): Promise<CampaignRow | undefined> {
  return db
    .selectFrom('special_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select('o.name as org_name')
    .where('c.id', '=', id)
    .where(visibleTo(jurisdictionPath))
    .executeTakeFirst();
}

export type CampaignFilter = { keyword?: string; activeOn?: string; areaOrgId?: string };

export async function listCampaignRows(
  db: Executor,
  jurisdictionPath: string,
  f: CampaignFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: CampaignRow[]; total: number }> {
  let q = db.selectFrom('special_campaigns as c').innerJoin('orgs as o', 'o.id', 'c.org_id').where(visibleTo(jurisdictionPath));
  if (f.keyword) q = q.where('c.title', 'like', `%${f.keyword.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (f.activeOn) q = q.where('c.period_from', '<=', f.activeOn).where('c.period_to', '>=', f.activeOn);
  if (f.areaOrgId) q = q.where(sql<boolean>`${f.areaOrgId}::uuid = ANY (c.area_org_ids)`);
  const [rows, total] = await Promise.all([
    q
      .selectAll('c')
      .select('o.name as org_name')
      .orderBy('c.period_from', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function roundsOf(db: Executor, campaignIds: readonly string[]) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('special_campaign_rounds')
    .select(['id', 'campaign_id', 'round_no', 'title', 'starts_on', 'ends_on'])
    .where('campaign_id', 'in', [...campaignIds])
    .orderBy('round_no')
    .execute();
}

export async function orgNames(db: Executor, ids: readonly string[]): Promise<Map<string, { name: string; path: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, path: r.path }]));
}

/** Points per campaign and state (and per area or round) inside the jurisdiction. */
export async function pointCounts(
  db: Executor,
  campaignIds: readonly string[],
  jurisdictionPath: string,
  by: 'campaign_id' | 'area_org_id' | 'round_id',
): Promise<(CountRow & { campaign_id: string })[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('campaign_points')
    .select(['campaign_id', 'state', sql<string | null>`${sql.ref(by)}::text`.as('key'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('campaign_id', 'in', [...campaignIds])
    .where('org_path', 'like', prefixPattern(jurisdictionPath))
    .groupBy(['campaign_id', 'state', sql.ref(by)])
    .execute();
  return rows.map((r) => ({ campaign_id: r.campaign_id, key: r.key, state: r.state, n: Number(r.n) }));
}

export async function nextPointNumber(db: Executor, campaignId: string): Promise<string> {
  const row = await db
    .selectFrom('campaign_points')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return `P${String(Number(row.n) + 1).padStart(4, '0')}`;
}

function pointQuery(db: Executor) {
  return db
    .selectFrom('campaign_points as p')
    .innerJoin('special_campaigns as c', 'c.id', 'p.campaign_id')
    .innerJoin('orgs as a', 'a.id', 'p.area_org_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .leftJoin('officers as f', 'f.id', 'p.officer_id')
    .leftJoin('special_campaign_rounds as r', 'r.id', 'p.round_id')
    .selectAll('p')
    .select(['c.title as campaign_title', 'a.name as area_name', 'o.name as org_name', 'f.name as officer_name', 'r.round_no']);
}

export async function findPoint(db: Executor, id: string, jurisdictionPath: string): Promise<PointRow | undefined> {
  return pointQuery(db).where('p.id', '=', id).where('p.org_path', 'like', prefixPattern(jurisdictionPath)).executeTakeFirst();
}

export type PointFilter = { state?: string; orgPath?: string; roundId?: string; keyword?: string };

export async function listPointRows(
  db: Executor,
  campaignId: string,
  jurisdictionPath: string,
  f: PointFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: PointRow[]; total: number }> {
  const filtered = <T extends ReturnType<typeof pointQuery>>(q: T) => {
    let out = q.where('p.campaign_id', '=', campaignId).where('p.org_path', 'like', prefixPattern(jurisdictionPath));
    if (f.state) out = out.where('p.state', '=', f.state);
    if (f.orgPath) out = out.where('p.org_path', 'like', prefixPattern(f.orgPath));
    if (f.roundId) out = out.where('p.round_id', '=', f.roundId);
    if (f.keyword) {
      const k = `%${f.keyword.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      out = out.where((eb) => eb.or([eb('p.title', 'like', k), eb('p.address', 'like', k), eb('p.number', 'like', k)]));
    }
    return out;
  };
  const [rows, total] = await Promise.all([
    filtered(pointQuery(db)).orderBy('p.number').limit(page.limit).offset(page.offset).execute(),
    filtered(pointQuery(db))
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function pointEvents(db: Executor, pointId: string) {
  return db
    .selectFrom('campaign_point_events as e')
    .leftJoin('officers as f', 'f.id', 'e.actor_id')
    .select(['e.action', 'e.reason', 'e.at', 'f.name as actor_name'])
    .where('e.point_id', '=', pointId)
    .orderBy('e.seq')
    .execute();
}

export async function insertPointEvent(
  db: Executor,
  e: { id: string; pointId: string; action: string; actorId: string | null; reason: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto('campaign_point_events')
    .values({ id: e.id, point_id: e.pointId, action: e.action, actor_id: e.actorId, reason: e.reason, at: e.at })
    .execute();
}
