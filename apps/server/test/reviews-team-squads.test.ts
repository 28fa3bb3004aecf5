// 复议/诉讼 (docs/reviews.md), 队伍 (docs/team.md) and 规范化中队 (docs/squads.md) through the API: a review and a
// lawsuit recorded against a decided case with outcome and cause (an adverse one withdraws the credit record), the
// monthly report with its Excel, the numbers per officer and squad for 考核; rank, transfer with history and the
// officer's file; criteria sheets, a score outside an item refused, ratings and the share against the targets; and
// the forbidden paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseReviewView, OfficerFile, ReviewMonthReport, SquadOverview } from '@chengguan/contracts';
import { reviewOutcomesBy } from '../src/modules/reviews/index.ts';
import { caseKit, decidedCase, type CaseKit } from './cases-support.ts';
import { pdfText } from './pdf-text.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
let kit: CaseKit;
const tokens: Record<string, string> = {};
const USERS = ['pd_legal', 'pd_admin', 'pd_leader', 'pd_super', 'pd_ljz_leader', 'pd_ljz_01', 'qp_leader', 'qp_admin'];
const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of USERS) tokens[u] = await ctx.login(u);
  kit = await caseKit(ctx);
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('复议 and 诉讼', () => {
  it('records outcomes with causes, withdraws the credit record, reports the month, counts per officer and squad', async () => {
    const c = await decidedCase(kit, 1_000);
    const review = await ok<CaseReviewView>(
      call('pd_legal', 'POST', '/api/v1/case-reviews', { caseId: c.id, kind: 'review', filedOn: '2026-02-01', forum: '浦东新区人民政府' }),
    );
    expect(review.officerIds).toHaveLength(2);
    expect(
      (
        await call('pd_ljz_01', 'POST', '/api/v1/case-reviews', {
          caseId: c.id,
          kind: 'review',
          filedOn: '2026-02-01',
          forum: '浦东新区人民政府',
        })
      ).statusCode,
    ).toBe(403);
    expect((await call('qp_leader', 'GET', `/api/v1/case-reviews?caseId=${c.id}`)).json()).toMatchObject({ total: 0 });
    const noCause = await call('pd_legal', 'POST', `/api/v1/case-reviews/${review.id}/outcome`, {
      outcome: 'revoked',
      decidedOn: '2026-02-20',
    });
    expect(errorBody(noCause).field).toBe('cause');
    const lost = await call('pd_legal', 'POST', `/api/v1/case-reviews/${review.id}/outcome`, {
      outcome: 'lost',
      decidedOn: '2026-02-20',
      cause: 'facts',
    });
    expect(errorBody(lost).field).toBe('outcome');
    const decided = await ok<CaseReviewView>(
      call('pd_legal', 'POST', `/api/v1/case-reviews/${review.id}/outcome`, {
        outcome: 'revoked',
        decidedOn: '2026-02-20',
        cause: 'procedure',
      }),
    );
    expect(decided.adverse).toBe(true);
    const rec = await ctx.deps.db
      .selectFrom('credit_records')
      .select(['status', 'withdrawn_reason'])
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(rec.status).toBe('withdrawn');
    expect(
      (await call('pd_legal', 'POST', `/api/v1/case-reviews/${review.id}/outcome`, { outcome: 'upheld', decidedOn: '2026-02-21' }))
        .statusCode,
    ).toBe(409);

    const c2 = await decidedCase(kit, 900);
    const suit = await ok<CaseReviewView>(
      call('pd_legal', 'POST', '/api/v1/case-reviews', {
        caseId: c2.id,
        kind: 'lawsuit',
        filedOn: '2026-02-02',
        forum: '上海铁路运输法院',
      }),
    );
    await ok(call('pd_legal', 'POST', `/api/v1/case-reviews/${suit.id}/outcome`, { outcome: 'upheld', decidedOn: '2026-02-25' }));

    const month = await ok<ReviewMonthReport>(call('pd_super', 'GET', '/api/v1/case-reviews/monthly?month=2026-02'));
    expect(month).toMatchObject({ reviews: 1, corrected: 1, correctionRate: 100, lawsuits: 1, lost: 0 });
    expect(month.byCause).toEqual([{ cause: 'procedure', name: '违反法定程序', count: 1 }]);
    const xlsx = await call('pd_super', 'GET', '/api/v1/case-reviews/monthly/export.xlsx?month=2026-02');
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = pdfText((await call('pd_super', 'GET', '/api/v1/case-reviews/monthly/report.pdf?month=2026-02')).rawPayload);
    expect(pdf).toContain('2026-02行政复议纠错、行政诉讼败诉通报');
    expect(pdf).toContain('行政复议1件，其中纠错1件，纠错率100%');
    expect(pdf).toContain('违反法定程序');
    expect((await call('pd_ljz_01', 'GET', '/api/v1/case-reviews/monthly?month=2026-02')).statusCode).toBe(403);
    const qp = await ok<ReviewMonthReport>(call('qp_leader', 'GET', '/api/v1/case-reviews/monthly?month=2026-02'));
    expect(qp.reviews).toBe(0);

    const byOfficer = await reviewOutcomesBy(ctx.deps.db, 'officer', { from: '2026-02-01', to: '2026-02-28' });
    expect(byOfficer.get(kit.officerId('pd_ljz_01'))).toEqual({ reviews: 1, corrected: 1, lawsuits: 1, lost: 0 });
    const bySquad = await reviewOutcomesBy(ctx.deps.db, 'squad', { from: '2026-02-01', to: '2026-02-28' });
    expect(bySquad.get(kit.orgId('pd-ljz'))).toEqual({ reviews: 1, corrected: 1, lawsuits: 1, lost: 0 });
  });
});

describe('队伍', () => {
  it('rank and post tags, a transfer kept in the history, the officer’s file', async () => {
    const id = kit.officerId('pd_ljz_03');
    await ok(call('pd_admin', 'PUT', `/api/v1/officers/${id}/profile`, { rank: '二级主办', postTags: ['法制员', '内勤'] }));
    expect((await call('pd_ljz_leader', 'PUT', `/api/v1/officers/${id}/profile`, { rank: null, postTags: [] })).statusCode).toBe(403);
    expect((await call('qp_admin', 'PUT', `/api/v1/officers/${id}/profile`, { rank: null, postTags: [] })).statusCode).toBe(404);
    const hm = kit.orgId('pd-hm');
    const future = await call('pd_admin', 'POST', `/api/v1/officers/${id}/transfers`, {
      toOrgId: hm,
      effectiveOn: '2027-01-01',
      reason: '轮岗交流',
    });
    expect(errorBody(future).field).toBe('effectiveOn');
    const qpOrg = ctx.seed.ids.orgs.get('qp')!;
    expect(
      errorBody(
        await call('pd_admin', 'POST', `/api/v1/officers/${id}/transfers`, {
          toOrgId: qpOrg,
          effectiveOn: '2026-03-01',
          reason: '轮岗交流',
        }),
      ).field,
    ).toBe('toOrgId');
    const file = await ok<OfficerFile>(
      call('pd_admin', 'POST', `/api/v1/officers/${id}/transfers`, { toOrgId: hm, effectiveOn: '2026-03-01', reason: '轮岗交流' }),
    );
    expect(file).toMatchObject({ orgId: hm, rank: '二级主办', postTags: ['法制员', '内勤'] });
    expect(file.transfers[0]).toMatchObject({ fromOrgId: kit.orgId('pd-ljz'), toOrgId: hm, effectiveOn: '2026-03-01' });
    expect(file.credentials.length).toBeGreaterThan(0);
    expect(file.cases.total).toBeGreaterThan(0);
    expect(file.training.map((t) => t.year)).toEqual([2026, 2025, 2024]);
    expect((await call('qp_leader', 'GET', `/api/v1/officers/${id}/file`)).statusCode).toBe(404);
  });
});

describe('规范化中队', () => {
  it('a sheet, a self-assessment and an inspection, a score over an item refused, ratings against the targets', async () => {
    const pd = ctx.seed.ids.orgs.get('pd')!;
    const ljz = kit.orgId('pd-ljz');
    const sheet = await ok<{ id: string; maxTotal: number }>(
      call('pd_admin', 'POST', '/api/v1/squads/sheets', {
        bureauId: pd,
        year: 2026,
        title: '2026年规范化中队创建标准',
        items: [
          { code: 'A1', name: '队伍管理', maxScore: 40 },
          { code: 'A2', name: '执法规范', maxScore: 60 },
        ],
        standardAt: 80,
        modelAt: 90,
      }),
    );
    expect(sheet.maxTotal).toBe(100);
    const over = await call('pd_ljz_leader', 'POST', '/api/v1/squads/assessments', {
      sheetId: sheet.id,
      orgId: ljz,
      kind: 'self',
      scores: { A1: 41, A2: 50 },
    });
    expect(errorBody(over).field).toBe('scores');
    await ok(
      call('pd_ljz_leader', 'POST', '/api/v1/squads/assessments', {
        sheetId: sheet.id,
        orgId: ljz,
        kind: 'self',
        scores: { A1: 38, A2: 55 },
      }),
    );
    expect(
      (
        await call('pd_ljz_leader', 'POST', '/api/v1/squads/assessments', {
          sheetId: sheet.id,
          orgId: ljz,
          kind: 'inspection',
          scores: { A1: 38, A2: 55 },
        })
      ).statusCode,
    ).toBe(403);
    const insp = await ok<{ id: string; total: number; suggested: string }>(
      call('pd_super', 'POST', '/api/v1/squads/assessments', {
        sheetId: sheet.id,
        orgId: ljz,
        kind: 'inspection',
        scores: { A1: 35, A2: 50 },
      }),
    );
    expect(insp).toMatchObject({ total: 85, suggested: 'standard' });
    const tooHigh = await call('pd_admin', 'POST', '/api/v1/squads/ratings', {
      orgId: ljz,
      year: 2026,
      rating: 'model',
      assessmentId: insp.id,
    });
    expect(tooHigh.statusCode).toBe(422);
    await ok(call('pd_admin', 'POST', '/api/v1/squads/ratings', { orgId: ljz, year: 2026, rating: 'standard', assessmentId: insp.id }));
    expect(
      (await call('qp_admin', 'POST', '/api/v1/squads/ratings', { orgId: ljz, year: 2026, rating: 'standard', assessmentId: insp.id }))
        .statusCode,
    ).toBe(404);
    const o = await ok<SquadOverview>(call('pd_leader', 'GET', `/api/v1/squads/overview?year=2026&orgId=${pd}`));
    expect(o).toMatchObject({ rated: 1, model: 0, targetRatedPct: 98, targetModelPct: 40, ratedMet: false });
    expect(o.items.find((r) => r.orgId === ljz)).toMatchObject({ selfTotal: 93, inspectionTotal: 85, rating: 'standard' });
    const rated = await ok<SquadOverview>(call('pd_leader', 'GET', `/api/v1/squads/overview?year=2026&orgId=${pd}&rating=standard`));
    expect(rated.items.map((r) => r.orgId)).toEqual([ljz]);
    const xlsx = await call('pd_leader', 'GET', `/api/v1/squads/overview/export.xlsx?year=2026&orgId=${pd}`);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = pdfText((await call('pd_super', 'GET', '/api/v1/case-reviews/monthly/report.pdf?month=2026-02')).rawPayload);
    expect(pdf).toContain('2026-02行政复议纠错、行政诉讼败诉通报');
    expect(pdf).toContain('行政复议1件，其中纠错1件，纠错率100%');
    expect(pdf).toContain('违反法定程序');
  });
});
