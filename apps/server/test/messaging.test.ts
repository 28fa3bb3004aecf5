// Messaging (issue 5): the MessageProvider contract, run against the local provider and against an in-test provider
// whose receipts arrive later (markMessageDelivered), and the administrators' outbox page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageItem, PageOf } from '@chengguan/contracts';
import type { Deps } from '../src/context.ts';
import {
  markMessageDelivered,
  registerMessageDeliveredHook,
  registerMessageProvider,
  sendMessage,
  type DeliveredMessage,
  type SendMessageRequest,
} from '../src/modules/messaging/send-message.ts';
import { caseKit, type CaseKit } from './cases-support.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
let kit: CaseKit;
let caseId: string;
const delivered: DeliveredMessage[] = [];

// A gateway that answers at once and reports arrival later, by receipt.
registerMessageProvider('test-delayed', () => ({
  name: 'test-delayed',
  local: false,
  send: async (msg) => ({ providerId: `gw-${msg.id.slice(-12)}`, deliveredAt: null }),
}));
registerMessageProvider('test-refusing', () => ({
  name: 'test-refusing',
  local: false,
  send: async () => {
    throw new Error('gateway refused: blacklisted number');
  },
}));

const withProvider = (name: string): Deps => ({ ...ctx.deps, config: { ...ctx.deps.config, messageProvider: name } });
const send = (deps: Deps, msg: SendMessageRequest) => deps.db.transaction().execute((trx) => sendMessage(trx, deps, msg));
const row = (id: string) => ctx.deps.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  caseId = (await kit.register()).id;
  registerMessageDeliveredHook(async (_trx, _deps, msg) => {
    delivered.push(msg);
  });
});
afterAll(async () => ctx?.close());

describe.each([
  { provider: 'local', receiptAtSend: true },
  { provider: 'test-delayed', receiptAtSend: false },
])('MessageProvider contract: $provider', ({ provider, receiptAtSend }) => {
  it('logs every message with its provider, recipient, purpose and case', async () => {
    const deps = withProvider(provider);
    const sent = await send(deps, { to: '138 1234 5678', text: '您的验证码为 123456', purpose: 'otp', caseId });
    const r = await row(sent.id);
    expect(r).toMatchObject({
      provider,
      channel: 'sms',
      to_address: '13812345678',
      purpose: 'otp',
      case_id: caseId,
      text: '您的验证码为 123456',
    });
    expect(r.provider_id).toBeTruthy();
    expect(r.bureau_id).toBeTruthy();
    expect(r.party_id).toBeTruthy();
  });

  it('reports the delivery state: at send time, or sent and waiting for the receipt', async () => {
    const sent = await send(withProvider(provider), { to: 'party@example.com', text: '送达通知', purpose: 'service', caseId });
    expect(sent.status).toBe(receiptAtSend ? 'delivered' : 'sent');
    if (receiptAtSend) expect(sent.deliveredAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    else expect(sent.deliveredAt).toBeNull();
    expect((await row(sent.id)).channel).toBe('email');
  });

  it('markMessageDelivered: a receipt marks delivery once; a repeated receipt changes nothing', async () => {
    const deps = withProvider(provider);
    const sent = await send(deps, { to: '13812345678', text: '电子送达：行政处罚决定书', purpose: 'service', caseId });
    const before = delivered.length;
    const at = new Date(ctx.clock.now().getTime() + 90_000);
    await deps.db.transaction().execute((trx) => markMessageDelivered(trx, deps, sent.id, at));
    await deps.db.transaction().execute((trx) => markMessageDelivered(trx, deps, sent.id, new Date(at.getTime() + 60_000)));
    const r = await row(sent.id);
    expect(r.status).toBe('delivered');
    // The local provider reported delivery at send time; the delayed one takes the receipt's time.
    expect(new Date(r.delivered_at!).toISOString()).toBe(receiptAtSend ? sent.deliveredAt!.toISOString() : at.toISOString());
    expect(delivered.length - before).toBe(receiptAtSend ? 0 : 1);
  });

  it('refuses an address that is neither a mobile number nor an e-mail address, naming the field', async () => {
    await expect(send(withProvider(provider), { to: '021-1234', text: 'x', purpose: 'notice' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'to',
    });
  });
});

describe('provider failures and receipts', () => {
  it('a refused message is logged as failed with the reason, not thrown', async () => {
    const sent = await send(withProvider('test-refusing'), { to: '13812345678', text: '通知', purpose: 'notice', caseId });
    expect(sent).toMatchObject({ status: 'failed', deliveredAt: null });
    expect((await row(sent.id)).error).toContain('blacklisted');
    const deps = withProvider('test-refusing');
    await expect(deps.db.transaction().execute((trx) => markMessageDelivered(trx, deps, sent.id, ctx.clock.now()))).rejects.toMatchObject({
      code: 'STATE_CONFLICT',
    });
  });

  it('a receipt for an unknown message is NOT_FOUND', async () => {
    const deps = withProvider('test-delayed');
    await expect(
      deps.db.transaction().execute((trx) => markMessageDelivered(trx, deps, '01900000-0000-7000-8000-000000000000', ctx.clock.now())),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('outbox page (短信发件箱（本地通道）)', () => {
  it('administrators list, filter and page the messages; the provider endpoint says the local channel sends nothing', async () => {
    const admin = await ctx.login('admin');
    const info = await ctx.api('GET', '/api/v1/messages/provider', { token: admin });
    expect(info.json()).toEqual({ name: 'local', local: true });
    const all = await ctx.api('GET', '/api/v1/messages?pageSize=2', { token: admin });
    expect(all.statusCode, all.body).toBe(200);
    const page = all.json() as PageOf<MessageItem>;
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(7);
    const otp = (await ctx.api('GET', '/api/v1/messages?purpose=otp', { token: admin })).json() as PageOf<MessageItem>;
    expect(otp.items.every((m) => m.purpose === 'otp')).toBe(true);
    expect(otp.items[0]).toMatchObject({ recipient: '13812345678', caseId });
    const byMail = (await ctx.api('GET', '/api/v1/messages?recipient=example.com', { token: admin })).json() as PageOf<MessageItem>;
    expect(byMail.total).toBe(2);
    const today = (
      await ctx.api('GET', '/api/v1/messages?fromDate=2026-03-02&toDate=2026-03-02', { token: admin })
    ).json() as PageOf<MessageItem>;
    expect(today.total).toBe(page.total);
    const tomorrow = (await ctx.api('GET', '/api/v1/messages?fromDate=2026-03-03', { token: admin })).json() as PageOf<MessageItem>;
    expect(tomorrow.total).toBe(0);
    const failed = (await ctx.api('GET', '/api/v1/messages?status=failed', { token: admin })).json() as PageOf<MessageItem>;
    expect(failed.items[0]?.error).toContain('blacklisted');
  });

  it('exports the filtered list to Excel', async () => {
    const r = await ctx.api('GET', '/api/v1/messages/export.xlsx?purpose=service', { token: await ctx.login('admin') });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('role × jurisdiction: an officer is refused (403); another district’s administrator sees none of these messages', async () => {
    const officer = await ctx.api('GET', '/api/v1/messages', { token: kit.tokens.pd_ljz_01! });
    expect(officer.statusCode).toBe(403);
    expect(errorBody(officer).code).toBe('FORBIDDEN');
    const exp = await ctx.api('GET', '/api/v1/messages/export.xlsx', { token: kit.tokens.pd_ljz_01! });
    expect(exp.statusCode).toBe(403);
    const pd = (await ctx.api('GET', '/api/v1/messages', { token: await ctx.login('pd_admin') })).json() as PageOf<MessageItem>;
    expect(pd.total).toBeGreaterThan(0);
    const qp = (await ctx.api('GET', '/api/v1/messages', { token: await ctx.login('qp_admin') })).json() as PageOf<MessageItem>;
    expect(qp.total).toBe(0);
    const bad = await ctx.api('GET', '/api/v1/messages?fromDate=2026-03-05&toDate=2026-03-01', { token: await ctx.login('admin') });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).field).toBe('toDate');
  });
});
