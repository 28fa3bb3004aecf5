// E12 over the API (处罚法 Arts. 38, 58, 59): a decision on law the library marks 未核实 is refused with the reason until
// the legal reviewer confirms the article for the case — recorded in the case's events and the audit chain — and the
// decision then prints the confirmed article without the library's 「未核实」 note.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, IssuedDocumentCreated } from '@chengguan/contracts';
import { normalizeCitationTextZh } from '@chengguan/domain';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, decidedCase, expectRule, fine, investigatedCase, notice, type CaseKit } from './cases-support.ts';
import { issueCaseDocument } from '../src/modules/documents/issue-document.ts';
import { AppError } from '../src/errors/app-error.ts';
import { channelActor } from '../src/modules/cases/channel-actor.ts';
import { findCase } from '../src/modules/cases/cases.repository.ts';

let ctx: TestContext;
let kit: CaseKit;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-basis-'));
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(TMP, { recursive: true, force: true });
});

const VIOLATED = '《上海市生活垃圾管理条例》第57条第4款所指的驳运规定';
const PENALTY = '《上海市生活垃圾管理条例》第57条第4款';
const decide = { date: '2026-01-20', outcome: 'penalty', penalty: fine(1_000), citesHearingRecord: false, educationRecorded: false };

function pdfText(bytes: Buffer): string {
  const file = path.join(TMP, `${Math.random()}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('E12 the basis of a decision is verified or confirmed for the case', () => {
  let c: CaseDetail;

  it('E12: the decision on an unverified 违则 is refused naming the offence and the provision; the page says why', async () => {
    c = await investigatedCase(kit, {}, { confirmLaw: false });
    expect(c.lawBasis).toMatchObject({ printable: false, unverified: [{ part: 'violated' }] });
    expect(c.lawBasis!.violatedProvision).toContain('（违则条号未核实）');
    await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
    c = await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(1_000, false, '2026-01-14'));
    const refused = expectRule(await kit.step('pd_leader', c.id, 'decide', decide), 422, 'E12');
    expect(refused.field).toBe('lawBasisConfirmation');
    expect(refused.message).toContain('SH-LJ-57-4');
    expect(refused.message).toContain(`${VIOLATED}（违则条号未核实）`);
    expect(refused.message).toContain('《中华人民共和国行政处罚法》第三十八条');
    expect(refused.messageEn).toContain('not verified');
    const leader = await kit.get('pd_leader', c.id);
    expect(leader.allowedActions.find((a) => a.action === 'decide')?.blockedBy.map((b) => b.ruleId)).toContain('E12');
  });

  it('E12: only a legal reviewer of the bureau confirms, and not with a text that still says 未核实', async () => {
    const body = { date: '2026-01-15', violatedProvision: VIOLATED, penaltyProvision: PENALTY };
    expect((await kit.step('pd_ljz_01', c.id, 'confirmLegalBasis', body)).statusCode).toBe(403);
    expect((await kit.step('pd_leader', c.id, 'confirmLegalBasis', body)).statusCode).toBe(403);
    const still = expectRule(
      await kit.step('pd_legal', c.id, 'confirmLegalBasis', { ...body, violatedProvision: `${VIOLATED}（违则条号未核实）` }),
      422,
      'E12',
    );
    expect(still.field).toBe('violatedProvision');
    const empty = await kit.step('pd_legal', c.id, 'confirmLegalBasis', { ...body, penaltyProvision: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('penaltyProvision');
  });

  it('E12: the confirmation is recorded (who, when, which texts) in the events and the audit chain; the decision prints it', async () => {
    const body = { date: '2026-01-15', violatedProvision: VIOLATED, penaltyProvision: PENALTY };
    const confirmed = await kit.ok('pd_legal', c.id, 'confirmLegalBasis', body);
    const legalId = kit.officerId('pd_legal');
    expect(confirmed.lawBasis).toMatchObject({
      printable: true,
      violatedProvision: VIOLATED,
      penaltyProvision: PENALTY,
      confirmation: { confirmedOn: '2026-01-15', reviewerId: legalId, violatedProvision: VIOLATED, penaltyProvision: PENALTY },
    });
    expect(confirmed.lawBasis!.confirmation!.reviewerName).toBeTruthy();
    const event = confirmed.timeline.find((e) => e.action === 'confirmLegalBasis')!;
    expect(event).toMatchObject({ actorId: legalId, legalDate: '2026-01-15', labelZh: '法制审核确认条文' });
    expect(event.data).toMatchObject({ violatedProvision: VIOLATED, penaltyProvision: PENALTY });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'data', 'at'])
      .where('action', '=', 'case.confirmLegalBasis')
      .where('entity_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(legalId);
    expect(audit.data).toMatchObject({ reviewerId: legalId, violatedProvision: VIOLATED, penaltyProvision: PENALTY, eventId: event.id });
    // Confirmed once: a second confirmation is refused (nothing left to confirm).
    expectRule(await kit.step('pd_legal', c.id, 'confirmLegalBasis', { ...body, date: '2026-01-16' }), 422, 'E12');

    const decided = await kit.ok('pd_leader', c.id, 'decide', decide);
    expect(decided.state).toBe('decided');
    const issued = await ctx.api('POST', `/api/v1/cases/${c.id}/documents`, {
      token: kit.tokens.pd_ljz_01!,
      body: { kind: 'decision' },
      headers: { 'idempotency-key': `basis-${c.id}` },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const doc = issued.json() as IssuedDocumentCreated;
    const pdf = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.document.id}/pdf`,
      headers: { authorization: `Bearer ${kit.tokens.pd_ljz_01}` },
    });
    const text = pdfText(pdf.rawPayload);
    // Printed as the statutes number themselves (第五十七条第四款).
    expect(text).toContain(`违反了${normalizeCitationTextZh(VIOLATED)}的规定`);
    expect(text).not.toContain('未核实');
  });
});

describe('PUBLIC_BASE_URL before a document is issued outside the embedded demo', () => {
  it('on PostgreSQL (DATABASE_URL) without PUBLIC_BASE_URL the decision is not issued, naming the setting', async () => {
    const c = await decidedCase(kit, 1_000);
    const row = (await findCase(ctx.deps.db, c.id))!;
    const actor = channelActor(row, 'scheduler', ['field_officer']);
    const meta = { ip: null, correlationId: null };
    const bare = { ...ctx.deps, config: { ...ctx.deps.config, databaseUrl: 'postgres://u@db/chengguan', publicBaseUrlSet: false } };
    const refused = await bare.db
      .transaction()
      .execute((trx) => issueCaseDocument(trx, bare, actor, meta, { caseId: c.id, kind: 'decision', extra: {} }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('RULE_VIOLATION');
    expect((refused as AppError).field).toBe('PUBLIC_BASE_URL');
    expect((refused as AppError).status).toBe(422);
  });
});
