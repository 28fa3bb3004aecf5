// The officer's own standing as the console reads it (GET /api/v1/me): his 执法证 judged by rule A1, and the
// 法律职业资格 of his staff record, which the 法制审核 step reads instead of the reviewer's own tick box (E1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, Me, Officer } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, expectRule, fine, investigatedCase, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
let pdAdmin: string;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  pdAdmin = await ctx.login('pd_admin');
});
afterAll(async () => ctx?.close());

const me = async (token: string) => {
  const r = await ctx.api('GET', '/api/v1/me', { token });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Me;
};

const setQualification = async (username: string, legalQualification: boolean) => {
  const r = await ctx.api('PATCH', `/api/v1/officers/${kit.officerId(username)}`, { token: pdAdmin, body: { legalQualification } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Officer;
};

describe('GET /api/v1/me: his own credential as the server judges it', () => {
  it('an officer with an expired 执法证 reads expired, may not act, and its number and last day', async () => {
    const expired = await me(await ctx.login('pd_ljz_02'));
    expect(expired.credential).toMatchObject({ status: 'expired', canAct: false });
    expect(expired.credential.number).toEqual(expect.any(String));
    expect(expired.credential.validTo! < '2026-01-01').toBe(true);
    const valid = await me(kit.tokens.pd_ljz_01!);
    expect(valid.credential.canAct).toBe(true);
    expect(['valid', 'expiring']).toContain(valid.credential.status);
  });

  it('an officer without any credential (白鹤镇中队 02 of the demo) reads missing', async () => {
    expect((await me(await ctx.login('qp_bh_02'))).credential).toEqual({ status: 'missing', canAct: false, number: null, validTo: null });
  });
});

describe('法律职业资格 on the staff record (E1)', () => {
  it('the administrator records it; the officer page and /me show it', async () => {
    expect((await me(kit.tokens.pd_legal!)).legalQualification).toBe(true);
    expect((await me(kit.tokens.pd_ljz_01!)).legalQualification).toBe(false);
    expect((await setQualification('pd_ljz_01', true)).legalQualification).toBe(true);
    expect((await me(kit.tokens.pd_ljz_01!)).legalQualification).toBe(true);
    expect((await setQualification('pd_ljz_01', false)).legalQualification).toBe(false);
  });

  it('a field officer cannot set it (staff:write)', async () => {
    const r = await ctx.api('PATCH', `/api/v1/officers/${kit.officerId('pd_ljz_01')}`, {
      token: kit.tokens.pd_ljz_01!,
      body: { legalQualification: true },
    });
    expect(r.statusCode).toBe(403);
  });

  it('the record wins over the request: a first-time reviewer without it is refused even if he ticks it, and passes with it when he does not', async () => {
    const reviewed = async () => {
      const c = await investigatedCase(kit);
      return kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
    };
    await setQualification('pd_legal', false);
    const c1 = await reviewed();
    const refused = await kit.step('pd_legal', c1.id, 'completeLegalReview', {
      date: '2026-01-14',
      result: 'pass',
      reviewerFirstTime: true,
      reviewerHasLegalQualification: true,
    });
    expect(expectRule(refused, 422, 'E1').field).toBe('reviewerHasLegalQualification');

    await setQualification('pd_legal', true);
    const c2 = await reviewed();
    // An older client still sends the field (false here); a newer one may leave it out.
    const passed = await kit.ok('pd_legal', c2.id, 'completeLegalReview', {
      date: '2026-01-14',
      result: 'pass',
      reviewerFirstTime: true,
      reviewerHasLegalQualification: false,
    });
    expect(passed.state).toBe('legal_review');
    const c3 = await reviewed();
    const omitted: CaseDetail = await kit.ok('pd_legal', c3.id, 'completeLegalReview', {
      date: '2026-01-14',
      result: 'pass',
      reviewerFirstTime: true,
    });
    expect(omitted.state).toBe('legal_review');
    const event = await ctx.deps.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', c2.id)
      .where('action', '=', 'completeLegalReview')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(event.data)).toContain('"reviewerHasLegalQualification":true');
  });
});
