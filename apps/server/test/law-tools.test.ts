import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarYear, DeadlineResult, DiscretionResult, LegalConfigOverview, Offence } from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
let admin: string;
let officer: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('admin');
  officer = await ctx.login('pd_ljz_01');
});
afterAll(async () => ctx?.close());

const offenceBody = (over: Record<string, unknown>) => ({
  name: '计算器测试案由',
  domain: 'city_appearance',
  violatedProvision: '《测试条例》第1条',
  penaltyProvision: '《测试条例》第2条',
  penaltyTypes: ['fine'],
  effectiveFrom: '2020-01-01',
  verification: 'U',
  source: 'test',
  ...over,
});
const circumstances = (over: Record<string, unknown> = {}) => ({
  actDate: '2026-02-01',
  decisionDate: '2026-02-20',
  firstViolation: false,
  correctedPromptly: false,
  harm: 'minor',
  ...over,
});
const calc = (body: Record<string, unknown>, token = officer) => ctx.api('POST', '/api/v1/law/discretion', { token, body });
const due = async (body: Record<string, unknown>) => {
  const r = await ctx.api('POST', '/api/v1/law/deadlines', { token: officer, body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as DeadlineResult;
};

describe('discretion calculator', () => {
  beforeAll(async () => {
    const r = await ctx.api('POST', '/api/v1/law/offences', {
      token: admin,
      body: offenceBody({ code: 'CALC-1', minFineFen: 5_000, maxFineFen: 100_000 }),
    });
    expect(r.statusCode).toBe(201);
  });

  it('B1: a natural person at 200 yuan may get the summary procedure, at 201 yuan not — every line cites rule and article', async () => {
    const at200 = await calc({
      offenceCode: 'CALC-1',
      party: { type: 'natural_person' },
      circumstances: circumstances({ proposedFineFen: 20_000 }),
    });
    expect(at200.statusCode, at200.body).toBe(200);
    const a = at200.json() as DiscretionResult;
    expect(a.summaryAllowed).toBe(true);
    expect(a.lines.find((l) => l.ruleId === 'B1')).toMatchObject({
      article: '行政处罚法 Art. 51',
      textZh: '符合当场作出行政处罚决定的条件',
    });
    for (const id of ['ART37', 'B1', 'D4', 'E1', 'E2']) expect(a.lines.map((l) => l.ruleId)).toContain(id);
    expect(a.lines.every((l) => l.ruleId && l.article && l.textZh && l.textEn)).toBe(true);
    expect(a.applicableVersion?.code).toBe('CALC-1');
    expect(a.configEffectiveFrom).toBe('2021-07-15');

    const b = (
      await calc({ offenceCode: 'CALC-1', party: { type: 'natural_person' }, circumstances: circumstances({ proposedFineFen: 20_100 }) })
    ).json() as DiscretionResult;
    expect(b.summaryAllowed).toBe(false);
    const b1 = b.lines.find((l) => l.ruleId === 'B1')!;
    expect(b1.article).toBe('行政处罚法 Art. 51; 民法典 Art. 1259');
    expect(b1.textZh).toContain('201');
    const org = (
      await calc({ offenceCode: 'CALC-1', party: { type: 'legal_person' }, circumstances: circumstances({ proposedFineFen: 20_100 }) })
    ).json() as DiscretionResult;
    expect(org.summaryAllowed).toBe(true);
  });

  it('Art. 37: a lighter version in force at the decision date applies', async () => {
    const v1 = await ctx.api('POST', '/api/v1/law/offences', {
      token: admin,
      body: offenceBody({ code: 'CALC-VER', minFineFen: 10_000, maxFineFen: 50_000, effectiveTo: '2025-12-31' }),
    });
    expect(v1.statusCode).toBe(201);
    const v2 = await ctx.api('POST', '/api/v1/law/offences', {
      token: admin,
      body: offenceBody({ code: 'CALC-VER', minFineFen: 5_000, maxFineFen: 20_000, effectiveFrom: '2026-01-01' }),
    });
    expect(v2.statusCode).toBe(201);
    const r = (
      await calc({ offenceId: v1.json().id, party: { type: 'natural_person' }, circumstances: circumstances({ actDate: '2025-06-01' }) })
    ).json() as DiscretionResult;
    expect(r.applicableVersion?.id).toBe((v2.json() as Offence).id);
    expect(r.range).toEqual({ minFen: 5_000, maxFen: 20_000 });
    expect(r.lines[0]).toMatchObject({ ruleId: 'ART37', article: '行政处罚法 Art. 37' });
    expect(r.lines[0]!.textZh).toContain('处罚较轻');
  });

  it('E8: a linked exemption-list item whose conditions hold means no penalty', async () => {
    const item = await ctx.api('POST', '/api/v1/law/exemption-items', {
      token: admin,
      body: {
        listName: '测试免罚清单',
        itemNo: 1,
        provision: '《测试条例》第1条',
        offenceCode: 'CALC-1',
        behaviour: '测试行为',
        conditionsText: '首次被发现，责令限期改正后及时改正的',
        conditions: ['first_discovery', 'corrected_promptly'],
        effectiveFrom: '2024-01-01',
        verification: 'U',
        source: 'test',
      },
    });
    expect(item.statusCode).toBe(201);
    const r = (
      await calc({
        offenceCode: 'CALC-1',
        party: { type: 'natural_person' },
        circumstances: circumstances({ firstViolation: true, correctedPromptly: true }),
      })
    ).json() as DiscretionResult;
    expect(r.outcome).toBe('must_not_punish');
    const e8 = r.lines.find((l) => l.ruleId === 'E8')!;
    expect(e8.article).toContain('测试免罚清单');
    const later = (
      await calc({
        offenceCode: 'CALC-1',
        party: { type: 'natural_person' },
        circumstances: circumstances({ firstViolation: false, correctedPromptly: true }),
      })
    ).json() as DiscretionResult;
    expect(later.outcome).toBe('penalty');
  });

  it('E9 and E10: a 15-year-old gets mandatory mitigation; a 「拒不改正的，处」 norm is flagged', async () => {
    const r = (
      await calc({ offenceCode: 'SH-LJ-57-2', party: { type: 'natural_person', birthDate: '2010-06-01' }, circumstances: circumstances() })
    ).json() as DiscretionResult;
    expect(r.ageAtAct).toBe(15);
    expect(r.lines.some((l) => l.ruleId === 'E9' && l.article === '行政处罚法 Art. 30')).toBe(true);
    expect(r.finesOnlyAfterRefusal).toBe(true);
    expect(r.lines.some((l) => l.ruleId === 'E10')).toBe(true);
  });

  it('bad input: impossible dates, a decision before the act, no offence, an offence without a range', async () => {
    const bad = await calc({
      offenceCode: 'CALC-1',
      party: { type: 'natural_person' },
      circumstances: circumstances({ actDate: '2025-02-29' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad)).toMatchObject({ code: 'INVALID_DATE', field: 'circumstances.actDate' });
    const order = await calc({
      offenceCode: 'CALC-1',
      party: { type: 'natural_person' },
      circumstances: circumstances({ decisionDate: '2026-01-01' }),
    });
    expect(order.statusCode).toBe(400);
    expect(errorBody(order).field).toBe('decisionDate');
    const none = await calc({ party: { type: 'natural_person' }, circumstances: circumstances() });
    expect(errorBody(none).field).toBe('offenceId');
    expect((await calc({ offenceCode: 'NOPE', party: { type: 'natural_person' }, circumstances: circumstances() })).statusCode).toBe(404);
    const noRange = await calc({ offenceCode: 'SH-SR-28-1-6', party: { type: 'natural_person' }, circumstances: circumstances() });
    expect(noRange.statusCode).toBe(422);
    expect(errorBody(noRange).field).toBe('offenceCode');
    const outside = await calc({
      offenceCode: 'CALC-1',
      party: { type: 'natural_person' },
      circumstances: circumstances({ proposedFineFen: 200_000 }),
    });
    expect(errorBody(outside)).toMatchObject({ code: 'FINE_OUTSIDE_RANGE', field: 'circumstances.proposedFineFen' });
    // The refusal reads as a Chinese sentence in 元 with the statute in the Chinese form (docs/ui-text.md).
    expect(errorBody(outside).message).toMatch(
      /^拟处罚款 2,000\.00 元不在本案适用的裁量幅度 [\d,]+\.00 元至 [\d,]+\.00 元之内，请在该幅度内重新填写拟处罚款（依据《中华人民共和国行政处罚法》第三十四条）$/,
    );
    expect(errorBody(outside).message).not.toMatch(/fen|ART34|circumstances/);
  });
});

describe('deadline engine', () => {
  it('working days across the 2025 National Day week count the 调休 days (D5, F1)', async () => {
    // 2025-10-01…08 holiday; Sunday 09-28 and Saturday 10-11 are working days.
    expect((await due({ kind: 'D5', start: '2025-09-30' })).due).toBe('2025-10-14');
    const f1 = await due({ kind: 'F1', start: '2025-09-26' });
    expect(f1.due).toBe('2025-10-13');
    expect(f1.basis.ruleId).toBe('F1');
    expect(f1.basis.articles).toEqual(expect.arrayContaining(['行政处罚法 Art. 61', '行政处罚法 Art. 85']));
    expect((await due({ kind: 'period', start: '2025-09-30', period: { unit: 'working_day', n: 1 } })).due).toBe('2025-10-09');
  });

  it('calendar periods: a last day in a holiday moves (G1), month-end rule, 2024 National Day', async () => {
    const g1 = await due({ kind: 'G1', start: '2025-09-20' });
    expect(g1.due).toBe('2025-10-09');
    expect(g1.basis.articles).toEqual(expect.arrayContaining(['行政处罚法 Art. 67', '民法典 Art. 203']));
    expect((await due({ kind: 'period', start: '2025-01-31', period: { unit: 'month', n: 1 } })).due).toBe('2025-02-28');
    expect((await due({ kind: 'D2', start: '2024-09-27' })).due).toBe('2024-10-08');
  });

  it('G2 surcharge with a paused review interval, G3 window, C4 limitation', async () => {
    const g2 = await due({ kind: 'G2', start: '2025-01-10', fineFen: 100_000, asOf: '2025-02-01' });
    expect(g2.surcharge).toMatchObject({ overdueDays: 22, surchargeFen: 66_000, capped: false });
    expect(g2.due).toBe('2025-02-13');
    const paused = await due({
      kind: 'G2',
      start: '2025-01-10',
      fineFen: 100_000,
      asOf: '2025-03-01',
      pausedIntervals: [{ from: '2025-01-20', to: '2025-01-29' }],
    });
    expect(paused.surcharge).toMatchObject({ pausedDays: 10, surchargeFen: 100_000, capped: true });
    expect(paused.due).toBe('2025-02-23');
    const g3 = await due({ kind: 'G3', start: '2025-03-03', reminderServedOn: '2025-09-01', today: '2025-10-01' });
    expect(g3.courtEnforcement?.litigationDeadline).toBe('2025-09-03');
    expect(g3.courtEnforcement?.reminderWaitEnds).toBe('2025-09-15');
    expect(g3.courtEnforcement?.canApplyToday).toBe(true);
    const c4 = await due({ kind: 'C4', start: '2023-05-01', continuingUntil: '2024-01-10', discoveredOn: '2026-01-11' });
    expect(c4).toMatchObject({ due: '2026-01-10', limitationExpired: true });
  });

  it('bad input names the field', async () => {
    const r = await ctx.api('POST', '/api/v1/law/deadlines', { token: officer, body: { kind: 'G2', start: '2025-01-10' } });
    expect(errorBody(r).field).toBe('fineFen');
    const d = await ctx.api('POST', '/api/v1/law/deadlines', { token: officer, body: { kind: 'D5', start: '2025-02-29' } });
    expect(errorBody(d)).toMatchObject({ code: 'INVALID_DATE', field: 'start' });
    const k = await ctx.api('POST', '/api/v1/law/deadlines', { token: officer, body: { kind: 'Z9', start: '2025-01-10' } });
    expect(errorBody(k).field).toBe('kind');
    const p = await ctx.api('POST', '/api/v1/law/deadlines', { token: officer, body: { kind: 'period', start: '2025-01-10' } });
    expect(errorBody(p).field).toBe('period');
  });
});

describe('working-day calendar', () => {
  it('shows a year with its source, and warns when next year has no data', async () => {
    const y = (await ctx.api('GET', '/api/v1/law/calendar?year=2025', { token: officer })).json() as CalendarYear;
    expect(y.days).toHaveLength(365);
    const day = (d: string) => y.days.find((x) => x.date === d)!;
    expect(day('2025-10-08')).toMatchObject({ kind: 'holiday', source: 'package', label: '法定节假日' });
    expect(day('2025-10-11')).toMatchObject({ kind: 'workday', label: '调休工作日', weekday: 6 });
    expect(y.warnings.map((w) => w.year)).toEqual([2027]);
    const far = (await ctx.api('GET', '/api/v1/law/calendar?year=2099', { token: officer })).json() as CalendarYear;
    expect(far.covered).toBe(false);
    expect(far.warnings[0]?.year).toBe(2099);
  });

  it('an override changes a deadline; removing it restores the package day; admin only, audited', async () => {
    const body = { kind: 'holiday', note: '测试：临时调整' };
    expect((await ctx.api('PUT', '/api/v1/law/calendar/overrides/2025-10-14', { token: officer, body })).statusCode).toBe(403);
    expect(
      (await ctx.api('PUT', '/api/v1/law/calendar/overrides/2025-10-14', { token: await ctx.login('pd_admin'), body })).statusCode,
    ).toBe(403);
    const bad = await ctx.api('PUT', '/api/v1/law/calendar/overrides/2025-02-30', { token: admin, body });
    expect(errorBody(bad)).toMatchObject({ code: 'INVALID_DATE', field: 'date' });
    const put = await ctx.api('PUT', '/api/v1/law/calendar/overrides/2025-10-14', { token: admin, body });
    expect(put.statusCode).toBe(200);
    expect((await due({ kind: 'D5', start: '2025-09-30' })).due).toBe('2025-10-15');
    const y = (await ctx.api('GET', '/api/v1/law/calendar?year=2025', { token: officer })).json() as CalendarYear;
    expect(y.days.find((d) => d.date === '2025-10-14')).toMatchObject({ kind: 'holiday', source: 'override', note: '测试：临时调整' });
    expect((await ctx.api('DELETE', '/api/v1/law/calendar/overrides/2025-10-14', { token: admin })).statusCode).toBe(204);
    expect((await due({ kind: 'D5', start: '2025-09-30' })).due).toBe('2025-10-14');
    expect((await ctx.api('DELETE', '/api/v1/law/calendar/overrides/2025-10-14', { token: admin })).statusCode).toBe(404);
    const audit = (await ctx.api('GET', '/api/v1/audit?entityId=2025-10-14', { token: admin })).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual([
      'law.calendar_override.delete',
      'law.calendar_override.set',
    ]);
  });
});

describe('legal configuration', () => {
  it('lists SHANGHAI_DEFAULTS with every value’s source and mark', async () => {
    const c = (await ctx.api('GET', '/api/v1/law/config', { token: officer })).json() as LegalConfigOverview;
    expect(c.current.effectiveFrom).toBe('2021-07-15');
    const entry = (key: string) => c.current.entries.find((e) => e.key === key)!;
    expect(entry('publicNoticeServiceDays')).toMatchObject({ value: 60, mark: 'V' });
    expect(entry('statementPeriodWorkingDays')).toMatchObject({ value: 3, mark: 'U' });
    expect(entry('hearingThresholdFen').value).toEqual({ natural_person: 500_000, legal_person: 5_000_000, other_org: 5_000_000 });
  });

  it('a new version applies from its effective date: deadlines and the calculator follow it', async () => {
    const body = {
      effectiveFrom: '2026-06-01',
      note: '测试：陈述申辩期限调整',
      values: {
        statementPeriodWorkingDays: 5,
        hearingThresholdFen: { natural_person: 50_000, legal_person: 5_000_000, other_org: 5_000_000 },
      },
    };
    expect((await ctx.api('POST', '/api/v1/law/config', { token: await ctx.login('sh_legal'), body })).statusCode).toBe(403);
    const r = await ctx.api('POST', '/api/v1/law/config', { token: admin, body });
    expect(r.statusCode, r.body).toBe(201);
    expect((await ctx.api('POST', '/api/v1/law/config', { token: admin, body })).statusCode).toBe(409);
    const before = (await ctx.api('GET', '/api/v1/law/config?on=2026-05-31', { token: officer })).json() as LegalConfigOverview;
    const after = (await ctx.api('GET', '/api/v1/law/config?on=2026-06-01', { token: officer })).json() as LegalConfigOverview;
    expect(before.current.values.statementPeriodWorkingDays).toBe(3);
    expect(before.current.effectiveTo).toBe('2026-05-31');
    expect(after.current.values.statementPeriodWorkingDays).toBe(5);
    expect(after.current.entries.find((e) => e.key === 'statementPeriodWorkingDays')).toMatchObject({ mark: 'U' });
    expect(after.current.entries.find((e) => e.key === 'publicNoticeServiceDays')).toMatchObject({ mark: 'V' });
    // D2 from Monday 2026-06-08: 5 working days → Monday 06-15 (3 before the version: 2026-05-11 → 05-14).
    expect((await due({ kind: 'D2', start: '2026-06-08' })).due).toBe('2026-06-15');
    expect((await due({ kind: 'D2', start: '2026-05-11' })).due).toBe('2026-05-14');
    await ctx.api('POST', '/api/v1/law/offences', {
      token: admin,
      body: offenceBody({ code: 'CALC-CFG', minFineFen: 5_000, maxFineFen: 100_000 }),
    });
    const at = (decisionDate: string) =>
      calc({
        offenceCode: 'CALC-CFG',
        party: { type: 'natural_person' },
        circumstances: circumstances({ actDate: '2026-05-01', decisionDate, proposedFineFen: 60_000 }),
      });
    const old = (await at('2026-05-20')).json() as DiscretionResult;
    const neu = (await at('2026-06-02')).json() as DiscretionResult;
    expect([old.hearingRightRequired, old.configEffectiveFrom]).toEqual([false, '2021-07-15']);
    expect([neu.hearingRightRequired, neu.configEffectiveFrom]).toEqual([true, '2026-06-01']);
  });

  it('bad input: a past date, no change, a malformed value', async () => {
    const past = await ctx.api('POST', '/api/v1/law/config', {
      token: admin,
      body: { effectiveFrom: '2025-01-01', note: 'x', values: { filingWorkingDays: 5 } },
    });
    expect(errorBody(past).field).toBe('effectiveFrom');
    const none = await ctx.api('POST', '/api/v1/law/config', {
      token: admin,
      body: { effectiveFrom: '2026-09-01', note: 'x', values: {} },
    });
    expect(errorBody(none).field).toBe('values');
    const bad = await ctx.api('POST', '/api/v1/law/config', {
      token: admin,
      body: { effectiveFrom: '2026-09-01', note: 'x', values: { filingWorkingDays: 0 } },
    });
    expect(errorBody(bad).field).toBe('values.filingWorkingDays');
  });
});
