// The place of a case: the map's setting and boundaries, which district a point lies in, and the point stored on a
// registered case and a summary ticket (WGS-84, converted from GCJ-02, refused outside the city).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, DistrictFeatureCollection, MapConfig, PlaceInfo } from '@chengguan/contracts';
import { convertPoint, distanceMetres, SHANGHAI_DISTRICTS } from '@chengguan/domain';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, confirmedSummaryTicket, registerCaseBody, summaryTicketBody, type CaseKit } from './cases-support.ts';

const TILES = 'https://tiles.bureau.example/wmts/{z}/{x}/{y}.png?tk=demo';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext({ env: { MAP_TILE_URL: TILES, MAP_TILE_ATTRIBUTION: '本局电子地图', MAP_TILE_CRS: 'gcj02' } });
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

// 陆家嘴 (浦东新区) and 朱家角 (青浦区), in WGS-84.
const LUJIAZUI = [121.4997, 31.2397] as const;
const ZHUJIAJIAO = [121.0537, 31.1076] as const;

const get = async <T>(url: string, user = 'pd_ljz_01') => {
  const r = await ctx.api('GET', url, { token: kit.tokens[user]! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};

describe('map settings and boundaries', () => {
  it('answers the configured base map and the city bounds; the tile host is allowed by the page policy', async () => {
    const c = await get<MapConfig>('/api/v1/map/config');
    expect(c.baseMap).toEqual({ tiles: [TILES], attribution: '本局电子地图', crs: 'gcj02', maxZoom: 18 });
    const [w, s, e, n] = c.bounds as [number, number, number, number];
    expect(w).toBeLessThan(121);
    expect(e).toBeGreaterThan(121.9);
    expect(s).toBeLessThan(30.7);
    expect(n).toBeGreaterThan(31.8);
    expect(c.boundarySource).toContain('echarts');
    const page = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/img-src [^;]*https:\/\/tiles\.bureau\.example/);
    expect(csp).toMatch(/connect-src [^;]*https:\/\/tiles\.bureau\.example/);
  });

  it('without MAP_TILE_URL there is no base map and the policy names no other host; bad settings stop the start', () => {
    const base = { DATA_DIR: 'memory://' };
    expect(loadConfig(base).map).toEqual({ baseMap: null, tileOrigins: [] });
    expect(() => loadConfig({ ...base, MAP_TILE_URL: 'https://t.example/{z}/{x}.png', MAP_TILE_ATTRIBUTION: 'x' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, MAP_TILE_URL: 'ftp://t.example/{z}/{x}/{y}', MAP_TILE_ATTRIBUTION: 'x' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ ...base, MAP_TILE_URL: TILES })).toThrow(/MAP_TILE_ATTRIBUTION/);
    expect(() => loadConfig({ ...base, MAP_TILE_URL: TILES, MAP_TILE_ATTRIBUTION: 'x', MAP_TILE_CRS: 'bd09' })).toThrow(/MAP_TILE_CRS/);
  });

  it('ships the 16 districts of Shanghai as WGS-84 polygons', async () => {
    const fc = await get<DistrictFeatureCollection>('/api/v1/map/districts');
    expect(fc.features.map((f) => f.properties.name).sort()).toEqual([...SHANGHAI_DISTRICTS].sort());
    for (const f of fc.features) expect(['Polygon', 'MultiPolygon']).toContain((f.geometry as { type: string }).type);
  });
});

describe('locate', () => {
  it('names the district and whether it is the bureau’s area, from either coordinate system', async () => {
    const inPudong = await get<PlaceInfo>(`/api/v1/map/locate?lon=${LUJIAZUI[0]}&lat=${LUJIAZUI[1]}&crs=wgs84`);
    expect(inPudong).toMatchObject({ district: '浦东新区', bureauDistrict: '浦东新区', inBureauArea: true, withinCity: true });
    const gcj = convertPoint(ZHUJIAJIAO, 'wgs84', 'gcj02');
    const inQingpu = await get<PlaceInfo>(`/api/v1/map/locate?lon=${gcj[0]}&lat=${gcj[1]}&crs=gcj02`);
    expect(inQingpu).toMatchObject({ district: '青浦区', bureauDistrict: '浦东新区', inBureauArea: false, withinCity: true });
    expect(distanceMetres([inQingpu.lon, inQingpu.lat], ZHUJIAJIAO)).toBeLessThan(0.5);
    const beijing = await get<PlaceInfo>('/api/v1/map/locate?lon=116.40&lat=39.90&crs=wgs84');
    expect(beijing).toMatchObject({ district: null, withinCity: false, inBureauArea: false });
  });

  it('for another bureau’s squad: not found; a longitude out of range: 400 naming it', async () => {
    const r = await ctx.api('GET', `/api/v1/map/locate?lon=121.5&lat=31.2&crs=wgs84&orgId=${kit.orgId('pd-ljz')}`, {
      token: kit.tokens['qp_zjj_01']!,
    });
    expect(r.statusCode, r.body).toBe(404);
    const bad = await ctx.api('GET', '/api/v1/map/locate?lon=181&lat=31.2&crs=wgs84', { token: kit.tokens['pd_ljz_01']! });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('lon');
  });
});

describe('the point of a case', () => {
  it('registered with a point picked on a GCJ-02 map: stored in WGS-84 with the system it came in, shown with its district', async () => {
    const picked = convertPoint(LUJIAZUI, 'wgs84', 'gcj02');
    const c = await kit.register({ point: { lon: picked[0], lat: picked[1], crs: 'gcj02' } });
    expect(c.point).toMatchObject({ district: '浦东新区', inBureauArea: true, capturedCrs: 'gcj02' });
    expect(distanceMetres([c.point!.lon, c.point!.lat], LUJIAZUI)).toBeLessThan(0.5);
    const row = await ctx.deps.db
      .selectFrom('cases')
      .select(['point_lon', 'point_lat', 'point_crs'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ point_lon: c.point!.lon, point_lat: c.point!.lat, point_crs: 'gcj02' });
    expect((await kit.get('pd_ljz_01', c.id)).point).toEqual(c.point);
  });

  it('a phone position outside the bureau’s district is kept and said to lie outside its area', async () => {
    const c = await kit.register({ point: { lon: ZHUJIAJIAO[0], lat: ZHUJIAJIAO[1], crs: 'wgs84' } });
    expect(c.point).toEqual({
      lon: ZHUJIAJIAO[0],
      lat: ZHUJIAJIAO[1],
      withinCity: true,
      district: '青浦区',
      bureauDistrict: '浦东新区',
      inBureauArea: false,
      capturedCrs: 'wgs84',
    });
  });

  it('without a point the case has none', async () => {
    expect((await kit.register()).point).toBeNull();
  });

  it('a point outside the city is refused with 422 naming the field; nothing is written', async () => {
    const before = await ctx.deps.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await ctx.api('POST', '/api/v1/cases', {
      token: kit.tokens['pd_ljz_01']!,
      body: registerCaseBody(kit.officerId, { point: { lon: 116.4, lat: 39.9, crs: 'wgs84' } }),
    });
    expect(r.statusCode, r.body).toBe(422);
    const body = r.json() as { code: string; field: string; message: string; messageEn: string };
    expect(body).toMatchObject({ code: 'POINT_OUTSIDE_CITY', field: 'point' });
    expect(body.message).toContain('地点坐标不在本市范围内');
    expect(body.messageEn).toContain('outside the city');
    const after = await ctx.deps.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const range = await ctx.api('POST', '/api/v1/cases', {
      token: kit.tokens['pd_ljz_01']!,
      body: registerCaseBody(kit.officerId, { point: { lon: 121.5, lat: 95, crs: 'wgs84' } }),
    });
    expect(range.statusCode).toBe(400);
    expect((range.json() as { field: string }).field).toMatch(/point.*lat/);
  });

  it('a summary ticket stores its point too', async () => {
    const photo = await kit.upload('pd_ljz_01', `photo ${Math.random()}`);
    const body = summaryTicketBody(kit, photo, { point: { lon: LUJIAZUI[0], lat: LUJIAZUI[1], crs: 'wgs84' } });
    const r = await confirmedSummaryTicket(ctx, { officer: kit.tokens['pd_ljz_01']!, legal: kit.tokens['pd_legal']! }, body);
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as CaseDetail).point).toMatchObject({
      lon: LUJIAZUI[0],
      lat: LUJIAZUI[1],
      district: '浦东新区',
      capturedCrs: 'wgs84',
    });
  });
});
