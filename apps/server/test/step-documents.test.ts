// Documents at the step: a step that numbers a document issues its PDF in the step's transaction; the 文书 tab's
// answer lists the documents the stage needs (made and not made) for ordinary and summary cases; the ticket's
// hand-over is a 送达 record of the issued 当场处罚决定书.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseDocumentsAnswer, ServiceRecord, StageDocumentInfo } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { issuedDocumentText } from './pdf-text.ts';
import {
  caseKit,
  confirmedSummaryTicket,
  decidedCase,
  fine,
  ID_CARD,
  investigatedCase,
  notice,
  signedRecord,
  summaryTicketBody,
  type CaseKit,
} from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

async function documents(caseId: string, user = 'pd_ljz_01'): Promise<CaseDocumentsAnswer> {
  const r = await ctx.api('GET', `/api/v1/cases/${caseId}/documents`, { token: kit.tokens[user]! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as CaseDocumentsAnswer;
}

/** kind:made for each needed document, in order. */
const stageOf = (a: CaseDocumentsAnswer) => a.stage.map((d) => `${d.kind}:${d.made ? 'made' : 'not made'}`);
const entry = (a: CaseDocumentsAnswer, kind: string): StageDocumentInfo => a.stage.find((d) => d.kind === kind)!;

const documentText = (id: string) => issuedDocumentText(ctx, kit.tokens.pd_ljz_01!, id);

describe('a numbering step issues its document', () => {
  it('C1: 批准立案 issues the 立案审批表 with the 立案号 the step allocated, in the same transaction', async () => {
    const c = await kit.register();
    await kit.ok('pd_ljz_01', c.id, 'recordInspection', signedRecord(kit, '2026-01-05'));
    await kit.ok('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' });
    const before = await documents(c.id);
    expect(stageOf(before)).toEqual(['filing_approval:not made']);
    expect(before.issued).toEqual([]);

    const filed = await kit.ok('pd_ljz_leader', c.id, 'approveFiling', { date: '2026-01-06' });
    const after = await documents(c.id);
    const approval = after.issued.filter((d) => d.kind === 'filing_approval');
    expect(approval).toHaveLength(1);
    expect(approval[0]!.number).toBe(filed.caseNumber);
    expect(approval[0]!.issuedOn).toBe('2026-01-06');
    expect(approval[0]!.issuedByName).not.toBeNull();
    const e = entry(after, 'filing_approval');
    expect(e).toMatchObject({ made: true, source: 'step', number: filed.caseNumber, documentIds: [approval[0]!.id] });
    expect(e.rule.ruleId).toBe('C1');
    expect(e.citationZh).toBe('《中华人民共和国行政处罚法》第五十四条');
    expect(await documentText(approval[0]!.id)).toContain(filed.caseNumber!.replace(/\s+/g, ''));

    // The document, the number and the step are one commit: the step's event, the numbered row, the document row and
    // its audit row all exist, and the document's source is the step's event.
    const db = ctx.deps.db;
    const event = await db
      .selectFrom('case_events')
      .select(['id', 'version'])
      .where('case_id', '=', c.id)
      .where('action', '=', 'approveFiling')
      .executeTakeFirstOrThrow();
    const row = await db
      .selectFrom('documents')
      .select(['source_id', 'pdf_sm3'])
      .where('id', '=', approval[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row.source_id).toBe(event.id);
    const audit = await db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'document.issue')
      .where('entity_id', '=', approval[0]!.id)
      .executeTakeFirstOrThrow();
    expect((audit.data as { sm3: string }).sm3).toBe(row.pdf_sm3);
  });

  it('a step retried with its Idempotency-Key makes one document, not two', async () => {
    const c = await kit.register();
    await kit.ok('pd_ljz_01', c.id, 'recordInspection', signedRecord(kit, '2026-01-05'));
    await kit.ok('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' });
    const headers = { 'idempotency-key': `approve-${c.id}` };
    const first = await kit.step('pd_ljz_leader', c.id, 'approveFiling', { date: '2026-01-06' }, headers);
    const again = await kit.step('pd_ljz_leader', c.id, 'approveFiling', { date: '2026-01-06' }, headers);
    expect(first.statusCode, first.body).toBe(200);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await documents(c.id)).issued.filter((d) => d.kind === 'filing_approval')).toHaveLength(1);
  });

  it('D1, E5: the prior notice and the decision are issued by their steps, each with its 文号', async () => {
    const c = await decidedCase(kit, 1_000);
    const a = await documents(c.id);
    const notice = a.issued.find((d) => d.kind === 'prior_notice')!;
    const decision = a.issued.find((d) => d.kind === 'decision')!;
    expect(notice.number).toBe(c.documents.find((d) => d.docType === 'prior_notice')!.number);
    expect(decision.number).toBe(c.documents.find((d) => d.docType === 'decision')!.number);
    expect(decision.issuedOn).toBe('2026-01-20');
    const text = await documentText(decision.id);
    expect(text).toContain(decision.number!.replace(/\s+/g, ''));
    expect(text).toContain('罚款人民币1,000.00元');
  });

  it('E5: a decision the data cannot fill (no address) is decided, not issued; the tab offers it with the missing item on issue', async () => {
    const c = await investigatedCase(kit, {
      party: { type: 'natural_person', name: '钱七', idType: 'id_card', idNumber: ID_CARD, phone: '13812345678' },
    });
    await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
    await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(1_000, false, '2026-01-14'));
    const decided = await kit.ok('pd_leader', c.id, 'decide', {
      date: '2026-01-20',
      outcome: 'penalty',
      penalty: fine(1_000),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    expect(decided.state).toBe('decided');
    const a = await documents(c.id);
    const e = entry(a, 'decision');
    expect(e).toMatchObject({ made: false, canIssue: true, documentIds: [] });
    expect(e.number).toBe(decided.documents.find((d) => d.docType === 'decision')!.number);
    const r = await ctx.api('POST', `/api/v1/cases/${c.id}/documents`, {
      token: kit.tokens.pd_ljz_01!,
      body: { kind: 'decision' },
      headers: { 'idempotency-key': `decision-${c.id}` },
    });
    expect(r.statusCode, r.body).toBe(422);
    expect((r.json() as { field: string; rule: string }).field).toBe('party.address');
  });
});

describe('the documents a stage needs', () => {
  it('an ordinary case: registered → nothing; investigated → approval, 笔录, report; decided → notice and decision', async () => {
    const registered = await kit.register();
    expect((await documents(registered.id)).stage).toEqual([]);

    const investigated = await investigatedCase(kit);
    const inv = await documents(investigated.id);
    expect(stageOf(inv)).toEqual([
      'filing_approval:made',
      'inspection_record:not made',
      'questioning_record:not made',
      'investigation_report:not made',
    ]);
    // The 笔录 exist (recorded with their steps), so their PDFs may be issued here; so may the report.
    expect(inv.stage.map((d) => [d.kind, d.source, d.canIssue])).toEqual([
      ['filing_approval', 'step', true],
      ['inspection_record', 'record', true],
      ['questioning_record', 'record', true],
      ['investigation_report', 'issue', true],
    ]);
    // Optional kinds the stage allows are offered apart; a needed one is not repeated there.
    expect(inv.others).toContain('correction_order');
    expect(inv.others).not.toContain('investigation_report');

    const report = await ctx.api('POST', `/api/v1/cases/${investigated.id}/documents`, {
      token: kit.tokens.pd_ljz_01!,
      body: { kind: 'investigation_report' },
      headers: { 'idempotency-key': `report-${investigated.id}` },
    });
    expect(report.statusCode, report.body).toBe(201);
    expect(entry(await documents(investigated.id), 'investigation_report').made).toBe(true);

    const decided = await decidedCase(kit, 1_000);
    expect(stageOf(await documents(decided.id))).toEqual([
      'filing_approval:made',
      'inspection_record:not made',
      'questioning_record:not made',
      'investigation_report:not made',
      'prior_notice:made',
      'decision:made',
    ]);
  });

  it('a role that cannot issue sees the list with the reason, and no action', async () => {
    const c = await investigatedCase(kit);
    const commander = await ctx.login('pd_command');
    const r = await ctx.api('GET', `/api/v1/cases/${c.id}/documents`, { token: commander });
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json() as CaseDocumentsAnswer;
    expect(a.stage.length).toBeGreaterThan(0);
    for (const d of a.stage) {
      expect(d.canIssue).toBe(false);
      expect(d.reasons[0]!.textZh).toBe('您的角色不能制作文书');
    }
  });
});

describe('the 当场 ticket: its decision issued, printed and handed over', () => {
  let ticket: CaseDetail;
  let documentId: string;

  beforeAll(async () => {
    const photo = await kit.upload('pd_ljz_01', `ticket photo ${Math.random()}`);
    const body = summaryTicketBody(kit, photo, {
      penalty: { penalties: ['fine'], fineFen: 5_000 },
      collectOnSpot: { receiptNumber: 'SD-2026-0000042', hardToEnforceLater: false, remoteArea: false, partyRequested: false },
    });
    // The starter library's 违则 is marked 未核实 (E12): draft, the legal reviewer's confirmation, the decision.
    const r = await confirmedSummaryTicket(ctx, { officer: kit.tokens.pd_ljz_01!, legal: kit.tokens.pd_legal! }, body);
    expect(r.statusCode, r.body).toBe(200);
    ticket = r.json() as CaseDetail;
  });

  it('B2, B4: the ticket issues its 当场处罚决定书 (and the collection its receipt); the stage needs exactly these', async () => {
    const a = await documents(ticket.id);
    expect(stageOf(a)).toEqual(['summary_decision:made', 'cash_receipt:made']);
    const d = entry(a, 'summary_decision');
    expect(d.number).toBe(ticket.summary!.serialNumber);
    documentId = d.documentIds[0]!;
    const text = await documentText(documentId);
    expect(text).toContain(ticket.summary!.serialNumber.replace(/\s+/g, ''));
    expect(text).toContain('赵六');
  });

  it('F3: the hand-over records a direct service with the party’s signature and issues the 送达回证', async () => {
    const signature = await kit.upload('pd_ljz_01', `signature of 赵六 ${Math.random()}`);
    const r = await ctx.api('POST', `/api/v1/cases/${ticket.id}/services`, {
      token: kit.tokens.pd_ljz_01!,
      body: { documentId, method: 'direct', servedOn: '2026-03-02', recipientName: '赵六', signatureSm3: signature },
    });
    expect(r.statusCode, r.body).toBe(201);
    const s = r.json() as ServiceRecord;
    expect(s).toMatchObject({ documentId, method: 'direct', status: 'served', servedOn: '2026-03-02', signatureSm3: signature });
    expect(s.receiptDocumentId).not.toBeNull();
    const a = await documents(ticket.id);
    expect(a.issued.find((x) => x.id === s.receiptDocumentId)!.kind).toBe('service_receipt');
  });
});
