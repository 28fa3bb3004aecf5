// 市民投诉 in the portal (issue 13 §1c, §4): a citizen signs in with his phone and an SMS code (the portal's code
// machinery and limits; a session bound to the phone, apart from the party's case-bound one), files a complaint with a
// photo and a point (the tickets' intake: routing, clocks), follows it with the officers' clocks, rates it once
// closed (counted in the satisfaction rate); and the forbidden paths — another citizen's ticket, no session, the
// party's cookie, malformed or out-of-area places, photos that are not his. Also the officer's workroom registration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { CitizenTicketDetail, PageOf, CitizenTicketSummary, TicketDetail, TicketRates } from '@chengguan/contracts';
import { createTestContext, errorBody, OWN_ORIGIN, type TestContext } from './harness.ts';
import { PNG_1X1 } from './portal-support.ts';
import { sm3Hex } from '../src/shared/sm3.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_command', 'pd_ljz_01'];
// The demo service area of 陆家嘴 (seed/demo-subjects.ts): 121.503–121.52 E, 31.228–31.245 N.
const LJZ = { lon: 121.51, lat: 31.235, crs: 'wgs84' as const };
const PHONE_A = '13912340001';
const PHONE_B = '13912340002';

type Citizen = {
  cookie: string;
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
};

async function ok<T>(p: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
const officer = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });

async function at(instant: string | Date): Promise<void> {
  ctx.clock.set(instant);
  for (const u of USERS) tokens[u] = await ctx.login(u);
}

async function latestCitizenCode(phone: string): Promise<string> {
  const m = await ctx.deps.db
    .selectFrom('messages')
    .select('text')
    .where('to_address', '=', phone)
    .where('purpose', '=', 'otp')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return /验证码为 (\d{6})/.exec(m.text)![1]!;
}

function citizenClient(cookie: string): Citizen {
  return {
    cookie,
    call: (method, url, body, headers = {}) =>
      ctx.api(method, url, { headers: { cookie, origin: OWN_ORIGIN, ...headers }, ...(body !== undefined ? { body } : {}) }),
  };
}

async function signIn(phone: string): Promise<Citizen> {
  const r = await ctx.api('POST', '/api/portal/citizen/code', { body: { phone } });
  expect(r.statusCode, r.body).toBe(200);
  const s = await ctx.api('POST', '/api/portal/citizen/session', { body: { phone, code: await latestCitizenCode(phone) } });
  expect(s.statusCode, s.body).toBe(200);
  const set = ([] as string[]).concat(s.headers['set-cookie'] ?? []).find((c) => c.startsWith('cg_citizen='));
  expect(set).toMatch(/Path=\/api\/portal\/citizen/);
  expect(set).toMatch(/HttpOnly/);
  return citizenClient(set!.split(';')[0]!);
}

async function uploadPhoto(c: Citizen): Promise<string> {
  const up = await ctx.app.inject({
    method: 'POST',
    url: '/api/portal/citizen/files',
    headers: { cookie: c.cookie, origin: OWN_ORIGIN, 'content-type': 'image/png' },
    payload: Buffer.from(PNG_1X1, 'base64'),
  });
  expect(up.statusCode, up.body).toBe(201);
  return (up.json() as { sm3: string }).sm3;
}

/** A minimal JPEG (other bytes than the PNG). */
async function uploadJpeg(c: Citizen): Promise<string> {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
  const up = await ctx.app.inject({
    method: 'POST',
    url: '/api/portal/citizen/files',
    headers: { cookie: c.cookie, origin: OWN_ORIGIN, 'content-type': 'image/jpeg' },
    payload: jpeg,
  });
  expect(up.statusCode, up.body).toBe(201);
  return (up.json() as { sm3: string }).sm3;
}

const complaint = (extra: Record<string, unknown> = {}) => ({
  categoryCode: 'SR04',
  content: '楼下饭店油烟直排，晚上窗户都不能开',
  point: LJZ,
  address: '陆家嘴环路1000号',
  contactConsent: true,
  ...extra,
});

let a: Citizen;
let b: Citizen;
let filed: CitizenTicketDetail;

beforeAll(async () => {
  ctx = await createTestContext();
  await at('2026-03-02T02:00:00.000Z');
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('sign-in by phone', () => {
  it('a code goes to the phone (hashed, limited); a wrong code counts; the right one opens a session bound to the phone', async () => {
    const bad = await ctx.api('POST', '/api/portal/citizen/code', { body: { phone: '1234' } });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).field).toBe('phone');
    expect((await ctx.api('POST', '/api/portal/citizen/code', { body: { phone: PHONE_A } })).statusCode).toBe(200);
    const again = await ctx.api('POST', '/api/portal/citizen/code', { body: { phone: PHONE_A } });
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBeDefined();
    const code = await latestCitizenCode(PHONE_A);
    const row = await ctx.deps.db
      .selectFrom('portal_challenges')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(row.purpose).toBe('citizen');
    expect(row.code_hash).not.toContain(code);
    const wrong = await ctx.api('POST', '/api/portal/citizen/session', {
      body: { phone: PHONE_A, code: code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(errorBody(wrong)).toMatchObject({ field: 'code' });
    expect(errorBody(wrong).message).toContain('还可尝试 4 次');
    // The code of one phone does not open another's.
    expect((await ctx.api('POST', '/api/portal/citizen/session', { body: { phone: PHONE_B, code } })).statusCode).toBe(401);
    const s = await ctx.api('POST', '/api/portal/citizen/session', { body: { phone: PHONE_A, code } });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ phone: '139****0001' });
    // Used once.
    expect((await ctx.api('POST', '/api/portal/citizen/session', { body: { phone: PHONE_A, code } })).statusCode).toBe(401);
    a = citizenClient(
      ([] as string[])
        .concat(s.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('cg_citizen='))!
        .split(';')[0]!,
    );
    b = await signIn(PHONE_B);
    const audit = await ctx.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'portal.citizen%').execute();
    expect(new Set(audit.map((x) => x.action))).toEqual(new Set(['portal.citizen_code_request', 'portal.citizen_login']));
  });

  it('no session, a forged one or the party’s case cookie reach no citizen route; the citizen cookie opens no case', async () => {
    for (const [method, url] of [
      ['GET', '/api/portal/citizen/tickets'],
      ['GET', '/api/portal/citizen/options'],
      ['POST', '/api/portal/citizen/tickets'],
    ] as const) {
      expect(
        (await ctx.api(method, url, { headers: { origin: OWN_ORIGIN }, body: method === 'POST' ? complaint() : undefined })).statusCode,
      ).toBe(401);
      expect((await citizenClient('cg_citizen=forged').call(method, url, method === 'POST' ? complaint() : undefined)).statusCode).toBe(
        401,
      );
      expect((await citizenClient('cg_portal=forged').call(method, url, method === 'POST' ? complaint() : undefined)).statusCode).toBe(401);
    }
    const token = a.cookie.split('=')[1]!;
    expect((await citizenClient(`cg_portal=${token}`).call('GET', '/api/portal/case')).statusCode).toBe(401);
    expect((await citizenClient(`cg_portal=${token}`).call('GET', '/api/portal/citizen/tickets')).statusCode).toBe(401);
  });
});

describe('filing a complaint', () => {
  it('enters the tickets’ intake: channel portal, routed by the point, the 24-hour first contact; the officer sees the same clocks', async () => {
    const options = await ok<{ categories: { code: string }[]; bureaus: { id: string; district: string }[] }>(
      a.call('GET', '/api/portal/citizen/options'),
    );
    expect(options.categories.map((c) => c.code)).toContain('SR04');
    expect(options.categories.map((c) => c.code)).not.toContain('SR');
    expect(options.bureaus.map((x) => x.district)).toContain('浦东新区');
    const photo = await uploadPhoto(a);
    const headers = { 'idempotency-key': 'citizen-complaint-1' };
    filed = await ok<CitizenTicketDetail>(a.call('POST', '/api/portal/citizen/tickets', complaint({ photoSm3s: [photo] }), headers), 201);
    const replay = await ok<CitizenTicketDetail>(
      a.call('POST', '/api/portal/citizen/tickets', complaint({ photoSm3s: [photo] }), headers),
      201,
    );
    expect(replay.id).toBe(filed.id);
    expect(await ctx.deps.db.selectFrom('tickets').select('id').where('channel', '=', 'portal').execute()).toHaveLength(1);
    expect(filed).toMatchObject({ state: 'received', photoCount: 1, contactConsent: true });
    expect(filed.firstContact?.dueAt).toBe('2026-03-03T02:00:00.000Z');
    expect(filed.handlingDueOn).toBe('2026-03-09');
    const seen = await ok<TicketDetail>(officer('pd_command', 'GET', `/api/v1/tickets/${filed.id}`));
    expect(seen).toMatchObject({ channel: 'portal', orgId: ctx.seed.ids.orgs.get('pd-ljz'), reporterPhone: PHONE_A, photoSm3s: [photo] });
    expect(seen.handling).toEqual(filed.handling);
    expect(seen.firstContact).toEqual(filed.firstContact);
    expect(seen.feedbackDueOn).toBe(filed.feedbackDueOn);
    // The bureau now holds the photo, as if its officers had uploaded it.
    const holders = await ctx.deps.db.selectFrom('file_holders').select('holder_kind').where('sm3', '=', photo).execute();
    expect(holders.map((h) => h.holder_kind).sort()).toEqual(['bureau', 'citizen']);
    // He opens his own photo through his ticket; the other citizen, an unknown file or no session get 404 / 401.
    expect(filed.photoSm3s).toEqual([photo]);
    const url = `/api/portal/citizen/tickets/${filed.id}/photos/${photo}`;
    const own = await a.call('GET', url);
    expect(own.statusCode).toBe(200);
    expect(own.headers['x-content-sm3']).toBe(photo);
    expect(sm3Hex(own.rawPayload)).toBe(photo);
    expect((await b.call('GET', url)).statusCode).toBe(404);
    expect((await a.call('GET', `/api/portal/citizen/tickets/${filed.id}/photos/${'0'.repeat(64)}`)).statusCode).toBe(404);
    expect((await a.call('GET', `/api/portal/citizen/tickets/${filed.id}/photos/not-a-hash`)).statusCode).toBe(400);
    expect((await ctx.api('GET', url, { headers: { origin: OWN_ORIGIN } })).statusCode).toBe(401);
  });

  it('refuses a malformed or out-of-area place, a missing place, a typed address without its district, a photo not his', async () => {
    const before = (await ctx.deps.db.selectFrom('tickets').select('id').execute()).length;
    const city = await a.call('POST', '/api/portal/citizen/tickets', complaint({ point: { lon: 100, lat: 20, crs: 'wgs84' } }));
    expect(city.statusCode).toBe(422);
    expect(errorBody(city)).toMatchObject({ code: 'POINT_OUTSIDE_CITY', field: 'point' });
    const malformed = await a.call('POST', '/api/portal/citizen/tickets', complaint({ point: { lon: 'x', lat: 31.2, crs: 'wgs84' } }));
    expect(malformed.statusCode).toBe(400);
    expect(errorBody(malformed).field).toMatch(/^point/);
    const wrongCrs = await a.call('POST', '/api/portal/citizen/tickets', complaint({ point: { lon: 121.51, lat: 31.23, crs: 'bd09' } }));
    expect(wrongCrs.statusCode).toBe(400);
    const nowhere = await a.call('POST', '/api/portal/citizen/tickets', complaint({ point: undefined, address: undefined }));
    expect(nowhere.statusCode).toBe(400);
    expect(errorBody(nowhere).field).toBe('point');
    const noDistrict = await a.call('POST', '/api/portal/citizen/tickets', complaint({ point: undefined }));
    expect(noDistrict.statusCode).toBe(400);
    expect(errorBody(noDistrict).field).toBe('bureauId');
    const unknown = await a.call('POST', '/api/portal/citizen/tickets', complaint({ photoSm3s: ['0'.repeat(64)] }));
    expect(unknown.statusCode).toBe(400);
    expect(errorBody(unknown).field).toBe('photoSm3s[0]');
    // B's upload (other bytes than A's) attaches to no complaint of A's: a hash learnt elsewhere opens nothing.
    const bsPhoto = await uploadJpeg(b);
    const notHis = await a.call('POST', '/api/portal/citizen/tickets', complaint({ photoSm3s: [bsPhoto] }));
    expect(notHis.statusCode).toBe(400);
    expect(errorBody(notHis).field).toBe('photoSm3s[0]');
    const pdf = await ctx.app.inject({
      method: 'POST',
      url: '/api/portal/citizen/files',
      headers: { cookie: a.cookie, origin: OWN_ORIGIN, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(pdf.statusCode).toBe(415);
    const category = await a.call('POST', '/api/portal/citizen/tickets', complaint({ categoryCode: 'SR' }));
    expect(category.statusCode).toBe(400);
    expect(errorBody(category).field).toBe('categoryCode');
    expect((await ctx.deps.db.selectFrom('tickets').select('id').execute()).length).toBe(before);
  });

  it('a typed address with its district, without consent to be called: no first contact clock', async () => {
    const pd = ctx.seed.ids.orgs.get('pd')!;
    const t = await ok<CitizenTicketDetail>(
      b.call(
        'POST',
        '/api/portal/citizen/tickets',
        complaint({ point: undefined, bureauId: pd, contactConsent: false, categoryCode: 'JM04' }),
      ),
      201,
    );
    expect(t).toMatchObject({ point: null, firstContact: null, contactConsent: false });
    const seen = await ok<TicketDetail>(officer('pd_command', 'GET', `/api/v1/tickets/${t.id}`));
    expect(seen.reporterPhone).toBeNull();
    expect(seen.orgId).toBeNull();
  });
});

describe('following and rating', () => {
  it('each citizen lists only his own tickets; another citizen’s id is 404', async () => {
    const mine = await ok<PageOf<CitizenTicketSummary>>(a.call('GET', '/api/portal/citizen/tickets'));
    expect(mine.items.map((t) => t.id)).toEqual([filed.id]);
    expect(mine.items[0]!.handling.status).toBe('running');
    const theirs = await ok<PageOf<CitizenTicketSummary>>(b.call('GET', '/api/portal/citizen/tickets'));
    expect(theirs.items.map((t) => t.id)).not.toContain(filed.id);
    expect((await b.call('GET', `/api/portal/citizen/tickets/${filed.id}`)).statusCode).toBe(404);
    expect((await b.call('POST', `/api/portal/citizen/tickets/${filed.id}/rating`, { satisfaction: 'unsatisfied' })).statusCode).toBe(404);
  });

  it('sees the bureau’s reply and steps; rates once after closing, counted in the satisfaction rate like a callback', async () => {
    const id = filed.id;
    const step = (path: string, body: Record<string, unknown> = {}) =>
      ok(officer('pd_command', 'POST', `/api/v1/tickets/${id}/${path}`, body));
    await step('accept');
    await step('dispatch', { orgId: ctx.seed.ids.orgs.get('pd-ljz') });
    const early = await a.call('POST', `/api/portal/citizen/tickets/${id}/rating`, { satisfaction: 'satisfied' });
    expect(early.statusCode).toBe(409);
    await ok(officer('pd_ljz_01', 'POST', `/api/v1/tickets/${id}/start`, {}));
    await ok(officer('pd_ljz_01', 'POST', `/api/v1/tickets/${id}/contact`, {}));
    await ok(officer('pd_ljz_01', 'POST', `/api/v1/tickets/${id}/reply`, { replyText: '已责令饭店安装油烟净化设施，整改完毕' }));
    await step('close');
    const closed = await ok<CitizenTicketDetail>(a.call('GET', `/api/portal/citizen/tickets/${id}`));
    expect(closed).toMatchObject({ state: 'closed', canRate: true, satisfaction: null });
    expect(closed.replies).toEqual([expect.objectContaining({ kind: 'reply', text: '已责令饭店安装油烟净化设施，整改完毕' })]);
    expect(closed.progress.map((p) => p.kind)).toEqual([
      'intake',
      'accept',
      'dispatch',
      'startHandling',
      'recordContact',
      'reply',
      'close',
    ]);
    expect(JSON.stringify(closed)).not.toContain('pd_ljz_01');
    // Told by SMS at the answer and at the closing (he consented to contact).
    const texts = await ctx.deps.db
      .selectFrom('messages')
      .select(['text', 'channel'])
      .where('to_address', '=', PHONE_A)
      .where('purpose', '=', 'notice')
      .orderBy('created_at')
      .execute();
    expect(texts.map((m) => m.channel)).toEqual(['sms', 'sms']);
    expect(texts[0]!.text).toContain(`您的投诉（${closed.number}）已答复：已责令饭店安装油烟净化设施，整改完毕`);
    expect(texts[1]!.text).toContain('已办结');
    expect(closed.firstContact?.status).toBe('met');
    expect(closed.handling.status).toBe('met');
    const badLevel = await a.call('POST', `/api/portal/citizen/tickets/${id}/rating`, { satisfaction: 'great' });
    expect(badLevel.statusCode).toBe(400);
    expect(errorBody(badLevel).field).toBe('satisfaction');
    const rated = await ok<CitizenTicketDetail>(
      a.call('POST', `/api/portal/citizen/tickets/${id}/rating`, {
        satisfaction: 'basically_satisfied',
        resolved: true,
        comment: '处理及时',
      }),
    );
    expect(rated).toMatchObject({ satisfaction: 'basically_satisfied', resolved: true, canRate: false });
    expect((await a.call('POST', `/api/portal/citizen/tickets/${id}/rating`, { satisfaction: 'satisfied' })).statusCode).toBe(409);
    const seen = await ok<TicketDetail>(officer('pd_command', 'GET', `/api/v1/tickets/${id}`));
    expect(seen.satisfaction).toBe('basically_satisfied');
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'recordCallback', actorName: '诉求人（门户评价）' });
    const rates = await ok<TicketRates>(officer('pd_command', 'GET', '/api/v1/ticket-rates?from=2026-03-02&to=2026-03-02'));
    expect(rates.satisfaction).toMatchObject({ numerator: 1, denominator: 1 });
    expect(rates.resolution).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

describe('the officer’s own channels', () => {
  it('an officer registers a complaint made at his community workroom; 12345 stays with the command centre', async () => {
    const t = await ok<TicketDetail>(
      officer('pd_ljz_01', 'POST', '/api/v1/tickets', {
        channel: 'workroom',
        categoryCode: 'JM01',
        content: '居民来社区工作室反映小区门口无证设摊',
        point: LJZ,
        reporterPhone: '13700001234',
      }),
      201,
    );
    expect(t).toMatchObject({ channel: 'workroom', state: 'received', orgId: ctx.seed.ids.orgs.get('pd-ljz') });
    expect(t.firstContact).not.toBeNull();
    const hotline = await officer('pd_ljz_01', 'POST', '/api/v1/tickets', {
      channel: 'hotline_12345',
      externalNo: 'SH-CIT-0001',
      categoryCode: 'JM01',
      content: '无证设摊',
      point: LJZ,
    });
    expect(hotline.statusCode).toBe(403);
  });
});
