// The party's portal (issue 5): login by 文号 + SMS code, a session scoped to one case, the deadlines that concern
// him, his statement and hearing request through the case steps (refused after the window, with the rule), the
// electronic-service confirmation, and the access limits of the session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, PortalCase } from '@chengguan/contracts';
import { caseKit, decidedCase, fine, investigatedCase, notice, type CaseKit } from './cases-support.ts';
import { createTestContext, errorBody, OWN_ORIGIN, type TestContext } from './harness.ts';
import { client, cookieOf, latestCode, login, PNG_1X1, portalLogin, requestCode } from './portal-support.ts';

let ctx: TestContext;
let kit: CaseKit;
/** Notice served 2026-03-02 (today of the test clock), 5,000 元: D2 until 03-05, D5 until 03-09. */
let noticed: { id: string; number: string };
let decided: { id: string; number: string };

const MINUTE = 60_000;

async function noticedCase(served: string): Promise<{ id: string; number: string }> {
  const c = await investigatedCase(kit);
  await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(5_000) });
  const after = await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(5_000, true, served));
  return { id: c.id, number: after.documents.find((d) => d.docType === 'prior_notice')!.number };
}

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  noticed = await noticedCase('2026-03-02');
  const d = await decidedCase(kit, 1_000);
  decided = { id: d.id, number: d.documents.find((x) => x.docType === 'decision')!.number };
});
afterAll(async () => ctx?.close());

describe('login: 文号 + one-time code', () => {
  it('answers the same for an existing and an unknown number, and sends the code only to the phone on record', async () => {
    const known = await requestCode(ctx, noticed.number);
    const unknown = await requestCode(ctx, '浦东城管罚告字〔2026〕第999999号');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual(known.json());
    const sms = await ctx.deps.db.selectFrom('messages').selectAll().where('purpose', '=', 'otp').execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ to_address: '13812345678', case_id: noticed.id, status: 'delivered', provider: 'local' });
    const stored = await ctx.deps.db.selectFrom('portal_challenges').selectAll().execute();
    expect(stored).toHaveLength(2);
    expect(stored.every((c) => /^[0-9a-f]{64}$/.test(c.code_hash) && !c.code_hash.includes(/\d{6}/.exec(sms[0]!.text)![0]))).toBe(true);
  });

  it('limits resends to one a minute — for unknown numbers too', async () => {
    const again = await requestCode(ctx, noticed.number);
    expect(again.statusCode).toBe(429);
    expect(errorBody(again).message).toMatch(/秒后再获取验证码/);
    const unknownAgain = await requestCode(ctx, '浦东城管罚告字〔2026〕第999999号');
    expect(unknownAgain.statusCode).toBe(429);
  });

  it('accepts the number typed with other brackets and spaces, and logs in with the code (httpOnly cookie)', async () => {
    const code = await latestCode(ctx, noticed.id);
    const typed = noticed.number.replace('〔', '[').replace('〕', ']').replace('第', ' 第 ');
    const r = await login(ctx, typed, code);
    expect(r.statusCode, r.body).toBe(200);
    const set = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((c) => c.startsWith('cg_portal='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    const body = r.json() as PortalCase;
    expect(body.documentNumbers).toContain(noticed.number);
    expect(body.phoneMasked).toBe('138****5678');
    // The code is single-use.
    const reuse = await login(ctx, noticed.number, code);
    expect(reuse.statusCode).toBe(401);
  });

  it('locks the code after 5 wrong attempts; the right code is then refused too; every attempt is audited', async () => {
    ctx.clock.advance(2 * MINUTE);
    expect((await requestCode(ctx, noticed.number)).statusCode).toBe(200);
    const code = await latestCode(ctx, noticed.id);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await login(ctx, noticed.number, wrong)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 429]);
    const right = await login(ctx, noticed.number, code);
    expect(right.statusCode).toBe(429);
    expect(errorBody(right).message).toContain('次数过多');
    const audits = await ctx.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'portal.login').execute();
    const outcomes = audits.map((a) => (a.data as { outcome: string }).outcome);
    expect(outcomes.filter((o) => o === 'wrong_code')).toHaveLength(5);
    expect(outcomes).toContain('locked');
  });

  it('an unknown number behaves like a known one: wrong codes count and lock', async () => {
    ctx.clock.advance(2 * MINUTE);
    const unknown = '浦东城管罚决字〔2026〕第888888号';
    expect((await requestCode(ctx, unknown)).statusCode).toBe(200);
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await login(ctx, unknown, '123456')).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 429]);
  });

  it('a code expires after 5 minutes', async () => {
    ctx.clock.advance(2 * MINUTE);
    expect((await requestCode(ctx, noticed.number)).statusCode).toBe(200);
    const code = await latestCode(ctx, noticed.id);
    ctx.clock.advance(5 * MINUTE + 1000);
    const r = await login(ctx, noticed.number, code);
    expect(r.statusCode).toBe(410);
    expect(errorBody(r).code).toBe('EXPIRED');
  });
});

describe('the party’s case', () => {
  it('shows the state in plain words and every deadline that concerns him, with the days left', async () => {
    ctx.clock.set('2026-03-03T02:00:00Z');
    const p = await portalLogin(ctx, noticed.id, noticed.number);
    const r = await p.call('GET', '/api/portal/case');
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json() as PortalCase;
    expect(c.stateText).toContain('陈述、申辩');
    expect(c.agencyName).toContain('陆家嘴');
    expect(c.proposedPenaltyText).toBe('罚款 5,000 元');
    const statement = c.deadlines.find((d) => d.kind === 'statement')!;
    expect(statement).toMatchObject({ dueDate: '2026-03-05', daysLeft: 2, state: 'open', ruleId: 'D2' });
    expect(c.deadlines.find((d) => d.kind === 'hearing_request')).toMatchObject({ dueDate: '2026-03-09', daysLeft: 6, ruleId: 'D5' });
    expect(c.actions.statement.allowed).toBe(true);
    expect(c.actions.hearingRequest.allowed).toBe(true);
  });

  it('a statement inside the window is recorded through the case step (channel portal), with its attachment', async () => {
    const p = await portalLogin(ctx, noticed.id, noticed.number).catch(async () => {
      ctx.clock.advance(2 * MINUTE);
      return portalLogin(ctx, noticed.id, noticed.number);
    });
    const up = await ctx.app.inject({
      method: 'POST',
      url: '/api/portal/files',
      headers: { cookie: p.cookie, origin: OWN_ORIGIN, 'content-type': 'image/png' },
      payload: Buffer.from(PNG_1X1, 'base64'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const sm3 = (up.json() as { sm3: string }).sm3;
    const r = await p.call('POST', '/api/portal/statement', { content: '我已于次日将垃圾分类驳运，请求从轻处理。', attachments: [sm3] });
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json() as PortalCase;
    expect(c.submissions).toMatchObject([{ kind: 'statement', legalDate: '2026-03-03', attachments: [sm3] }]);
    expect(c.deadlines.find((d) => d.kind === 'statement')).toMatchObject({ state: 'done', doneOn: '2026-03-03' });
    const officerView = await ctx.api('GET', `/api/v1/cases/${noticed.id}`, { token: await ctx.login('pd_ljz_01') });
    const ev = (officerView.json() as CaseDetail).timeline.find((e) => e.action === 'recordStatement')!;
    expect(ev.data).toMatchObject({ channel: 'portal', content: '我已于次日将垃圾分类驳运，请求从轻处理。', attachments: [sm3] });
    const badAttachment = await p.call('POST', '/api/portal/statement', { content: 'x', attachments: ['0'.repeat(64)] });
    expect(badAttachment.statusCode).toBe(400);
    expect(errorBody(badAttachment).field).toBe('attachments.0');
  });

  it('D5 a hearing request after the window is refused with the rule, the article and the due date; D2 likewise', async () => {
    ctx.clock.set('2026-03-10T02:00:00Z');
    const p = await portalLogin(ctx, noticed.id, noticed.number);
    const c = (await p.call('GET', '/api/portal/case')).json() as PortalCase;
    expect(c.actions.hearingRequest).toMatchObject({ allowed: false });
    expect(c.actions.hearingRequest.reason).toContain('2026-03-09');
    const r = await p.call('POST', '/api/portal/hearing-request', { reason: '要求听证' });
    expect(r.statusCode).toBe(422);
    const e = errorBody(r) as ReturnType<typeof errorBody> & { rule: string };
    expect(e.rule).toMatch(/^D5 行政处罚法 Art\. 64/);
    expect(e.message).toContain('2026-03-09');
    const s = await p.call('POST', '/api/portal/statement', { content: '补充陈述' });
    expect(s.statusCode).toBe(422);
    expect((errorBody(s) as { rule?: string }).rule).toMatch(/^D2 /);
    expect(errorBody(s).message).toContain('2026-03-05');
    const refused = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('action', 'in', ['portal.hearing_request', 'portal.statement'])
      .execute();
    const rules = refused.map((a) => `${a.action} ${(a.data as { rule: string | null }).rule ?? ''}`);
    expect(rules.some((x) => x.startsWith('portal.hearing_request D5'))).toBe(true);
    expect(rules.some((x) => x.startsWith('portal.statement D2'))).toBe(true);
  });

  it('F2 signs the electronic-service confirmation: the consent is recorded and the signature stored', async () => {
    const p = await portalLogin(ctx, decided.id, decided.number);
    const before = (await p.call('GET', '/api/portal/case')).json() as PortalCase;
    expect(before.actions.serviceConsent.allowed, before.actions.serviceConsent.reason ?? '').toBe(true);
    const bad = await p.call('POST', '/api/portal/service-consent', {
      channel: 'sms',
      address: '021-1234',
      signerName: '王小明',
      signaturePngBase64: PNG_1X1,
      agreed: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).field).toBe('address');
    const r = await p.call('POST', '/api/portal/service-consent', {
      channel: 'sms',
      address: '138 1234 5678',
      signerName: '王小明',
      signaturePngBase64: `data:image/png;base64,${PNG_1X1}`,
      agreed: true,
    });
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json() as PortalCase;
    expect(c.electronicServiceConsentOn).toBe('2026-03-10');
    expect(c.actions.serviceConsent.allowed).toBe(false);
    const sub = await ctx.deps.db
      .selectFrom('portal_submissions')
      .selectAll()
      .where('kind', '=', 'service_consent')
      .executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ signer_name: '王小明', address: '13812345678' });
    expect(await ctx.deps.db.selectFrom('files').select('mime').where('sm3', '=', sub.signature_sm3!).executeTakeFirst()).toEqual({
      mime: 'image/png',
    });
    // The 送达地址确认书 is issued from it, and the party finds it among his documents.
    const consentDoc = c.documents.find((d) => d.title.includes('送达地址确认书'));
    expect(consentDoc).toMatchObject({ issuedOn: '2026-03-10', hasPdf: true });
    const pdf = await p.call('GET', `/api/portal/documents/${consentDoc!.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('access of a portal session', () => {
  it('reaches only its own case: another case’s document is 404, the officer API is closed to it', async () => {
    ctx.clock.advance(2 * MINUTE);
    const p = await portalLogin(ctx, noticed.id, noticed.number);
    const otherDoc = await ctx.deps.db
      .selectFrom('case_documents')
      .select('id')
      .where('case_id', '=', decided.id)
      .executeTakeFirstOrThrow();
    const r = await p.call('GET', `/api/portal/documents/${otherDoc.id}/pdf`);
    expect(r.statusCode).toBe(404);
    const officerApi = await p.call('GET', `/api/v1/cases/${noticed.id}`);
    expect(officerApi.statusCode).toBe(401);
    const c = (await p.call('GET', '/api/portal/case')).json() as PortalCase;
    expect(c.documentNumbers).not.toContain(decided.number);
  });

  it('without a session, after 30 minutes idle, and after logout: 401', async () => {
    expect((await ctx.api('GET', '/api/portal/case')).statusCode).toBe(401);
    ctx.clock.advance(2 * MINUTE);
    const p = await portalLogin(ctx, noticed.id, noticed.number);
    ctx.clock.advance(29 * MINUTE);
    expect((await p.call('GET', '/api/portal/case')).statusCode).toBe(200);
    ctx.clock.advance(30 * MINUTE);
    const expired = await p.call('GET', '/api/portal/case');
    expect(expired.statusCode).toBe(401);
    expect(errorBody(expired).code).toBe('AUTH_SESSION_EXPIRED');
    const p2 = await portalLogin(ctx, noticed.id, noticed.number);
    expect((await p2.call('DELETE', '/api/portal/session')).statusCode).toBe(204);
    expect((await p2.call('GET', '/api/portal/case')).statusCode).toBe(401);
    expect((await client(ctx, 'cg_portal=forged').call('GET', '/api/portal/case')).statusCode).toBe(401);
    void cookieOf;
  });
});
