// A step's document is made from the case as the step left it, not read again (StepWrite.after): the 当场处罚决定书
// of a one-call ticket (the new case's steps, case-create.ts) reads exactly as the same document made again later
// from the stored case — the case number the ticket's serial became included — and the ticket's answer, made from the
// row its insert returned, is the page a later read shows; the hooks of the step that set the case number see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { UNVERIFIED_NOTE_PATTERN } from '@chengguan/domain';
import type { CaseDetail, CaseDocumentsAnswer, IssuedDocumentCreated } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { issuedDocumentText } from './pdf-text.ts';
import { caseKit, summaryTicketBody, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  // This bureau's legal department has verified the ticket's articles (E12 lets the one-call ticket decide).
  await sql`UPDATE law_provisions SET verification = 'V'
      WHERE id IN (SELECT violated_provision_id FROM law_offences WHERE code = 'SH-LJ-57-2'
                   UNION SELECT penalty_provision_id FROM law_offences WHERE code = 'SH-LJ-57-2')`.execute(ctx.deps.db);
  await sql`UPDATE law_offences SET verification = 'V',
      violated_provision = btrim(regexp_replace(violated_provision, ${UNVERIFIED_NOTE_PATTERN}, '', 'g'))
    WHERE code = 'SH-LJ-57-2'`.execute(ctx.deps.db);
});
afterAll(async () => ctx?.close());

async function text(documentId: string): Promise<string> {
  // The verify link (the document's id and code) differs between two issues of the same document; nothing else may.
  return (await issuedDocumentText(ctx, kit.tokens.pd_ljz_01!, documentId))
    .replace(/[A-Z2-9]{5}-[A-Z2-9]{5}/g, 'XXXXX-XXXXX')
    .replace(/\/verify\/[0-9a-f-]{36}\?c=[A-Z2-9]{10}/g, '/verify/ID?c=CODE');
}

describe('a step document is made from the case as the step left it', () => {
  it('the one-call ticket’s 当场处罚决定书 reads as the same document made again from the stored case', async () => {
    const photo = await kit.upload('pd_ljz_01', `photo ${Math.random()}`);
    const r = await ctx.api('POST', '/api/v1/cases/summary', { token: kit.tokens.pd_ljz_01!, body: summaryTicketBody(kit, photo) });
    expect(r.statusCode, r.body).toBe(201);
    const ticket = r.json() as CaseDetail;
    expect(ticket.caseNumber).toBe(ticket.summary!.serialNumber);
    // The ticket's answer (made from the row it inserted) is the case page as a later read shows it.
    expect(ticket).toEqual((await ctx.api('GET', `/api/v1/cases/${ticket.id}`, { token: kit.tokens.pd_ljz_01! })).json());
    // The hooks of the step that numbered the case see its number: the duty log names the case by the ticket's serial.
    const logged = await ctx.deps.db
      .selectFrom('duty_log_entries')
      .select('summary')
      .where('source_id', '=', ticket.id)
      .where('action', '=', 'issueSummaryDecision')
      .executeTakeFirstOrThrow();
    expect(logged.summary).toContain(`案件${ticket.caseNumber}：当场作出处罚决定`);
    const tab = (
      await ctx.api('GET', `/api/v1/cases/${ticket.id}/documents`, { token: kit.tokens.pd_ljz_01! })
    ).json() as CaseDocumentsAnswer;
    const atStep = tab.stage.find((d) => d.kind === 'summary_decision')!.documentIds[0]!;
    const again = await ctx.api('POST', `/api/v1/cases/${ticket.id}/documents`, {
      token: kit.tokens.pd_ljz_01!,
      body: { kind: 'summary_decision' },
    });
    expect(again.statusCode, again.body).toBe(201);
    const made = (again.json() as IssuedDocumentCreated).document;
    const [first, second] = [await text(atStep), await text(made.id)];
    expect(first).toContain(ticket.caseNumber!.replace(/\s+/g, ''));
    expect(first).toBe(second);
    // The answer of the issue is the row the 文书 tab lists (which never shows the verify code again).
    const listed = (
      await ctx.api('GET', `/api/v1/cases/${ticket.id}/documents`, { token: kit.tokens.pd_ljz_01! })
    ).json() as CaseDocumentsAnswer;
    expect(made.verifyPath).toBe(`/verify/${made.id}?c=${(again.json() as IssuedDocumentCreated).verifyPath.split('?c=')[1]}`);
    expect(listed.issued.find((d) => d.id === made.id)).toEqual({ ...made, verifyPath: null });
  });
});
