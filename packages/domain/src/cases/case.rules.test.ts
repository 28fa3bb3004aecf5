// Bad input, each refused with the rule ID and article (LEGAL-RULES.md §10).
import { describe, expect, it } from 'vitest';
import { hearingRequestDeadline } from '../law/procedure-deadlines.ts';
import type { CaseActionInput } from './case-inputs.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { CaseRuleError } from './case.errors.ts';
import { assertCanTransition, evaluateAction } from './case.evaluate.ts';
import {
  ALL_ROLES,
  CALENDAR,
  CHAIR_ID,
  OFFICER_A,
  OFFICER_B,
  OFFICER_EXPIRED,
  ctxOn,
  fine,
  noticeContents,
  ordinaryFacts,
  reviewedCase,
  signedRecord,
  step,
  summaryDraft,
  summaryFacts,
  summaryForm,
} from './case.fixtures.ts';
import { newCaseSnapshot } from './case.reducer.ts';

function refusal<A extends Parameters<typeof step>[1]>(
  s: CaseSnapshot,
  action: A,
  input: CaseActionInput<A>,
  today?: string,
): CaseRuleError {
  try {
    assertCanTransition(s, action, input, ALL_ROLES, ctxOn(today ?? input.date));
  } catch (e) {
    if (e instanceof CaseRuleError) return e;
    throw e;
  }
  throw new Error(`${action} was not refused`);
}

const penaltyDecision = (date: string, yuan: number) =>
  ({ date, outcome: 'penalty', penalty: fine(yuan), citesHearingRecord: false, educationRecorded: false }) as const;

function investigating(facts = ordinaryFacts()): CaseSnapshot {
  let s = newCaseSnapshot(facts);
  s = step(s, 'register', { date: '2025-09-01', procedure: 'ordinary', discoveredOn: '2025-09-01', source: 'patrol' });
  s = step(s, 'submitFiling', { date: '2025-09-01' });
  return step(s, 'approveFiling', { date: '2025-09-02' });
}

describe('D1–D7', () => {
  it('D1: a penalty decision before the prior notice was served', () => {
    const e = refusal(reviewedCase(2_000), 'decide', penaltyDecision('2025-09-12', 2_000));
    expect(e).toMatchObject({ code: 'CASE_RULE_VIOLATION', ruleId: 'D1', article: '行政处罚法 Art. 44, Art. 62', field: 'priorNotice' });
    expect(e.messageZh).toContain('事先告知');
  });

  it('D1: a notice without the facts or the statement rights', () => {
    const contents = { ...noticeContents(false), factsStated: false };
    expect(refusal(reviewedCase(2_000), 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents }).ruleId).toBe('D1');
  });

  it('D4: a 6,000-yuan notice to a person that omits the hearing right', () => {
    const e = refusal(reviewedCase(6_000), 'issuePriorNotice', {
      date: '2025-09-12',
      proposed: fine(6_000),
      contents: noticeContents(false),
    });
    expect(e.ruleId).toBe('D4');
    expect(e.article).toContain('Art. 63');
  });

  it('D4: no hearing for a penalty that carries no hearing right', () => {
    const s = step(reviewedCase(2_000), 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    expect(refusal(s, 'requestHearing', { date: '2025-09-15' }).ruleId).toBe('D4');
  });

  it('D5: a hearing request after the window, across the 2025 National Day week (调休 Sunday 09-28 counts)', () => {
    let s = reviewedCase(6_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-26', proposed: fine(6_000), contents: noticeContents(true) });
    // 09-28 (make-up Sunday), 09-29, 09-30, [10-01 … 10-08 holiday], 10-09, 10-10 → due Fri 10-10.
    expect(hearingRequestDeadline('2025-09-26', CALENDAR).due).toBe('2025-10-10');
    expect(step(s, 'requestHearing', { date: '2025-10-10' }).state).toBe('hearing_requested');
    const e = refusal(s, 'requestHearing', { date: '2025-10-11' });
    expect(e).toMatchObject({ ruleId: 'D5', field: 'date' });
    expect(e.messageZh).toContain('2025-10-10');
  });

  it('D5: no penalty decision while a notified hearing right may still be exercised', () => {
    let s = reviewedCase(6_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(6_000), contents: noticeContents(true) });
    const ids = evaluateAction(s, 'decide', penaltyDecision('2025-09-18', 6_000), ALL_ROLES, ctxOn('2025-09-18')).blockedBy.map(
      (b) => b.ruleId,
    );
    expect(ids).toContain('D5');
  });

  it('D3: a fine above the notified amount; D3: a statement not reviewed', () => {
    let s = reviewedCase(2_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    expect(refusal(s, 'decide', penaltyDecision('2025-09-18', 2_500)).ruleId).toBe('D3');
    s = step(s, 'recordStatement', { date: '2025-09-15' });
    const e = refusal(s, 'decide', penaltyDecision('2025-09-18', 1_500));
    expect(e).toMatchObject({ ruleId: 'D3', field: 'statementReviewsOn' });
    s = step(s, 'reviewStatement', { date: '2025-09-16', adopted: true });
    expect(step(s, 'decide', penaltyDecision('2025-09-18', 1_500)).state).toBe('decided');
  });

  it('D6: a hearing notice fewer than 7 working days ahead, or an investigator in the chair', () => {
    let s = reviewedCase(6_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(6_000), contents: noticeContents(true) });
    s = step(s, 'requestHearing', { date: '2025-09-15' });
    const notice = {
      date: '2025-09-18',
      hearingOn: '2025-09-26',
      chairOfficerId: CHAIR_ID,
      agentCount: 1,
      publicHearing: true,
      secretOrPrivacy: false,
    };
    expect(refusal(s, 'scheduleHearing', notice)).toMatchObject({ ruleId: 'D6', field: 'hearingOn' });
    expect(refusal(s, 'scheduleHearing', { ...notice, date: '2025-09-16', chairOfficerId: OFFICER_A.id }).field).toBe('chairOfficerId');
    expect(refusal(s, 'scheduleHearing', { ...notice, date: '2025-09-16', agentCount: 3 }).field).toBe('agentCount');
  });

  it('D7 and E1: a decision after a hearing that ignores the hearing record or lacks the legal review', () => {
    let s = reviewedCase(6_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(6_000), contents: noticeContents(true) });
    s = step(s, 'requestHearing', { date: '2025-09-15' });
    s = step(s, 'scheduleHearing', {
      date: '2025-09-16',
      hearingOn: '2025-09-26',
      chairOfficerId: CHAIR_ID,
      agentCount: 0,
      publicHearing: true,
      secretOrPrivacy: false,
    });
    s = step(s, 'recordHearing', { date: '2025-09-26', recordSignedByParty: false, refusalNotedByChair: true });
    s = step(s, 'recordDeliberation', { date: '2025-09-29', conclusion: '同意' });
    const ids = evaluateAction(s, 'decide', penaltyDecision('2025-09-30', 6_000), ALL_ROLES, ctxOn('2025-09-30')).blockedBy.map(
      (b) => b.ruleId,
    );
    expect(ids).toEqual(expect.arrayContaining(['D7', 'E1']));
  });
});

describe('E1 法制审核 for every penalty that carries the hearing right', () => {
  const org = (penaltyTypes: CaseSnapshot['offence']['penaltyTypes']) =>
    ordinaryFacts({
      party: { type: 'legal_person' },
      offence: { ...ordinaryFacts().offence, penaltyTypes, statutoryRange: { minFen: 100_000, maxFen: 10_000_000 } },
    });
  /** Reviewed, notified with the hearing right, statement and hearing waived the same day, deliberated. */
  function waivedHearing(facts: ReturnType<typeof ordinaryFacts>, penalty: NonNullable<CaseSnapshot['proposal']>['penalty']) {
    let s = investigating(facts);
    s = step(s, 'recordInspection', signedRecord('2025-09-03'));
    s = step(s, 'concludeInvestigation', { date: '2025-09-10' });
    s = step(s, 'reviewCase', { date: '2025-09-11', proposedOutcome: 'penalty', proposedPenalty: penalty! });
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: penalty!, contents: noticeContents(true) });
    s = step(s, 'waiveStatement', { date: '2025-09-12', waivesHearing: true });
    return step(s, 'recordDeliberation', { date: '2025-09-15', conclusion: '同意' });
  }
  const decision = (penalty: NonNullable<CaseSnapshot['proposal']>['penalty']) =>
    ({ date: '2025-09-16', outcome: 'penalty', penalty: penalty!, citesHearingRecord: false, educationRecorded: false }) as const;

  it('E1: 责令关闭, 降低资质等级 and 限制从业 after a waived hearing are refused without a passed review', () => {
    for (const type of ['order_closure', 'lower_qualification', 'restrict_practice'] as const) {
      const penalty = { penalties: [type] } as const;
      const s = waivedHearing(org([type]), penalty);
      const e = refusal(s, 'decide', decision(penalty));
      expect(e, type).toMatchObject({ ruleId: 'E1', field: 'legalReviews' });
      expect(e.article).toContain('Art. 58');
      const reviewed = step(s, 'completeLegalReview', {
        date: '2025-09-15',
        result: 'pass',
        reviewerFirstTime: false,
        reviewerHasLegalQualification: true,
      });
      expect(step(reviewed, 'decide', decision(penalty)).state).toBe('decided');
    }
  });

  it('E1: a confiscation below the configured 「相应数额」 needs no review; from it on, it does', () => {
    const facts = org(['warning', 'confiscate_illegal_property']);
    const small = { penalties: ['confiscate_illegal_property'], confiscationFen: 4_999_999 } as const;
    const large = { penalties: ['confiscate_illegal_property'], confiscationFen: 5_000_000 } as const;
    expect(step(waivedHearing(facts, small), 'decide', decision(small)).state).toBe('decided');
    expect(refusal(waivedHearing(facts, large), 'decide', decision(large)).ruleId).toBe('E1');
  });
});

describe('Art. 37 in the case: the version on the day of the notice or decision', () => {
  const base = ordinaryFacts().offence;
  const v2019 = {
    versionId: 'cw-01@2019',
    effectiveFrom: '2019-01-01',
    illegal: true,
    minFineFen: 100_000,
    maxFineFen: 1_000_000,
    provision: base.provision,
    penaltyTypes: base.penaltyTypes,
    statutoryRange: { minFen: 100_000, maxFen: 1_000_000 },
  };
  const withVersions = (versions: NonNullable<CaseSnapshot['offence']['versions']>) => ordinaryFacts({ offence: { ...base, versions } });

  it('Art. 37: a provision repealed with no successor before the notice — the penalty is refused, not punishable', () => {
    const s = reviewedCase(2_000, withVersions([{ ...v2019, effectiveUntil: '2025-09-11' }]));
    const e = refusal(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    expect(e).toMatchObject({ ruleId: 'ART37', article: '行政处罚法 Art. 37', field: 'outcome' });
    expect(e.messageZh).toContain('不再给予行政处罚');
  });

  it('Art. 37: repealed between the notice and the decision — the decision is refused; a no-penalty outcome is not', () => {
    let s = reviewedCase(2_000, withVersions([{ ...v2019, effectiveUntil: '2025-09-15' }]));
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    s = step(s, 'waiveStatement', { date: '2025-09-12', waivesHearing: false });
    expect(refusal(s, 'decide', penaltyDecision('2025-09-16', 2_000)).ruleId).toBe('ART37');
    const none = step(s, 'decide', {
      date: '2025-09-16',
      outcome: 'no_penalty_facts_not_established',
      citesHearingRecord: false,
      educationRecorded: false,
    });
    expect(none.state).toBe('decided');
  });

  it('Art. 37: a lighter version in force at the decision sets the range; a heavier one does not', () => {
    const lighter = {
      ...v2019,
      versionId: 'cw-01@2025',
      effectiveFrom: '2025-09-01',
      maxFineFen: 300_000,
      statutoryRange: { minFen: 100_000, maxFen: 300_000 },
    };
    const s = reviewedCase(2_000, withVersions([{ ...v2019, effectiveUntil: '2025-08-31' }, lighter]));
    const over = refusal(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(4_000), contents: noticeContents(false) });
    expect(over).toMatchObject({ ruleId: 'LEGALITY', field: 'penalty.fineFen' });
    const heavier = { ...lighter, versionId: 'cw-01@2025h', maxFineFen: 2_000_000, statutoryRange: { minFen: 100_000, maxFen: 2_000_000 } };
    const t = reviewedCase(2_000, withVersions([{ ...v2019, effectiveUntil: '2025-08-31' }, heavier]));
    const notice = { date: '2025-09-12', proposed: fine(9_000), contents: noticeContents(true) } as const;
    expect(step(t, 'issuePriorNotice', notice).state).toBe('prior_notice_served');
    const overOld = refusal(t, 'issuePriorNotice', { ...notice, proposed: fine(15_000) });
    expect(overOld.ruleId).toBe('LEGALITY');
  });
});

describe('A1–A8', () => {
  it('A1: one officer alone', () => {
    const e = refusal(investigating(), 'recordInspection', signedRecord('2025-09-03', [OFFICER_A]));
    expect(e).toMatchObject({ ruleId: 'A1', field: 'officers' });
    expect(e.article).toContain('行政处罚法 Art. 42');
  });

  it('A1: the list of allowed actions lets a lone handling officer open a 笔录 form; submitting it alone is refused', () => {
    const alone = { ...investigating(), officers: investigating().officers.slice(0, 1) };
    expect(evaluateAction(alone, 'recordInspection', undefined, ALL_ROLES, ctxOn('2025-09-03')).allowed).toBe(true);
    expect(refusal(alone, 'recordInspection', signedRecord('2025-09-03', [OFFICER_A])).ruleId).toBe('A1');
  });

  it('A1: an expired credential on the action date (a recorded statutory exception does not cure it)', () => {
    const record = { ...signedRecord('2025-09-03', [OFFICER_A, OFFICER_EXPIRED]), statutoryException: '某法第X条' };
    const e = refusal(investigating(), 'recordInspection', record);
    expect(e.ruleId).toBe('A1');
    expect(e.messageEn).toContain('expired');
  });

  it('A1: a credential that does not cover the offence’s enforcement domain', () => {
    const facts = ordinaryFacts({ offence: { ...ordinaryFacts().offence, domain: 'urban_planning' } });
    expect(refusal(investigating(facts), 'recordInspection', signedRecord('2025-09-03')).messageEn).toContain('urban_planning');
    const covered = ordinaryFacts({ offence: { ...ordinaryFacts().offence, domain: 'city_appearance' } });
    expect(step(investigating(covered), 'recordInspection', signedRecord('2025-09-03')).state).toBe('investigating');
  });

  it('A2 / A3: credentials not shown, or an unsigned record without a witness or note', () => {
    expect(refusal(investigating(), 'recordQuestioning', { ...signedRecord('2025-09-03'), credentialsShown: false }).ruleId).toBe('A2');
    expect(refusal(investigating(), 'recordQuestioning', { ...signedRecord('2025-09-03'), partySigned: false }).ruleId).toBe('A3');
    const absent = { ...signedRecord('2025-09-03'), partySigned: false, absenceNote: '当事人拒绝签名' };
    expect(step(investigating(), 'recordQuestioning', absent).state).toBe('investigating');
  });

  it('A4 / A5: a non-statutory evidence type; device evidence without review', () => {
    const bad = { date: '2025-09-03', evidenceType: 'rumour' } as unknown as CaseActionInput<'addEvidence'>;
    expect(refusal(investigating(), 'addEvidence', bad).ruleId).toBe('A4');
    const device = {
      deviceLegalReview: true,
      deviceTechReview: false,
      fixedDevice: true,
      locationPublished: true,
      reviewResult: 'pass',
    } as const;
    expect(refusal(investigating(), 'addEvidence', { date: '2025-09-03', evidenceType: 'electronic_data', device }).ruleId).toBe('A5');
  });

  it('A6: archive refused while a reached stage has no record', () => {
    let s = reviewedCase(2_000, ordinaryFacts(), 'no_penalty_facts_not_established');
    s = step(s, 'decide', {
      date: '2025-09-12',
      outcome: 'no_penalty_facts_not_established',
      citesHearingRecord: false,
      educationRecorded: false,
    });
    s = step(s, 'serveDecision', { date: '2025-09-12', method: 'direct' });
    s = step(s, 'close', { date: '2025-09-12' });
    const stripped = { ...s, records: s.records.filter((r) => r.kind !== 'decision_service') };
    const e = refusal(stripped, 'archive', { date: '2025-09-15' });
    expect(e).toMatchObject({ ruleId: 'A6', field: 'records' });
    expect(e.messageZh).toContain('送达');
  });

  it('A8: a recused officer may not act; a pending request does not stop the investigation', () => {
    const pending = investigating(ordinaryFacts({ recusals: [{ officerId: OFFICER_B.id, status: 'requested' }] }));
    expect(step(pending, 'recordInspection', signedRecord('2025-09-03')).state).toBe('investigating');
    const granted = { ...pending, recusals: [{ officerId: OFFICER_B.id, status: 'granted' as const, decidedOn: '2025-09-03' }] };
    expect(refusal(granted, 'recordInspection', signedRecord('2025-09-04')).ruleId).toBe('A8');
  });
});

describe('chronology, filing, one fine per act, roles', () => {
  it('a backdated event before the previous step; a future date', () => {
    let s = newCaseSnapshot(ordinaryFacts());
    s = step(s, 'register', { date: '2025-09-01', procedure: 'ordinary', discoveredOn: '2025-09-01', source: 'patrol' });
    s = step(s, 'submitFiling', { date: '2025-09-03' });
    expect(refusal(s, 'approveFiling', { date: '2025-09-02' }, '2025-09-04')).toMatchObject({ ruleId: 'CHRONOLOGY', field: 'date' });
    expect(refusal(s, 'approveFiling', { date: '2025-09-05' }, '2025-09-04').ruleId).toBe('CHRONOLOGY');
  });

  it('CHRONOLOGY: an act dated after its discovery is refused at registration (C4 runs act → discovery)', () => {
    const later = newCaseSnapshot(ordinaryFacts({ act: { actId: 'a', actDate: '2025-09-02', priorFineDecisionCount: 0 } }));
    const register = { date: '2025-09-03', procedure: 'ordinary', discoveredOn: '2025-09-01', source: 'patrol' } as const;
    const e = refusal(later, 'register', register);
    expect(e).toMatchObject({ ruleId: 'CHRONOLOGY', field: 'act.actDate' });
    expect(e.article).toContain('Art. 36');
    // The same day is fine; so is a summary case.
    expect(step(later, 'register', { ...register, discoveredOn: '2025-09-02' }).state).toBe('registered');
    const summary = newCaseSnapshot(summaryFacts({ act: { actId: 'a', actDate: '2025-09-02', priorFineDecisionCount: 0 } }));
    expect(refusal(summary, 'register', { ...register, procedure: 'summary' }).field).toBe('act.actDate');
    // A continuing act that ends before it began.
    const backwards = newCaseSnapshot(
      ordinaryFacts({ act: { actId: 'a', actDate: '2025-08-20', continuingUntil: '2025-08-10', priorFineDecisionCount: 0 } }),
    );
    expect(refusal(backwards, 'register', register)).toMatchObject({ ruleId: 'CHRONOLOGY', field: 'act.continuingUntil' });
  });

  it('C4: an act discovered after two years is not filed', () => {
    let s = newCaseSnapshot(ordinaryFacts({ act: { actId: 'old', actDate: '2023-08-01', priorFineDecisionCount: 0 } }));
    s = step(s, 'register', { date: '2025-09-01', procedure: 'ordinary', discoveredOn: '2025-09-01', source: 'complaint' });
    s = step(s, 'submitFiling', { date: '2025-09-01' });
    expect(refusal(s, 'approveFiling', { date: '2025-09-02' })).toMatchObject({ ruleId: 'C4', article: '行政处罚法 Art. 36' });
    expect(step(s, 'rejectFiling', { date: '2025-09-02', reason: '超过追责时效' }).state).toBe('not_filed');
  });

  it('E6: a second fine for the same act is refused at the notice and at the decision', () => {
    const facts = ordinaryFacts({
      act: { actId: 'act-1', actDate: '2025-08-30', priorFineDecisionCount: 1 },
      offence: { ...ordinaryFacts().offence, penaltyTypes: ['warning', 'fine'] },
    });
    let s = reviewedCase(0, facts, 'no_penalty_facts_not_established');
    expect(refusal(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) }).ruleId).toBe(
      'E6',
    );
    // Another case fined the same act after this notice was served.
    let t = reviewedCase(2_000);
    t = step(t, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    t = { ...t, act: { ...t.act, priorFineDecisionCount: 1 } };
    expect(refusal(t, 'decide', penaltyDecision('2025-09-18', 2_000))).toMatchObject({ ruleId: 'E6', article: '行政处罚法 Art. 29' });
    // A warning for the act remains possible.
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: { penalties: ['warning'] }, contents: noticeContents(false) });
    const warning = {
      date: '2025-09-18',
      outcome: 'penalty',
      penalty: { penalties: ['warning'] },
      citesHearingRecord: false,
      educationRecorded: false,
    } as const;
    expect(step(s, 'decide', warning).state).toBe('decided');
  });

  it('LEGALITY / DISCRETION: a fine outside the statutory range or outside the chosen tier', () => {
    expect(() => reviewedCase(20_000)).toThrow(/LEGALITY/);
    let s = reviewedCase(2_000);
    s = { ...s, proposal: { outcome: 'penalty', penalty: fine(2_000), tierRange: { minFen: 100_000, maxFen: 300_000 } } };
    expect(refusal(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(4_000), contents: noticeContents(false) }).ruleId).toBe(
      'DISCRETION',
    );
  });

  it('malformed input from the legal engine becomes a reason naming the field, not a crash', () => {
    const s = summaryDraft();
    const bad = {
      date: '2025-09-01',
      officers: [OFFICER_A, OFFICER_B],
      penalty: { penalties: ['fine'] as const, fineFen: -5 },
      form: summaryForm(),
    };
    const e = refusal(s, 'issueSummaryDecision', bad);
    expect(e).toMatchObject({ code: 'CASE_RULE_VIOLATION', ruleId: 'B1', field: 'fineFen' });
    expect(refusal(investigating(), 'addEvidence', { date: '2025-02-30', evidenceType: 'documentary' }, '2025-09-05').ruleId).toBe('INPUT');
  });

  it('roles and states are typed errors too', () => {
    const s = reviewedCase(2_000);
    const byOfficer = (() => {
      try {
        assertCanTransition(s, 'decide', penaltyDecision('2025-09-12', 2_000), ['field_officer'], ctxOn('2025-09-12'));
      } catch (e) {
        return e as CaseRuleError;
      }
      return null;
    })();
    expect(byOfficer?.code).toBe('CASE_ACTION_FORBIDDEN_ROLE');
    expect(refusal(s, 'serveDecision', { date: '2025-09-12', method: 'direct' }).code).toBe('CASE_ACTION_NOT_IN_STATE');
    expect(refusal(s, 'issueSummaryDecision', { date: '2025-09-12', officers: [], penalty: fine(50), form: {} as never }).code).toBe(
      'CASE_ACTION_WRONG_PROCEDURE',
    );
  });
});

describe('E7, E8, E10, F2, G3, G5', () => {
  it('E7: a 13-year-old is not punished', () => {
    const facts = ordinaryFacts({ party: { type: 'natural_person', birthDate: '2012-01-01' } });
    expect(() => reviewedCase(2_000, facts)).toThrow(/E7/);
  });

  it('E8: a first violation, minor harm, corrected — a penalty needs a stated reason', () => {
    const facts = ordinaryFacts({ flags: { ...ordinaryFacts().flags, firstViolation: true, correctedPromptly: true, harm: 'minor' } });
    let s = reviewedCase(2_000, facts);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    expect(refusal(s, 'decide', penaltyDecision('2025-09-18', 2_000)).ruleId).toBe('E8');
    expect(step(s, 'decide', { ...penaltyDecision('2025-09-18', 2_000), reasonForPenaltyDespiteExemption: '拒不配合调查' }).state).toBe(
      'decided',
    );
  });

  it('E10: a minor, curable act under 沪条例 Art. 18 needs an order to correct and a refusal first', () => {
    const facts = ordinaryFacts({
      flags: { ...ordinaryFacts().flags, minorOrCurable: true },
      offence: { ...ordinaryFacts().offence, requiresDirectPenalty: false },
    });
    let s = reviewedCase(2_000, facts);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    expect(refusal(s, 'decide', penaltyDecision('2025-09-18', 2_000)).ruleId).toBe('E10');
  });

  it('F2 electronic service without consent; G3 court application before the window; G5 on-site enforcement on a holiday', () => {
    let s = reviewedCase(2_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    s = step(s, 'decide', penaltyDecision('2025-09-18', 2_000));
    expect(refusal(s, 'serveDecision', { date: '2025-09-19', method: 'electronic' }).ruleId).toBe('F2');
    s = step(s, 'serveDecision', { date: '2025-09-19', method: 'direct' });
    expect(refusal(s, 'startEnforcement', { date: '2025-10-09', kind: 'reminder' }).ruleId).toBe('G1');
    s = step(s, 'startEnforcement', { date: '2025-10-10', kind: 'reminder' });
    expect(refusal(s, 'startEnforcement', { date: '2025-10-27', kind: 'court_application' }).ruleId).toBe('G3');
    const onSite = { date: '2026-01-01', kind: 'on_site', officers: [OFFICER_A, OFFICER_B] } as const;
    expect(refusal(s, 'startEnforcement', onSite).ruleId).toBe('G5');
    expect(step(s, 'startEnforcement', { ...onSite, emergency: true }).state).toBe('enforcing');
  });
});
