// The summary procedure (当场处罚): B1–B4 and A1, numbered from the pre-assigned range; E12 on the starter library's
// unverified law (the draft, the legal reviewer's confirmation, the decision).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, SummaryCaseBody } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, confirmedSummaryTicket, expectRule, summaryTicketBody, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  // The demo data gives every squad a range; these tests start from a bureau that has assigned none.
  await ctx.deps.db.deleteFrom('summary_ticket_ranges').execute();
});
afterAll(async () => ctx?.close());

async function ticketBody(overrides: Partial<SummaryCaseBody> = {}, user = 'pd_ljz_01'): Promise<SummaryCaseBody> {
  const photo = await kit.upload(user, `photo ${Math.random()}`);
  return summaryTicketBody(kit, photo, overrides);
}

/** The one-call ticket: refused by E12 on the starter library's offences, whose 违则 is marked 未核实. */
async function oneCall(overrides: Partial<SummaryCaseBody> = {}, user = 'pd_ljz_01') {
  return ctx.api('POST', '/api/v1/cases/summary', { token: kit.tokens[user]!, body: await ticketBody(overrides, user) });
}

/** Draft → the legal reviewer confirms the article → the decision. */
async function ticket(overrides: Partial<SummaryCaseBody> = {}, user = 'pd_ljz_01') {
  return confirmedSummaryTicket(ctx, { officer: kit.tokens[user]!, legal: kit.tokens.pd_legal! }, await ticketBody(overrides, user));
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
    const r = await oneCall();
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
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json() as CaseDetail;
    expect(c).toMatchObject({ procedure: 'summary', state: 'summary_collected', caseNumber: '沪浦城管当罚〔2026〕000101' });
    expect(c.summary?.remedyText).toMatch(/应当先.*申请行政复议/);
    expect(c.summary?.remedyText).toContain('上海市浦东新区人民政府');
    expect(c.summary?.receiptNumber).toBe('SH-2026-0000001');
    expect(c.evidence).toHaveLength(1);
    expect(c.timeline.map((e) => e.action)).toEqual([
      'register',
      'addEvidence',
      'confirmLegalBasis',
      'issueSummaryDecision',
      'collectOnSpot',
    ]);
    expect(c.deadlines.find((d) => d.kind === 'cash_hand_in')?.basis.ruleId).toBeDefined();
    const second = (await ticket()).json() as CaseDetail;
    expect(second.caseNumber).toBe('沪浦城管当罚〔2026〕000102');
    expect(second.state).toBe('summary_decided');
    const paid = await kit.ok('pd_ljz_01', second.id, 'recordSummaryPayment', { date: '2026-03-02', amountFen: 10_000 });
    expect(paid.state).toBe('summary_paid');
  });

  it('refuses one officer alone (A1), a fine above the summary limit (B1) and an invalid ID number; nothing is written and no number is used', async () => {
    const before = await caseCount();
    expectRule(await oneCall({ officerIds: [kit.officerId('pd_ljz_01')] }), 422, 'A1');
    expectRule(await oneCall({ officerIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_02')] }), 422, 'A1');
    // 500–5,000 yuan offence: 600 yuan for a person is above the 200-yuan summary limit (处罚法 Art. 51).
    expectRule(await oneCall({ offenceCode: 'SH-LJ-57-4', penalty: { penalties: ['fine'], fineFen: 60_000 } }), 422, 'B1');
    const badId = await oneCall({ party: { type: 'natural_person', name: '赵六', idType: 'id_card', idNumber: '110105199003071234' } });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().field).toBe('party.idNumber');
    expect(await caseCount()).toBe(before);
    // E12: the one-call ticket on a 违则 marked 未核实 is refused naming the offence and the provision; nothing written.
    const e12 = expectRule(await oneCall(), 422, 'E12');
    expect(e12.message).toContain('SH-LJ-57-2');
    expect(e12.message).toContain('（违则条号未核实）');
    expect(e12.messageEn).toContain('not verified');
    expect(await caseCount()).toBe(before);
    // The next ticket still gets the next number: refused tickets gave theirs back.
    expect(((await ticket()).json() as CaseDetail).caseNumber).toBe('沪浦城管当罚〔2026〕000103');
    const b2 = await ticket();
    expectRule(b2, 422, 'B2');
  });
});
