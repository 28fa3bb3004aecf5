// Hand-written legal paths of the ordinary procedure (summary procedure: case.summary.test.ts).
import { describe, expect, it } from 'vitest';
import { CD } from '../law/deadlines.ts';
import { evaluateAction, allowedActions } from './case.evaluate.ts';
import { runningDeadlines } from './case.deadlines.ts';
import { CaseRuleError } from './case.errors.ts';
import { newCaseSnapshot } from './case.reducer.ts';
import { ALL_ROLES, CHAIR_ID, ctxOn, fine, noticeContents, ordinaryFacts, reviewedCase, signedRecord, step } from './case.fixtures.ts';
import type { CaseSnapshot } from './case-snapshot.ts';

function blocked(s: CaseSnapshot, run: () => unknown): CaseRuleError {
  try {
    run();
  } catch (e) {
    if (e instanceof CaseRuleError) return e;
    throw e;
  }
  throw new Error(`expected a CaseRuleError in state ${s.state}`);
}

describe('ordinary procedure: penalty with hearing (6,000 yuan, natural person)', () => {
  it('runs registration → archive, with D4 hearing right, D5–D7, E1 legal review and E2 deliberation', () => {
    let s = reviewedCase(6_000);
    expect(s.state).toBe('case_reviewed');
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(6_000), contents: noticeContents(true) });
    s = step(s, 'requestHearing', { date: '2025-09-15' });
    s = step(s, 'scheduleHearing', {
      date: '2025-09-16',
      hearingOn: '2025-09-26',
      chairOfficerId: CHAIR_ID,
      agentCount: 1,
      publicHearing: true,
      secretOrPrivacy: false,
    });
    s = step(s, 'recordStatement', { date: '2025-09-17' });
    s = step(s, 'recordHearing', { date: '2025-09-26', recordSignedByParty: true, refusalNotedByChair: false });
    expect(s.state).toBe('hearing_held');

    const decide = {
      date: '2025-09-30',
      outcome: 'penalty',
      penalty: fine(6_000),
      citesHearingRecord: true,
      educationRecorded: false,
    } as const;
    // E1 (Shanghai: ≥ 5,000 yuan after a hearing), E2 (major case by config) and D3 (statement not reviewed) all block first.
    const ids = evaluateAction(s, 'decide', decide, ALL_ROLES, ctxOn('2025-09-30')).blockedBy.map((b) => b.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['E1', 'E2', 'D3']));

    s = step(s, 'reviewStatement', { date: '2025-09-29', adopted: false });
    s = step(s, 'completeLegalReview', {
      date: '2025-09-29',
      result: 'pass',
      reviewerFirstTime: false,
      reviewerHasLegalQualification: true,
    });
    expect(s.state).toBe('legal_review');
    s = step(s, 'recordDeliberation', { date: '2025-09-30', conclusion: '同意处罚' });
    s = step(s, 'decide', decide);
    expect(s.state).toBe('decided');
    s = step(s, 'serveDecision', { date: '2025-10-09', method: 'direct' });
    s = step(s, 'recordPayment', { date: '2025-10-20', amountFen: 600_000 });
    expect(s.state).toBe('enforcing');
    s = step(s, 'close', { date: '2025-10-21' });
    s = step(s, 'archive', { date: '2025-10-22' });
    expect(s.state).toBe('archived');
    expect(allowedActions(s, ALL_ROLES, ctxOn('2025-10-23')).filter((a) => a.allowed)).toEqual([]);
  });

  it('a no-show ends the hearing (hearing_terminated) and the decision may follow', () => {
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
    s = step(s, 'terminateHearing', { date: '2025-09-26', reason: 'no_show' });
    expect(s.state).toBe('hearing_terminated');
    s = step(s, 'completeLegalReview', {
      date: '2025-09-29',
      result: 'pass',
      reviewerFirstTime: true,
      reviewerHasLegalQualification: true,
    });
    s = step(s, 'recordDeliberation', { date: '2025-09-29', conclusion: '同意' });
    s = step(s, 'decide', {
      date: '2025-09-30',
      outcome: 'penalty',
      penalty: fine(5_000),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    expect(s.decision?.penalty?.fineFen).toBe(500_000);
  });
});

describe('ordinary procedure: penalty without hearing (2,000 yuan)', () => {
  it('decides after the D2 statement period, then late payment carries the G2 surcharge before closing', () => {
    let s = reviewedCase(2_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    const d = {
      date: '2025-09-17',
      outcome: 'penalty',
      penalty: fine(2_000),
      citesHearingRecord: false,
      educationRecorded: false,
    } as const;
    // Statement period: 3 working days after Fri 09-12 → Wed 09-17; the decision may come from 09-18.
    expect(blocked(s, () => step(s, 'decide', d)).ruleId).toBe('D2');
    s = step(s, 'decide', { ...d, date: '2025-09-18' });
    s = step(s, 'serveDecision', { date: '2025-09-19', method: 'direct' });
    // 15 days from 09-19 = 10-04, a National Day holiday → due 10-09 (民法典 Art. 203); 10-13 is 4 days late: 12 %.
    const payment = runningDeadlines(s, ctxOn('2025-10-13')).find((x) => x.kind === 'payment');
    expect(payment).toMatchObject({ dueDate: '2025-10-09', state: 'overdue', surchargeFen: 24_000 });
    s = step(s, 'recordPayment', { date: '2025-10-13', amountFen: 200_000 });
    expect(blocked(s, () => step(s, 'close', { date: '2025-10-13' })).ruleId).toBe('G2');
    s = step(s, 'recordPayment', { date: '2025-10-13', amountFen: 24_000 });
    s = step(s, 'close', { date: '2025-10-14' });
    expect(step(s, 'archive', { date: '2025-10-14' }).state).toBe('archived');
  });

  it('an explicit waiver of the statement allows the decision at once (D2 exception)', () => {
    let s = reviewedCase(2_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    s = step(s, 'waiveStatement', { date: '2025-09-12', waivesHearing: false });
    s = step(s, 'decide', {
      date: '2025-09-12',
      outcome: 'penalty',
      penalty: fine(1_500),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    expect(s.state).toBe('decided');
  });
});

describe('ordinary procedure: no penalty and facts not established', () => {
  it('E7 exemption: minor, corrected, no harm → no_penalty_minor with an education record; a penalty is refused', () => {
    const facts = ordinaryFacts({ flags: { ...ordinaryFacts().flags, minorViolation: true, correctedPromptly: true, harm: 'none' } });
    const proposingPenalty = () => reviewedCase(2_000, facts);
    expect(() => proposingPenalty()).toThrow(/E7/);
    let s = reviewedCase(0, facts, 'no_penalty_minor');
    expect(s.state).toBe('case_reviewed');
    const attempt = {
      date: '2025-09-12',
      outcome: 'penalty',
      penalty: fine(2_000),
      citesHearingRecord: false,
      educationRecorded: false,
    } as const;
    expect(evaluateAction(s, 'decide', attempt, ALL_ROLES, ctxOn('2025-09-12')).blockedBy.map((b) => b.ruleId)).toContain('E7');
    const noEducation = { ...attempt, outcome: 'no_penalty_minor', penalty: undefined } as const;
    expect(blocked(s, () => step(s, 'decide', noEducation)).ruleId).toBe('E7');
    s = step(s, 'decide', { ...noEducation, educationRecorded: true });
    expect(s.records.map((r) => r.kind)).toContain('education_record');
    s = step(s, 'serveDecision', { date: '2025-09-12', method: 'on_announcement' });
    s = step(s, 'close', { date: '2025-09-15' });
    expect(step(s, 'archive', { date: '2025-09-15' }).state).toBe('archived');
  });

  it('facts not established: decided without a prior notice, served, closed', () => {
    let s = reviewedCase(2_000);
    s = step(s, 'decide', {
      date: '2025-09-12',
      outcome: 'no_penalty_facts_not_established',
      citesHearingRecord: false,
      educationRecorded: false,
    });
    s = step(s, 'serveDecision', { date: '2025-09-15', method: 'mail' });
    expect(step(s, 'close', { date: '2025-09-16' }).state).toBe('closed');
  });
});

describe('transfer', () => {
  it('suspected crime: E1 legal review, a transfer_judicial decision, then the transfer record (terminal)', () => {
    let s = reviewedCase(2_000);
    const d = { date: '2025-09-12', outcome: 'transfer_judicial', citesHearingRecord: false, educationRecorded: false } as const;
    expect(blocked(s, () => step(s, 'decide', d)).ruleId).toBe('E1');
    s = step(s, 'completeLegalReview', {
      date: '2025-09-12',
      result: 'pass',
      reviewerFirstTime: false,
      reviewerHasLegalQualification: false,
    });
    s = step(s, 'decide', d);
    expect(blocked(s, () => step(s, 'serveDecision', { date: '2025-09-12', method: 'direct' })).ruleId).toBe('E3');
    s = step(s, 'transfer', {
      date: '2025-09-15',
      kind: 'judicial',
      receivingBody: '上海市公安局浦东分局',
      reason: '涉嫌犯罪',
      legalBasis: '行政处罚法第二十七条',
    });
    expect(s.state).toBe('transferred');
    expect(s.transfer?.kind).toBe('judicial');
    expect(allowedActions(s, ALL_ROLES, ctxOn('2025-09-16')).some((a) => a.availableInState)).toBe(false);
  });

  it('to another agency during the investigation; a judicial transfer of a filed case needs the decision first', () => {
    let s = newCaseSnapshot(ordinaryFacts());
    s = step(s, 'register', { date: '2025-09-01', procedure: 'ordinary', discoveredOn: '2025-09-01', source: 'complaint' });
    s = step(s, 'submitFiling', { date: '2025-09-01' });
    s = step(s, 'approveFiling', { date: '2025-09-02' });
    const judicial = { date: '2025-09-03', kind: 'judicial', receivingBody: '公安', reason: '涉嫌犯罪', legalBasis: '第二十七条' } as const;
    expect(blocked(s, () => step(s, 'transfer', judicial)).ruleId).toBe('E3');
    s = step(s, 'transfer', {
      ...judicial,
      kind: 'other_agency',
      receivingBody: '区市场监管局',
      reason: '不属本机关管辖',
      legalBasis: '行政处罚法第二十二条',
    });
    expect(s.state).toBe('transferred');
  });
});

describe('suspension, resumption and extension (E4)', () => {
  function filedOn0303(): CaseSnapshot {
    let s = newCaseSnapshot(ordinaryFacts({ act: { actId: 'a', actDate: '2025-03-01', priorFineDecisionCount: 0 } }));
    s = step(s, 'register', { date: '2025-03-03', procedure: 'ordinary', discoveredOn: '2025-03-03', source: 'patrol' });
    s = step(s, 'recordInspection', signedRecord('2025-03-03'));
    s = step(s, 'submitFiling', { date: '2025-03-03' });
    return step(s, 'approveFiling', { date: '2025-03-03' });
  }

  it('90 days from 2025-03-03 end on 06-01, a Dragon Boat holiday → 06-03', () => {
    const e4 = runningDeadlines(filedOn0303(), ctxOn('2025-03-04')).find((d) => d.kind === 'decision');
    expect(e4).toMatchObject({ dueDate: '2025-06-03', state: 'running', basis: { ruleId: 'E4' } });
  });

  it('suspension pauses the clock and resumption continues with the remaining days', () => {
    let s = step(filedOn0303(), 'suspend', { date: '2025-03-13', reason: '等待鉴定意见', legalBasis: '上海市城市管理行政处罚程序规定' });
    expect(s.state).toBe('suspended');
    const paused = runningDeadlines(s, ctxOn('2025-03-20')).find((d) => d.kind === 'decision');
    expect(paused?.state).toBe('paused');
    expect(allowedActions(s, ALL_ROLES, ctxOn('2025-03-20')).find((a) => a.action === 'decide')?.availableInState).toBe(false);
    s = step(s, 'resume', { date: '2025-04-12' });
    expect(s.state).toBe('investigating');
    // 10 days ran before (03-03 → 03-13), 80 remain from 04-12 → 07-01.
    const resumed = runningDeadlines(s, ctxOn('2025-04-12')).find((d) => d.kind === 'decision');
    expect(resumed).toMatchObject({ dueDate: '2025-07-01', state: 'running', pausedDays: 30 });
  });

  it('a decision after the 90 days is refused (E4) until an extension with a legal basis is recorded', () => {
    let s = step(filedOn0303(), 'concludeInvestigation', { date: '2025-05-20' });
    s = step(s, 'reviewCase', { date: '2025-05-21', proposedOutcome: 'no_penalty_facts_not_established' });
    const d = {
      date: '2025-06-04',
      outcome: 'no_penalty_facts_not_established',
      citesHearingRecord: false,
      educationRecorded: false,
    } as const;
    expect(blocked(s, () => step(s, 'decide', d)).ruleId).toBe('E4');
    expect(blocked(s, () => step(s, 'extendDeadline', { date: '2025-05-30', period: CD(30), legalBasis: ' ' })).ruleId).toBe('E4');
    s = step(s, 'extendDeadline', { date: '2025-05-30', period: CD(30), legalBasis: '经负责人批准延长三十日（程序规定）' });
    expect(runningDeadlines(s, ctxOn('2025-06-04')).find((x) => x.kind === 'decision')?.dueDate).toBe('2025-07-03');
    expect(step(s, 'decide', d).state).toBe('decided');
  });

  it('an extension approved after expiry must say why', () => {
    let s = step(filedOn0303(), 'concludeInvestigation', { date: '2025-05-20' });
    const late = { date: '2025-06-05', period: CD(30), legalBasis: '程序规定' };
    expect(blocked(s, () => step(s, 'extendDeadline', late)).field).toBe('lateReason');
    s = step(s, 'extendDeadline', { ...late, lateReason: '鉴定机构延误' });
    expect(s.extensions).toHaveLength(1);
  });
});
