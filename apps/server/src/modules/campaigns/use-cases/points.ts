// The 挂图作战 ledger of a campaign (docs/campaigns.md §2): problem points entered by the squads in the campaign's
// areas, each located and owned, photographed before; put right and photographed after (待销项审批); closed (销项) by
// a leader other than the one who asked (CP2), or reopened with his reason (CP1). Each step is one transaction with
// its event and audit row, guarded by a conditional update on the old state.
import type {
  CampaignPoint,
  CampaignPointListQuery,
  CreateCampaignPointBody,
  DecidePointCloseBody,
  PageOf,
  RequestPointCloseBody,
} from '@chengguan/contracts';
import { mayDecideClose, pointStep, type PointAction, type PointState } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { toXlsx } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { fileNameFor, findFile, heldBy, readStoredFileOrFail, type ServedFile } from '../../files/index.ts';
import { findOrg } from '../../org/index.ts';
import {
  findPoint,
  insertPointEvent,
  listPointRows,
  nextPointNumber,
  orgNames,
  pointEvents,
  type PointRow,
} from '../campaigns.repository.ts';
import { campaignOrFail } from './campaigns.ts';

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

export const POINT_STATE_ZH: Record<PointState, string> = { open: '待整治', pending_close: '待销项审批', closed: '已销项' };

function toPoint(r: PointRow): CampaignPoint {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignTitle: r.campaign_title,
    number: r.number,
    roundId: r.round_id,
    roundNo: r.round_no,
    areaOrgId: r.area_org_id,
    areaName: r.area_name,
    orgId: r.org_id,
    orgName: r.org_name,
    officerId: r.officer_id,
    officerName: r.officer_name,
    title: r.title,
    description: r.description,
    address: r.address,
    lon: r.lon,
    lat: r.lat,
    state: r.state as PointState,
    beforePhotos: r.before_photos,
    afterPhotos: r.after_photos,
    rectification: r.rectification,
    refusedCount: r.refused_count,
    lastRefusal: r.last_refusal,
    closedAt: iso(r.closed_at),
    createdAt: iso(r.created_at)!,
  };
}

export async function pointOrFail(db: Executor, actor: Actor, id: string): Promise<PointRow> {
  const row = await findPoint(db, id, actor.jurisdictionPath);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Photos the point's bureau uploaded (POST /api/v1/files); any other hash is refused by its index. */
async function assertPhotos(db: Executor, bureauId: string | null, photos: readonly string[], field: string): Promise<void> {
  const held = bureauId ? await heldBy(db, photos, 'bureau', bureauId) : new Set<string>();
  for (let i = 0; i < photos.length; i++) {
    if (held.has(photos[i]!)) continue;
    if (!bureauId && (await findFile(db, photos[i]!))) continue;
    throw fieldError(`${field}.${i}`, '照片未上传', 'no such uploaded photo');
  }
}

export async function createCampaignPoint(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  campaignId: string,
  body: CreateCampaignPointBody,
): Promise<CampaignPoint> {
  assertPermission(actor, 'campaign:work');
  const c = await campaignOrFail(deps.db, actor, campaignId);
  const org = await findOrg(deps.db, body.orgId);
  if (!org || !org.path.startsWith(actor.jurisdictionPath)) {
    throw new AppError('NOT_FOUND', {
      field: 'orgId',
      message: '责任单位：不存在或不在您的管辖范围内',
      messageEn: 'orgId: not in your jurisdiction',
    });
  }
  const areas = await orgNames(deps.db, c.area_org_ids);
  const area = c.area_org_ids.find((id) => org.path.startsWith(areas.get(id)?.path ?? '\u0000'));
  if (!area) throw fieldError('orgId', '责任单位不在本专项行动的区域内', 'is not inside the campaign’s areas', 'RULE_VIOLATION');
  if (body.officerId) {
    const officer = await deps.db
      .selectFrom('officers as f')
      .innerJoin('orgs as o', 'o.id', 'f.org_id')
      .select('f.id')
      .where('f.id', '=', body.officerId)
      .where('o.path', 'like', `${org.path}%`)
      .executeTakeFirst();
    if (!officer) throw fieldError('officerId', '不是责任单位的队员', 'is not an officer of the owning unit');
  }
  if (body.roundId) {
    const round = await deps.db
      .selectFrom('special_campaign_rounds')
      .select('id')
      .where('id', '=', body.roundId)
      .where('campaign_id', '=', c.id)
      .executeTakeFirst();
    if (!round) throw fieldError('roundId', '不是本专项行动的轮次', 'is not a round of this campaign');
  }
  const bureauId = org.bureau_id ?? null;
  const photos = body.beforePhotoSm3s ?? [];
  const id = deps.newId();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await assertPhotos(trx, bureauId, photos, 'beforePhotoSm3s');
    const number = await nextPointNumber(trx, c.id);
    await trx
      .insertInto('campaign_points')
      .values({
        id,
        campaign_id: c.id,
        round_id: body.roundId ?? null,
        number,
        bureau_id: bureauId,
        area_org_id: area,
        org_id: org.id,
        org_path: org.path,
        officer_id: body.officerId ?? null,
        title: body.title.trim(),
        description: body.description?.trim() || null,
        address: body.address.trim(),
        lon: body.lon,
        lat: body.lat,
        before_photos: photos,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertPointEvent(trx, { id: deps.newId(), pointId: id, action: 'create', actorId: actor.id, reason: null, at: now });
    await recordAudit(trx, deps, actor, meta, {
      action: 'campaign.point_create',
      entityType: 'campaign_point',
      entityId: id,
      bureauId,
      data: { campaignId: c.id, number, orgId: org.id, title: body.title, lon: body.lon, lat: body.lat, photos },
    });
  });
  return getCampaignPoint(deps, actor, id);
}

async function step(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  action: PointAction,
  apply: (trx: Executor, p: PointRow) => Promise<{ set: Record<string, unknown>; reason: string | null; data: Record<string, unknown> }>,
): Promise<CampaignPoint> {
  await deps.db.transaction().execute(async (trx) => {
    const p = await pointOrFail(trx, actor, id);
    const to = pointStep(p.state as PointState, action);
    if (!to) {
      throw new AppError('STATE_CONFLICT', {
        message: `点位当前为「${POINT_STATE_ZH[p.state as PointState]}」，不能执行该操作`,
        messageEn: `The point is ${p.state}; this action is not allowed`,
      });
    }
    const now = deps.clock.now();
    const { set, reason, data } = await apply(trx, p);
    const updated = await trx
      .updateTable('campaign_points')
      .set({ ...set, state: to, updated_at: now })
      .where('id', '=', p.id)
      .where('state', '=', p.state)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    await insertPointEvent(trx, { id: deps.newId(), pointId: p.id, action, actorId: actor.id, reason, at: now });
    await recordAudit(trx, deps, actor, meta, {
      action: `campaign.point_${action}`,
      entityType: 'campaign_point',
      entityId: p.id,
      bureauId: p.bureau_id,
      data: { campaignId: p.campaign_id, number: p.number, from: p.state, to, ...data },
    });
  });
  return getCampaignPoint(deps, actor, id);
}

export async function requestPointClose(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: RequestPointCloseBody,
): Promise<CampaignPoint> {
  assertPermission(actor, 'campaign:work');
  return step(deps, actor, meta, id, 'request_close', async (trx, p) => {
    await assertPhotos(trx, p.bureau_id, body.afterPhotoSm3s, 'afterPhotoSm3s');
    const now = deps.clock.now();
    return {
      set: {
        rectification: body.rectification.trim(),
        after_photos: body.afterPhotoSm3s,
        close_requested_by: actor.id,
        close_requested_at: now,
      },
      reason: body.rectification.trim(),
      data: { photos: body.afterPhotoSm3s },
    };
  });
}

export async function decidePointClose(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: DecidePointCloseBody,
): Promise<CampaignPoint> {
  assertPermission(actor, 'campaign:approve');
  const reason = body.reason?.trim() || null;
  return step(deps, actor, meta, id, body.approve ? 'approve_close' : 'refuse_close', async (_trx, p) => {
    // Checked once the point is found in the jurisdiction: another district's point is 404 whatever the body says.
    if (!body.approve && !reason) throw fieldError('reason', '不予销项须说明理由', 'say why the point is not closed');
    if (!mayDecideClose(p.close_requested_by, actor.id)) {
      throw new AppError('RULE_VIOLATION', {
        rule: 'CP2',
        message: '销项须由申请人以外的领导审批',
        messageEn: 'The 销项 must be approved by a leader other than the officer who asked (CP2)',
      });
    }
    const now = deps.clock.now();
    return body.approve
      ? { set: { closed_by: actor.id, closed_at: now }, reason, data: {} }
      : { set: { refused_count: p.refused_count + 1, last_refusal: reason }, reason, data: { reason } };
  });
}

export async function getCampaignPoint(deps: Deps, actor: Actor, id: string): Promise<CampaignPoint> {
  assertPermission(actor, 'campaign:read');
  const p = await pointOrFail(deps.db, actor, id);
  const events = await pointEvents(deps.db, p.id);
  return {
    ...toPoint(p),
    events: events.map((e) => ({
      action: e.action as 'create',
      actorName: e.actor_name,
      reason: e.reason,
      at: new Date(e.at).toISOString(),
    })),
  };
}

export async function listCampaignPoints(
  deps: Deps,
  actor: Actor,
  campaignId: string,
  q: CampaignPointListQuery,
): Promise<PageOf<CampaignPoint>> {
  assertPermission(actor, 'campaign:read');
  await campaignOrFail(deps.db, actor, campaignId);
  let orgPath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    if (!org || !org.path.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND', { field: 'orgId' });
    orgPath = org.path;
  }
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await listPointRows(
    deps.db,
    campaignId,
    actor.jurisdictionPath,
    {
      ...(q.state ? { state: q.state } : {}),
      ...(orgPath ? { orgPath } : {}),
      ...(q.roundId ? { roundId: q.roundId } : {}),
      ...(q.keyword?.trim() ? { keyword: q.keyword.trim() } : {}),
    },
    { limit: pageSize, offset: (page - 1) * pageSize },
  );
  return { items: rows.map(toPoint), total, page, pageSize };
}

export async function exportCampaignPoints(deps: Deps, actor: Actor, campaignId: string, q: CampaignPointListQuery): Promise<Buffer> {
  const items: CampaignPoint[] = [];
  for (let page = 1; page <= 250; page++) {
    const r = await listCampaignPoints(deps, actor, campaignId, { ...q, page, pageSize: 200 });
    items.push(...r.items);
    if (items.length >= r.total || r.items.length === 0) break;
  }
  return toXlsx<CampaignPoint>(
    '问题点位台账',
    [
      { header: '编号', value: (p) => p.number },
      { header: '问题', width: 30, value: (p) => p.title },
      { header: '地址', width: 30, value: (p) => p.address },
      { header: '经度', value: (p) => p.lon },
      { header: '纬度', value: (p) => p.lat },
      { header: '行动区域', width: 18, value: (p) => p.areaName },
      { header: '责任单位', width: 18, value: (p) => p.orgName },
      { header: '责任人', value: (p) => p.officerName },
      { header: '轮次', value: (p) => p.roundNo },
      { header: '状态', value: (p) => POINT_STATE_ZH[p.state] },
      { header: '整改情况', width: 30, value: (p) => p.rectification },
      { header: '退回次数', value: (p) => p.refusedCount },
      { header: '销项时间', width: 22, value: (p) => p.closedAt },
    ],
    items,
  );
}

export async function getPointPhoto(deps: Deps, actor: Actor, meta: RequestMeta, id: string, sm3: string): Promise<ServedFile> {
  assertPermission(actor, 'campaign:read');
  const p = await pointOrFail(deps.db, actor, id);
  const before = p.before_photos.includes(sm3);
  if (!before && !p.after_photos.includes(sm3)) throw new AppError('NOT_FOUND');
  const file = await findFile(deps.db, sm3);
  if (!file) throw new AppError('NOT_FOUND');
  const bytes = await readStoredFileOrFail(deps, sm3, { actor, meta, objectType: 'campaign_point', objectId: p.id });
  return { bytes, mime: file.mime, sm3, filename: fileNameFor(`${p.number}-${before ? '整治前' : '整治后'}`, file.mime) };
}
