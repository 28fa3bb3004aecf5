// 执法监督 and 考核 through the API (docs/supervision.md): the automated case-file check (B5) written by the 案件审核 step
// and run on demand, with its findings cited; a sampling plan whose draw anyone can recompute from the revealed seed, a
// sample larger than its population refused; scoring on the sheet (a score outside it refused), findings corrected by
// the squad and accepted; recordings and the steps that lack one; 两单两书 numbered and answered (Idempotency-Key);
// 督办 with its clock; complaints about officers; 考核 explained line by line and never by fines (B7); and the forbidden
// paths — another district, a role that may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseChecks,
  CaseFileCheck,
  Finding,
  MajorCase,
  OfficerComplaint,
  PageOf,
  ProportionalityAlert,
  Recording,
  RecordingCoverage,
  ReviewSheet,
  SampleDetail,
  SamplingPlan,
  ScoreCard,
  ScoreConfig,
  ScoreItemPage,
  SupervisionHome,
  SupervisionNotice,
  CaseDetail,
} from '@chengguan/contracts';
import { drawSample } from '@chengguan/domain';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { pdfText } from './pdf-text.ts';
import { caseKit, decidedCase, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
let decided: CaseDetail;
const EXTRA = ['pd_super', 'qp_super', 'sh_super'] as const;
const P = '/api/v1/supervision';

const call = (user: string, method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
  ctx.api(method, url, { token: kit.tokens[user]!, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  for (const u of EXTRA) kit.tokens[u] = await ctx.login(u);
  decided = await decidedCase(kit);
}, 300_000);
afterAll(async () => {
  await ctx?.close();
});

describe('B5 automated case-file check', () => {
  it('the 案件审核 step checks the file before 法制审核; on demand the unserved decision is found with its citation', async () => {
    const seen = await ok<CaseChecks>(call('pd_legal', 'GET', `${P}/cases/${decided.id}/checks`));
    expect(seen.history.map((c) => c.trigger)).toEqual(['before_legal_review']);
    const first = seen.latest!;
    expect(first.maxScore).toBeGreaterThan(0);
    expect(first.items.find((i) => i.item === 'team')).toMatchObject({ applies: true, passed: true });
    expect(first.items.find((i) => i.item === 'discretion')).toMatchObject({ applies: true });

    // Decided 2026-01-20 and never served: 处罚法 Art. 61 (F1) is found, cited in the Chinese form, and costs its points.
    const now = await ok<CaseFileCheck>(call('pd_super', 'POST', `${P}/cases/${decided.id}/checks`));
    expect(now.trigger).toBe('on_demand');
    const f1 = now.findings.find((f) => f.ruleId === 'F1')!;
    expect(f1.citation).toBe('《中华人民共和国行政处罚法》第六十一条');
    expect(f1.messageZh).toContain('未送达');
    expect(now.score).toBe(now.maxScore - now.items.filter((i) => !i.passed).reduce((n, i) => n + i.points, 0));
    expect(now.items.find((i) => i.item === 'service')).toMatchObject({ passed: false, lost: 10 });

    // Another district's supervisor does not see the case; a field officer may not run the check.
    expect((await call('qp_super', 'GET', `${P}/cases/${decided.id}/checks`)).statusCode).toBe(404);
    expect((await call('qp_super', 'POST', `${P}/cases/${decided.id}/checks`)).statusCode).toBe(404);
    expect((await call('pd_ljz_01', 'POST', `${P}/cases/${decided.id}/checks`)).statusCode).toBe(403);
  });
});

describe('案卷评查', () => {
  let plan: SamplingPlan;
  it('a plan commits to its seed; the draw reveals it and anyone can recompute the sample; too large a sample is refused', async () => {
    await kit.register({ date: '2026-02-10', discoveredOn: '2026-02-10', act: { actDate: '2026-02-09' } });
    await kit.register({ date: '2026-02-11', discoveredOn: '2026-02-11', act: { actDate: '2026-02-10' } });
    const pd = kit.orgId('pd');
    const base = {
      kind: 'case_file',
      orgId: pd,
      name: '2026年一季度案卷评查',
      periodFrom: '2026-01-01',
      periodTo: '2026-03-31',
      dueOn: '2026-03-31',
    };
    const tooMany = await call('pd_super', 'POST', `${P}/plans`, { ...base, defaultBasisPoints: 0, sampleSize: 999 });
    expect(tooMany.statusCode, tooMany.body).toBe(422);
    expect(errorBody(tooMany)).toMatchObject({ field: 'sampleSize' });
    expect(errorBody(tooMany).message).toContain('大于可抽查总数');
    expect(errorBody(tooMany).messageEn).toContain('larger than its population');

    expect((await call('pd_ljz_leader', 'POST', `${P}/plans`, { ...base, defaultBasisPoints: 10_000 })).statusCode).toBe(403);
    expect((await call('qp_super', 'POST', `${P}/plans`, { ...base, defaultBasisPoints: 10_000 })).statusCode).toBe(404);

    plan = await ok<SamplingPlan>(
      call('pd_super', 'POST', `${P}/plans`, {
        ...base,
        defaultBasisPoints: 1_710,
        rates: [{ squadId: kit.orgId('pd-ljz'), caseType: 'ordinary', basisPoints: 10_000 }],
      }),
      201,
    );
    expect(plan.status).toBe('committed');
    expect(plan.seedHex).toBeNull();
    expect(plan.commitment).toMatch(/^[0-9a-f]{64}$/);
    plan = await ok<SamplingPlan>(call('pd_super', 'POST', `${P}/plans/${plan.id}/draw`));
    expect(plan.status).toBe('drawn');
    expect(plan.population).toBe(3);
    expect(plan.drawn).toBe(3);
    expect(plan.strata).toEqual([
      expect.objectContaining({ squadName: expect.any(String), caseType: 'ordinary', population: 3, basisPoints: 10_000, drawn: 3 }),
    ]);
    // Recomputed from the revealed seed and the population (the same draw as 双随机).
    const population = await ctx.deps.db
      .selectFrom('cases')
      .select(['id', 'org_id', 'procedure'])
      .where('registered_on', '>=', '2026-01-01')
      .execute();
    const again = drawSample({
      seedHex: plan.seedHex!,
      population: population.map((c) => ({ id: c.id, stratum: `${c.org_id}|${c.procedure}` })),
      defaultBasisPoints: 1_710,
      rates: [{ stratum: `${kit.orgId('pd-ljz')}|ordinary`, basisPoints: 10_000 }],
    });
    const samples = await ok<PageOf<SampleDetail['sample']>>(call('pd_super', 'GET', `${P}/samples?planId=${plan.id}&pageSize=50`));
    expect(samples.items.map((s) => s.caseId)).toEqual(again.ids);
    expect((await call('pd_super', 'POST', `${P}/plans/${plan.id}/draw`)).statusCode).toBe(409);
    expect((await call('qp_super', 'GET', `${P}/plans/${plan.id}`)).statusCode).toBe(404);
    const xlsx = await call('pd_super', 'GET', `${P}/samples/export.xlsx?planId=${plan.id}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('a reviewer scores a file on the sheet (a score outside it refused), sends a finding back, the squad corrects it', async () => {
    const samples = await ok<PageOf<SampleDetail['sample']>>(call('pd_super', 'GET', `${P}/samples?planId=${plan.id}`));
    const sample = samples.items.find((s) => s.caseId === decided.id)!;
    const detail = await ok<SampleDetail>(call('pd_super', 'GET', `${P}/samples/${sample.id}`));
    expect(detail.check?.caseId).toBe(decided.id);
    const sheet = detail.sheet!;
    const full = sheet.items.map((i) => ({ code: i.code, points: i.maxPoints }));
    const over = await call('pd_super', 'POST', `${P}/samples/${sample.id}/score`, {
      date: '2026-03-02',
      scores: full.map((s, i) => (i === 0 ? { ...s, points: s.points + 1 } : s)),
    });
    expect(over.statusCode).toBe(400);
    expect(errorBody(over)).toMatchObject({ field: 'scores.0.points' });
    const unknown = await call('pd_super', 'POST', `${P}/samples/${sample.id}/score`, {
      date: '2026-03-02',
      scores: [...full, { code: 'bogus', points: 1 }],
    });
    expect(errorBody(unknown)).toMatchObject({ field: `scores.${full.length}.code` });
    const partial = await call('pd_super', 'POST', `${P}/samples/${sample.id}/score`, { date: '2026-03-02', scores: full.slice(1) });
    expect(errorBody(partial).message).toContain(sheet.items[0]!.labelZh);
    expect((await call('pd_ljz_01', 'POST', `${P}/samples/${sample.id}/score`, { date: '2026-03-02', scores: full })).statusCode).toBe(403);

    const scored = await ok<SampleDetail>(
      call('pd_super', 'POST', `${P}/samples/${sample.id}/score`, {
        date: '2026-03-02',
        scores: full.map((s) => (s.code === 'procedure' ? { ...s, points: 15, note: '决定书未送达' } : s)),
        findings: [{ description: '处罚决定书未在七日内送达', rule: 'F1 行政处罚法第六十一条', dueOn: '2026-03-16' }],
      }),
    );
    expect(scored.sample).toMatchObject({ status: 'reviewed', total: sheet.maxTotal - 10, maxTotal: sheet.maxTotal });
    const open = await ok<PageOf<Finding>>(call('pd_ljz_leader', 'GET', `${P}/findings?status=open`));
    const finding = open.items.find((f) => f.caseId === decided.id)!;
    expect(finding).toMatchObject({ source: 'review', dueOn: '2026-03-16', overdue: false, officerName: expect.any(String) });
    expect(
      (await call('qp_zjj_leader', 'POST', `${P}/findings/${finding.id}/correct`, { date: '2026-03-02', correction: 'x' })).statusCode,
    ).toBe(404);
    const corrected = await ok<Finding>(
      call('pd_ljz_leader', 'POST', `${P}/findings/${finding.id}/correct`, { date: '2026-03-02', correction: '已补充送达并归档送达回证' }),
    );
    expect(corrected.status).toBe('corrected');
    expect(
      (await call('pd_ljz_leader', 'POST', `${P}/findings/${finding.id}/accept`, { date: '2026-03-02', accepted: true })).statusCode,
    ).toBe(403);
    expect(
      (await ok<Finding>(call('pd_super', 'POST', `${P}/findings/${finding.id}/accept`, { date: '2026-03-02', accepted: true }))).status,
    ).toBe('accepted');

    const results = await ok<{ squads: { name: string; reviewed: number; averagePercent: number }[] }>(
      call('pd_super', 'GET', `${P}/review-results?planId=${plan.id}`),
    );
    expect(results.squads[0]).toMatchObject({
      reviewed: 1,
      averagePercent: Math.round(((sheet.maxTotal - 10) / sheet.maxTotal) * 1000) / 10,
    });
    const bulletin = await call('pd_super', 'GET', `${P}/review-results/bulletin.xlsx?planId=${plan.id}`);
    expect(bulletin.statusCode).toBe(200);
    // The same bulletin, printable: the squad's row reads as on the spreadsheet.
    const pdf = await call('pd_super', 'GET', `${P}/review-results/bulletin.pdf?planId=${plan.id}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('案卷评查通报');
    expect(text).toContain(`${results.squads[0]!.name}`.replace(/\s+/g, ''));
    expect(text).toContain('评查案卷1件');
    expect((await call('pd_ljz_01', 'GET', `${P}/review-results/bulletin.pdf`)).statusCode).toBe(403);
  });
});

describe('全过程记录, 两单两书, 督办, complaints', () => {
  it('a recording is linked to a step; the coverage names the steps without one; a problem becomes a finding', async () => {
    const events = await ctx.deps.db.selectFrom('case_events').select(['id', 'action']).where('case_id', '=', decided.id).execute();
    const inspection = events.find((e) => e.action === 'recordInspection')!;
    const before = await ok<RecordingCoverage>(call('pd_super', 'GET', `${P}/cases/${decided.id}/recording-coverage`));
    expect(before.gaps.map((g) => g.eventId)).toContain(inspection.id);
    const sm3 = 'a'.repeat(64);
    const body = {
      fileSm3: sm3,
      officerId: kit.officerId('pd_ljz_01'),
      recordedOn: '2026-01-05',
      durationSeconds: 300,
      caseId: decided.id,
      caseEventId: inspection.id,
    };
    const rec = await ok<Recording>(call('pd_ljz_01', 'POST', `${P}/recordings`, body), 201);
    expect(rec).toMatchObject({ caseAction: 'recordInspection', sampled: false, problems: 0 });
    expect((await call('pd_ljz_01', 'POST', `${P}/recordings`, body)).statusCode).toBe(409);
    expect((await call('qp_zjj_01', 'POST', `${P}/recordings`, { ...body, fileSm3: 'b'.repeat(64) })).statusCode).toBe(400);
    const after = await ok<RecordingCoverage>(call('pd_super', 'GET', `${P}/cases/${decided.id}/recording-coverage`));
    expect(after.recorded).toBe(before.recorded + 1);
    const problem = await ok<Finding>(
      call('pd_super', 'POST', `${P}/recordings/${rec.id}/problems`, { description: '未全程记录', dueOn: '2026-03-20' }),
      201,
    );
    expect(problem).toMatchObject({ source: 'recording', officerId: kit.officerId('pd_ljz_01') });
  });

  it('两单两书 are numbered, kept once under an Idempotency-Key, answered by the squad; 督办 runs its clock; complaints are handled', async () => {
    const notice = {
      kind: 'rectification_order',
      orgId: kit.orgId('pd-ljz'),
      recipient: '陆家嘴中队',
      caseId: decided.id,
      subject: '处罚决定书未按期送达',
      body: '请于期限内整改并书面回复。',
      issuedOn: '2026-03-02',
      answerDue: '2026-03-12',
    };
    const headers = { 'idempotency-key': 'notice-0001' };
    const a = await ok<SupervisionNotice>(call('pd_super', 'POST', `${P}/notices`, notice, headers), 201);
    const b = await ok<SupervisionNotice>(call('pd_super', 'POST', `${P}/notices`, notice, headers), 201);
    expect(b.id).toBe(a.id);
    expect(a.number).toMatch(/督改〔2026〕1号$/);
    expect(a.contentSm3).toMatch(/^[0-9a-f]{64}$/);
    const bad = await call('pd_super', 'POST', `${P}/notices`, { ...notice, answerDue: '2026-03-01' });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad)).toMatchObject({ field: 'answerDue' });
    expect((await call('qp_super', 'POST', `${P}/notices`, notice)).statusCode).toBe(404);
    const answered = await ok<SupervisionNotice>(
      call('pd_ljz_leader', 'POST', `${P}/notices/${a.id}/answer`, { date: '2026-03-02', answer: '已整改' }),
    );
    expect(answered.status).toBe('answered');

    const major = await ok<MajorCase>(
      call('pd_super', 'POST', `${P}/major-cases`, {
        caseId: decided.id,
        reason: '社会影响较大',
        openedOn: '2026-03-02',
        dueOn: '2026-03-31',
      }),
      201,
    );
    expect(major.daysLeft).toBe(29);
    expect(
      (
        await call('pd_super', 'POST', `${P}/major-cases`, {
          caseId: decided.id,
          reason: '再次',
          openedOn: '2026-03-02',
          dueOn: '2026-03-31',
        })
      ).statusCode,
    ).toBe(409);
    const home = await ok<SupervisionHome>(call('pd_super', 'GET', `${P}/home`));
    expect(home.majorCases.map((m) => m.id)).toContain(major.id);
    expect(home.samplesDue).toBeGreaterThan(0);
    expect((await ok<SupervisionHome>(call('qp_super', 'GET', `${P}/home`))).majorCases).toEqual([]);

    const complaint = await ok<OfficerComplaint>(
      call('pd_super', 'POST', `${P}/officer-complaints`, {
        orgId: kit.orgId('pd-ljz'),
        officerId: kit.officerId('pd_ljz_03'),
        channel: '12345',
        complainant: '市民甲',
        content: '执法态度粗暴',
        receivedOn: '2026-03-02',
      }),
      201,
    );
    expect(complaint.dueOn > '2026-03-02').toBe(true);
    await ok<OfficerComplaint>(
      call('pd_super', 'POST', `${P}/officer-complaints/${complaint.id}/handle`, {
        date: '2026-03-02',
        outcome: 'substantiated',
        handling: '批评教育',
      }),
    );
  });
});

describe('configuration lists: review sheets and score items filter, page on the server and export', () => {
  it('each district sees the city’s sheets and its own; the city sees all; items by source and level; officers may not read', async () => {
    const items = [{ code: 'docs', labelZh: '文书', labelEn: 'Documents', maxPoints: 10 }];
    const mine = await ok<ReviewSheet>(call('pd_super', 'POST', `${P}/review-sheets`, { name: '浦东列表测试表甲', items }), 201);
    await ok<ReviewSheet>(call('pd_super', 'POST', `${P}/review-sheets`, { name: '浦东列表测试表乙', items }), 201);
    const theirs = await ok<ReviewSheet>(call('qp_super', 'POST', `${P}/review-sheets`, { name: '青浦列表测试表', items }), 201);
    const pdPage = await ok<PageOf<ReviewSheet>>(
      call('pd_super', 'GET', `${P}/review-sheets?q=${encodeURIComponent('列表测试表')}&pageSize=1`),
    );
    expect(pdPage).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(pdPage.items).toHaveLength(1);
    const second = await ok<PageOf<ReviewSheet>>(
      call('pd_super', 'GET', `${P}/review-sheets?q=${encodeURIComponent('列表测试表')}&pageSize=1&page=2`),
    );
    expect([pdPage.items[0]!.name, second.items[0]!.name].sort()).toEqual(['浦东列表测试表乙', '浦东列表测试表甲']);
    const city = await ok<PageOf<ReviewSheet>>(
      call('sh_super', 'GET', `${P}/review-sheets?q=${encodeURIComponent('列表测试表')}&scope=bureau`),
    );
    expect(city.items.map((x) => x.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const cityOnly = await ok<PageOf<ReviewSheet>>(call('pd_super', 'GET', `${P}/review-sheets?scope=city&active=true`));
    expect(cityOnly.items.every((x) => x.bureauId === null && x.active)).toBe(true);
    const xlsx = await call('pd_super', 'GET', `${P}/review-sheets/export.xlsx?q=${encodeURIComponent('列表测试表')}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call('pd_ljz_01', 'GET', `${P}/review-sheets`)).statusCode).toBe(403);
    expect((await call('pd_ljz_01', 'GET', `${P}/review-sheets/export.xlsx`)).statusCode).toBe(403);
    expect((await call('pd_super', 'GET', `${P}/review-sheets?pageSize=0`)).statusCode).toBe(400);

    const all = await ok<ScoreItemPage>(call('pd_super', 'GET', `${P}/score-items?pageSize=30`));
    expect(all.total).toBe(all.items.length);
    expect(all.sources.length).toBeGreaterThan(0);
    const one = all.items[0]!;
    const bySource = await ok<ScoreItemPage>(
      call('pd_super', 'GET', `${P}/score-items?source=${one.source}&level=${one.levels[0]}&pageSize=1`),
    );
    expect(bySource.items[0]).toMatchObject({ source: one.source });
    expect(bySource.total).toBe(all.items.filter((i) => i.source === one.source && i.levels.includes(one.levels[0]!)).length);
    const byText = await ok<ScoreItemPage>(call('pd_super', 'GET', `${P}/score-items?q=${encodeURIComponent(one.labelZh)}`));
    expect(byText.items.map((i) => i.code)).toContain(one.code);
    const items2 = await call('pd_super', 'GET', `${P}/score-items/export.xlsx?level=officer`);
    expect(items2.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call('pd_ljz_01', 'GET', `${P}/score-items`)).statusCode).toBe(403);
    expect((await call('pd_ljz_01', 'GET', `${P}/score-items/export.xlsx`)).statusCode).toBe(403);
  });
});

describe('B7 考核 never scores fines', () => {
  it('a fine-based source is refused; only a city-wide supervisor configures; cards explain each line and ignore fines', async () => {
    const config = await ok<ScoreConfig>(call('pd_super', 'GET', `${P}/score-items?pageSize=30`));
    const items = config.items;
    const fines = await call('sh_super', 'PUT', `${P}/score-items`, {
      items: [...items, { code: 'fines', labelZh: '罚款', labelEn: 'Fines', source: 'fine_total', levels: ['officer'], maxPoints: 10 }],
    });
    expect(fines.statusCode).toBe(422);
    expect((fines.json() as { rule?: string }).rule).toMatch(/^B7/);
    expect(errorBody(fines).field).toBe(`items.${items.length}.source`);
    expect((await call('pd_super', 'PUT', `${P}/score-items`, { items })).statusCode).toBe(403);
    expect((await call('sh_super', 'PUT', `${P}/score-items`, { items })).statusCode).toBe(200);

    const q = `level=officer&from=2026-01-01&to=2026-03-31&orgId=${kit.orgId('pd-ljz')}&pageSize=50`;
    const cards = await ok<PageOf<ScoreCard>>(call('pd_super', 'GET', `${P}/scores?${q}`));
    const o3 = cards.items.find((c) => c.id === kit.officerId('pd_ljz_03'))!;
    const complaintsLine = o3.lines.find((l) => l.item === 'complaints')!;
    expect(complaintsLine).toMatchObject({ points: 10 });
    expect(complaintsLine.explanationZh).toContain('投诉查实1件');
    const training = o3.lines.find((l) => l.item === 'training')!;
    // Wired by the training module: the year's hours and credits against the bureau's requirement (none done here).
    expect(training.points).toBe(0);
    expect(training.explanationZh).toContain('2026年学时0/');
    // Wired by the reviews module: no case of his corrected on review or lost in court, full points.
    const outcomes = o3.lines.find((l) => l.item === 'review_outcomes')!;
    expect(outcomes.points).toBe(outcomes.maxPoints);
    expect(outcomes.explanationZh).toContain('复议0件');
    expect(cards.items.every((c) => c.lines.every((l) => !/fine|罚款/.test(l.source)))).toBe(true);

    // The same cards when every fine of the city is multiplied by ten.
    await ctx.deps.db
      .updateTable('cases')
      .set((eb) => ({ fine_fen: eb('fine_fen', '*', 10) }))
      .where('fine_fen', '>', 0)
      .execute();
    expect(await ok<PageOf<ScoreCard>>(call('pd_super', 'GET', `${P}/scores?${q}`))).toEqual(cards);

    const mine = await ok<ScoreCard>(call('pd_ljz_01', 'GET', `${P}/scores/me?from=2026-01-01&to=2026-03-31`));
    expect(mine.id).toBe(kit.officerId('pd_ljz_01'));
    expect((await call('pd_ljz_01', 'GET', `${P}/scores?${q}`)).statusCode).toBe(403);
    expect((await call('qp_super', 'GET', `${P}/scores?${q}`)).statusCode).toBe(404);
    const alerts = await ok<ProportionalityAlert[]>(call('pd_super', 'GET', `${P}/proportionality?from=2026-01-01&to=2026-03-31`));
    expect(Array.isArray(alerts)).toBe(true);
  });
});
