// 专项行动 through the API (docs/campaigns.md): a bureau's campaign with its areas and rounds; the 挂图作战 ledger —
// a point entered with a photo before, put right with a photo after, refused and reopened (CP1), not approved by the
// one who asked (CP2), closed by the leader; progress per area and round (what the cockpit shows), the list with its
// filters and Excel export; and the forbidden paths — another district, a squad outside the areas, a role that may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignPoint, CampaignProgress, PageOf, SpecialCampaign } from '@chengguan/contracts';
import { campaignProgress } from '../src/modules/campaigns/index.ts';
import { PNG } from './access-fixture.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_leader', 'pd_ljz_leader', 'pd_ljz_01', 'pd_legal', 'pd_admin', 'qp_leader', 'qp_zjj_leader'];
const org: Record<string, string> = {};

const call = (user: string, method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
async function upload(user: string, bytes: Buffer): Promise<string> {
  const r = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${tokens[user]!}`, 'content-type': 'image/png' },
    payload: bytes,
  });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { sm3: string }).sm3;
}

let campaign: SpecialCampaign;
let point: CampaignPoint;

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of USERS) tokens[u] = await ctx.login(u);
  for (const code of ['pd', 'pd-ljz', 'pd-hm', 'qp', 'qp-zjj']) org[code] = ctx.seed.ids.orgs.get(code)!;
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('a campaign', () => {
  it('a bureau leader starts one over areas of his bureau with its rounds; other roles and districts may not', async () => {
    const body = {
      orgId: org.pd,
      title: '“雷霆”专项整治行动',
      periodFrom: '2026-03-01',
      periodTo: '2026-12-31',
      areaOrgIds: [org['pd-ljz'], org['pd-hm']],
      targetPoints: 50,
      targetRounds: 8,
      rounds: [
        { title: '第一轮：跨门营业', startsOn: '2026-03-01', endsOn: '2026-03-15' },
        { title: '第二轮：渣土运输', startsOn: '2026-04-01', endsOn: '2026-04-15' },
      ],
    };
    campaign = await ok<SpecialCampaign>(call('pd_leader', 'POST', '/api/v1/campaigns', body, { 'idempotency-key': 'camp-1' }), 201);
    expect(campaign.rounds.map((r) => r.roundNo)).toEqual([1, 2]);
    expect(campaign.areas.map((a) => a.orgId)).toEqual([org['pd-ljz'], org['pd-hm']]);
    // The same request again under its Idempotency-Key is the same campaign.
    const again = await ok<SpecialCampaign>(call('pd_leader', 'POST', '/api/v1/campaigns', body, { 'idempotency-key': 'camp-1' }), 201);
    expect(again.id).toBe(campaign.id);

    expect((await call('pd_ljz_leader', 'POST', '/api/v1/campaigns', body)).statusCode).toBe(403);
    expect((await call('qp_leader', 'POST', '/api/v1/campaigns', body)).statusCode).toBe(404);
    const outside = await call('pd_leader', 'POST', '/api/v1/campaigns', { ...body, areaOrgIds: [org['qp-zjj']] });
    expect(outside.statusCode).toBe(400);
    expect(errorBody(outside).field).toBe('areaOrgIds.0');
    const backwards = await call('pd_leader', 'POST', '/api/v1/campaigns', { ...body, periodTo: '2026-01-01' });
    expect(backwards.statusCode).toBe(400);
    expect([errorBody(backwards).field, errorBody(backwards).messageEn]).toEqual(['periodTo', expect.stringContaining('before')]);
    expect(errorBody(backwards).message).toMatch(/[\u4e00-\u9fff]/);

    const round = await call('pd_leader', 'POST', `/api/v1/campaigns/${campaign.id}/rounds`, {
      title: '第三轮',
      startsOn: '2026-05-01',
      endsOn: '2026-05-10',
    });
    expect(round.statusCode, round.body).toBe(201);
    expect((round.json() as { roundNo: number }).roundNo).toBe(3);

    // The squad sees its bureau's campaign; the other district and a role without campaigns do not.
    const list = await ok<PageOf<SpecialCampaign>>(call('pd_ljz_01', 'GET', '/api/v1/campaigns?activeOn=2026-03-05&keyword=雷霆'));
    expect(list.items.map((c) => c.id)).toEqual([campaign.id]);
    expect((await ok<PageOf<SpecialCampaign>>(call('qp_zjj_leader', 'GET', '/api/v1/campaigns'))).items).toEqual([]);
    expect((await call('qp_zjj_leader', 'GET', `/api/v1/campaigns/${campaign.id}`)).statusCode).toBe(404);
    expect((await call('pd_legal', 'GET', '/api/v1/campaigns')).statusCode).toBe(403);
    const xlsx = await call('pd_leader', 'GET', '/api/v1/campaigns/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('the ledger of problem points', () => {
  it('a squad enters a located point with a photo before; not outside its jurisdiction or the areas, nor with a photo never uploaded', async () => {
    const before = await upload('pd_ljz_01', PNG);
    const body = {
      orgId: org['pd-ljz'],
      roundId: campaign.rounds[0]!.id,
      title: '跨门营业',
      address: '浦东新区陆家嘴环路1000号',
      lon: 121.5,
      lat: 31.24,
      beforePhotoSm3s: [before],
    };
    point = await ok<CampaignPoint>(call('pd_ljz_01', 'POST', `/api/v1/campaigns/${campaign.id}/points`, body), 201);
    expect([point.number, point.state, point.areaOrgId, point.beforePhotos]).toEqual(['P0001', 'open', org['pd-ljz'], [before]]);

    expect((await call('pd_ljz_01', 'POST', `/api/v1/campaigns/${campaign.id}/points`, { ...body, orgId: org['pd-hm'] })).statusCode).toBe(
      404,
    );
    const fake = await call('pd_ljz_01', 'POST', `/api/v1/campaigns/${campaign.id}/points`, { ...body, beforePhotoSm3s: ['a'.repeat(64)] });
    expect(fake.statusCode).toBe(400);
    expect(errorBody(fake).field).toBe('beforePhotoSm3s.0');
    expect((await call('qp_zjj_leader', 'POST', `/api/v1/campaigns/${campaign.id}/points`, body)).statusCode).toBe(404);
    expect((await call('pd_leader', 'POST', `/api/v1/campaigns/${campaign.id}/points`, body)).statusCode).toBe(403);
    expect((await call('qp_zjj_leader', 'GET', `/api/v1/campaign-points/${point.id}`)).statusCode).toBe(404);
  });

  it('CP1/CP2: put right with photos after, refused and reopened, approved by a leader who did not ask — closed', async () => {
    const after = await upload('pd_ljz_01', Buffer.concat([PNG, Buffer.from('after')]));
    const noPhoto = await call('pd_ljz_01', 'POST', `/api/v1/campaign-points/${point.id}/request-close`, {
      rectification: '已清理',
      afterPhotoSm3s: [],
    });
    expect(noPhoto.statusCode).toBe(400);
    expect(errorBody(noPhoto).field).toBe('afterPhotoSm3s');
    const asked = await ok<CampaignPoint>(
      call('pd_ljz_01', 'POST', `/api/v1/campaign-points/${point.id}/request-close`, { rectification: '已清理', afterPhotoSm3s: [after] }),
    );
    expect(asked.state).toBe('pending_close');

    expect((await call('pd_ljz_01', 'POST', `/api/v1/campaign-points/${point.id}/decide-close`, { approve: true })).statusCode).toBe(403);
    const noReason = await call('pd_ljz_leader', 'POST', `/api/v1/campaign-points/${point.id}/decide-close`, { approve: false });
    expect(noReason.statusCode).toBe(400);
    expect(errorBody(noReason).field).toBe('reason');
    const refused = await ok<CampaignPoint>(
      call('pd_ljz_leader', 'POST', `/api/v1/campaign-points/${point.id}/decide-close`, { approve: false, reason: '仍有堆物' }),
    );
    expect([refused.state, refused.refusedCount, refused.lastRefusal]).toEqual(['open', 1, '仍有堆物']);

    // CP2: the squad leader asks himself this time, and may not approve his own request.
    await ok(
      call('pd_ljz_leader', 'POST', `/api/v1/campaign-points/${point.id}/request-close`, {
        rectification: '已全部清理',
        afterPhotoSm3s: [after],
      }),
    );
    const own = await call('pd_ljz_leader', 'POST', `/api/v1/campaign-points/${point.id}/decide-close`, { approve: true });
    expect(own.statusCode).toBe(422);
    expect([(own.json() as { rule?: string }).rule, errorBody(own).message]).toEqual(['CP2', expect.stringContaining('申请人以外')]);
    const closed = await ok<CampaignPoint>(
      call('pd_leader', 'POST', `/api/v1/campaign-points/${point.id}/decide-close`, { approve: true }, { 'idempotency-key': 'close-1' }),
    );
    expect(closed.state).toBe('closed');
    expect(closed.events!.map((e) => e.action)).toEqual(['create', 'request_close', 'refuse_close', 'request_close', 'approve_close']);
    const twice = await call('pd_leader', 'POST', `/api/v1/campaign-points/${point.id}/decide-close`, { approve: true });
    expect(twice.statusCode).toBe(409);

    const photo = await call('pd_ljz_01', 'GET', `/api/v1/campaign-points/${point.id}/photos/${after}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['x-content-sm3']).toBe(after);
    expect((await call('pd_ljz_01', 'GET', `/api/v1/campaign-points/${point.id}/photos/${'b'.repeat(64)}`)).statusCode).toBe(404);
    const audit = await ctx.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', point.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'campaign.point_create',
      'campaign.point_request_close',
      'campaign.point_refuse_close',
      'campaign.point_request_close',
      'campaign.point_approve_close',
    ]);
  });

  it('progress per area and round, the filtered list and its export; the squad counts only its own points', async () => {
    await ok(
      call('pd_ljz_01', 'POST', `/api/v1/campaigns/${campaign.id}/points`, {
        orgId: org['pd-ljz'],
        title: '乱设摊',
        address: '浦东新区银城中路1号',
        lon: 121.51,
        lat: 31.23,
      }),
      201,
    );
    const progress = await ok<CampaignProgress>(call('pd_leader', 'GET', `/api/v1/campaigns/${campaign.id}/progress`));
    expect(progress.counts).toMatchObject({ total: 2, open: 1, closed: 1, pendingClose: 0, closedRate: 0.5 });
    expect(progress.byArea.map((a) => [a.orgId, a.total, a.closed])).toEqual([
      [org['pd-ljz'], 2, 1],
      [org['pd-hm'], 0, 0],
    ]);
    expect(progress.byRound.map((r) => [r.roundNo, r.total, r.closed])).toEqual([
      [1, 1, 1],
      [2, 0, 0],
      [3, 0, 0],
      [null, 1, 0],
    ]);
    // The function the cockpit calls: the 花木 squad's jurisdiction holds none of these points.
    const hm = await ctx.deps.db.selectFrom('orgs').select('path').where('id', '=', org['pd-hm']!).executeTakeFirstOrThrow();
    const [seen] = await campaignProgress(ctx.deps.db, { jurisdictionPath: hm.path, campaignIds: [campaign.id] });
    expect(seen!.counts.total).toBe(0);
    expect(seen!.byArea.map((a) => a.orgId)).toEqual([org['pd-hm']]);

    const open = await ok<PageOf<CampaignPoint>>(call('pd_ljz_01', 'GET', `/api/v1/campaigns/${campaign.id}/points?state=open&pageSize=1`));
    expect([open.total, open.items[0]!.title]).toEqual([1, '乱设摊']);
    const byRound = await ok<PageOf<CampaignPoint>>(
      call('pd_ljz_01', 'GET', `/api/v1/campaigns/${campaign.id}/points?roundId=${campaign.rounds[0]!.id}`),
    );
    expect(byRound.items.map((p) => p.id)).toEqual([point.id]);
    const xlsx = await call('pd_ljz_01', 'GET', `/api/v1/campaigns/${campaign.id}/points/export.xlsx?keyword=乱设摊`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
