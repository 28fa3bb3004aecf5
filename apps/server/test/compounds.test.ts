// 住宅小区综合监管 through the API (docs/compounds.md): a compound and its property company as registry subjects; a
// resident's renovation declaration judged by RN1–RN5 with the sources, refused for a compound outside the city or
// not registered; a property company's report disposed of as an inspection task; 房屋注记 and 解注记 through the signed
// housing connector (the simulator, with a failure retried) and the connector's contract; the forbidden paths —
// another district, a role that may not, no citizen session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { CompoundSummary, HouseAnnotation, PageOf, PropertyReport, RenovationDeclaration } from '@chengguan/contracts';
import { creditCodeCheckChar } from '@chengguan/domain';
import { createTestContext, errorBody, OWN_ORIGIN, type TestContext } from './harness.ts';
import { runDueJobs } from '../src/modules/scheduler/index.ts';
import { HOUSING_JOB_HANDLERS } from '../src/modules/compounds/housing/housing-job.ts';
import { housingConnector, HousingSimulator } from '../src/modules/compounds/index.ts';
import { housingSecret } from '../src/modules/compounds/housing/housing-connector.ts';
import { housingConnectorContract } from './housing-connector.contract.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_ljz_01', 'pd_ljz_leader', 'pd_command', 'qp_zjj_01'];
let compoundId: string;
let companyId: string;
let citizenCookie: string;

const call = (user: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
  ctx.api(method, url, { token: tokens[user]!, headers, ...(body !== undefined ? { body } : {}) });
const citizen = (method: string, url: string, body?: unknown, cookie = citizenCookie) =>
  ctx.api(method, url, { headers: { cookie, origin: OWN_ORIGIN }, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
const runJobs = () => runDueJobs(ctx.deps, HOUSING_JOB_HANDLERS, 'test-worker', 50);

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of USERS) tokens[u] = await ctx.login(u);
  compoundId = (
    await ok<{ id: string }>(
      call('pd_ljz_01', 'POST', '/api/v1/subjects', {
        kind: 'residential_compound',
        name: '测试花园小区',
        address: '上海市浦东新区银城中路100弄',
        point: { lon: 121.51, lat: 31.236, crs: 'wgs84' },
      }),
      201,
    )
  ).id;
  companyId = (
    await ok<{ id: string }>(
      call('pd_ljz_01', 'POST', '/api/v1/subjects', {
        kind: 'property_company',
        name: '测试物业服务有限公司',
        address: '上海市浦东新区银城中路1号',
        point: { lon: 121.51, lat: 31.236, crs: 'wgs84' },
        creditCode: `91310115MA1K4XYD7${creditCodeCheckChar('91310115MA1K4XYD7')}`,
      }),
      201,
    )
  ).id;
  const phone = '13900001717';
  expect((await ctx.api('POST', '/api/portal/citizen/code', { body: { phone } })).statusCode).toBe(200);
  const m = await ctx.deps.db
    .selectFrom('messages')
    .select('text')
    .where('to_address', '=', phone)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const s = await ctx.api('POST', '/api/portal/citizen/session', { body: { phone, code: /验证码为 (\d{6})/.exec(m.text)![1] } });
  citizenCookie = ([] as string[])
    .concat(s.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('cg_citizen='))!
    .split(';')[0]!;
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

describe('compounds', () => {
  it('the compound with its property company is listed in its district only, and exported', async () => {
    const set = await ok<CompoundSummary>(
      call('pd_ljz_01', 'PUT', `/api/v1/compounds/${compoundId}/profile`, { propertyCompanyId: companyId, households: 420 }),
    );
    expect(set).toMatchObject({ propertyCompanyName: '测试物业服务有限公司', households: 420 });
    const page = await ok<PageOf<CompoundSummary>>(call('pd_ljz_01', 'GET', '/api/v1/compounds?q=测试花园'));
    expect(page.items.map((c) => c.id)).toContain(compoundId);
    const qp = await ok<PageOf<CompoundSummary>>(call('qp_zjj_01', 'GET', '/api/v1/compounds?q=测试花园'));
    expect(qp.items).toHaveLength(0);
    expect((await call('qp_zjj_01', 'PUT', `/api/v1/compounds/${compoundId}/profile`, { households: 1 })).statusCode).toBe(404);
    expect((await call('pd_command', 'PUT', `/api/v1/compounds/${compoundId}/profile`, { households: 1 })).statusCode).toBe(403);
    const x = await call('pd_ljz_01', 'GET', '/api/v1/compounds/export.xlsx');
    expect(x.statusCode).toBe(200);
  });

  it('a declaration is judged by the rules with their sources; outside the city or unknown compound is refused by name', async () => {
    const body = {
      compoundId,
      declarantKind: 'resident',
      declarantName: '李女士',
      room: '3-502',
      works: ['interior_finish', 'new_structure'],
      startOn: '2026-03-10',
      endOn: '2026-05-10',
    };
    const d = await ok<RenovationDeclaration>(citizen('POST', '/api/portal/citizen/renovation-declarations', body), 201);
    expect(d.outcome).toBe('permit_needed');
    expect(d.rules.map((r) => r.id)).toEqual(['RN1', 'RN3']);
    expect(d.rules[1]!.cite).toMatch(/第六条/);
    const banned = await ok<RenovationDeclaration>(
      citizen('POST', '/api/portal/citizen/renovation-declarations', { ...body, works: ['load_bearing_change'] }),
      201,
    );
    expect(banned.outcome).toBe('prohibited');

    const outside = await citizen('POST', '/api/portal/citizen/renovation-declarations', {
      ...body,
      point: { lon: 116.4, lat: 39.9, crs: 'wgs84' },
    });
    expect(outside.statusCode).toBe(422);
    expect(errorBody(outside)).toMatchObject({ code: 'POINT_OUTSIDE_CITY', field: 'point' });
    const unknown = await citizen('POST', '/api/portal/citizen/renovation-declarations', { ...body, compoundId: ctx.deps.newId() });
    expect(unknown.statusCode).toBe(404);
    expect(errorBody(unknown).field).toBe('compoundId');
    expect(errorBody(unknown).messageEn).toMatch(/not a residential compound/);
    const noSession = await ctx.api('POST', '/api/portal/citizen/renovation-declarations', { body, headers: { origin: OWN_ORIGIN } });
    expect(noSession.statusCode).toBe(401);

    const mine = await ok<RenovationDeclaration[]>(citizen('GET', '/api/portal/citizen/renovation-declarations'));
    expect(mine).toHaveLength(2);
    const list = await ok<PageOf<RenovationDeclaration>>(call('pd_ljz_01', 'GET', `/api/v1/renovation-declarations?outcome=prohibited`));
    expect(list.items.map((x) => x.id)).toEqual([banned.id]);
    expect((await ok<PageOf<RenovationDeclaration>>(call('qp_zjj_01', 'GET', '/api/v1/renovation-declarations'))).total).toBe(0);
  });

  it('a property report becomes an inspection task of the compound, once; other districts and roles may not', async () => {
    const rep = await ok<PropertyReport>(
      citizen('POST', '/api/portal/citizen/property-reports', {
        compoundId,
        problem: 'illegal_construction',
        reporterName: '测试物业 张经理',
        room: '7-601',
        description: '顶楼业主在屋面搭建彩钢板房',
      }),
      201,
    );
    expect(rep.state).toBe('reported');
    const found = await ok<PageOf<PropertyReport>>(
      call('pd_ljz_01', 'GET', `/api/v1/property-reports?q=7-601&problem=illegal_construction&state=reported`),
    );
    expect(found.items.map((x) => x.id)).toEqual([rep.id]);
    expect((await ok<PageOf<PropertyReport>>(call('pd_ljz_01', 'GET', `/api/v1/property-reports?q=7-601&problem=other`))).total).toBe(0);
    const officers = await ctx.deps.db
      .selectFrom('officers')
      .select('id')
      .where('username', 'in', ['pd_ljz_01', 'pd_ljz_leader'])
      .execute();
    const dispose = { disposal: 'inspection', inspectorIds: officers.map((o) => o.id), dueOn: '2026-03-09' };
    expect((await call('qp_zjj_01', 'POST', `/api/v1/property-reports/${rep.id}/dispose`, dispose)).statusCode).toBe(404);
    expect((await call('pd_command', 'POST', `/api/v1/property-reports/${rep.id}/dispose`, dispose)).statusCode).toBe(403);
    const one = await call('pd_ljz_01', 'POST', `/api/v1/property-reports/${rep.id}/dispose`, {
      disposal: 'inspection',
      dueOn: '2026-03-09',
    });
    expect(errorBody(one).field).toBe('inspectorIds');
    const done = await ok<PropertyReport>(call('pd_ljz_01', 'POST', `/api/v1/property-reports/${rep.id}/dispose`, dispose));
    expect(done.state).toBe('inspection');
    const task = await ctx.deps.db
      .selectFrom('inspection_tasks')
      .select(['subject_id', 'origin'])
      .where('id', '=', done.inspectionTaskId!)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ subject_id: compoundId, origin: 'special' });
    const again = await call('pd_ljz_01', 'POST', `/api/v1/property-reports/${rep.id}/dispose`, dispose);
    expect(again.statusCode).toBe(409);
  });

  it('房屋注记 and 解注记 go to the housing department signed, retried after a failure, idempotent by key', async () => {
    const sim = housingConnector(ctx.deps) as HousingSimulator;
    sim.failNext(1);
    const headers = { 'idempotency-key': 'annotate-3-502' };
    const body = { compoundId, room: '3-502', reason: '擅自搭建未整改，注记限制交易' };
    const a = await ok<HouseAnnotation>(call('pd_ljz_01', 'POST', '/api/v1/house-annotations', body, headers), 201);
    const same = await ok<HouseAnnotation>(call('pd_ljz_01', 'POST', '/api/v1/house-annotations', body, headers), 201);
    expect(same.id).toBe(a.id);
    expect(a).toMatchObject({ state: 'annotating', simulator: true });
    const twice = await call('pd_ljz_01', 'POST', '/api/v1/house-annotations', body);
    expect(errorBody(twice)).toMatchObject({ code: 'DUPLICATE', field: 'room' });
    expect((await call('qp_zjj_01', 'POST', '/api/v1/house-annotations', { ...body, room: '1-1' })).statusCode).toBe(404);

    await runJobs();
    let now = await ok<HouseAnnotation>(call('pd_ljz_01', 'GET', `/api/v1/house-annotations/${a.id}`));
    expect(now).toMatchObject({ state: 'annotating', attempts: 1 });
    expect(now.lastError).toMatch(/unavailable/);
    const early = await call('pd_ljz_01', 'POST', `/api/v1/house-annotations/${a.id}/release`, { releaseReason: '已拆除' });
    expect(early.statusCode).toBe(409);
    ctx.clock.advance(5 * 60_000);
    tokens.pd_ljz_01 = await ctx.login('pd_ljz_01');
    await runJobs();
    now = await ok<HouseAnnotation>(call('pd_ljz_01', 'GET', `/api/v1/house-annotations/${a.id}`));
    expect(now.state).toBe('annotated');
    expect(now.housingRef).toMatch(/^FW[0-9A-F]{12}$/);

    await ok(call('pd_ljz_01', 'POST', `/api/v1/house-annotations/${a.id}/release`, { releaseReason: '违法搭建已拆除，复查合格' }));
    await runJobs();
    now = await ok<HouseAnnotation>(call('pd_ljz_01', 'GET', `/api/v1/house-annotations/${a.id}`));
    expect(now.state).toBe('released');
    const listed = await ok<PageOf<HouseAnnotation>>(call('pd_ljz_01', 'GET', `/api/v1/house-annotations?q=3-502&state=released`));
    expect(listed.items.map((x) => x.id)).toEqual([a.id]);
    expect((await ok<PageOf<HouseAnnotation>>(call('pd_ljz_01', 'GET', `/api/v1/house-annotations?q=3-502&state=annotated`))).total).toBe(
      0,
    );
    expect((await ok<PageOf<HouseAnnotation>>(call('qp_zjj_01', 'GET', '/api/v1/house-annotations?q=3-502'))).total).toBe(0);
    const xlsx = await call('pd_ljz_01', 'GET', '/api/v1/house-annotations/export.xlsx?q=3-502');
    expect(xlsx.statusCode).toBe(200);
    expect((await call('qp_zjj_01', 'GET', `/api/v1/house-annotations/${a.id}`)).statusCode).toBe(404);
  });

  housingConnectorContract({
    connector: () => housingConnector(ctx.deps)!,
    secret: () => housingSecret(ctx.deps.config),
    now: () => ctx.clock.now(),
  });
});
