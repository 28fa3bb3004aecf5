// E12 on the case machine: a decision on unverified law is blocked until the legal reviewer confirms the article.
import { describe, expect, it } from 'vitest';
import type { LawBasis } from '../law/verified-basis.ts';
import type { CaseOffenceVersion } from './case-snapshot.ts';
import { CaseRuleError } from './case.errors.ts';
import { allowedActions, assertCanTransition } from './case.evaluate.ts';
import { caseBasisCheck } from './case.guards.basis.ts';
import {
  ALL_ROLES,
  OFFICER_A,
  OFFICER_B,
  ctxOn,
  fine,
  noticeContents,
  ordinaryFacts,
  reviewedCase,
  step,
  summaryDraft,
  summaryFacts,
  summaryForm,
} from './case.fixtures.ts';

const UNVERIFIED: LawBasis = {
  offenceCode: 'CW-01',
  offenceName: '示例案由',
  offenceMark: 'V',
  violatedProvision: '《上海市建筑垃圾处理管理规定》所指的规定（违则条号未核实）',
  violatedMark: null,
  penaltyProvision: '《上海市建筑垃圾处理管理规定》第二十八条',
  penaltyMark: null,
};

function version(basis: LawBasis, minFen = 100_000): CaseOffenceVersion {
  return {
    versionId: 'v-2020',
    effectiveFrom: '2020-01-01',
    illegal: true,
    minFineFen: minFen,
    maxFineFen: 1_000_000,
    provision: basis.penaltyProvision,
    penaltyTypes: ['warning', 'fine'],
    statutoryRange: { minFen, maxFen: 1_000_000 },
    basis,
  };
}

function withBasis(basis: LawBasis) {
  const facts = ordinaryFacts();
  return ordinaryFacts({ offence: { ...facts.offence, versions: [version(basis)] } });
}

const decideInput = {
  date: '2025-09-20',
  outcome: 'penalty' as const,
  penalty: fine(2_000),
  citesHearingRecord: false,
  educationRecorded: false,
};

function noticed(basis: LawBasis) {
  let s = reviewedCase(2_000, withBasis(basis));
  s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
  return s;
}

function refusalOf(fn: () => void): CaseRuleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CaseRuleError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('E12 on the case (处罚法 Arts. 38, 58, 59)', () => {
  it('E12: a decision on a provision marked 未核实 is refused naming the offence and the provision', () => {
    const s = noticed(UNVERIFIED);
    const e = refusalOf(() => assertCanTransition(s, 'decide', decideInput, ALL_ROLES, ctxOn('2025-09-20')));
    expect(e.ruleId).toBe('E12');
    expect(e.messageZh).toContain('CW-01');
    expect(e.messageZh).toContain('（违则条号未核实）');
    expect(e.field).toBe('lawBasisConfirmation');
    const blocked = allowedActions(s, ['bureau_leader'], ctxOn('2025-09-20')).find((a) => a.action === 'decide');
    expect(blocked?.blockedBy.map((b) => b.ruleId)).toContain('E12');
  });

  it('E12: after the legal reviewer confirms the article, the decision passes and prints the confirmed text', () => {
    let s = noticed(UNVERIFIED);
    expect(() =>
      assertCanTransition(s, 'confirmLegalBasis', confirm('2025-09-15'), ['field_officer', 'squad_leader'], ctxOn('2025-09-15')),
    ).toThrow(CaseRuleError);
    s = step(s, 'confirmLegalBasis', confirm('2025-09-15'));
    expect(s.lawBasisConfirmation).toMatchObject({ reviewerId: 'reviewer-1', offenceVersionId: 'v-2020', confirmedOn: '2025-09-15' });
    expect(caseBasisCheck(s)).toMatchObject({ ok: true, confirmed: true, violatedProvision: '《上海市建筑垃圾处理管理规定》第十条' });
    expect(step(s, 'decide', decideInput).state).toBe('decided');
    // Confirmed once: nothing left to confirm for this version.
    expect(refusalOf(() => step(s, 'confirmLegalBasis', confirm('2025-09-16'))).ruleId).toBe('E12');
  });

  it('E12: verified law needs no confirmation, and a confirmation of it is refused', () => {
    const verified = { ...UNVERIFIED, violatedProvision: '《上海市建筑垃圾处理管理规定》第十条' };
    const s = noticed(verified);
    expect(step(s, 'decide', decideInput).state).toBe('decided');
    expect(refusalOf(() => step(s, 'confirmLegalBasis', confirm('2025-09-15'))).ruleId).toBe('E12');
  });

  it('E12: a confirmed text that still says 未核实 is refused', () => {
    const s = noticed(UNVERIFIED);
    const e = refusalOf(() => step(s, 'confirmLegalBasis', { ...confirm('2025-09-15'), violatedProvision: '第十条（未核实）' }));
    expect([e.ruleId, e.field]).toEqual(['E12', 'violatedProvision']);
  });

  it('E12: the 当场 summary decision is held to the same rule', () => {
    const facts = summaryFacts();
    const draft = summaryDraft(
      summaryFacts({ offence: { ...facts.offence, versions: [version({ ...UNVERIFIED, offenceMark: 'U' }, 5_000)] } }),
    );
    const ticket = { date: '2025-09-01', officers: [OFFICER_A, OFFICER_B], penalty: fine(50), form: summaryForm() };
    expect(refusalOf(() => step(draft, 'issueSummaryDecision', ticket)).ruleId).toBe('E12');
    const confirmed = step(draft, 'confirmLegalBasis', confirm('2025-09-01'));
    expect(step(confirmed, 'issueSummaryDecision', ticket).state).toBe('summary_decided');
  });
});

function confirm(date: string) {
  return {
    date,
    reviewerId: 'reviewer-1',
    violatedProvision: '《上海市建筑垃圾处理管理规定》第十条',
    penaltyProvision: '《上海市建筑垃圾处理管理规定》第二十八条',
  };
}
