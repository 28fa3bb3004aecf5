// 送达 (F1–F4): service records by each lawful method, the case step they take, consents, access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, ServiceOverview, ServiceRecord } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, decidedCase, expectRule, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx.close());

async function overview(caseId: string, user = 'pd_ljz_01'): Promise<ServiceOverview> {
  const r = await ctx.api('GET', `/api/v1/cases/${caseId}/services`, { token: kit.tokens[user]! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as ServiceOverview;
}

async function decisionDoc(caseId: string): Promise<string> {
  const o = await overview(caseId);
  const d = o.documents.find((x) => x.kind === 'decision');
  expect(d, JSON.stringify(o.documents)).toBeDefined();
  return d!.id;
}

function serve(caseId: string, body: Record<string, unknown>, user = 'pd_ljz_01') {
  return ctx.api('POST', `/api/v1/cases/${caseId}/services`, { token: kit.tokens[user]!, body });
}

function deadline(c: CaseDetail, kind: string) {
  return c.deadlines.find((d) => d.kind === kind);
}

describe('service of the decision', () => {
  it('F3 direct service with the signature: the case is decision_served and G1 runs 15 days from receipt', async () => {
    const c = await decidedCase(kit);
    const documentId = await decisionDoc(c.id);
    const signature = await kit.upload('pd_ljz_01', `signature ${c.id}`);
    const r = await serve(c.id, { documentId, method: 'direct', servedOn: '2026-01-22', recipientName: '王小明', signatureSm3: signature });
    expect(r.statusCode, r.body).toBe(201);
    const rec = r.json() as ServiceRecord;
    expect(rec).toMatchObject({ status: 'served', servedOn: '2026-01-22', caseStep: 'serveDecision', method: 'direct' });
    const after = await kit.get('pd_ljz_01', c.id);
    expect(after.state).toBe('decision_served');
    // 民法典 Art. 201: 01-22 + 15 days = 02-06.
    expect(deadline(after, 'payment')).toMatchObject({ dueDate: '2026-02-06', basis: { ruleId: 'G1' } });
    const o = await overview(c.id);
    expect(o.documents.find((d) => d.id === documentId)?.servedOn).toBe('2026-01-22');
    expect(o.decisionServiceDue).toBeNull();
  });

  it('F3 lien service without a witness or photo is refused, naming the field and the rule', async () => {
    const c = await decidedCase(kit);
    const documentId = await decisionDoc(c.id);
    const r = await serve(c.id, { documentId, method: 'lien', servedOn: '2026-01-22', address: '上海市浦东新区世纪大道100号' });
    const body = expectRule(r, 422, 'F3');
    expect(body.field).toBe('witnessName');
    const refused = await serve(c.id, {
      documentId,
      method: 'direct',
      servedOn: '2026-01-22',
      recipientName: '王小明',
      refusalNote: '拒绝签收',
    });
    expect(expectRule(refused, 422, 'F3').field).toBe('witnessName');
    expect((await kit.get('pd_ljz_01', c.id)).state).toBe('decided');
    const ok = await serve(c.id, { documentId, method: 'lien', servedOn: '2026-01-22', witnessName: '居委会 李主任' });
    expect(ok.statusCode, ok.body).toBe(201);
    const events = (await kit.get('pd_ljz_01', c.id)).timeline.filter((e) => e.action === 'serveDecision');
    expect(events.at(-1)?.data).toMatchObject({ method: 'lien', witnessOrMedia: true });
  });

  it('F3 mail: tracking number and the return card date; served on the receipt date', async () => {
    const c = await decidedCase(kit);
    const documentId = await decisionDoc(c.id);
    const missing = await serve(c.id, { documentId, method: 'mail', postedOn: '2026-01-21', receivedOn: '2026-01-23' });
    expect(expectRule(missing, 422, 'F3').field).toBe('trackingNumber');
    const r = await serve(c.id, {
      documentId,
      method: 'mail',
      trackingNumber: 'EMS1234567890',
      postedOn: '2026-01-21',
      receivedOn: '2026-01-23',
    });
    expect(r.statusCode, r.body).toBe(201);
    // 01-23 + 15 days = 02-07, a Saturday: the period ends on Monday 02-09 (民法典 Art. 203).
    expect(deadline(await kit.get('pd_ljz_01', c.id), 'payment')?.dueDate).toBe('2026-02-09');
  });

  it('F2 electronic service without the consent is refused; after a portal consent it is served on the delivery day', async () => {
    const c = await decidedCase(kit);
    const documentId = await decisionDoc(c.id);
    const refused = await serve(c.id, { documentId, method: 'electronic' });
    expect(expectRule(refused, 422, 'F2').field).toBe('method');
    // The portal signs through the shared use-case with a channel actor.
    const { recordServiceConsent } = await import('../src/modules/service/record-service-consent.ts');
    const { channelActor } = await import('../src/modules/cases/channel-actor.ts');
    const { findCase } = await import('../src/modules/cases/cases.repository.ts');
    const row = (await findCase(ctx.deps.db, c.id))!;
    await ctx.deps.db.transaction().execute((trx) =>
      recordServiceConsent(
        trx,
        ctx.deps,
        channelActor(row, 'portal', ['field_officer']),
        { ip: null, correlationId: 'test' },
        {
          caseId: c.id,
          signedOn: '2026-03-02',
          channel: 'sms',
          address: '13812345678',
          via: 'portal',
        },
      ),
    );
    const o = await overview(c.id);
    expect(o.electronicServiceConsentOn).toBe('2026-03-02');
    expect(o.consents[0]).toMatchObject({ via: 'portal', channel: 'sms', address: '13812345678' });
    const r = await serve(c.id, { documentId, method: 'electronic' });
    expect(r.statusCode, r.body).toBe(201);
    const rec = r.json() as ServiceRecord;
    // The local provider reports delivery at send time: the test clock's day.
    expect(rec).toMatchObject({ status: 'served', servedOn: '2026-03-02', caseStep: 'serveDecision' });
    expect(rec.messageId).toBeTruthy();
    const msg = await ctx.deps.db.selectFrom('messages').selectAll().where('id', '=', rec.messageId!).executeTakeFirstOrThrow();
    expect(msg).toMatchObject({ purpose: 'service', to_address: '13812345678', status: 'delivered' });
    // The message carries the full address of the portal (PUBLIC_BASE_URL), not a bare path.
    expect(msg.text).toContain(`${ctx.deps.config.publicBaseUrl}/portal`);
    expect((await kit.get('pd_ljz_01', c.id)).state).toBe('decision_served');
  });
});

describe('paper consent and access', () => {
  it('F2 the officer records a paper consent; a bad address is refused naming the field', async () => {
    const c = await decidedCase(kit);
    const bad = await ctx.api('POST', `/api/v1/cases/${c.id}/service-consents`, {
      token: kit.tokens.pd_ljz_01!,
      body: { signedOn: '2026-01-21', channel: 'email', address: 'nobody' },
    });
    expect(expectRule(bad, 422, 'F2').field).toBe('address');
    const r = await ctx.api('POST', `/api/v1/cases/${c.id}/service-consents`, {
      token: kit.tokens.pd_ljz_01!,
      body: { signedOn: '2026-01-21', channel: 'email', address: 'wang@example.cn' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ via: 'paper', signedOn: '2026-01-21' });
    const timeline = (await kit.get('pd_ljz_01', c.id)).timeline;
    expect(timeline.at(-1)).toMatchObject({ action: 'recordServiceConsent', data: { address: 'w***@example.cn', via: 'paper' } });
  });

  it('a commander may read but not record (403); another district sees no case (404)', async () => {
    const c = await decidedCase(kit);
    const documentId = await decisionDoc(c.id);
    const commander = await ctx.login('pd_command');
    expect((await ctx.api('GET', `/api/v1/cases/${c.id}/services`, { token: commander })).statusCode).toBe(200);
    const r = await ctx.api('POST', `/api/v1/cases/${c.id}/services`, {
      token: commander,
      body: { documentId, method: 'lien', servedOn: '2026-01-22', witnessName: 'y' },
    });
    expect(r.statusCode, r.body).toBe(403);
    const consent403 = await ctx.api('POST', `/api/v1/cases/${c.id}/service-consents`, {
      token: commander,
      body: { signedOn: '2026-01-21', channel: 'sms', address: '13812345678' },
    });
    expect(consent403.statusCode).toBe(403);
    const other = await serve(c.id, { documentId, method: 'lien', servedOn: '2026-01-22', witnessName: 'x' }, 'qp_zjj_01');
    expect(other.statusCode).toBe(404);
    expect((await ctx.api('GET', `/api/v1/cases/${c.id}/services`, { token: kit.tokens.qp_zjj_01! })).statusCode).toBe(404);
    const consent = await ctx.api('POST', `/api/v1/cases/${c.id}/service-consents`, {
      token: kit.tokens.qp_zjj_01!,
      body: { signedOn: '2026-01-21', channel: 'sms', address: '13812345678' },
    });
    expect(consent.statusCode).toBe(404);
  });
});

// Last: it moves the clock forward.
describe('public notice (F4)', () => {
  it('F4 public notice: pending until the deemed day (60 days), then the scheduler serves the decision', async () => {
    const c = await decidedCase(kit);
    const documentId = await decisionDoc(c.id);
    const noReason = await serve(c.id, {
      documentId,
      method: 'public_notice',
      medium: '浦东新区城管执法局网站',
      publishedOn: '2026-02-01',
    });
    expect(expectRule(noReason, 422, 'F4').field).toBe('noticeReason');
    const r = await serve(c.id, {
      documentId,
      method: 'public_notice',
      noticeReason: '当事人下落不明，直接送达、邮寄送达均未成功',
      medium: '浦东新区城管执法局网站',
      publishedOn: '2026-02-01',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'pending', deemedOn: '2026-04-02', servedOn: null, caseStep: null });
    expect((await overview(c.id)).pendingDeemedService).toMatchObject({ publishedOn: '2026-02-01', deemedOn: '2026-04-02' });
    const { runDueJobs } = await import('../src/modules/scheduler/worker.ts');
    const { SERVICE_JOB_HANDLERS } = await import('../src/modules/service/service.jobs.ts');
    await runDueJobs(ctx.deps, SERVICE_JOB_HANDLERS, 'test');
    expect((await kit.get('pd_ljz_01', c.id)).state).toBe('decided');
    ctx.clock.set('2026-04-01T17:00:00.000Z'); // 2026-04-02 01:00 in Shanghai
    await runDueJobs(ctx.deps, SERVICE_JOB_HANDLERS, 'test');
    // Sessions idle out when the clock jumps: log in again.
    for (const u of ['pd_ljz_01']) kit.tokens[u] = await ctx.login(u);
    const after = await kit.get('pd_ljz_01', c.id);
    expect(after.state).toBe('decision_served');
    const ev = after.timeline.find((e) => e.action === 'serveDecision');
    expect(ev).toMatchObject({ legalDate: '2026-04-02', actorId: null, data: { method: 'public_notice', channel: 'scheduler' } });
    expect(deadline(after, 'payment')?.dueDate).toBe('2026-04-17');
    expect((await overview(c.id)).pendingDeemedService).toBeNull();
  });
});
