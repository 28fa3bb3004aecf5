// The party's documents in the portal (issue 5): issued PDFs of his own case only; another case's document is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalCase } from '@chengguan/contracts';
import { issueCaseDocument } from '../src/modules/documents/issue-document.ts';
import { channelActor } from '../src/modules/cases/channel-actor.ts';
import { findCase } from '../src/modules/cases/cases.repository.ts';
import { caseKit, decidedCase, type CaseKit } from './cases-support.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { portalLogin } from './portal-support.ts';

let ctx: TestContext;
let kit: CaseKit;

async function issue(caseId: string, kind: 'decision' | 'filing_approval') {
  const row = (await findCase(ctx.deps.db, caseId))!;
  return ctx.deps.db
    .transaction()
    .execute((trx) =>
      issueCaseDocument(
        trx,
        ctx.deps,
        channelActor(row, 'scheduler', ['bureau_leader']),
        { ip: null, correlationId: null },
        { caseId, kind },
      ),
    );
}

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

describe('the party’s documents', () => {
  it('lists and serves his issued decision PDF, hides internal documents, and answers 404 for another case’s document', async () => {
    const mine = await decidedCase(kit, 1_000);
    const other = await decidedCase(kit, 2_000);
    const decision = await issue(mine.id, 'decision');
    const internal = await issue(mine.id, 'filing_approval').catch(() => null);
    const foreign = await issue(other.id, 'decision');
    const p = await portalLogin(ctx, mine.id, mine.documents.find((d) => d.docType === 'decision')!.number);
    const c = (await p.call('GET', '/api/portal/case')).json() as PortalCase;
    const listed = c.documents.find((d) => d.id === decision.id);
    expect(listed).toMatchObject({ hasPdf: true, title: decision.title });
    if (internal) expect(c.documents.some((d) => d.id === internal.id)).toBe(false);
    const pdf = await p.call('GET', `/api/portal/documents/${decision.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await p.call('GET', `/api/portal/documents/${foreign.id}/pdf`)).statusCode).toBe(404);
    if (internal) expect((await p.call('GET', `/api/portal/documents/${internal.id}/pdf`)).statusCode).toBe(404);
  });
});
