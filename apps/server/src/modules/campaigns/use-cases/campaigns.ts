// A 专项 campaign (docs/campaigns.md §1): made by a bureau leader for his bureau (or the city) over areas inside it,
// with its period, targets and rounds; listed to everyone whose jurisdiction it touches, with the counts of the points
// they may see.
import type {
  AddCampaignRoundBody,
  CampaignCounts,
  CampaignRound,
  CreateSpecialCampaignBody,
  PageOf,
  SpecialCampaign,
  SpecialCampaignListQuery,
} from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { toXlsx } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { findOrg } from '../../org/index.ts';
import {
  type CampaignRow,
  findCampaign,
  listCampaignRows,
  orgNames,
  pointCounts,
  roundsOf,
  type CountRow,
} from '../campaigns.repository.ts';

const iso = (d: Date | string): string => new Date(d).toISOString();
/** A date column as 'YYYY-MM-DD' (PGlite may hand back a Date at local midnight, node-postgres the text). */
export function dateText(d: unknown): string {
  if (d instanceof Date) {
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return String(d).slice(0, 10);
}

export function countsOf(rows: readonly Pick<CountRow, 'state' | 'n'>[]): CampaignCounts {
  const n = (state: string) => rows.filter((r) => r.state === state).reduce((a, r) => a + r.n, 0);
  const total = rows.reduce((a, r) => a + r.n, 0);
  const closed = n('closed');
  return { total, open: n('open'), pendingClose: n('pending_close'), closed, closedRate: total ? closed / total : 0 };
}

export async function campaignOrFail(db: Executor, actor: Actor, id: string): Promise<CampaignRow> {
  const row = await findCampaign(db, id, actor.jurisdictionPath);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function toCampaigns(db: Executor, actor: Actor, rows: CampaignRow[]): Promise<SpecialCampaign[]> {
  const ids = rows.map((r) => r.id);
  const [rounds, counts, names] = await Promise.all([
    roundsOf(db, ids),
    pointCounts(db, ids, actor.jurisdictionPath, 'campaign_id'),
    orgNames(db, [...new Set(rows.flatMap((r) => r.area_org_ids))]),
  ]);
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    periodFrom: dateText(r.period_from),
    periodTo: dateText(r.period_to),
    areas: r.area_org_ids.map((id) => ({ orgId: id, orgName: names.get(id)?.name ?? '' })),
    targetPoints: r.target_points,
    targetRounds: r.target_rounds,
    rounds: rounds
      .filter((x) => x.campaign_id === r.id)
      .map((x) => ({ id: x.id, roundNo: x.round_no, title: x.title, startsOn: dateText(x.starts_on), endsOn: dateText(x.ends_on) })),
    note: r.note,
    counts: countsOf(counts.filter((c) => c.campaign_id === r.id)),
    createdAt: iso(r.created_at),
  }));
}

function checkRound(body: AddCampaignRoundBody, periodFrom: string, periodTo: string, field: string): void {
  if (body.endsOn < body.startsOn) throw fieldError(`${field}.endsOn`, '结束日期早于开始日期', 'is before startsOn');
  if (body.startsOn < periodFrom || body.endsOn > periodTo) {
    throw fieldError(`${field}.startsOn`, '轮次须在专项行动期间内', 'must lie within the campaign’s period');
  }
}

export async function createSpecialCampaign(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateSpecialCampaignBody,
): Promise<SpecialCampaign> {
  assertPermission(actor, 'campaign:plan');
  if (body.periodTo < body.periodFrom) throw fieldError('periodTo', '截止日期早于起始日期', 'is before periodFrom');
  const org = await findOrg(deps.db, body.orgId);
  if (!org || !org.path.startsWith(actor.jurisdictionPath)) {
    throw new AppError('NOT_FOUND', {
      field: 'orgId',
      message: '组织机构：不存在或不在您的管辖范围内',
      messageEn: 'orgId: not in your jurisdiction',
    });
  }
  const areas = await orgNames(deps.db, body.areaOrgIds);
  const outside = body.areaOrgIds.findIndex((id) => !areas.get(id)?.path.startsWith(org.path));
  if (outside >= 0) {
    throw fieldError(`areaOrgIds.${outside}`, '行动区域须在发起单位的辖区内', 'must lie inside the organising unit’s jurisdiction');
  }
  if (new Set(body.areaOrgIds).size !== body.areaOrgIds.length) throw fieldError('areaOrgIds', '行动区域重复', 'lists an area twice');
  (body.rounds ?? []).forEach((r, i) => checkRound(r, body.periodFrom, body.periodTo, `rounds.${i}`));
  const id = deps.newId();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('special_campaigns')
      .values({
        id,
        bureau_id: org.kind === 'city_bureau' ? null : (org.bureau_id ?? org.id),
        org_id: org.id,
        org_path: org.path,
        title: body.title.trim(),
        period_from: body.periodFrom,
        period_to: body.periodTo,
        area_org_ids: body.areaOrgIds,
        target_points: body.targetPoints,
        target_rounds: body.targetRounds,
        note: body.note?.trim() || null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const rounds = body.rounds ?? [];
    if (rounds.length) {
      await trx
        .insertInto('special_campaign_rounds')
        .values(
          rounds.map((r, i) => ({
            id: deps.newId(),
            campaign_id: id,
            round_no: i + 1,
            title: r.title.trim(),
            starts_on: r.startsOn,
            ends_on: r.endsOn,
            created_at: now,
          })),
        )
        .execute();
    }
    await recordAudit(trx, deps, actor, meta, {
      action: 'campaign.create',
      entityType: 'special_campaign',
      entityId: id,
      bureauId: org.bureau_id ?? null,
      data: { orgId: org.id, title: body.title, periodFrom: body.periodFrom, periodTo: body.periodTo, areas: body.areaOrgIds },
    });
  });
  return getSpecialCampaign(deps, actor, id);
}

export async function addCampaignRound(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  campaignId: string,
  body: AddCampaignRoundBody,
): Promise<CampaignRound> {
  assertPermission(actor, 'campaign:plan');
  const c = await campaignOrFail(deps.db, actor, campaignId);
  // Only the organising unit's leaders (or above) change the plan; a squad that sees a city campaign may not.
  if (!c.org_path.startsWith(actor.jurisdictionPath)) throw new AppError('FORBIDDEN');
  checkRound(body, dateText(c.period_from), dateText(c.period_to), 'round');
  const id = deps.newId();
  return deps.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('special_campaign_rounds')
      .select((eb) => eb.fn.max('round_no').as('n'))
      .where('campaign_id', '=', c.id)
      .executeTakeFirst();
    const roundNo = Number(last?.n ?? 0) + 1;
    await trx
      .insertInto('special_campaign_rounds')
      .values({
        id,
        campaign_id: c.id,
        round_no: roundNo,
        title: body.title.trim(),
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'campaign.round_add',
      entityType: 'special_campaign',
      entityId: c.id,
      bureauId: c.bureau_id,
      data: { roundNo, title: body.title, startsOn: body.startsOn, endsOn: body.endsOn },
    });
    return { id, roundNo, title: body.title.trim(), startsOn: body.startsOn, endsOn: body.endsOn };
  });
}

export async function getSpecialCampaign(deps: Deps, actor: Actor, id: string): Promise<SpecialCampaign> {
  assertPermission(actor, 'campaign:read');
  const row = await campaignOrFail(deps.db, actor, id);
  const [c] = await toCampaigns(deps.db, actor, [row]);
  return c!;
}

export async function listSpecialCampaigns(deps: Deps, actor: Actor, q: SpecialCampaignListQuery): Promise<PageOf<SpecialCampaign>> {
  assertPermission(actor, 'campaign:read');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await listCampaignRows(
    deps.db,
    actor.jurisdictionPath,
    {
      ...(q.keyword?.trim() ? { keyword: q.keyword.trim() } : {}),
      ...(q.activeOn ? { activeOn: q.activeOn } : {}),
      ...(q.areaOrgId ? { areaOrgId: q.areaOrgId } : {}),
    },
    { limit: pageSize, offset: (page - 1) * pageSize },
  );
  return { items: await toCampaigns(deps.db, actor, rows), total, page, pageSize };
}

export async function exportSpecialCampaigns(deps: Deps, actor: Actor, q: SpecialCampaignListQuery): Promise<Buffer> {
  const all = await listSpecialCampaigns(deps, actor, { ...q, page: 1, pageSize: 200 });
  return toXlsx<SpecialCampaign>(
    '专项行动',
    [
      { header: '专项行动', width: 30, value: (c) => c.title },
      { header: '发起单位', width: 20, value: (c) => c.orgName },
      { header: '开始日期', value: (c) => c.periodFrom },
      { header: '结束日期', value: (c) => c.periodTo },
      { header: '行动区域', width: 30, value: (c) => c.areas.map((a) => a.orgName).join('、') },
      { header: '目标轮次', value: (c) => c.targetRounds },
      { header: '已排轮次', value: (c) => c.rounds.length },
      { header: '目标点位', value: (c) => c.targetPoints },
      { header: '点位总数', value: (c) => c.counts.total },
      { header: '待整治', value: (c) => c.counts.open },
      { header: '待销项审批', value: (c) => c.counts.pendingClose },
      { header: '已销项', value: (c) => c.counts.closed },
    ],
    all.items,
  );
}
