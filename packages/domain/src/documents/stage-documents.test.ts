// The documents a stage needs (处罚法 Art. 47 and the rule of each document) and the document a numbering step makes.
import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../cases/case-snapshot.ts';
import {
  CHAIR_ID,
  OFFICER_A,
  OFFICER_B,
  ctxOn,
  fine,
  noticeContents,
  ordinaryFacts,
  reviewedCase,
  signedRecord,
  step,
  summaryDraft,
  summaryForm,
} from '../cases/case.fixtures.ts';
import { newCaseSnapshot } from '../cases/case.reducer.ts';
import { documentAvailability } from './availability.ts';
import { stageDocuments, stepDocumentKind } from './stage-documents.ts';

const NO_RECORDS = { hasInspectionRecord: false, hasQuestioningRecord: false };
const BOTH_RECORDS = { hasInspectionRecord: true, hasQuestioningRecord: true };

function needed(s: CaseSnapshot, facts = BOTH_RECORDS, today = '2025-12-31') {
  return stageDocuments(s, facts, documentAvailability(s, facts, ctxOn(today))).map((d) => `${d.kind}:${d.source}:${d.rule.ruleId}`);
}

describe('stageDocuments: what an ordinary case needs at each stage', () => {
  it('C1: a registered case needs nothing yet; a submitted filing needs the 立案审批表, made by the approval step', () => {
    let s = newCaseSnapshot(ordinaryFacts());
    s = step(s, 'register', { date: '2025-09-01', procedure: 'ordinary', discoveredOn: '2025-09-01', source: 'patrol' });
    expect(needed(s, NO_RECORDS)).toEqual([]);
    s = step(s, 'recordInspection', signedRecord('2025-09-01'));
    s = step(s, 'submitFiling', { date: '2025-09-01' });
    expect(needed(s, NO_RECORDS)).toEqual(['filing_approval:step:C1']);
  });

  it('F3 (民诉法 Art. 87): a 送达回证 needs a served document — a step that made one, or a completed service record', () => {
    let s = newCaseSnapshot(ordinaryFacts());
    s = step(s, 'register', { date: '2025-09-01', procedure: 'ordinary', discoveredOn: '2025-09-01', source: 'offsite' });
    const receipt = (facts: Parameters<typeof documentAvailability>[1]) =>
      documentAvailability(s, facts, ctxOn('2025-09-05')).find((a) => a.kind === 'service_receipt')!;
    expect(receipt(NO_RECORDS)).toMatchObject({ allowed: false, reasons: [{ ruleId: 'F3' }] });
    // The posted off-site notice (处罚法 Art. 41), served on its return card: the receipt is made from that record.
    expect(receipt({ ...NO_RECORDS, hasServedRecord: true }).allowed).toBe(true);
  });

  it('A6 (Art. 55, Art. 47): a filed, investigated case needs its 笔录 and the investigation report', () => {
    const s = reviewedCase(3_000);
    expect(needed(s)).toEqual([
      'filing_approval:step:C1',
      'inspection_record:record:A6',
      'questioning_record:record:A6',
      'investigation_report:issue:A6',
    ]);
    // Without a questioning record only the inspection record is asked for.
    expect(needed(s, { hasInspectionRecord: true, hasQuestioningRecord: false })).not.toContain('questioning_record:record:A6');
  });

  it('D1, D6, E1, E2, E5, F3, A6: the hearing path to archive adds each step’s document in order', () => {
    let s = reviewedCase(6_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(6_000), contents: noticeContents(true) });
    expect(needed(s).at(-1)).toBe('prior_notice:step:D1');
    s = step(s, 'requestHearing', { date: '2025-09-15' });
    s = step(s, 'scheduleHearing', {
      date: '2025-09-16',
      hearingOn: '2025-09-26',
      chairOfficerId: CHAIR_ID,
      agentCount: 1,
      publicHearing: true,
      secretOrPrivacy: false,
    });
    expect(needed(s).at(-1)).toBe('hearing_notice:step:D6');
    s = step(s, 'recordStatement', { date: '2025-09-17' });
    s = step(s, 'recordHearing', { date: '2025-09-26', recordSignedByParty: true, refusalNotedByChair: false });
    s = step(s, 'reviewStatement', { date: '2025-09-29', adopted: false });
    s = step(s, 'completeLegalReview', {
      date: '2025-09-29',
      result: 'pass',
      reviewerFirstTime: false,
      reviewerHasLegalQualification: true,
    });
    s = step(s, 'recordDeliberation', { date: '2025-09-30', conclusion: '同意处罚' });
    s = step(s, 'decide', {
      date: '2025-09-30',
      outcome: 'penalty',
      penalty: fine(6_000),
      citesHearingRecord: true,
      educationRecorded: false,
    });
    expect(needed(s, BOTH_RECORDS, '2025-10-01')).toEqual([
      'filing_approval:step:C1',
      'inspection_record:record:A6',
      'questioning_record:record:A6',
      'investigation_report:issue:A6',
      'legal_review_opinion:issue:E1',
      'deliberation_minutes:issue:E2',
      'prior_notice:step:D1',
      'hearing_notice:step:D6',
      'hearing_record:issue:D6',
      'decision:step:E5',
    ]);
    s = step(s, 'serveDecision', { date: '2025-10-09', method: 'direct' });
    expect(needed(s, BOTH_RECORDS, '2025-10-10').at(-1)).toBe('service_receipt:service:F3');
    // G3: unpaid after the G1 period (15 days from service) — a 催告书 is needed.
    expect(needed(s, BOTH_RECORDS, '2025-10-10')).not.toContain('payment_reminder:issue:G3');
    expect(needed(s, BOTH_RECORDS, '2025-11-20')).toContain('payment_reminder:issue:G3');
    s = step(s, 'recordPayment', { date: '2025-10-20', amountFen: 600_000 });
    s = step(s, 'close', { date: '2025-10-21' });
    expect(needed(s, BOTH_RECORDS, '2025-10-22').at(-1)).toBe('closing_report:issue:A6');
    expect(needed(s, BOTH_RECORDS, '2025-11-20')).not.toContain('payment_reminder:issue:G3');
  });

  it('E3: a decision not to penalise needs the 不予行政处罚决定书, not the 决定书', () => {
    let s = reviewedCase(0, ordinaryFacts(), 'no_penalty_minor');
    s = step(s, 'decide', { date: '2025-09-12', outcome: 'no_penalty_minor', citesHearingRecord: false, educationRecorded: true });
    const list = needed(s, BOTH_RECORDS, '2025-09-13');
    expect(list).toContain('no_penalty_decision:step:E3');
    expect(list).not.toContain('decision:step:E5');
  });
});

describe('stageDocuments: summary cases', () => {
  const ticket = { date: '2025-09-01', officers: [OFFICER_A, OFFICER_B], penalty: fine(50), form: summaryForm() } as const;

  it('B2: a 当场 decision needs only its 当场处罚决定书; B4: a collection adds the receipt', () => {
    let s = step(summaryDraft(), 'issueSummaryDecision', ticket);
    expect(needed(s, NO_RECORDS, '2025-09-01')).toEqual(['summary_decision:step:B2']);
    s = step(s, 'collectOnSpot', {
      date: '2025-09-01',
      officers: [OFFICER_A, OFFICER_B],
      receiptNumber: 'PJ-0001',
      hardToEnforceLater: false,
      remoteArea: false,
      partyRequested: false,
    });
    expect(needed(s, NO_RECORDS, '2025-09-01')).toEqual(['summary_decision:step:B2', 'cash_receipt:step:B4']);
  });

  it('no 立案审批表, 笔录 or 送达回证 is asked of a summary case', () => {
    const s = step(summaryDraft(), 'issueSummaryDecision', ticket);
    const kinds = needed(s, BOTH_RECORDS, '2025-09-01').map((x) => x.split(':')[0]);
    expect(kinds).not.toEqual(expect.arrayContaining(['filing_approval']));
    expect(kinds).not.toContain('inspection_record');
    expect(kinds).not.toContain('service_receipt');
  });
});

describe('the citation a reader sees', () => {
  it('each needed document cites its article in full Chinese form, the rule ID kept apart', () => {
    let s = step(summaryDraft(), 'issueSummaryDecision', {
      date: '2025-09-01',
      officers: [OFFICER_A, OFFICER_B],
      penalty: fine(50),
      form: summaryForm(),
    });
    const [summary] = stageDocuments(s, NO_RECORDS, documentAvailability(s, NO_RECORDS, ctxOn('2025-09-01')));
    expect(summary!.citationZh).toBe('《中华人民共和国行政处罚法》第五十二条');
    s = reviewedCase(3_000);
    const all = stageDocuments(s, BOTH_RECORDS, documentAvailability(s, BOTH_RECORDS, ctxOn('2025-12-31')));
    expect(all[0]!.citationZh).toBe('《中华人民共和国行政处罚法》第五十四条');
    for (const d of all) expect(d.citationZh).toMatch(/^《中华人民共和国[^》]+》第[一二三四五六七八九十]+条$/);
  });
});

describe('stepDocumentKind: the document a numbering step makes', () => {
  it('maps each numbering step to its kind; a decision by its outcome; other steps make none', () => {
    const s = reviewedCase(3_000);
    expect(stepDocumentKind('approveFiling', s)).toBe('filing_approval');
    expect(stepDocumentKind('issuePriorNotice', s)).toBe('prior_notice');
    expect(stepDocumentKind('scheduleHearing', s)).toBe('hearing_notice');
    expect(stepDocumentKind('issueSummaryDecision', s)).toBe('summary_decision');
    expect(stepDocumentKind('decide', { ...s, decision: { ...s.decision!, outcome: 'penalty' } } as CaseSnapshot)).toBe('decision');
    expect(stepDocumentKind('decide', { ...s, decision: { outcome: 'no_penalty_minor' } } as unknown as CaseSnapshot)).toBe(
      'no_penalty_decision',
    );
    expect(stepDocumentKind('decide', { ...s, decision: { outcome: 'transfer_judicial' } } as unknown as CaseSnapshot)).toBeNull();
    expect(stepDocumentKind('recordStatement', s)).toBeNull();
  });
});
