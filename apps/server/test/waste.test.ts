// 建筑垃圾两点一线 through the API (docs/waste.md): the register with W1 (a permit without a disposal site is refused
// with the rule), role × jurisdiction on the register; the GPS feed contract (waste-gps.contract.ts); a hand-driven
// day — a normal trip, a deviation, a dumping stop without arrival, an unlicensed truck at the site — whose analysis
// finds exactly those clues; the simulator's day; a clue confirmed into a case with its track as evidence, another
// dismissed with a reason; 扣押 refused without the head's approval (H1) and recorded with its 30-day limit (H3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  GpsBatch,
  GpsFeedStatus,
  PageOf,
  WasteAnalysisRun,
  WasteClue,
  WastePermit,
  WasteSeizure,
  WasteSite,
  WasteTrack,
} from '@chengguan/contracts';
import { CompiledQuery, sql } from 'kysely';
import { mulberry32 } from '@chengguan/domain';
import {
  analyseDay,
  analysisArgs,
  dayReading,
  driveTruck,
  ensurePartition,
  spoilBatch,
  type SimFix,
  type SimTruck,
  GPS_INBOUND_PATH,
  normaliseRows,
  pointPartitions,
  setGpsTransport,
  WASTE_ANALYSIS_SQL,
  WASTE_JOB_HANDLERS,
} from '../src/modules/waste/index.ts';
import { runDueJobs } from '../src/modules/scheduler/index.ts';
import { signedHeaders } from '../src/shared/connector-signing.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { gpsFeedContract } from './waste-gps.contract.ts';

const SECRET = '3c'.repeat(32);
const DAY = '2026-03-02';
const START = Date.UTC(2026, 2, 2, 0, 0, 0); // 08:00 Shanghai
let ctx: TestContext;
const tokens: Record<string, string> = {};
let pd: string;
const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

// 张江 工地 → 川沙 消纳场, about 9.5 km due east; 0.001° of longitude is about 95 m here.
const SITE: [number, number] = [121.6, 31.2];
const DUMP: [number, number] = [121.7, 31.2];

beforeAll(async () => {
  ctx = await createTestContext({ env: { WASTE_GPS: 'simulator', WASTE_GPS_SECRET: SECRET } });
  setGpsTransport(async (path, headers, body) => {
    const r = await ctx.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/json', ...headers },
      payload: body,
    });
    return { status: r.statusCode, body: r.body };
  });
  for (const u of ['pd_ljz_leader', 'pd_ljz_01', 'pd_leader', 'qp_zjj_leader']) tokens[u] = await ctx.login(u);
  pd = ctx.seed.ids.orgs.get('pd')!;
}, 240_000);
afterAll(async () => {
  setGpsTransport(null);
  await ctx?.close();
});

const ids: Record<string, string> = {};

describe('the register', () => {
  it('sites, a company, vehicles and a permit with its corridor; W1 refuses a permit without a disposal site', async () => {
    const site = (kind: string, name: string, [lon, lat]: [number, number], radiusM = 150) =>
      ok<WasteSite>(
        call('pd_ljz_leader', 'POST', '/api/v1/waste/sites', {
          bureauId: pd,
          kind,
          name,
          address: `${name}地址`,
          lon,
          lat,
          crs: 'wgs84',
          radiusM,
        }),
        201,
      );
    const s1 = await site('producing', '张江某工地', SITE);
    const s2 = await site('disposal', '川沙消纳场', DUMP);
    expect(s1.cells).toBeGreaterThan(5);
    ids.site = s1.id;
    ids.dump = s2.id;
    const company = await ok<{ id: string }>(
      call('pd_ljz_leader', 'POST', '/api/v1/waste/companies', {
        bureauId: pd,
        name: '浦东某渣土运输有限公司',
        creditCode: '91310115MA1K000001',
        licenceNo: '沪建运2026-001',
        licenceValidUntil: '2027-12-31',
      }),
      201,
    );
    ids.company = company.id;
    const vehicles: string[] = [];
    for (const plate of ['沪D·A0001', '沪D·A0002', '沪D·A0003']) {
      const v = await ok<{ id: string }>(
        call('pd_ljz_leader', 'POST', '/api/v1/waste/vehicles', {
          companyId: company.id,
          plate,
          licenceNo: `准运${plate}`,
          licenceValidUntil: '2026-12-31',
        }),
        201,
      );
      vehicles.push(v.id);
    }
    ids.vehicle1 = vehicles[0]!;
    ids.vehicle3 = vehicles[2]!;
    const permit = {
      number: '浦建渣2026-0001',
      producingSiteId: s1.id,
      disposalSiteIds: [s2.id],
      companyId: company.id,
      vehicleIds: vehicles,
      route: [SITE, [121.65, 31.2], DUMP],
      crs: 'wgs84',
      corridorM: 100,
      validFrom: '2026-03-01',
      validUntil: '2026-03-31',
    };
    const refused = await call('pd_ljz_leader', 'POST', '/api/v1/waste/permits', { ...permit, disposalSiteIds: [] });
    expect(refused.statusCode).toBe(422);
    expect(errorBody(refused)).toMatchObject({ code: 'RULE_VIOLATION', field: 'disposalSiteIds' });
    expect(errorBody(refused).message).toContain('W1');
    expect(errorBody(refused).message).toContain('建设部令第139号');
    const toProducing = await call('pd_ljz_leader', 'POST', '/api/v1/waste/permits', { ...permit, disposalSiteIds: [s1.id] });
    expect(toProducing.statusCode).toBe(422);
    const created = await ok<WastePermit>(call('pd_ljz_leader', 'POST', '/api/v1/waste/permits', permit), 201);
    expect(created.plates).toEqual(['沪D·A0001', '沪D·A0002', '沪D·A0003']);
    expect(created.corridorCells).toBeGreaterThan(100);

    const list = await ok<PageOf<WastePermit>>(call('pd_ljz_01', 'GET', `/api/v1/waste/permits?validOn=${DAY}&pageSize=5`));
    expect(list.items.map((p) => p.number)).toEqual(['浦建渣2026-0001']);
    const sites = await ok<PageOf<WasteSite>>(call('pd_ljz_01', 'GET', '/api/v1/waste/sites?kind=disposal'));
    expect(sites.items.map((s) => s.name)).toEqual(['川沙消纳场']);
    const xlsx = await call('pd_ljz_01', 'GET', '/api/v1/waste/vehicles/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('another district neither sees nor writes; a field officer may read but not register', async () => {
    expect((await ok<PageOf<WasteSite>>(call('qp_zjj_leader', 'GET', '/api/v1/waste/sites'))).total).toBe(0);
    const r = await call('qp_zjj_leader', 'POST', '/api/v1/waste/sites', {
      bureauId: pd,
      kind: 'yard',
      name: '越权停车场',
      address: '某地',
      lon: 121.6,
      lat: 31.2,
      crs: 'wgs84',
      radiusM: 100,
    });
    expect(r.statusCode).toBe(404);
    const v = await call('qp_zjj_leader', 'POST', '/api/v1/waste/vehicles', {
      companyId: ids.company,
      plate: '沪F·X0001',
      licenceNo: 'x',
      licenceValidUntil: '2026-12-31',
    });
    expect(v.statusCode).toBe(404);
    const officer = await call('pd_ljz_01', 'POST', '/api/v1/waste/companies', {
      bureauId: pd,
      name: '无权登记',
      creditCode: '91310115MA1K000002',
      licenceNo: 'x',
      licenceValidUntil: '2027-01-01',
    });
    expect(officer.statusCode).toBe(403);
  });
});

gpsFeedContract('simulator', { ctx: () => ctx, secret: () => SECRET, day: DAY, startMs: START });

// A fix every 10 s along straight legs at 30 km/h (≈ 83 m, 0.00087° of longitude), standing still for `dwell`.
type Fix = { plate: string; at: number; lng: number; lat: number };
function drive(plate: string) {
  const fixes: Fix[] = [];
  let t = START;
  let here: [number, number] = SITE;
  const api = {
    stay(minutes: number) {
      for (let i = 0; i < minutes * 6; i++) {
        fixes.push({ plate, at: t, lng: here[0], lat: here[1] });
        t += 10_000;
      }
      return api;
    },
    to(p: [number, number]) {
      const steps = Math.max(1, Math.ceil(Math.hypot((p[0] - here[0]) * 95_000, (p[1] - here[1]) * 111_000) / 83));
      const from = here;
      for (let i = 1; i <= steps; i++) {
        fixes.push({ plate, at: t, lng: from[0] + ((p[0] - from[0]) * i) / steps, lat: from[1] + ((p[1] - from[1]) * i) / steps });
        t += 10_000;
      }
      here = p;
      return api;
    },
    at(p: [number, number]) {
      here = p;
      return api;
    },
    fixes,
  };
  return api;
}

async function send(fixes: Fix[], id: string) {
  const b: GpsBatch = { batchId: id, points: fixes };
  const r = await ctx.app.inject({
    method: 'POST',
    url: GPS_INBOUND_PATH,
    headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, b, ctx.clock.now()) },
    payload: b,
  });
  expect(r.statusCode, r.body).toBe(200);
}

describe('the day’s analysis', () => {
  it('finds the trip, the deviation, the dumping stop without arrival and the unlicensed truck — and nothing else', async () => {
    const mid: [number, number] = [121.65, 31.2];
    await send(drive('沪D·A0001').stay(5).to(DUMP).stay(5).fixes, 'DAY-A');
    await send(drive('沪D·A0002').stay(5).to(mid).to([121.655, 31.19]).to([121.66, 31.2]).to(DUMP).stay(5).fixes, 'DAY-B');
    await send(drive('沪D·A0003').stay(5).to(mid).to([121.654, 31.2035]).stay(15).to(mid).to(SITE).stay(5).fixes, 'DAY-C');
    await send(drive('沪E·Z9999').at([121.6, 31.23]).to(SITE).stay(5).to([121.6, 31.17]).fixes, 'DAY-D');

    const run = await ok<WasteAnalysisRun>(call('pd_ljz_leader', 'POST', '/api/v1/waste/analysis', { day: DAY }));
    expect(run.trips).toBe(2);
    const clues = await ok<PageOf<WasteClue>>(call('pd_ljz_01', 'GET', `/api/v1/waste/clues?day=${DAY}&pageSize=100`));
    const found = clues.items
      .filter((c) => !c.plate.startsWith('沪C·'))
      .map((c) => `${c.plate} ${c.kind}`)
      .sort();
    expect(found).toEqual([
      '沪D·A0002 deviation',
      '沪D·A0003 deviation',
      '沪D·A0003 no_arrival',
      '沪D·A0003 stop',
      '沪E·Z9999 no_arrival',
      '沪E·Z9999 no_permit',
    ]);
    const stop = clues.items.find((c) => c.kind === 'stop')!;
    expect(stop.minutes).toBeGreaterThanOrEqual(14);
    // Every finding is one truck's: the day cut into ranges of plates gives the same rows, however it is cut and on
    // however many sessions it runs.
    const params = { day: DAY, stopSeconds: 600, deviationSeconds: 180, visitSeconds: 60 };
    const whole = await analyseDay(ctx.deps, params, { sessions: 1 });
    expect(whole.length).toBeGreaterThanOrEqual(8);
    const ranged = async (from: string, to: string | null) =>
      (await ctx.deps.db.executeQuery(CompiledQuery.raw(WASTE_ANALYSIS_SQL, analysisArgs({ ...params, plateFrom: from, plateTo: to }))))
        .rows as Record<string, unknown>[];
    const halves = [...(await ranged('', '沪D·A0003')), ...(await ranged('沪D·A0003', null))];
    expect(normaliseRows(halves)).toEqual(whole);
    expect((await ranged('沪D·A0003', '沪D·A0003')).length).toBe(0);
    expect(await analyseDay(ctx.deps, params, { sessions: 3 })).toEqual(whole);
    expect(stop.companyName).toBe('浦东某渣土运输有限公司');
    // Run again: the same clues, not twice.
    await ok(call('pd_ljz_leader', 'POST', '/api/v1/waste/analysis', { day: DAY }));
    expect((await ok<PageOf<WasteClue>>(call('pd_ljz_01', 'GET', `/api/v1/waste/clues?day=${DAY}&pageSize=100`))).total).toBe(clues.total);
    // A longer threshold: no stop.
    const strict = await ok<WasteAnalysisRun>(call('pd_ljz_leader', 'POST', '/api/v1/waste/analysis', { day: DAY, stopMinutes: 30 }));
    expect(strict.byKind.stop ?? 0).toBe(0);
    // Another district sees none of them; the track replays the day with the corridor and both sites.
    expect((await ok<PageOf<WasteClue>>(call('qp_zjj_leader', 'GET', `/api/v1/waste/clues?day=${DAY}`))).total).toBe(0);
    const track = await ok<WasteTrack>(call('pd_ljz_01', 'GET', `/api/v1/waste/track?plate=${encodeURIComponent('沪D·A0001')}&day=${DAY}`));
    expect(track.points.length).toBeGreaterThan(100);
    expect(track.corridors.map((c) => c.permitNumber)).toEqual(['浦建渣2026-0001']);
    expect(track.sites.map((s) => s.kind).sort()).toEqual(['disposal', 'producing']);
    expect((await call('qp_zjj_leader', 'GET', `/api/v1/waste/track?plate=${encodeURIComponent('沪D·A0001')}&day=${DAY}`)).statusCode).toBe(
      404,
    );
    expect(await pointPartitions(ctx.deps.db)).toContain(DAY);
  });

  it('a clue is confirmed into an off-site case with its track as evidence, another dismissed with a reason; 扣押 needs H1', async () => {
    const clues = (
      await ok<PageOf<WasteClue>>(call('pd_ljz_leader', 'GET', `/api/v1/waste/clues?day=${DAY}&plate=${encodeURIComponent('沪D·A0003')}`))
    ).items;
    const stop = clues.find((c) => c.kind === 'stop')!;
    const dev = clues.find((c) => c.kind === 'deviation')!;
    expect((await call('pd_ljz_01', 'POST', `/api/v1/waste/clues/${dev.id}/dismiss`, { reason: '道路施工绕行' })).statusCode).toBe(403);
    const dismissed = await ok<WasteClue>(
      call('pd_ljz_leader', 'POST', `/api/v1/waste/clues/${dev.id}/dismiss`, { reason: '道路施工，交警指挥绕行' }),
    );
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissReason: '道路施工，交警指挥绕行' });
    const confirmed = await ok<WasteClue>(
      call('pd_ljz_leader', 'POST', `/api/v1/waste/clues/${stop.id}/confirm`, {
        offenceCode: 'SH-LJ-57-4',
        orgId: ctx.seed.ids.orgs.get('pd-ljz'),
        party: { type: 'natural_person', name: '李四', idType: 'id_card', idNumber: '110101199003078515' },
      }),
    );
    expect(confirmed.status).toBe('confirmed');
    const kase = await ok<{ source: string; evidence: { evidenceType: string; title: string }[] }>(
      call('pd_ljz_leader', 'GET', `/api/v1/cases/${confirmed.caseId}`),
    );
    expect(kase.source).toBe('offsite');
    expect(kase.evidence.map((e) => e.evidenceType)).toContain('electronic_data');
    expect(
      (
        await call('pd_ljz_leader', 'POST', `/api/v1/waste/clues/${stop.id}/confirm`, {
          offenceCode: 'SH-LJ-57-4',
          orgId: ctx.seed.ids.orgs.get('pd-ljz'),
          party: { type: 'natural_person', name: '李四', idType: 'id_card', idNumber: '110101199003078515' },
        })
      ).statusCode,
    ).toBe(409);

    const noApproval = await call('pd_ljz_leader', 'POST', `/api/v1/waste/clues/${stop.id}/seizure`, { seizedOn: DAY, emergency: false });
    expect(noApproval.statusCode).toBe(422);
    expect(errorBody(noApproval)).toMatchObject({ code: 'RULE_VIOLATION', field: 'approvedBy' });
    const leaderId = (await ctx.deps.db.selectFrom('officers').select('id').where('username', '=', 'pd_leader').executeTakeFirstOrThrow())
      .id;
    const seized = await ok<WasteSeizure>(
      call('pd_ljz_leader', 'POST', `/api/v1/waste/clues/${stop.id}/seizure`, {
        seizedOn: DAY,
        emergency: false,
        approvedBy: leaderId,
        approvedAt: '2026-03-02T01:00:00.000Z',
      }),
      201,
    );
    expect(seized.deadline).toBe('2026-04-01');
    expect(seized.deadlineBasis).toContain('H3');
    const vehicle = await ctx.deps.db
      .selectFrom('waste_vehicles')
      .select('status')
      .where('id', '=', ids.vehicle3!)
      .executeTakeFirstOrThrow();
    expect(vehicle.status).toBe('seized');
  });

  it('the simulator drives the register’s trucks for a day through the signed endpoint; bad fixes are counted, the analysis runs', async () => {
    const day = '2026-03-03';
    await ok<{ jobId: string }>(call('pd_ljz_leader', 'POST', '/api/v1/waste/gps/simulate', { day, trucks: 4, hours: 2, seed: 7 }), 202);
    await runDueJobs(ctx.deps, WASTE_JOB_HANDLERS, 'test-worker', 5);
    const status = await ok<GpsFeedStatus>(call('pd_ljz_01', 'GET', `/api/v1/waste/gps/status?day=${day}`));
    expect(status).toMatchObject({ simulator: true, labelZh: '模拟渣土车 GPS 平台' });
    expect(status.batches).toBeGreaterThan(4);
    const c = status.counts;
    expect(c.received).toBe(c.kept + c.duplicates + c.impossibleSpeed + c.invalid);
    const run = await ok<WasteAnalysisRun>(call('pd_ljz_leader', 'POST', '/api/v1/waste/analysis', { day }));
    expect(run.points).toBe(c.kept);
    expect((await call('pd_ljz_01', 'POST', '/api/v1/waste/gps/simulate', { day, trucks: 5 })).statusCode).toBe(403);
  }, 240_000);
});

// The summaries made at ingest (docs/waste.md §3 "Summaries at ingest"): the analysis over them gives the rows of the
// analysis over every fix, whatever the order the batches come in, across midnight and for any threshold; a fix sent
// twice, a changed site register or a plate's changed permits send the day back to the fixes.
describe('the day partitions', () => {
  it('a second database of the same process gets its own partitions of a day the first already has', async () => {
    const other = await createTestContext({ seed: false });
    try {
      const day = '2026-02-11';
      await ensurePartition(ctx.deps.db, day);
      expect(await pointPartitions(other.deps.db)).not.toContain(day);
      await ensurePartition(other.deps.db, day);
      expect(await pointPartitions(other.deps.db)).toContain(day);
      const tables = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE ${'%_20260211'}`.execute(other.deps.db);
      expect(tables.rows[0]!.n).toBe(3);
    } finally {
      await other.close();
    }
  });
});

describe('the summaries made at ingest', () => {
  const ROUTE: [number, number][] = [SITE, [121.65, 31.2], DUMP];
  const trucks: SimTruck[] = [
    { plate: '沪D·A0001', route: ROUTE, site: SITE, fault: 'deviation' },
    { plate: '沪D·A0002', route: ROUTE, site: SITE, fault: 'dumping' },
    { plate: '沪D·A0003', route: ROUTE, site: SITE, fault: 'no_arrival' },
    { plate: '沪E·Z8888', route: null, site: SITE, fault: 'unlicensed' },
  ];
  /** The trucks' fixes from `start` for `hours`, as one batch per hour (spoiled as the simulator spoils them). */
  function hourBatches(list: SimTruck[], start: number, hours: number, prefix: string): GpsBatch[] {
    const byHour = new Map<number, SimFix[]>();
    list.forEach((truck, k) =>
      driveTruck(truck, start, hours, 100 + k, (f) => {
        const h = Math.floor((f.at - start) / 3_600_000);
        if (!byHour.has(h)) byHour.set(h, []);
        byHour.get(h)!.push(f);
      }),
    );
    const rand = mulberry32(5);
    return [...byHour.entries()].map(([h, fixes]) => {
      spoilBatch(fixes, rand);
      return { batchId: `${prefix}-${h}`, points: fixes };
    });
  }
  const both = async (day: string, stopSeconds: number, deviationSeconds: number) => {
    const params = { day, stopSeconds, deviationSeconds, visitSeconds: 60 };
    const fromSummaries = await analyseDay(ctx.deps, params, { reading: 'summaries' });
    const fromPoints = await analyseDay(ctx.deps, params, { reading: 'points' });
    return { fromSummaries, fromPoints };
  };

  it('give the rows of every fix, for batches sent last hour first and for any threshold', async () => {
    const day = '2026-03-05';
    const batches = hourBatches(trucks, Date.UTC(2026, 2, 5, 0, 0, 0), 4, 'SUM-A');
    for (const b of batches.reverse()) await send(b.points, b.batchId);
    expect(await dayReading(ctx.deps.db, day)).toBe('summaries');
    const kept = await ctx.deps.db
      .selectFrom('waste_track_edges')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    const points = await ctx.deps.db
      .selectFrom('waste_points')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBeLessThan(Number(points.n) / 3);
    for (const [stop, deviation] of [
      [600, 180],
      [60, 60],
      [1800, 600],
    ] as const) {
      const { fromSummaries, fromPoints } = await both(day, stop, deviation);
      expect(fromSummaries).toEqual(fromPoints);
      if (stop === 600)
        expect([...new Set(fromPoints.map((r) => r.kind))].sort()).toEqual(['deviation', 'no_arrival', 'no_permit', 'stop', 'trip']);
    }
    const run = await ok<WasteAnalysisRun>(call('pd_ljz_leader', 'POST', '/api/v1/waste/analysis', { day }));
    expect(run.reading).toBe('summaries');
    expect(run.points).toBe(Number(points.n));
  });

  it('a batch across midnight gives both days; a changed permit or site register sends only the days it touches to the fixes', async () => {
    // 23:30 to 00:30 Shanghai in one batch.
    const [batch] = hourBatches([{ ...trucks[0]!, fault: 'none' }], Date.UTC(2026, 2, 6, 15, 30, 0), 1, 'SUM-B');
    await send(batch!.points, batch!.batchId);
    let found = 0;
    for (const day of ['2026-03-06', '2026-03-07']) {
      expect(await dayReading(ctx.deps.db, day)).toBe('summaries');
      const { fromSummaries, fromPoints } = await both(day, 60, 60);
      expect(fromSummaries).toEqual(fromPoints);
      found += fromPoints.length;
    }
    expect(found).toBeGreaterThan(0);
    // A second permit for the plate from 7 March: the 7th is read from the fixes, the 6th still from its summaries.
    await ok<WastePermit>(
      call('pd_ljz_leader', 'POST', '/api/v1/waste/permits', {
        number: '浦建渣2026-0002',
        producingSiteId: ids.site,
        disposalSiteIds: [ids.dump],
        companyId: ids.company,
        vehicleIds: [ids.vehicle1],
        route: [SITE, [121.6, 31.25]],
        crs: 'wgs84',
        corridorM: 100,
        validFrom: '2026-03-07',
        validUntil: '2026-03-31',
      }),
      201,
    );
    expect(await dayReading(ctx.deps.db, '2026-03-07')).toBe('points');
    expect(await dayReading(ctx.deps.db, '2026-03-06')).toBe('summaries');
    // A new site: every day placed before it is read from the fixes.
    await ok<WasteSite>(
      call('pd_ljz_leader', 'POST', '/api/v1/waste/sites', {
        bureauId: pd,
        kind: 'producing',
        name: '金桥某工地',
        address: '金桥某工地地址',
        lon: 121.62,
        lat: 31.21,
        crs: 'wgs84',
        radiusM: 150,
      }),
      201,
    );
    expect(await dayReading(ctx.deps.db, '2026-03-06')).toBe('points');
    const run = await ok<WasteAnalysisRun>(call('pd_ljz_leader', 'POST', '/api/v1/waste/analysis', { day: '2026-03-06' }));
    expect(run.reading).toBe('points');
    // The register is loaded afresh after the change; batches taken at the same time place alike.
    const day = '2026-03-09';
    await Promise.all(hourBatches(trucks.slice(0, 2), Date.UTC(2026, 2, 9, 0, 0, 0), 3, 'SUM-C').map((b) => send(b.points, b.batchId)));
    expect(await dayReading(ctx.deps.db, day)).toBe('summaries');
    const { fromSummaries, fromPoints } = await both(day, 600, 180);
    expect(fromSummaries).toEqual(fromPoints);
    expect(fromPoints.filter((r) => r.kind === 'trip').length).toBeGreaterThan(0);
  });

  it('a fix sent again under another batch id sends the day to the fixes', async () => {
    const day = '2026-03-05';
    const again = (
      await ctx.deps.db
        .selectFrom('waste_points')
        .select(['plate', 't', 'lon', 'lat'])
        .where('day', '=', day)
        .where('plate', '=', '沪D·A0001')
        .orderBy('t')
        .limit(20)
        .execute()
    ).map((p) => ({ plate: p.plate, at: Number(p.t) * 1000, lng: p.lon, lat: p.lat }));
    await send(again, 'SUM-A-again');
    expect(await dayReading(ctx.deps.db, day)).toBe('points');
    const run = await ok<WasteAnalysisRun>(call('pd_ljz_leader', 'POST', '/api/v1/waste/analysis', { day }));
    expect(run.reading).toBe('points');
  });
});
