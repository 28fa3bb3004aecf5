// Medium tests: one case driven through every path of the ordinary procedure over the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, fine, investigatedCase, notice, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

const actionsOf = (c: { allowedActions: { action: string; allowed: boolean }[] }) =>
  c.allowedActions.filter((a) => a.allowed).map((a) => a.action);

describe('ordinary procedure over the API', () => {
  it('penalty with hearing (5,000 yuan): D4 hearing right, D5–D7, E1 legal review, E2 deliberation, numbered documents, archive', async () => {
    let c = await investigatedCase(kit);
    expect(c.state).toBe('investigation_concluded');
    expect(c.caseNumber).toMatch(/^浦东城管立字〔2026〕第\d{6}号$/);
    expect(c.evidence).toHaveLength(1);
    expect(c.records.map((r) => r.kind)).toEqual(['inspection', 'questioning']);
    c = await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(5_000) });
    expect(c.proposal?.tierRange).toEqual({ minFen: 50_000, maxFen: 500_000 });
    c = await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(5_000, true, '2026-01-14'));
    expect(c.deadlines.map((d) => d.kind)).toEqual(expect.arrayContaining(['statement', 'hearing_request', 'decision']));
    c = await kit.ok('pd_ljz_01', c.id, 'requestHearing', { date: '2026-01-16' });
    c = await kit.ok('pd_legal', c.id, 'scheduleHearing', {
      date: '2026-01-19',
      hearingOn: '2026-01-30',
      chairOfficerId: kit.officerId('pd_legal'),
      agentCount: 1,
      publicHearing: true,
      secretOrPrivacy: false,
    });
    c = await kit.ok('pd_ljz_01', c.id, 'recordStatement', { date: '2026-01-20', content: '当事人申辩' });
    c = await kit.ok('pd_legal', c.id, 'recordHearing', { date: '2026-01-30', recordSignedByParty: true, refusalNotedByChair: false });
    // E1, E2 and D3 block the decision until the review, the legal review and the deliberation are done.
    const decide = actionsOf(c).includes('decide');
    expect(decide).toBe(false);
    const blocked = c.allowedActions.find((a) => a.action === 'decide')!;
    expect(blocked.availableInState).toBe(true);
    c = await kit.ok('pd_ljz_leader', c.id, 'reviewStatement', { date: '2026-02-02', adopted: false });
    c = await kit.ok('pd_legal', c.id, 'completeLegalReview', {
      date: '2026-02-02',
      result: 'pass',
      reviewerFirstTime: false,
      reviewerHasLegalQualification: true,
    });
    c = await kit.ok('pd_leader', c.id, 'recordDeliberation', { date: '2026-02-03', conclusion: '同意处罚' });
    c = await kit.ok('pd_leader', c.id, 'decide', {
      date: '2026-02-03',
      outcome: 'penalty',
      penalty: fine(5_000),
      citesHearingRecord: true,
      educationRecorded: false,
    });
    expect(c.state).toBe('decided');
    expect(c.decision?.number).toMatch(/^浦东城管罚决字〔2026〕第000001号$/);
    c = await kit.ok('pd_ljz_01', c.id, 'serveDecision', { date: '2026-02-04', method: 'direct' });
    c = await kit.ok('pd_ljz_01', c.id, 'recordPayment', { date: '2026-02-05', amountFen: 500_000 });
    c = await kit.ok('pd_ljz_leader', c.id, 'close', { date: '2026-02-06' });
    c = await kit.ok('pd_ljz_leader', c.id, 'archive', { date: '2026-02-09' });
    expect(c.state).toBe('archived');
    expect(actionsOf(c)).toEqual([]);
    expect(c.documents.map((d) => d.docType)).toEqual(['filing', 'prior_notice', 'hearing_notice', 'decision']);
    expect(c.timeline.map((e) => e.action)).toContain('recordHearing');
    expect(c.timeline.every((e) => e.actorName)).toBe(true);
  });

  it('penalty without hearing (1,000 yuan): the decision waits for the D2 statement period', async () => {
    let c = await investigatedCase(kit);
    c = await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
    c = await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(1_000, false, '2026-01-14'));
    expect(c.deadlines.find((d) => d.kind === 'statement')).toMatchObject({ dueDate: '2026-01-19', basis: { ruleId: 'D2' } });
    const early = await kit.step('pd_leader', c.id, 'decide', {
      date: '2026-01-19',
      outcome: 'penalty',
      penalty: fine(1_000),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().rule).toMatch(/^D2/);
    c = await kit.ok('pd_leader', c.id, 'decide', {
      date: '2026-01-20',
      outcome: 'penalty',
      penalty: fine(1_000),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    c = await kit.ok('pd_ljz_01', c.id, 'serveDecision', { date: '2026-01-21', method: 'direct' });
    expect(c.deadlines.find((d) => d.kind === 'payment')?.state).toBe('overdue');
    c = await kit.ok('pd_ljz_01', c.id, 'recordPayment', { date: '2026-01-22', amountFen: 100_000 });
    c = await kit.ok('pd_ljz_leader', c.id, 'close', { date: '2026-01-23' });
    expect(c.state).toBe('closed');
  });

  it('exemption (no_penalty_minor): E7 refuses a penalty; the education record is required', async () => {
    let c = await investigatedCase(kit, { flags: { minorViolation: true, correctedPromptly: true, harm: 'none' } });
    const penalty = await kit.step('pd_ljz_leader', c.id, 'reviewCase', {
      date: '2026-01-13',
      proposedOutcome: 'penalty',
      proposedPenalty: fine(1_000),
    });
    expect(penalty.statusCode).toBe(422);
    expect(penalty.json().rule).toMatch(/^E7/);
    c = await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'no_penalty_minor' });
    const noEducation = await kit.step('pd_leader', c.id, 'decide', {
      date: '2026-01-14',
      outcome: 'no_penalty_minor',
      citesHearingRecord: false,
      educationRecorded: false,
    });
    expect(noEducation.json().rule).toMatch(/^E7/);
    c = await kit.ok('pd_leader', c.id, 'decide', {
      date: '2026-01-14',
      outcome: 'no_penalty_minor',
      citesHearingRecord: false,
      educationRecorded: true,
    });
    expect(c.decision?.number).toMatch(/不罚字/);
    c = await kit.ok('pd_ljz_01', c.id, 'serveDecision', { date: '2026-01-14', method: 'on_announcement' });
    c = await kit.ok('pd_ljz_leader', c.id, 'close', { date: '2026-01-15' });
    c = await kit.ok('pd_ljz_leader', c.id, 'archive', { date: '2026-01-15' });
    expect(c.state).toBe('archived');
  });

  it('facts not established: decided without a prior notice, served, closed', async () => {
    let c = await investigatedCase(kit);
    c = await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'no_penalty_facts_not_established' });
    c = await kit.ok('pd_leader', c.id, 'decide', {
      date: '2026-01-14',
      outcome: 'no_penalty_facts_not_established',
      citesHearingRecord: false,
      educationRecorded: false,
    });
    c = await kit.ok('pd_ljz_01', c.id, 'serveDecision', { date: '2026-01-15', method: 'mail' });
    c = await kit.ok('pd_ljz_leader', c.id, 'close', { date: '2026-01-16' });
    expect(c.state).toBe('closed');
  });

  it('transfer to another agency during the investigation closes the case with a numbered transfer letter', async () => {
    let c = await kit.register();
    await kit.ok('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' });
    await kit.ok('pd_ljz_leader', c.id, 'approveFiling', { date: '2026-01-06' });
    c = await kit.ok('pd_ljz_leader', c.id, 'transfer', {
      date: '2026-01-07',
      kind: 'other_agency',
      receivingBody: '浦东新区市场监督管理局',
      reason: '不属本机关管辖',
      legalBasis: '行政处罚法第二十二条',
    });
    expect(c.state).toBe('transferred');
    expect(c.documents.at(-1)?.number).toMatch(/移字/);
    expect(c.allowedActions.some((a) => a.availableInState)).toBe(false);
    expect(c.deadlines.some((d) => d.kind === 'decision')).toBe(false);
  });

  it('suspension pauses the E4 clock, resumption returns to the investigation, an extension moves the due date', async () => {
    let c = await kit.register();
    await kit.ok('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' });
    c = await kit.ok('pd_ljz_leader', c.id, 'approveFiling', { date: '2026-01-06' });
    const due = c.deadlines.find((d) => d.kind === 'decision')!.dueDate;
    c = await kit.ok('pd_ljz_leader', c.id, 'suspend', { date: '2026-01-07', reason: '等待鉴定意见', legalBasis: '行政处罚法第六十条' });
    expect(c.state).toBe('suspended');
    expect(c.deadlines.find((d) => d.kind === 'decision')?.state).toBe('paused');
    c = await kit.ok('pd_ljz_leader', c.id, 'resume', { date: '2026-01-17' });
    expect(c.state).toBe('investigating');
    const resumed = c.deadlines.find((d) => d.kind === 'decision')!;
    expect(resumed.pausedDays).toBe(10);
    expect(resumed.dueDate > due).toBe(true);
    const denied = await kit.step('pd_ljz_leader', c.id, 'extendDeadline', {
      date: '2026-01-18',
      period: { unit: 'calendar_day', n: 30 },
      legalBasis: '程序规定',
    });
    expect(denied.statusCode).toBe(403);
    c = await kit.ok('pd_leader', c.id, 'extendDeadline', {
      date: '2026-01-18',
      period: { unit: 'calendar_day', n: 30 },
      legalBasis: '经负责人批准延长三十日',
    });
    const extended = c.deadlines.find((d) => d.kind === 'decision')!;
    expect(extended.dueDate > resumed.dueDate).toBe(true);
    expect(c.timeline.map((e) => e.action)).toEqual(['register', 'submitFiling', 'approveFiling', 'suspend', 'resume', 'extendDeadline']);
  });
});
