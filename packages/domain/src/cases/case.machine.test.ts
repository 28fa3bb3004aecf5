// Exhaustive (state × action × procedure) availability against an independent, hand-written table, plus roles.
import type { Role } from '@chengguan/contracts';
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_CASE_STATES,
  CASE_ACTIONS,
  CASE_STATES,
  CLOSABLE_CASE_STATES,
  TERMINAL_CASE_STATES,
  UNREGISTERED,
  type CaseAction,
  type MachineState,
  type Procedure,
} from './case-states.ts';
import { actionsAllowedNow, allowedActions, evaluateAction, statesWhereRolesAct } from './case.evaluate.ts';
import { ALL_ROLES, ctxOn, ordinaryFacts, reviewedCase, summaryDraft, summaryFacts } from './case.fixtures.ts';
import { CASE_MACHINE, caseTransitions } from './case.machine.ts';
import { newCaseSnapshot } from './case.reducer.ts';

const PRE_DECISION = [
  'investigating',
  'investigation_concluded',
  'case_reviewed',
  'legal_review',
  'deliberation',
  'prior_notice_served',
  'hearing_requested',
  'hearing_scheduled',
  'hearing_held',
  'hearing_terminated',
] as const;
const POST_NOTICE = ['prior_notice_served', 'hearing_held', 'hearing_terminated'] as const;

/** Written from the brief, not from the machine: where each action may start, and in which procedure. */
const EXPECTED: Record<CaseAction, { from: readonly MachineState[]; procedures: readonly Procedure[]; changesState: boolean }> = {
  register: { from: [UNREGISTERED], procedures: ['ordinary', 'summary'], changesState: true },
  convertToOrdinary: { from: ['summary_draft'], procedures: ['summary'], changesState: true },
  submitFiling: { from: ['registered'], procedures: ['ordinary'], changesState: true },
  approveFiling: { from: ['filing_pending'], procedures: ['ordinary'], changesState: true },
  rejectFiling: { from: ['filing_pending'], procedures: ['ordinary'], changesState: true },
  addEvidence: {
    from: ['registered', 'filing_pending', 'investigating', 'summary_draft'],
    procedures: ['ordinary', 'summary'],
    changesState: false,
  },
  recordInspection: { from: ['registered', 'filing_pending', 'investigating'], procedures: ['ordinary'], changesState: false },
  recordQuestioning: { from: ['registered', 'filing_pending', 'investigating'], procedures: ['ordinary'], changesState: false },
  concludeInvestigation: { from: ['investigating'], procedures: ['ordinary'], changesState: true },
  reviewCase: { from: ['investigation_concluded'], procedures: ['ordinary'], changesState: true },
  completeLegalReview: { from: ['case_reviewed', 'deliberation', ...POST_NOTICE], procedures: ['ordinary'], changesState: true },
  recordDeliberation: { from: ['case_reviewed', 'legal_review', ...POST_NOTICE], procedures: ['ordinary'], changesState: true },
  // E12: the legal reviewer confirms the article texts before any decision, in either procedure.
  confirmLegalBasis: {
    from: [...PRE_DECISION, 'summary_draft'],
    procedures: ['ordinary', 'summary'],
    changesState: false,
  },
  issuePriorNotice: {
    from: ['case_reviewed', 'legal_review', 'deliberation', ...POST_NOTICE],
    procedures: ['ordinary'],
    changesState: true,
  },
  recordStatement: {
    from: ['prior_notice_served', 'hearing_requested', 'hearing_scheduled'],
    procedures: ['ordinary'],
    changesState: false,
  },
  reviewStatement: {
    from: [
      'prior_notice_served',
      'hearing_requested',
      'hearing_scheduled',
      'hearing_held',
      'hearing_terminated',
      'legal_review',
      'deliberation',
    ],
    procedures: ['ordinary'],
    changesState: false,
  },
  waiveStatement: { from: ['prior_notice_served'], procedures: ['ordinary'], changesState: false },
  requestHearing: { from: ['prior_notice_served'], procedures: ['ordinary'], changesState: true },
  scheduleHearing: { from: ['hearing_requested'], procedures: ['ordinary'], changesState: true },
  recordHearing: { from: ['hearing_scheduled'], procedures: ['ordinary'], changesState: true },
  terminateHearing: { from: ['hearing_scheduled'], procedures: ['ordinary'], changesState: true },
  decide: { from: ['case_reviewed', 'legal_review', 'deliberation', ...POST_NOTICE], procedures: ['ordinary'], changesState: true },
  serveDecision: { from: ['decided'], procedures: ['ordinary'], changesState: true },
  recordPayment: { from: ['decision_served', 'enforcing'], procedures: ['ordinary', 'summary'], changesState: true },
  approveDeferral: { from: ['decision_served', 'enforcing', 'summary_decided'], procedures: ['ordinary', 'summary'], changesState: false },
  startEnforcement: { from: ['decision_served', 'enforcing', 'summary_decided'], procedures: ['ordinary', 'summary'], changesState: true },
  concludeEnforcement: { from: ['enforcing'], procedures: ['ordinary', 'summary'], changesState: false },
  close: {
    from: ['decision_served', 'enforcing', 'summary_decided', 'summary_paid', 'summary_collected'],
    procedures: ['ordinary', 'summary'],
    changesState: true,
  },
  archive: { from: ['closed'], procedures: ['ordinary', 'summary'], changesState: true },
  suspend: { from: [...PRE_DECISION, 'enforcing'], procedures: ['ordinary', 'summary'], changesState: true },
  resume: { from: ['suspended'], procedures: ['ordinary', 'summary'], changesState: true },
  extendDeadline: { from: [...PRE_DECISION, 'suspended'], procedures: ['ordinary'], changesState: false },
  transfer: {
    from: [
      'registered',
      'filing_pending',
      'investigating',
      'investigation_concluded',
      'case_reviewed',
      'legal_review',
      'deliberation',
      'decided',
      'summary_draft',
    ],
    procedures: ['ordinary', 'summary'],
    changesState: true,
  },
  issueSummaryDecision: { from: ['summary_draft'], procedures: ['summary'], changesState: true },
  collectOnSpot: { from: ['summary_decided'], procedures: ['summary'], changesState: true },
  recordSummaryPayment: { from: ['summary_decided'], procedures: ['summary'], changesState: true },
  // F2: the consent may be signed at any point of a living case (not once closed, archived, not filed or transferred).
  recordServiceConsent: {
    from: CASE_STATES.filter((s) => !['closed', 'archived', 'not_filed', 'transferred'].includes(s)),
    procedures: ['ordinary', 'summary'],
    changesState: false,
  },
  // 处罚法 Art. 73: a review or lawsuit once the party holds the decision.
  recordReviewOrLitigation: {
    from: ['decision_served', 'enforcing', 'summary_decided', 'summary_paid', 'summary_collected'],
    procedures: ['ordinary', 'summary'],
    changesState: false,
  },
};

const ALL_MACHINE_STATES: readonly MachineState[] = [UNREGISTERED, ...CASE_STATES];
const PROCEDURES: readonly Procedure[] = ['ordinary', 'summary'];
const ctx = ctxOn('2025-09-15');

const STATE_PROCEDURES = ALL_MACHINE_STATES.flatMap((state) => PROCEDURES.map((procedure) => [state, procedure] as const));

describe('transition table', () => {
  it('the machine has exactly one row per action, and the hand-written table covers them all', () => {
    expect(caseTransitions().map((t) => t.action)).toEqual([...CASE_ACTIONS]);
    expect(Object.keys(EXPECTED).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it.each(CASE_ACTIONS)('%s: from-states, procedures and state change match the brief', (action) => {
    const t = CASE_MACHINE[action];
    expect([...t.from].sort()).toEqual([...EXPECTED[action].from].sort());
    expect([...t.procedures].sort()).toEqual([...EXPECTED[action].procedures].sort());
    expect(t.to !== null).toBe(EXPECTED[action].changesState);
    expect(t.records.length).toBeGreaterThan(0);
    expect(t.roles.length).toBeGreaterThan(0);
  });

  it.each(STATE_PROCEDURES)('availability of every action from %s (%s)', (state, procedure) => {
    for (const action of CASE_ACTIONS) {
      const base = newCaseSnapshot(procedure === 'summary' ? summaryFacts() : ordinaryFacts());
      const s = { ...base, state };
      const r = evaluateAction(s, action, undefined, ALL_ROLES, ctx);
      const expected = EXPECTED[action].procedures.includes(procedure) && EXPECTED[action].from.includes(state);
      const structural = r.code === 'CASE_ACTION_NOT_IN_STATE' || r.code === 'CASE_ACTION_WRONG_PROCEDURE';
      expect({ state, procedure, action, available: !structural }).toEqual({ state, procedure, action, available: expected });
      if (!expected) expect(r.allowed).toBe(false);
    }
  });

  it("actionsAllowedNow is allowedActions' allowed actions, for every state, procedure and role set", () => {
    const roleSets: (readonly Role[])[] = [ALL_ROLES, ['field_officer'], ['squad_leader'], ['bureau_leader', 'legal_reviewer'], []];
    const snapshots = [reviewedCase(1_000), reviewedCase(5_000), summaryDraft()];
    for (const procedure of ['ordinary', 'summary'] as const) {
      const base = newCaseSnapshot(procedure === 'summary' ? summaryFacts() : ordinaryFacts());
      for (const state of CASE_STATES) snapshots.push({ ...base, state });
    }
    for (const s of snapshots) {
      for (const roles of roleSets) {
        const want = allowedActions(s, roles, ctx)
          .filter((a) => a.allowed)
          .map((a) => a.action);
        expect({ state: s.state, roles, actions: actionsAllowedNow(s, roles, ctx) }).toEqual({ state: s.state, roles, actions: want });
      }
    }
  });

  it('statesWhereRolesAct holds every state in which actionsAllowedNow allows these roles anything', () => {
    const roleSets: (readonly Role[])[] = [ALL_ROLES, ['field_officer'], ['squad_leader'], ['legal_reviewer'], ['supervisor'], []];
    for (const roles of roleSets) {
      const states = statesWhereRolesAct(roles);
      for (const procedure of ['ordinary', 'summary'] as const) {
        const base = newCaseSnapshot(procedure === 'summary' ? summaryFacts() : ordinaryFacts());
        for (const state of CASE_STATES) {
          if (actionsAllowedNow({ ...base, state }, roles, ctx).length > 0)
            expect({ state, roles, in: states.includes(state) }).toEqual({ state, roles, in: true });
        }
      }
      for (const s of [reviewedCase(1_000), summaryDraft()]) {
        if (actionsAllowedNow(s, roles, ctx).length > 0) expect(states).toContain(s.state);
      }
    }
    expect(statesWhereRolesAct([])).toEqual([]);
  });

  it('terminal states allow nothing; archived is terminal, closed only archives', () => {
    for (const state of TERMINAL_CASE_STATES) {
      const s = { ...newCaseSnapshot(ordinaryFacts()), state };
      expect(allowedActions(s, ALL_ROLES, ctx).filter((a) => a.availableInState)).toEqual([]);
    }
    const closed = { ...newCaseSnapshot(ordinaryFacts()), state: 'closed' as const };
    expect(
      allowedActions(closed, ALL_ROLES, ctx)
        .filter((a) => a.availableInState)
        .map((a) => a.action),
    ).toEqual(['archive']);
  });

  it('named sets are consistent with the table', () => {
    const closeFrom = CASE_MACHINE.close.from;
    expect([...CLOSABLE_CASE_STATES].sort()).toEqual([...closeFrom].sort());
    for (const s of TERMINAL_CASE_STATES) expect(ACTIVE_CASE_STATES).not.toContain(s);
    expect(ACTIVE_CASE_STATES).not.toContain('closed');
    expect(ACTIVE_CASE_STATES).toContain('suspended');
  });
});

describe('roles', () => {
  const ROLE_EXPECTATIONS: [CaseAction, MachineState, readonly Role[]][] = [
    ['decide', 'case_reviewed', ['bureau_leader']],
    ['completeLegalReview', 'case_reviewed', ['legal_reviewer']],
    ['recordDeliberation', 'case_reviewed', ['bureau_leader']],
    ['approveFiling', 'filing_pending', ['squad_leader', 'bureau_leader']],
    ['recordInspection', 'investigating', ['field_officer', 'squad_leader']],
    ['extendDeadline', 'investigating', ['bureau_leader']],
    ['recordServiceConsent', 'investigating', ['field_officer', 'squad_leader']],
    ['recordReviewOrLitigation', 'enforcing', ['field_officer', 'squad_leader', 'bureau_leader', 'legal_reviewer']],
  ];

  it.each(ROLE_EXPECTATIONS)('%s from %s: only %j pass the role check', (action, state, allowedRoles) => {
    const s = { ...newCaseSnapshot(ordinaryFacts()), state };
    for (const role of ALL_ROLES) {
      const ids = evaluateAction(s, action, undefined, [role], ctx).blockedBy.map((b) => b.ruleId);
      expect({ role, roleBlocked: ids.includes('ROLE') }).toEqual({ role, roleBlocked: !allowedRoles.includes(role) });
    }
  });

  it('a supervisor or an admin may take no case action', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      const s = { ...newCaseSnapshot(ordinaryFacts()), state: 'investigating' as const };
      expect(allowedActions(s, [role], ctx).some((a) => a.allowed)).toBe(false);
    }
  });
});
