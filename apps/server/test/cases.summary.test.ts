// The summary procedure (当场处罚) in one call: B1–B4 and A1, numbered from the pre-assigned range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, SummaryCaseBody } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, expectRule, summaryTicketBody, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  // The demo data gives every squad a range; these tests start from a bureau that has assigned none.
  await ctx.deps.db.deleteFrom('summary_ticket_ranges').execute();
});
afterAll(async () => ctx?.close());

async function ticket(overrides: Partial<SummaryCaseBody> = {}, user = 'pd_ljz_01') {
  const photo = await kit.upload(user, `photo ${Math.random()}`);
  const body = summaryTicketBody(kit, photo, overrides);
  return ctx.api('POST', '/api/v1/cases/summary', { token: kit.tokens[user]!, body });
}

const caseCount = async () =>
  Number(
    (
      await ctx.deps.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('summary ticket', () => {
  it('without a pre-assigned range, B2 refuses it', async () => {
    const r = await ticket();
    expectRule(r, 422, 'B2');
    expect(await caseCount()).toBe(0);
  });

  it('issues the ticket: number from the range (B2), review-first remedy text (B3), on-the-spot collection (B4)', async () => {
    const range = await ctx.api('POST', '/api/v1/summary-ticket-ranges', {
      token: kit.tokens.pd_ljz_leader!,
      body: { orgId: kit.orgId('pd-ljz'), prefix: '沪浦城管当罚〔2026〕', firstNumber: 101, lastNumber: 103, digits: 6 },
    });
    expect(range.statusCode, range.body).toBe(201);
    const r = await ticket({
      collectOnSpot: { receiptNumber: 'SH-2026-0000001', hardToEnforceLater: false, remoteArea: false, partyRequested: false },
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json() as CaseDetail;
    expect(c).toMatchObject({ procedure: 'summary', state: 'summary_collected', caseNumber: '沪浦城管当罚〔2026〕000101' });
    expect(c.summary?.remedyText).toMatch(/应当先.*申请行政复议/);
    expect(c.summary?.remedyText).toContain('上海市浦东新区人民政府');
    expect(c.summary?.receiptNumber).toBe('SH-2026-0000001');
    expect(c.evidence).toHaveLength(1);
    expect(c.timeline.map((e) => e.action)).toEqual(['register', 'addEvidence', 'issueSummaryDecision', 'collectOnSpot']);
    expect(c.deadlines.find((d) => d.kind === 'cash_hand_in')?.basis.ruleId).toBeDefined();
    const second = (await ticket()).json() as CaseDetail;
    expect(second.caseNumber).toBe('沪浦城管当罚〔2026〕000102');
    expect(second.state).toBe('summary_decided');
    const paid = await kit.ok('pd_ljz_01', second.id, 'recordSummaryPayment', { date: '2026-03-02', amountFen: 10_000 });
    expect(paid.state).toBe('summary_paid');
  });

  it('refuses one officer alone (A1), a fine above the summary limit (B1) and an invalid ID number; nothing is written and no number is used', async () => {
    const before = await caseCount();
    expectRule(await ticket({ officerIds: [kit.officerId('pd_ljz_01')] }), 422, 'A1');
    expectRule(await ticket({ officerIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_02')] }), 422, 'A1');
    // 500–5,000 yuan offence: 600 yuan for a person is above the 200-yuan summary limit (处罚法 Art. 51).
    expectRule(await ticket({ offenceCode: 'SH-LJ-57-4', penalty: { penalties: ['fine'], fineFen: 60_000 } }), 422, 'B1');
    const badId = await ticket({ party: { type: 'natural_person', name: '赵六', idType: 'id_card', idNumber: '110105199003071234' } });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().field).toBe('party.idNumber');
    expect(await caseCount()).toBe(before);
    // The next ticket still gets the next number: refused tickets gave theirs back.
    expect(((await ticket()).json() as CaseDetail).caseNumber).toBe('沪浦城管当罚〔2026〕000103');
    expectRule(await ticket(), 422, 'B2');
  });
});
