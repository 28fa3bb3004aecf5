// 非现场执法 through the API (docs/offsite.md): the device register with A5's missing conditions, the signed intake
// (contract of an outside device), grouping of repeats (处罚法 Art. 29), the review queue (二审合一) whose confirmation
// registers an off-site case with the images as evidence and tells the party, the simulator; role × jurisdiction on
// the forbidden paths (another district, roles that may not).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto-v2';
import type {
  CaseDetail,
  OffsiteDevice,
  OffsiteEventAnswer,
  OffsiteReviewDetail,
  OffsiteReviewSummary,
  PageOf,
  ServiceOverview,
  ServiceRecord,
} from '@chengguan/contracts';
import { sm3Hex } from '../src/shared/sm3.ts';
import { ID_CARD } from './cases-support.ts';
import { pdfText } from './pdf-text.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { deviceEvent, offsiteDeviceContract, postEvent } from './offsite-device.contract.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['admin', 'pd_admin', 'pd_ljz_01', 'pd_ljz_leader', 'pd_legal', 'qp_admin', 'qp_zjj_01', 'qp_zjj_leader'];
let ljz: string;
let camera: OffsiteDevice & { secretHex: string };
let lapsed: OffsiteDevice & { secretHex: string };

const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

const reviewed = {
  legalReviewOn: '2026-01-10',
  legalReviewer: '浦东法制科',
  legalReviewDoc: '浦城管法审〔2026〕3号',
  publishedOn: '2026-01-15',
  publishedWhere: '浦东新区人民政府网站',
  certBody: '上海市计量测试技术研究院',
  certNo: 'JD2026-0101',
  certOn: '2026-01-05',
  certUntil: '2027-01-04',
};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of USERS) tokens[u] = await ctx.login(u);
  ljz = ctx.seed.ids.orgs.get('pd-ljz')!;
  camera = await ok(
    call('pd_admin', 'POST', '/api/v1/offsite/devices', {
      code: 'PD-CAM-0001',
      kind: 'camera',
      name: '陆家嘴环路口摄像头',
      orgId: ljz,
      address: '上海市浦东新区陆家嘴环路1000号',
      lon: 121.51,
      lat: 31.235,
      scenes: ['car_wash', 'cross_door'],
      ownSecret: true,
      ...reviewed,
    }),
    201,
  );
  lapsed = await ok(
    call('pd_admin', 'POST', '/api/v1/offsite/devices', {
      code: 'PD-CAM-0002',
      kind: 'camera',
      name: '检定过期的摄像头',
      orgId: ljz,
      lon: 121.512,
      lat: 31.236,
      scenes: ['car_wash'],
      ownSecret: true,
      ...reviewed,
      certUntil: '2026-02-01',
    }),
    201,
  );
});
afterAll(async () => ctx?.close());

describe('device register (A5, 处罚法 Art. 41)', () => {
  it('shows what is missing by rule and field; lists filter and page on the server; export', async () => {
    expect(camera.usable).toBe(true);
    expect(camera.secretHex).toMatch(/^[0-9a-f]{64}$/);
    expect(lapsed.usable).toBe(false);
    expect(lapsed.issues.map((i) => [i.ruleId, i.field])).toEqual([['A5', 'techCertification']]);
    const noReview = await ok<OffsiteDevice>(
      call('pd_admin', 'POST', '/api/v1/offsite/devices', {
        code: 'PD-UAV-0001',
        kind: 'drone',
        name: '无人机',
        orgId: ljz,
        scenes: ['stall'],
        area: [
          [121.5, 31.2],
          [121.52, 31.2],
          [121.52, 31.22],
        ],
      }),
      201,
    );
    expect(noReview.issues.map((i) => i.field).sort()).toEqual(['legalReview', 'techCertification']);
    expect(noReview.secretHex).toBeUndefined();
    const bad = await ok<PageOf<OffsiteDevice>>(call('pd_ljz_01', 'GET', '/api/v1/offsite/devices?usable=false&pageSize=1'));
    expect(bad.total).toBe(2);
    expect(bad.items).toHaveLength(1);
    const cams = await ok<PageOf<OffsiteDevice>>(call('pd_ljz_01', 'GET', '/api/v1/offsite/devices?kind=camera&scene=car_wash'));
    expect(cams.items.map((d) => d.code).sort()).toEqual(['PD-CAM-0001', 'PD-CAM-0002']);
    const x = await call('pd_admin', 'GET', '/api/v1/offsite/devices/export.xlsx?kind=camera');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    // A fixed camera needs its location; a duplicate code is refused.
    const noPoint = await call('pd_admin', 'POST', '/api/v1/offsite/devices', {
      code: 'PD-CAM-0009',
      kind: 'camera',
      name: '无坐标',
      orgId: ljz,
      scenes: [],
    });
    expect(noPoint.statusCode).toBe(400);
    expect(noPoint.json()).toMatchObject({ field: 'lon' });
    const dup = await call('pd_admin', 'POST', '/api/v1/offsite/devices', {
      code: 'PD-CAM-0001',
      kind: 'camera',
      name: 'x',
      orgId: ljz,
      lon: 121.5,
      lat: 31.2,
      scenes: [],
    });
    expect(dup.statusCode).toBe(409);
    // Renewing the certification makes the device usable.
    const renewed = await ok<OffsiteDevice>(call('pd_admin', 'PATCH', `/api/v1/offsite/devices/${noReview.id}`, reviewed));
    expect(renewed.usable).toBe(true);
  });

  it('forbidden paths: another district sees nothing, an officer may not register, a district may not change the scenes', async () => {
    expect((await call('qp_admin', 'GET', `/api/v1/offsite/devices/${camera.id}`)).statusCode).toBe(404);
    expect((await call('qp_admin', 'PATCH', `/api/v1/offsite/devices/${camera.id}`, { name: 'x' })).statusCode).toBe(404);
    const qpList = await ok<PageOf<OffsiteDevice>>(call('qp_zjj_01', 'GET', '/api/v1/offsite/devices'));
    expect(qpList.items.map((d) => d.id)).not.toContain(camera.id);
    expect(
      (
        await call('qp_admin', 'POST', '/api/v1/offsite/devices', {
          code: 'QP-X',
          kind: 'camera',
          name: 'x',
          orgId: ljz,
          lon: 121.5,
          lat: 31.2,
          scenes: [],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call('pd_ljz_01', 'POST', '/api/v1/offsite/devices', {
          code: 'PD-X',
          kind: 'camera',
          name: 'x',
          orgId: ljz,
          lon: 121.5,
          lat: 31.2,
          scenes: [],
        })
      ).statusCode,
    ).toBe(403);
    expect((await call('pd_admin', 'PATCH', '/api/v1/offsite/scenes/car_wash', { windowHours: 12 })).statusCode).toBe(403);
    const scene = await ok<{ windowHours: number }>(call('admin', 'PATCH', '/api/v1/offsite/scenes/stall', { windowHours: 12 }));
    expect(scene.windowHours).toBe(12);
  });
});

describe('device intake (contract of an outside device)', () => {
  offsiteDeviceContract({
    ctx: () => ctx,
    device: () => ({ code: camera.code, secret: camera.secretHex, scene: 'car_wash' }),
    lapsed: () => ({ code: lapsed.code, secret: lapsed.secretHex, scene: 'car_wash' }),
  });

  it('refuses a scene the device was not reviewed for, and E11 in 浦东 for a scene off the published list', async () => {
    const r = await postEvent(ctx, camera.secretHex, deviceEvent(camera.code, 'stall', {}, ctx.clock.now()));
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ ruleId: 'A5', reasonCode: 'DEVICE_NOT_FIT' });
    await ok(call('admin', 'PATCH', '/api/v1/offsite/scenes/cross_door', { pudongListed: false }));
    const e11 = await postEvent(ctx, camera.secretHex, deviceEvent(camera.code, 'cross_door', {}, ctx.clock.now()));
    expect(e11.json()).toMatchObject({ ruleId: 'E11', result: 'refused' });
    await ok(call('admin', 'PATCH', '/api/v1/offsite/scenes/cross_door', { pudongListed: true }));
    const refused = await ok<PageOf<{ reasonCode: string }>>(
      call('pd_ljz_01', 'GET', '/api/v1/offsite/deliveries?status=refused&pageSize=200'),
    );
    expect(refused.items.map((d) => d.reasonCode)).toEqual(expect.arrayContaining(['DEVICE_NOT_FIT', 'MEDIA_SM3_MISMATCH']));
    const qp = await ok<PageOf<unknown>>(call('qp_zjj_01', 'GET', '/api/v1/offsite/deliveries?status=refused'));
    expect(qp.total).toBe(0);
  });
});

describe('review queue (二审合一) → off-site case', () => {
  let reviewId: string;

  it('groups repeats of one plate and scene within the window into one item; after the window a new one', async () => {
    const now = ctx.clock.now();
    const at = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const send = async (hoursAgo: number, plate = '沪B99999') =>
      (await postEvent(ctx, camera.secretHex, deviceEvent(camera.code, 'car_wash', { plate }, at(hoursAgo)))).json() as OffsiteEventAnswer;
    const a = await send(30);
    const b = await send(28);
    const c = await send(3);
    const other = await send(28, '沪C11111');
    expect(b.reviewId).toBe(a.reviewId);
    expect(c.reviewId).not.toBe(a.reviewId);
    expect(other.reviewId).not.toBe(a.reviewId);
    reviewId = a.reviewId!;
    const detail = await ok<OffsiteReviewDetail>(call('pd_ljz_01', 'GET', `/api/v1/offsite/reviews/${reviewId}`));
    expect(detail).toMatchObject({ eventCount: 2, scene: 'car_wash', offenceCode: 'SH-SR-28-1-6', blocked: false, state: 'pending' });
    expect(detail.events.every((e) => e.issues.length === 0)).toBe(true);
    const media = await call('pd_ljz_01', 'GET', `/api/v1/offsite/reviews/${reviewId}/media/${detail.events[0]!.media[0]!.sm3}`);
    expect(media.statusCode).toBe(200);
    expect(media.headers['content-type']).toContain('image/png');
    const q = await ok<PageOf<OffsiteReviewSummary>>(call('pd_ljz_01', 'GET', '/api/v1/offsite/reviews?state=pending&q=B99999'));
    expect(q.items.map((r) => r.id)).toContain(reviewId);
    expect((await call('pd_ljz_01', 'GET', '/api/v1/offsite/reviews/export.xlsx')).statusCode).toBe(200);
  });

  it('forbidden paths: another district, roles that may not confirm', async () => {
    expect((await call('qp_zjj_01', 'GET', `/api/v1/offsite/reviews/${reviewId}`)).statusCode).toBe(404);
    expect((await call('qp_zjj_leader', 'POST', `/api/v1/offsite/reviews/${reviewId}/dismiss`, { reason: '看不清' })).statusCode).toBe(404);
    const qp = await ok<PageOf<OffsiteReviewSummary>>(call('qp_zjj_01', 'GET', '/api/v1/offsite/reviews'));
    expect(qp.items).toHaveLength(0);
    expect((await call('pd_legal', 'POST', `/api/v1/offsite/reviews/${reviewId}/dismiss`, { reason: '看不清' })).statusCode).toBe(403);
    expect(
      (
        await call('pd_admin', 'POST', `/api/v1/offsite/reviews/${reviewId}/confirm`, {
          party: { type: 'natural_person', name: '甲', idType: 'id_card', idNumber: ID_CARD },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('confirming registers one off-site case with the images as evidence, the E11 warning and the electronic notice; not twice', async () => {
    const party = {
      type: 'natural_person',
      name: '王五',
      idType: 'id_card',
      idNumber: ID_CARD,
      phone: '13800001111',
      address: '上海市浦东新区陆家嘴环路1000号',
      electronicServiceConsentOn: '2026-02-01',
    };
    const done = await ok<OffsiteReviewDetail>(call('pd_ljz_01', 'POST', `/api/v1/offsite/reviews/${reviewId}/confirm`, { party }));
    expect(done).toMatchObject({ state: 'confirmed', noticeMethod: 'electronic', warningSent: true });
    const kase = await ok<CaseDetail>(call('pd_ljz_01', 'GET', `/api/v1/cases/${done.caseId}`));
    expect(kase).toMatchObject({ source: 'offsite' });
    expect((kase as unknown as { evidence: unknown[] }).evidence).toHaveLength(2);
    const again = await call('pd_ljz_01', 'POST', `/api/v1/offsite/reviews/${reviewId}/confirm`, { party });
    expect(again.statusCode).toBe(409);
    // A repeat within the window after the confirmation joins the confirmed item: the act is not fined twice.
    const late = (
      await postEvent(
        ctx,
        camera.secretHex,
        deviceEvent(camera.code, 'car_wash', { plate: '沪B99999' }, new Date(ctx.clock.now().getTime() - 26 * 3_600_000)),
      )
    ).json() as OffsiteEventAnswer;
    expect(late.reviewId).toBe(reviewId);
    // Without consent the notice goes by post; a dismissal needs a reason.
    const list = await ok<PageOf<OffsiteReviewSummary>>(call('pd_ljz_leader', 'GET', '/api/v1/offsite/reviews?state=pending&pageSize=50'));
    const other = list.items.find((r) => r.partyKey === 'plate:沪C11111')!;
    const zhao = { type: 'natural_person', name: '赵六', idType: 'id_card', idNumber: ID_CARD };
    // By post the notice needs an address (民诉法 Art. 91); refused whole: no case, the item stays pending.
    const noAddress = await call('pd_ljz_leader', 'POST', `/api/v1/offsite/reviews/${other.id}/confirm`, { party: zhao });
    expect(noAddress.statusCode).toBe(422);
    expect(noAddress.json()).toMatchObject({ field: 'party.address' });
    expect((await ok<OffsiteReviewDetail>(call('pd_ljz_leader', 'GET', `/api/v1/offsite/reviews/${other.id}`))).state).toBe('pending');
    const address = '上海市浦东新区世纪大道100号';
    const posted = await ok<OffsiteReviewDetail>(
      call('pd_ljz_leader', 'POST', `/api/v1/offsite/reviews/${other.id}/confirm`, { party: { ...zhao, address } }),
    );
    expect(posted.noticeMethod).toBe('post');
    // The notice is a document of the case: numbered, its PDF frozen under its SM3 and sealed with the bureau's SM2 key.
    const docs = await ok<{ issued: { id: string; kind: string; number: string | null }[]; stage: { kind: string; made: boolean }[] }>(
      call('pd_ljz_leader', 'GET', `/api/v1/cases/${posted.caseId}/documents`),
    );
    const notice = docs.issued.find((d) => d.kind === 'offsite_notice')!;
    expect(notice.number).toMatch(/非现告字〔\d{4}〕第\d{6}号$/);
    expect(docs.stage.find((d) => d.kind === 'offsite_notice')).toMatchObject({ made: true });
    const pdf = await call('pd_ljz_leader', 'GET', `/api/v1/documents/${notice.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const bytes = pdf.rawPayload;
    const text = pdfText(bytes, { dropFooters: true });
    for (const want of ['非现场执法告知书', notice.number!, '赵六', address, 'PD-CAM-0001', posted.number, '第四十一条', '陈述、申辩'])
      expect(text).toContain(want.replace(/\s+/g, ''));
    const row = await ctx.deps.db
      .selectFrom('documents as d')
      .innerJoin('document_keys as k', 'k.bureau_id', 'd.bureau_id')
      .select(['d.pdf_sm3', 'd.signature', 'k.public_key'])
      .where('d.id', '=', notice.id)
      .executeTakeFirstOrThrow();
    expect(sm3Hex(bytes)).toBe(row.pdf_sm3);
    expect(sm2.doVerifySignature(sm2.hexToArray(row.pdf_sm3), row.signature, row.public_key, { hash: true })).toBe(true);
    // The notice is a 邮寄送达 record of the service module: pending (posted today, the address) until the return card.
    const today = new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const url = `/api/v1/cases/${posted.caseId}/services`;
    const before = await ok<ServiceOverview>(call('pd_ljz_leader', 'GET', url));
    expect(before.services).toHaveLength(1);
    expect(before.services[0]).toMatchObject({
      documentId: notice.id,
      documentKind: 'offsite_notice',
      documentNumber: notice.number,
      method: 'mail',
      status: 'pending',
      servedOn: null,
      address,
      postedOn: today,
    });
    expect(before.documents.find((d) => d.id === notice.id)).toMatchObject({ title: '非现场执法告知书', servedOn: null });
    // The return card: served on its receipt day, the 送达回证 issued; not before the posting day, not twice.
    const card = { documentId: notice.id, method: 'mail', trackingNumber: 'EMS1234567890' };
    const early = await call('pd_ljz_leader', 'POST', url, { ...card, receivedOn: '2026-01-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ field: 'receivedOn' });
    const served = await ok<ServiceRecord>(call('pd_ljz_leader', 'POST', url, { ...card, receivedOn: today }), 201);
    expect(served).toMatchObject({ id: before.services[0]!.id, status: 'served', servedOn: today, trackingNumber: 'EMS1234567890' });
    expect(served.receiptDocumentId).toBeTruthy();
    const after = await ok<ServiceOverview>(call('pd_ljz_leader', 'GET', url));
    expect(after.services).toHaveLength(1);
    expect(after.documents.find((d) => d.id === notice.id)?.servedOn).toBe(today);
    // A second card: the notice is already served (422, the rule), no second record.
    expect((await call('pd_ljz_leader', 'POST', url, { ...card, receivedOn: today })).statusCode).toBe(422);
    // Another district does not see the record.
    expect((await call('qp_zjj_leader', 'GET', url)).statusCode).toBe(404);
    const next = list.items.find((r) => r.id !== other.id)!;
    expect((await call('pd_ljz_leader', 'POST', `/api/v1/offsite/reviews/${next.id}/dismiss`, { reason: '' })).statusCode).toBe(400);
    const dismissed = await ok<OffsiteReviewDetail>(
      call('pd_ljz_leader', 'POST', `/api/v1/offsite/reviews/${next.id}/dismiss`, { reason: '图像不清晰，无法辨认车牌' }),
    );
    expect(dismissed).toMatchObject({ state: 'dismissed', dismissReason: '图像不清晰，无法辨认车牌' });
  });

  it('an item whose device failed A5 cannot be confirmed', async () => {
    const lapsedEvent = await postEvent(ctx, lapsed.secretHex, deviceEvent(lapsed.code, 'car_wash', {}, ctx.clock.now()));
    expect(lapsedEvent.statusCode).toBe(422);
    // A device withdrawn after the event: the item shows it and refuses confirmation with the rule.
    const a = (
      await postEvent(ctx, camera.secretHex, deviceEvent(camera.code, 'car_wash', { plate: '沪D55555' }, ctx.clock.now()))
    ).json() as OffsiteEventAnswer;
    await ok(call('pd_admin', 'PATCH', `/api/v1/offsite/devices/${camera.id}`, { status: 'suspended' }));
    const item = await ok<OffsiteReviewDetail>(call('pd_ljz_01', 'GET', `/api/v1/offsite/reviews/${a.reviewId}`));
    expect(item.blocked).toBe(true);
    const r = await call('pd_ljz_01', 'POST', `/api/v1/offsite/reviews/${a.reviewId}/confirm`, {
      party: { type: 'natural_person', name: '钱七', idType: 'id_card', idNumber: ID_CARD },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'RULE_VIOLATION' });
    expect((r.json() as { rule: string }).rule).toContain('A5');
    await ok(call('pd_admin', 'PATCH', `/api/v1/offsite/devices/${camera.id}`, { status: 'active' }));
  });
});

describe('simulator', () => {
  it('plays cameras and drones through the signed intake, with repeats and bad events; the console is told it is simulated', async () => {
    const r = await ok<{ played: number; accepted: number; refused: number; refusals: Record<string, number> }>(
      call('pd_admin', 'POST', '/api/v1/offsite/simulator/play', { count: 40, seed: 7 }),
    );
    expect(r.played).toBe(40);
    expect(r.accepted).toBeGreaterThan(0);
    expect(r.refused).toBeGreaterThan(0);
    const conn = await ok<{ simulator: boolean; simulatedDevices: number }>(call('pd_admin', 'GET', '/api/v1/offsite/connector'));
    expect(conn).toMatchObject({ simulator: true, simulatedDevices: 3 });
    expect((await call('pd_ljz_01', 'POST', '/api/v1/offsite/simulator/play', { count: 1 })).statusCode).toBe(403);
  });
});
