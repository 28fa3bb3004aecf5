// The legal path of one generated case: a plan of steps an officer (or the payment channel) would take, each dated
// on a day the law allows (filing and later steps on working days), drawn through the domain reducer exactly as the
// server's case steps apply them. Steps dated after the city's "today" are not taken, so old cases end archived and
// recent ones stop in the live states. A step the rules refuse is an error: the plan, not the rules, must change.
import type { DocType, Role } from '@chengguan/contracts';
import {
  addDays,
  addWorkingDays,
  applyCaseAction,
  type CaseAction,
  type CaseActionInput,
  type CaseContext,
  type CaseSnapshot,
  cashHandInDeadline,
  daysBetween,
  earliestDecisionDate,
  type LegalConfig,
  type LegalDate,
  newCaseSnapshot,
  paymentDeadline,
  type NewCaseFacts,
  printedSummaryForm,
  type RandomSource,
  type TeamOfficer,
  type WorkCalendar,
  workingDayOnOrAfter,
} from '@chengguan/domain';

/** Who takes the step: an officer with one role, or the payment channel (a provider's callback). */
export type StepBy = { kind: 'lead' | 'squadLeader' | 'bureauLeader' | 'legal' } | { kind: 'payment' };

export type PlannedCaseStep = {
  [A in CaseAction]: {
    action: A;
    input: CaseActionInput<A>;
    by: StepBy;
    document?: DocType;
    /** Rows this step writes besides the event (evidence, 笔录, payment, cash receipt). */
    writes?: 'evidence' | 'inspection' | 'questioning' | 'payment' | 'cash';
  };
}[CaseAction];

export type TakenStep = PlannedCaseStep & { from: string; to: string };

export type DrawnCase = { steps: TakenStep[]; final: CaseSnapshot };

const ROLE_OF: Record<StepBy['kind'], Role[]> = {
  lead: ['field_officer'],
  squadLeader: ['squad_leader'],
  bureauLeader: ['bureau_leader'],
  legal: ['legal_reviewer'],
  payment: ['field_officer'],
};

export type CasePlanInput = {
  procedure: 'ordinary' | 'summary';
  facts: NewCaseFacts;
  registeredOn: LegalDate;
  officers: readonly TeamOfficer[];
  fineFen: number;
  source: CaseActionInput<'register'>['source'];
  serialNumber: string | null;
  remedyText: string;
  receiptNumber: string | null;
  /**
   * E12: where the library marks the offence or its provision 未核实, the bureau's legal reviewer confirms the article
   * texts for the case before it is decided (null: verified law, nothing to confirm).
   */
  lawConfirmation: { reviewerId: string; violatedProvision: string; penaltyProvision: string } | null;
};

const signed = (date: LegalDate, officers: readonly TeamOfficer[]) => ({
  date,
  officers,
  credentialsShown: true,
  officersSigned: true,
  partySigned: true,
  witnessSigned: false,
});

/** The plan of a case, as far as its story goes (the caller stops at the city's today). */
export function planCase(p: CasePlanInput, rand: RandomSource, calendar: WorkCalendar, config: LegalConfig): PlannedCaseStep[] {
  const w = (from: LegalDate, n: number) => addWorkingDays(calendar, from, n);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  // G1 (处罚法 Art. 67): a fine paid in time is paid on a day up to the due date of paymentDeadline.
  const paidInTime = (receivedOn: LegalDate) =>
    addDays(receivedOn, between(0, daysBetween(receivedOn, paymentDeadline(receivedOn, calendar).due)));
  const d0 = p.registeredOn;
  const fine = { penalties: ['fine'] as const, fineFen: p.fineFen };
  const steps: PlannedCaseStep[] = [];
  if (p.procedure === 'summary') {
    steps.push({ action: 'register', input: { date: d0, procedure: 'summary', discoveredOn: d0, source: 'patrol' }, by: { kind: 'lead' } });
    steps.push({ action: 'addEvidence', input: { date: d0, evidenceType: 'audio_visual' }, by: { kind: 'lead' }, writes: 'evidence' });
    if (p.lawConfirmation) steps.push({ action: 'confirmLegalBasis', input: { date: d0, ...p.lawConfirmation }, by: { kind: 'legal' } });
    steps.push({
      action: 'issueSummaryDecision',
      input: {
        date: d0,
        officers: p.officers,
        penalty: { penalties: ['fine'], fineFen: p.fineFen },
        form: printedSummaryForm({ serialNumber: p.serialNumber!, partySigned: true, refusalNoted: false, remedyText: p.remedyText }),
      },
      by: { kind: 'lead' },
      document: 'summary_decision',
    });
    const r = rand();
    if (p.fineFen <= 10_000 && r < 0.45) {
      // B4 (处罚法 Arts. 68, 71): ≤ 100 yuan collected on the spot, handed in within 2 working days, deposited.
      steps.push({
        action: 'collectOnSpot',
        input: {
          date: d0,
          officers: p.officers,
          receiptNumber: p.receiptNumber!,
          hardToEnforceLater: false,
          remoteArea: false,
          partyRequested: false,
        },
        by: { kind: 'lead' },
        writes: 'cash',
      });
      const handedIn = cashHandInDeadline(d0, calendar).due;
      const deposited = w(handedIn, 1);
      steps.push({
        action: 'close',
        input: { date: deposited, filedWithAgencyOn: handedIn, cashHandedInOn: handedIn, bankDepositedOn: deposited },
        by: { kind: 'squadLeader' },
      });
      steps.push({ action: 'archive', input: { date: w(deposited, between(1, 10)) }, by: { kind: 'squadLeader' } });
    } else if (r < 0.93) {
      const paidOn = paidInTime(d0);
      steps.push({
        action: 'recordSummaryPayment',
        input: { date: paidOn, amountFen: p.fineFen },
        by: { kind: 'payment' },
        writes: 'payment',
      });
      const closedOn = workingDayOnOrAfter(calendar, addDays(paidOn, 1));
      steps.push({ action: 'close', input: { date: closedOn, filedWithAgencyOn: w(d0, 1) }, by: { kind: 'squadLeader' } });
      steps.push({ action: 'archive', input: { date: w(closedOn, between(1, 10)) }, by: { kind: 'squadLeader' } });
    }
    return steps;
  }

  // Ordinary procedure: 登记 → 立案 (working days) → 调查取证 → 调查终结 → 审核 → 事先告知 → 决定 → 送达 → 缴款 → 结案 → 归档.
  steps.push({ action: 'register', input: { date: d0, procedure: 'ordinary', discoveredOn: d0, source: p.source }, by: { kind: 'lead' } });
  steps.push({ action: 'recordInspection', input: signed(d0, p.officers), by: { kind: 'lead' }, writes: 'inspection' });
  const submitted = workingDayOnOrAfter(calendar, d0);
  steps.push({ action: 'submitFiling', input: { date: submitted }, by: { kind: 'lead' } });
  const filed = w(submitted, between(1, 3));
  if (rand() < 0.04) {
    steps.push({ action: 'rejectFiling', input: { date: filed, reason: '违法事实不能成立' }, by: { kind: 'squadLeader' } });
    return steps;
  }
  steps.push({ action: 'approveFiling', input: { date: filed }, by: { kind: 'squadLeader' }, document: 'filing' });
  const evidenceOn = w(filed, between(0, 2));
  steps.push({
    action: 'addEvidence',
    input: { date: evidenceOn, evidenceType: 'audio_visual' },
    by: { kind: 'lead' },
    writes: 'evidence',
  });
  if (p.lawConfirmation)
    steps.push({ action: 'confirmLegalBasis', input: { date: evidenceOn, ...p.lawConfirmation }, by: { kind: 'legal' } });
  const questionedOn = w(evidenceOn, between(1, 5));
  steps.push({ action: 'recordQuestioning', input: signed(questionedOn, p.officers), by: { kind: 'lead' }, writes: 'questioning' });
  const concluded = w(questionedOn, between(3, 20));
  steps.push({ action: 'concludeInvestigation', input: { date: concluded }, by: { kind: 'lead' } });
  const reviewed = w(concluded, between(1, 3));
  steps.push({
    action: 'reviewCase',
    input: { date: reviewed, proposedOutcome: 'penalty', proposedPenalty: fine },
    by: { kind: 'squadLeader' },
  });
  const noticeOn = w(reviewed, between(1, 3));
  steps.push({
    action: 'issuePriorNotice',
    input: {
      date: noticeOn,
      proposed: fine,
      contents: {
        proposedPenaltyStated: true,
        factsStated: true,
        reasonsStated: true,
        legalBasisStated: true,
        statementRightsStated: true,
        hearingRightStated: false,
      },
    },
    by: { kind: 'lead' },
    document: 'prior_notice',
  });
  // D2: the statement period (a setting, 3 working days in Shanghai) runs out before the decision.
  const decideFrom = earliestDecisionDate(noticeOn, calendar, config, false);
  if (rand() < 0.1) {
    const statedOn = w(noticeOn, 1);
    steps.push({ action: 'recordStatement', input: { date: statedOn }, by: { kind: 'lead' } });
    steps.push({ action: 'reviewStatement', input: { date: w(statedOn, 1), adopted: false }, by: { kind: 'squadLeader' } });
  }
  const decided = w(decideFrom, between(0, 4));
  steps.push({
    action: 'decide',
    input: { date: decided, outcome: 'penalty', penalty: fine, citesHearingRecord: false, educationRecorded: false },
    by: { kind: 'bureauLeader' },
    document: 'decision',
  });
  const served = w(decided, between(1, 3));
  steps.push({ action: 'serveDecision', input: { date: served, method: 'direct' }, by: { kind: 'lead' } });
  if (rand() < 0.9) {
    // G1 (处罚法 Art. 67): paid in time after service, through the payment provider.
    const paidOn = paidInTime(served);
    steps.push({ action: 'recordPayment', input: { date: paidOn, amountFen: p.fineFen }, by: { kind: 'payment' }, writes: 'payment' });
    const closedOn = w(workingDayOnOrAfter(calendar, paidOn), between(1, 5));
    steps.push({ action: 'close', input: { date: closedOn }, by: { kind: 'squadLeader' } });
    steps.push({ action: 'archive', input: { date: w(closedOn, between(3, 20)) }, by: { kind: 'squadLeader' } });
  }
  return steps;
}

/** Applies the plan through the domain reducer up to `today` (steps dated later are not taken). */
export function drawCase(
  facts: NewCaseFacts,
  plan: readonly PlannedCaseStep[],
  today: LegalDate,
  calendar: WorkCalendar,
  config: LegalConfig,
): DrawnCase {
  let s = newCaseSnapshot(facts);
  const steps: TakenStep[] = [];
  for (const step of plan) {
    if (step.input.date > today) break;
    const ctx: CaseContext = { today: step.input.date, calendar, config };
    const next = applyCaseAction(s, step.action, step.input as never, ROLE_OF[step.by.kind], ctx);
    steps.push({ ...step, from: s.state, to: next.state } as TakenStep);
    s = next;
  }
  return { steps, final: s };
}
