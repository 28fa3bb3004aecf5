// Corrections in law through the API: E1 legal review for every penalty that carries the hearing right (with the
// confiscation threshold), Art. 37 (a repeal with no successor ends punishability; kinds before fines), and an act
// dated after its discovery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, DiscretionResult } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, expectRule, ID_CARD, investigatedCase, USCC, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;

const offence = (code: string, over: Record<string, unknown>) => ({
  code,
  name: `测试案由 ${code}`,
  domain: 'city_appearance',
  violatedProvision: '《测试条例》第1条',
  penaltyProvision: '《测试条例》第2条',
  penaltyTypes: ['fine'],
  minFineFen: 50_000,
  maxFineFen: 5_000_000,
  effectiveFrom: '2019-07-01',
  verification: 'U',
  source: 'test',
  ...over,
});

async function createOffence(body: Record<string, unknown>): Promise<string> {
  const r = await ctx.api('POST', '/api/v1/law/offences', { token: kit.tokens.admin!, body });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { id: string }).id;
}

const calc = async (body: Record<string, unknown>) => {
  const r = await ctx.api('POST', '/api/v1/law/discretion', { token: kit.tokens.pd_ljz_01!, body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as DiscretionResult;
};

const circumstances = (over: Record<string, unknown> = {}) => ({
  actDate: '2026-01-04',
  decisionDate: '2026-01-20',
  firstViolation: false,
  correctedPromptly: false,
  harm: 'minor',
  ...over,
});

const ORG = { type: 'legal_person', name: '上海某餐饮管理有限公司', idType: 'uscc', idNumber: USCC, legalRepresentative: '李四' } as const;

const notify = (proposed: Record<string, unknown>, hearingRightStated: boolean, date: string) => ({
  date,
  proposed,
  contents: {
    proposedPenaltyStated: true,
    factsStated: true,
    reasonsStated: true,
    legalBasisStated: true,
    statementRightsStated: true,
    hearingRightStated,
  },
});

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  await createOffence(offence('TEST-CLOSURE', { penaltyTypes: ['fine', 'order_closure'] }));
  await createOffence(offence('TEST-CONFISCATE', { penaltyTypes: ['fine', 'confiscate_illegal_property'] }));
  await createOffence(offence('TEST-REPEALED', { effectiveTo: '2026-01-10' }));
  // Revocation dropped on 2026-01-11 with a higher maximum fine: lighter by kind (Art. 37).
  await createOffence(
    offence('TEST-DROPS-REVOCATION', { penaltyTypes: ['fine', 'revoke_licence'], maxFineFen: 1_000_000, effectiveTo: '2026-01-10' }),
  );
  await createOffence(offence('TEST-DROPS-REVOCATION', { effectiveFrom: '2026-01-11', maxFineFen: 2_000_000 }));
});
afterAll(async () => ctx?.close());

describe('E1 法制审核 (处罚法 Art. 58; Shanghai list 5.5.1) through the API', () => {
  it('E1: 责令关闭 after a waived hearing is refused without a passed legal review, then decided after it', async () => {
    const closure = { penalties: ['order_closure'] };
    let c: CaseDetail = await investigatedCase(kit, { offenceCode: 'TEST-CLOSURE', party: ORG });
    c = await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: closure });
    c = await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notify(closure, true, '2026-01-14'));
    c = await kit.ok('pd_ljz_01', c.id, 'waiveStatement', { date: '2026-01-14', waivesHearing: true });
    c = await kit.ok('pd_leader', c.id, 'recordDeliberation', { date: '2026-01-15', conclusion: '同意' });
    const blocked = c.allowedActions.find((a) => a.action === 'decide')!;
    expect(blocked.blockedBy.map((b) => b.ruleId)).toContain('E1');
    const decide = { date: '2026-01-15', outcome: 'penalty', penalty: closure, citesHearingRecord: false, educationRecorded: false };
    const refused = await kit.step('pd_leader', c.id, 'decide', decide);
    expect(expectRule(refused, 422, 'E1').field).toBe('legalReviews');
    await kit.ok('pd_legal', c.id, 'completeLegalReview', {
      date: '2026-01-15',
      result: 'pass',
      reviewerFirstTime: false,
      reviewerHasLegalQualification: true,
    });
    expect((await kit.ok('pd_leader', c.id, 'decide', decide)).state).toBe('decided');
  });

  it('E1 / D4: a confiscation counts from the configured 「相应数额」 — the calculator agrees on both flags', async () => {
    const at = async (confiscationFen: number) =>
      calc({
        offenceCode: 'TEST-CONFISCATE',
        party: { type: 'natural_person' },
        circumstances: circumstances({ proposedFineFen: 100_000, confiscationFen }),
      });
    const small = await at(499_999);
    expect([small.hearingRightRequired, small.legalReviewRequired]).toEqual([false, false]);
    const large = await at(500_000);
    expect([large.hearingRightRequired, large.legalReviewRequired]).toEqual([true, true]);
    expect(large.lines.find((l) => l.ruleId === 'E1' && l.article.includes('法制审核办法'))?.textZh).toContain('没收');
  });
});

describe('Art. 37 从旧兼从轻 through the API', () => {
  it('Art. 37: the calculator says a provision repealed with no successor is no longer punishable', async () => {
    const r = await calc({ offenceCode: 'TEST-REPEALED', party: { type: 'natural_person' }, circumstances: circumstances() });
    expect(r.outcome).toBe('must_not_punish');
    expect(r.range).toEqual({ minFen: 0, maxFen: 0 });
    const line = r.lines.find((l) => l.ruleId === 'ART37')!;
    expect(line.article).toBe('行政处罚法 Art. 37');
    expect(line.textZh).toContain('不再给予行政处罚');
    // Decided before the repeal: punishable under the act-date version.
    const before = await calc({
      offenceCode: 'TEST-REPEALED',
      party: { type: 'natural_person' },
      circumstances: circumstances({ decisionDate: '2026-01-09' }),
    });
    expect(before.outcome).toBe('penalty');
  });

  it('Art. 37: the case refuses a penalty on a provision repealed with no successor, naming the rule', async () => {
    const c = await investigatedCase(kit, { offenceCode: 'TEST-REPEALED' });
    const r = await kit.step('pd_ljz_leader', c.id, 'reviewCase', {
      date: '2026-01-13',
      proposedOutcome: 'penalty',
      proposedPenalty: { penalties: ['fine'], fineFen: 100_000 },
    });
    const body = expectRule(r, 422, 'ART37');
    expect(body.field).toBe('outcome');
    expect(body.message).toContain('不再给予行政处罚');
    expect(body.rule).toContain('行政处罚法 Art. 37');
  });

  it('Art. 37: a later version that drops 吊销 is lighter though its maximum fine is higher', async () => {
    const r = await calc({ offenceCode: 'TEST-DROPS-REVOCATION', party: { type: 'legal_person' }, circumstances: circumstances() });
    expect(r.applicableVersion?.effectiveFrom).toBe('2026-01-11');
    expect(r.lines.find((l) => l.ruleId === 'ART37')?.textZh).toContain('处罚较轻');
    // The case measures the penalty against that version: 吊销 is no longer provided.
    const c = await investigatedCase(kit, { offenceCode: 'TEST-DROPS-REVOCATION', party: ORG });
    const revoke = await kit.step('pd_ljz_leader', c.id, 'reviewCase', {
      date: '2026-01-13',
      proposedOutcome: 'penalty',
      proposedPenalty: { penalties: ['fine', 'revoke_licence'], fineFen: 100_000 },
    });
    expect(expectRule(revoke, 422, 'LEGALITY').field).toBe('penalty.penalties');
  });
});

describe('chronology', () => {
  it('CHRONOLOGY: an act dated after its discovery is refused at registration, naming act.actDate', async () => {
    const r = await ctx.api('POST', '/api/v1/cases', {
      token: kit.tokens.pd_ljz_01!,
      body: {
        date: '2026-01-05',
        discoveredOn: '2026-01-03',
        source: 'patrol',
        offenceCode: 'SH-LJ-57-4',
        party: { type: 'natural_person', name: '王小明', idType: 'id_card', idNumber: ID_CARD },
        act: { actDate: '2026-01-04' },
        location: '陆家嘴',
        facts: '事实',
        officerIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_03')],
      },
    });
    const body = expectRule(r, 422, 'CHRONOLOGY');
    expect(body.field).toBe('act.actDate');
    expect(body.rule).toContain('Art. 36');
  });

  it('CHRONOLOGY: the calculator refuses a discovery before the act, naming the field', async () => {
    const r = await ctx.api('POST', '/api/v1/law/discretion', {
      token: kit.tokens.pd_ljz_01!,
      body: { offenceCode: 'SH-LJ-57-4', party: { type: 'natural_person' }, circumstances: circumstances({ discoveredOn: '2026-01-03' }) },
    });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.json()).toMatchObject({ field: 'circumstances.discoveredOn' });
  });
});
