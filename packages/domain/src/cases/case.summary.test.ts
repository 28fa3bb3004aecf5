// Hand-written paths of the summary procedure (简易程序 / 当场处罚): B1–B4 and A1.
import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from './case-snapshot.ts';
import { CaseRuleError } from './case.errors.ts';
import { OFFICER_A, OFFICER_B, fine, ordinaryFacts, step, summaryDraft, summaryForm } from './case.fixtures.ts';

function blocked(s: CaseSnapshot, run: () => unknown): CaseRuleError {
  try {
    run();
  } catch (e) {
    if (e instanceof CaseRuleError) return e;
    throw e;
  }
  throw new Error(`expected a CaseRuleError in state ${s.state}`);
}

describe('summary procedure (当场处罚)', () => {
  const ticket = (yuan: number, officers = [OFFICER_A, OFFICER_B]) =>
    ({ date: '2025-09-01', officers, penalty: fine(yuan), form: summaryForm() }) as const;

  it('50 yuan: decided on the spot, collected (≤ 100, B4), handed in and deposited, filed, closed, archived', () => {
    let s = summaryDraft();
    expect(s.state).toBe('summary_draft');
    s = step(s, 'addEvidence', { date: '2025-09-01', evidenceType: 'audio_visual' });
    s = step(s, 'issueSummaryDecision', ticket(50));
    s = step(s, 'collectOnSpot', {
      date: '2025-09-01',
      officers: [OFFICER_A, OFFICER_B],
      receiptNumber: 'PJ-0001',
      hardToEnforceLater: false,
      remoteArea: false,
      partyRequested: false,
    });
    expect(s.state).toBe('summary_collected');
    expect(blocked(s, () => step(s, 'close', { date: '2025-09-02', filedWithAgencyOn: '2025-09-02' })).ruleId).toBe('B4');
    s = step(s, 'close', {
      date: '2025-09-03',
      filedWithAgencyOn: '2025-09-02',
      cashHandedInOn: '2025-09-02',
      bankDepositedOn: '2025-09-03',
    });
    expect(step(s, 'archive', { date: '2025-09-03' }).state).toBe('archived');
  });

  it('200 yuan paid at the bank: summary_paid → closed', () => {
    let s = step(summaryDraft(), 'issueSummaryDecision', ticket(200));
    s = step(s, 'recordSummaryPayment', { date: '2025-09-05', amountFen: 20_000 });
    expect(s.state).toBe('summary_paid');
    expect(step(s, 'close', { date: '2025-09-05', filedWithAgencyOn: '2025-09-02' }).state).toBe('closed');
  });

  it('B1: 200.01 yuan for a person and 3,000.01 for an organisation are refused; 3,000 for an organisation passes', () => {
    const s = summaryDraft();
    const over = { ...ticket(200), penalty: { penalties: ['fine'] as const, fineFen: 20_001 } };
    expect(blocked(s, () => step(s, 'issueSummaryDecision', over)).ruleId).toBe('B1');
    const org = summaryDraft(
      ordinaryFacts({
        procedure: 'summary',
        party: { type: 'legal_person' },
        offence: { ...ordinaryFacts().offence, statutoryRange: { minFen: 0, maxFen: 1_000_000 } },
      }),
    );
    expect(step(org, 'issueSummaryDecision', ticket(3_000)).state).toBe('summary_decided');
    const orgOver = { ...ticket(3_000), penalty: { penalties: ['fine'] as const, fineFen: 300_001 } };
    expect(blocked(org, () => step(org, 'issueSummaryDecision', orgOver)).ruleId).toBe('B1');
  });

  it('A1: one officer alone, or an expired credential, is refused', () => {
    const s = summaryDraft();
    expect(blocked(s, () => step(s, 'issueSummaryDecision', ticket(50, [OFFICER_A]))).ruleId).toBe('A1');
    const e = blocked(s, () =>
      step(
        s,
        'issueSummaryDecision',
        ticket(50, [OFFICER_A, { ...OFFICER_B, credentials: [{ ...OFFICER_B.credentials[0]!, validTo: '2025-08-31' }] }]),
      ),
    );
    expect(e.ruleId).toBe('A1');
    expect(e.messageZh).toContain('已过期');
  });

  it('B3: remedy text without review-first; B4: 150 yuan is not collected on the spot', () => {
    const s = summaryDraft();
    const noReview = { ...ticket(50), form: { ...summaryForm(), remedyText: '如不服，可申请行政复议或提起行政诉讼。' } };
    expect(blocked(s, () => step(s, 'issueSummaryDecision', noReview)).ruleId).toBe('B3');
    const d = step(s, 'issueSummaryDecision', ticket(150));
    const collect = {
      date: '2025-09-01',
      officers: [OFFICER_A, OFFICER_B],
      receiptNumber: 'PJ-1',
      hardToEnforceLater: false,
      remoteArea: false,
      partyRequested: false,
    };
    expect(blocked(d, () => step(d, 'collectOnSpot', collect)).ruleId).toBe('B4');
    expect(step(d, 'collectOnSpot', { ...collect, hardToEnforceLater: true }).state).toBe('summary_collected');
  });
});
