import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { DiscretionStandard, LawSearchResult, Offence, Provision } from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
let admin: string;
let cityLegal: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('admin');
  cityLegal = await ctx.login('sh_legal');
});
afterAll(async () => ctx?.close());

const offence = (over: Record<string, unknown> = {}) => ({
  code: 'T-LIB-1',
  name: '测试案由',
  domain: 'city_appearance',
  violatedProvision: '《测试条例》第1条',
  penaltyProvision: '《测试条例》第2条',
  penaltyTypes: ['fine'],
  minFineFen: 10_000,
  maxFineFen: 100_000,
  effectiveFrom: '2020-01-01',
  verification: 'U',
  source: 'test',
  ...over,
});

describe('starter content', () => {
  it('holds the quoted provisions and offences, each with its source and mark', async () => {
    const art51 = (
      await ctx.api('GET', `/api/v1/law/provisions?lawTitle=${encodeURIComponent('行政处罚法')}&pageSize=100`, { token: admin })
    ).json();
    const items = art51.items as Provision[];
    expect(items.map((p) => p.article)).toEqual(expect.arrayContaining([9, 29, 33, 36, 42, 51, 58, 63, 64, 67, 72, 73, 85]));
    const p51 = items.find((p) => p.article === 51)!;
    expect(p51.text).toContain('对公民处以二百元以下');
    expect(p51.verification).toBe('V');
    expect(p51.source).toContain('规则汇编 1.3.1');
    const waste = (await ctx.api('GET', '/api/v1/law/offences?code=SH-LJ-57-2', { token: admin })).json().items[0] as Offence;
    expect([waste.minFineFen, waste.maxFineFen, waste.verification, waste.finesOnlyAfterRefusal]).toEqual([5_000, 20_000, 'V', true]);
    const unit = (await ctx.api('GET', '/api/v1/law/offences?code=SH-LJ-57-1', { token: admin })).json().items[0] as Offence;
    expect([unit.minFineFen, unit.maxFineFen]).toEqual([500_000, 5_000_000]);
    const tiers = (await ctx.api('GET', '/api/v1/law/discretion-standards?offenceCode=SH-LJ-57-2', { token: admin })).json()
      .items as DiscretionStandard[];
    expect(tiers.length).toBeGreaterThan(0);
    expect(tiers.every((t) => t.verification === 'U' && t.note)).toBe(true);
    const unverified = (await ctx.api('GET', '/api/v1/law/offences?verification=U', { token: admin })).json().items as Offence[];
    expect(unverified.map((o) => o.code)).toEqual(['SH-SR-28-1-6']);
    const items14 = (await ctx.api('GET', '/api/v1/law/exemption-items?pageSize=50', { token: admin })).json();
    expect(items14.items.map((e: { itemNo: number; verification: string }) => `${e.itemNo}${e.verification}`)).toEqual([
      '1P',
      '2P',
      '3P',
      '4P',
    ]);
  });
});

describe('permissions and jurisdiction', () => {
  it('lets a field officer read, search and export but not write (403)', async () => {
    const officer = await ctx.login('pd_ljz_01');
    expect((await ctx.api('GET', '/api/v1/law/offences', { token: officer })).statusCode).toBe(200);
    expect((await ctx.api('GET', '/api/v1/law/search?q=垃圾', { token: officer })).statusCode).toBe(200);
    expect((await ctx.api('GET', '/api/v1/law/offences/export.xlsx', { token: officer })).statusCode).toBe(200);
    const r = await ctx.api('POST', '/api/v1/law/offences', { token: officer, body: offence() });
    expect(r.statusCode).toBe(403);
    expect(errorBody(r).code).toBe('FORBIDDEN');
    const first = (await ctx.api('GET', '/api/v1/law/provisions?pageSize=1', { token: admin })).json().items[0] as Provision;
    expect((await ctx.api('PATCH', `/api/v1/law/provisions/${first.id}`, { token: officer, body: { note: 'x' } })).statusCode).toBe(403);
    expect((await ctx.api('DELETE', `/api/v1/law/provisions/${first.id}`, { token: officer })).statusCode).toBe(403);
  });

  it('keeps the city-wide library with the city bureau: a district legal reviewer may not change it', async () => {
    const pdLegal = await ctx.login('pd_legal');
    const r = await ctx.api('POST', '/api/v1/law/offences', { token: pdLegal, body: offence({ code: 'T-PD' }) });
    expect(r.statusCode).toBe(403);
    expect(errorBody(r).message).toContain('市局');
    const ok = await ctx.api('POST', '/api/v1/law/offences', { token: cityLegal, body: offence({ code: 'T-SH' }) });
    expect(ok.statusCode).toBe(201);
  });

  it('answers 404 for an entry that does not exist', async () => {
    const r = await ctx.api('GET', '/api/v1/law/offences/019cac46-1500-7000-8000-000000000000', { token: admin });
    expect(r.statusCode).toBe(404);
  });
});

describe('CRUD with audit', () => {
  it('creates, reads, changes, lists and deletes an offence, each write audited', async () => {
    const created = await ctx.api('POST', '/api/v1/law/offences', { token: cityLegal, body: offence({ keywords: ['测试', '样例'] }) });
    expect(created.statusCode).toBe(201);
    const o = created.json() as Offence;
    expect((await ctx.api('GET', `/api/v1/law/offences/${o.id}`, { token: admin })).json().name).toBe('测试案由');
    const patched = await ctx.api('PATCH', `/api/v1/law/offences/${o.id}`, {
      token: cityLegal,
      body: { name: '测试案由（改）', offsiteEligible: true },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: '测试案由（改）', offsiteEligible: true, keywords: ['测试', '样例'] });
    const list = (
      await ctx.api('GET', '/api/v1/law/offences?offsiteEligible=true&domain=city_appearance&inForceOn=2024-05-01', { token: admin })
    ).json();
    expect(list.items.map((x: Offence) => x.code)).toContain('T-LIB-1');
    const q = (await ctx.api('GET', `/api/v1/law/offences?q=${encodeURIComponent('样例')}`, { token: admin })).json();
    expect(q.total).toBe(1);
    expect((await ctx.api('GET', '/api/v1/law/offences?inForceOn=2019-12-31&code=T-LIB-1', { token: admin })).json().total).toBe(0);
    expect((await ctx.api('DELETE', `/api/v1/law/offences/${o.id}`, { token: cityLegal })).statusCode).toBe(204);
    expect((await ctx.api('GET', `/api/v1/law/offences/${o.id}`, { token: admin })).statusCode).toBe(404);
    const audit = (await ctx.api('GET', `/api/v1/audit?entityId=${o.id}`, { token: admin })).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual([
      'law.offence.create',
      'law.offence.delete',
      'law.offence.update',
    ]);
  });

  it('refuses to delete a provision an offence cites', async () => {
    const waste = (await ctx.api('GET', '/api/v1/law/offences?code=SH-LJ-57-2', { token: admin })).json().items[0] as Offence;
    const r = await ctx.api('DELETE', `/api/v1/law/provisions/${waste.penaltyProvisionId}`, { token: admin });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('id');
  });
});

describe('bad input names the field and the rule (zh + en)', () => {
  it('a date that does not exist', async () => {
    const r = await ctx.api('POST', '/api/v1/law/offences', {
      token: admin,
      body: offence({ code: 'T-BAD-1', effectiveFrom: '2025-02-29' }),
    });
    expect(r.statusCode).toBe(400);
    const b = errorBody(r);
    expect([b.code, b.field]).toEqual(['INVALID_DATE', 'effectiveFrom']);
    expect(b.message).toContain('2025-02-29');
    expect(b.messageEn).toContain('not an existing date');
  });

  it('an end or repeal date before the effective date', async () => {
    const r = await ctx.api('POST', '/api/v1/law/offences', {
      token: admin,
      body: offence({ code: 'T-BAD-2', effectiveTo: '2019-12-31' }),
    });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r)).toMatchObject({ code: 'VERSION_DATES_INVALID', field: 'effectiveTo' });
    const p = await ctx.api('POST', '/api/v1/law/provisions', {
      token: admin,
      body: {
        lawTitle: '测试法',
        level: 'law',
        article: 1,
        text: '测试',
        effectiveFrom: '2021-07-15',
        repealedOn: '2021-07-01',
        verification: 'U',
        source: 'test',
      },
    });
    expect(p.statusCode).toBe(400);
    expect(errorBody(p)).toMatchObject({ code: 'VERSION_DATES_INVALID', field: 'repealedOn' });
    expect(errorBody(p).messageEn).toContain('repeal date');
  });

  it('overlapping versions of the same offence, fixed by ending the first version', async () => {
    const v1 = await ctx.api('POST', '/api/v1/law/offences', { token: admin, body: offence({ code: 'T-VER' }) });
    expect(v1.statusCode).toBe(201);
    const v2 = await ctx.api('POST', '/api/v1/law/offences', {
      token: admin,
      body: offence({ code: 'T-VER', effectiveFrom: '2024-01-01' }),
    });
    expect(v2.statusCode).toBe(400);
    const b = errorBody(v2);
    expect([b.code, b.field]).toEqual(['VERSIONS_OVERLAP', 'effectiveFrom']);
    expect(b.message).toContain('重叠');
    expect((b as { rule?: string }).rule).toBe('ART37');
    const ended = await ctx.api('PATCH', `/api/v1/law/offences/${v1.json().id}`, { token: admin, body: { effectiveTo: '2023-12-31' } });
    expect(ended.statusCode).toBe(200);
    expect(
      (await ctx.api('POST', '/api/v1/law/offences', { token: admin, body: offence({ code: 'T-VER', effectiveFrom: '2024-01-01' }) }))
        .statusCode,
    ).toBe(201);
    const versions = (await ctx.api('GET', '/api/v1/law/offences?code=T-VER', { token: admin })).json();
    expect(versions.total).toBe(2);
  });

  it('a fine range upside down, and a range without the penalty type', async () => {
    const r = await ctx.api('POST', '/api/v1/law/offences', {
      token: admin,
      body: offence({ code: 'T-BAD-3', minFineFen: 50_000, maxFineFen: 10_000 }),
    });
    expect(errorBody(r).field).toBe('maxFineFen');
    const t = await ctx.api('POST', '/api/v1/law/offences', {
      token: admin,
      body: offence({ code: 'T-BAD-4', penaltyTypes: ['warning'] }),
    });
    expect(errorBody(t).field).toBe('penaltyTypes');
  });

  it('a tier outside the statutory range (处罚法 Art. 34), and a range change that would strand tiers', async () => {
    const o = (await ctx.api('POST', '/api/v1/law/offences', { token: admin, body: offence({ code: 'T-TIER' }) })).json() as Offence;
    const tier = { offenceId: o.id, level: 'heavier', label: '从重', minFen: 80_000, maxFen: 120_000, verification: 'U', source: 'test' };
    const r = await ctx.api('POST', '/api/v1/law/discretion-standards', { token: admin, body: tier });
    expect(r.statusCode).toBe(400);
    const b = errorBody(r);
    expect([b.code, b.field]).toEqual(['TIER_OUTSIDE_STATUTORY_RANGE', 'maxFen']);
    expect(b.message).toContain('超出法定幅度');
    expect(b.messageEn).toContain('outside the statutory range');
    const reduced = await ctx.api('POST', '/api/v1/law/discretion-standards', {
      token: admin,
      body: { ...tier, level: 'reduced', minFen: 0, maxFen: 20_000 },
    });
    expect(errorBody(reduced).code).toBe('TIER_OUTSIDE_STATUTORY_RANGE');
    const ok = await ctx.api('POST', '/api/v1/law/discretion-standards', {
      token: admin,
      body: { ...tier, maxFen: 100_000, conditions: { aggravatingFactorsAny: ['多次'] } },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ offenceCode: 'T-TIER', conditions: { aggravatingFactorsAny: ['多次'] } });
    const narrowed = await ctx.api('PATCH', `/api/v1/law/offences/${o.id}`, { token: admin, body: { maxFineFen: 90_000 } });
    expect(narrowed.statusCode).toBe(400);
    expect(errorBody(narrowed)).toMatchObject({ code: 'TIER_OUTSIDE_STATUTORY_RANGE', field: 'minFineFen' });
  });

  it('a schema violation names the field', async () => {
    const r = await ctx.api('POST', '/api/v1/law/offences', { token: admin, body: offence({ code: 'T-BAD-5', domain: 'space' }) });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('domain');
    const v = await ctx.api('POST', '/api/v1/law/offences', { token: admin, body: offence({ code: 'T-BAD-6', verification: 'X' }) });
    expect(errorBody(v).field).toBe('verification');
  });
});

describe('search', () => {
  it('finds the 占道洗车 exemption item and offence by words of the behaviour, with basis and guidance', async () => {
    const r = await ctx.api('GET', `/api/v1/law/search?q=${encodeURIComponent('占道 洗车')}`, { token: await ctx.login('pd_ljz_01') });
    expect(r.statusCode).toBe(200);
    const res = r.json() as LawSearchResult;
    expect(res.terms).toEqual(['占道', '洗车']);
    const item = res.hits.find((h) => h.kind === 'exemption_item');
    expect(item?.exemptionItem).toMatchObject({ itemNo: 4, behaviour: '占用道路、广场从事经营性车辆清洗', verification: 'P' });
    const off = res.hits.find((h) => h.kind === 'offence');
    expect(off?.offence?.code).toBe('SH-SR-28-1-6');
    expect(off?.exemptions.map((e) => e.itemNo)).toEqual([4]);
    expect(off?.guidance[0]?.title).toContain('占道洗车');
    expect(off?.guidance[0]?.verification).toBe('U');
  });

  it('requires every term, and returns the legal basis of the offence', async () => {
    const waste = (
      await ctx.api('GET', `/api/v1/law/search?q=${encodeURIComponent('生活垃圾 混投')}`, { token: admin })
    ).json() as LawSearchResult;
    const hit = waste.hits.find((h) => h.offence?.code === 'SH-LJ-57-2');
    expect(hit?.legalBasis[0]?.citation).toBe('《上海市生活垃圾管理条例》第57条第2款');
    const none = (
      await ctx.api('GET', `/api/v1/law/search?q=${encodeURIComponent('占道 火星')}`, { token: admin })
    ).json() as LawSearchResult;
    expect(none.hits).toEqual([]);
    expect(errorBody(await ctx.api('GET', '/api/v1/law/search?q=', { token: admin })).field).toBe('q');
  });
});

describe('list export', () => {
  it('exports the filtered list in the import layout', async () => {
    const r = await ctx.api('GET', '/api/v1/law/offences/export.xlsx?verification=V', { token: admin });
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('案由编码');
    const total = (await ctx.api('GET', '/api/v1/law/offences?verification=V', { token: admin })).json().total;
    expect(ws.rowCount - 1).toBe(total);
  });
});
