// 当事人扫码确认: the officer's QR code, the party's confirmation on his own phone, the officer's poll, and the
// confirmed party used in a summary ticket (real database through the harness).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CreatedPartyConfirmation, PartyConfirmation, SummaryCaseBody } from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { caseKit, confirmedSummaryTicket, ID_CARD, USCC, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

const BAD_ID = ID_CARD.slice(0, 17) + (ID_CARD.endsWith('0') ? '1' : '0');
const party = { partyType: 'natural_person', name: '钱七', idType: 'id_card', idNumber: ID_CARD, phone: '13900001111' };

async function create(user = 'pd_ljz_01'): Promise<CreatedPartyConfirmation> {
  const r = await ctx.api('POST', '/api/v1/party-confirmations', { token: kit.tokens[user]!, body: {} });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as CreatedPartyConfirmation;
}
const publicGet = (token: string) => ctx.api('GET', `/api/public/party-confirmations/${token}`);
const confirm = (token: string, body: Record<string, unknown>) => ctx.api('POST', `/api/public/party-confirmations/${token}`, { body });
const poll = (id: string, user = 'pd_ljz_01') => ctx.api('GET', `/api/v1/party-confirmations/${id}`, { token: kit.tokens[user]! });
const auditCount = async (action: string) =>
  Number(
    (
      await ctx.deps.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('party QR confirmation', () => {
  it('create → public look without personal data → bad ID 400 → confirm → officer sees the party → once only → other squad 404 → summary ticket', async () => {
    const c = await create();
    expect(c.url).toBe(`/confirm/${c.token}`);
    expect(new Date(c.expiresAt).getTime() - ctx.clock.now().getTime()).toBe(10 * 60_000);
    expect(await auditCount('party_confirmation.create')).toBe(1);
    const stored = await ctx.deps.db
      .selectFrom('party_confirmations')
      .select('token_hash')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(c.token);

    const look = await publicGet(c.token);
    expect(look.statusCode, look.body).toBe(200);
    expect(look.json()).toEqual({
      state: 'pending',
      expiresAt: c.expiresAt,
      agencyName: expect.any(String),
      officerName: expect.any(String),
    });
    expect(look.json().agencyName).toContain('陆家嘴');
    expect((await poll(c.id)).json()).toMatchObject({ state: 'pending', party: null });

    const bad = await confirm(c.token, { ...party, idNumber: BAD_ID });
    expect(bad.statusCode, bad.body).toBe(400);
    const e = errorBody(bad);
    expect(e.field).toBe('idNumber');
    expect(e.message).toContain('GB 11643');
    expect(e.messageEn).toContain('GB 11643');
    const wrongType = await confirm(c.token, { ...party, partyType: 'legal_person' });
    expect(errorBody(wrongType).field).toBe('idType');

    const ok = await confirm(c.token, party);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'confirmed' });
    expect(ok.body).not.toContain(ID_CARD);

    const seen = (await poll(c.id)).json() as PartyConfirmation;
    expect(seen).toMatchObject({
      state: 'confirmed',
      party: { type: 'natural_person', name: '钱七', idType: 'id_card', idNumber: ID_CARD, phone: '13900001111', address: null },
    });
    expect((await poll(c.id, 'pd_ljz_03')).statusCode).toBe(200);

    const again = await confirm(c.token, party);
    expect(again.statusCode).toBe(409);
    expect(errorBody(again).code).toBe('STATE_CONFLICT');
    // Every attempt is audited, without an actor.
    const attempts = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'data'])
      .where('action', '=', 'party_confirmation.confirm')
      .execute();
    expect(attempts).toHaveLength(4);
    expect(attempts.every((a) => a.actor_id === null)).toBe(true);
    expect(JSON.stringify(attempts)).not.toContain(ID_CARD);

    const foreign = await poll(c.id, 'qp_zjj_01');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain(ID_CARD);

    const p = seen.party!;
    const photo = await kit.upload('pd_ljz_01', 'photo for the scanned party');
    const body: SummaryCaseBody = {
      date: '2026-03-02',
      offenceCode: 'SH-LJ-57-2',
      party: { type: p.type, name: p.name, idType: p.idType, idNumber: p.idNumber, ...(p.phone ? { phone: p.phone } : {}) },
      location: '陆家嘴东路 88 号垃圾厢房',
      facts: '经责令改正后仍将湿垃圾与干垃圾混合投放。',
      photos: [photo],
      officerIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_03')],
      penalty: { penalties: ['fine'], fineFen: 10_000 },
      flags: { correctionOrdered: true, refusedToCorrect: true },
      partySigned: true,
    };
    const ticket = await confirmedSummaryTicket(ctx, { officer: kit.tokens.pd_ljz_01!, legal: kit.tokens.pd_legal! }, body);
    expect(ticket.statusCode, ticket.body).toBe(200);
    expect((ticket.json() as CaseDetail).party).toMatchObject({ name: '钱七', idNumber: ID_CARD });
  });

  it('an organisation confirms with its USCC', async () => {
    const c = await create();
    const r = await confirm(c.token, { partyType: 'legal_person', name: '某某餐饮有限公司', idType: 'uscc', idNumber: USCC.toLowerCase() });
    expect(r.statusCode, r.body).toBe(200);
    expect(((await poll(c.id)).json() as PartyConfirmation).party).toMatchObject({ idType: 'uscc', idNumber: USCC });
  });

  it('locks after five failed attempts', async () => {
    const c = await create();
    for (let i = 0; i < 5; i++) expect((await confirm(c.token, { ...party, idNumber: BAD_ID })).statusCode).toBe(400);
    const locked = await confirm(c.token, party);
    expect(locked.statusCode).toBe(429);
    expect((await publicGet(c.token)).json()).toMatchObject({ state: 'locked' });
    expect((await poll(c.id)).json()).toMatchObject({ state: 'locked', party: null });
  });

  it('expires after ten minutes (410); unknown tokens are 404; the officer side needs a login', async () => {
    const c = await create();
    ctx.clock.advance(11 * 60_000);
    expect((await publicGet(c.token)).json()).toMatchObject({ state: 'expired' });
    const late = await confirm(c.token, party);
    expect(late.statusCode, late.body).toBe(410);
    expect(errorBody(late).code).toBe('EXPIRED');
    expect((await poll(c.id)).json()).toMatchObject({ state: 'expired', party: null });
    expect((await publicGet('x'.repeat(43))).statusCode).toBe(404);
    expect((await ctx.api('POST', '/api/v1/party-confirmations', { body: {} })).statusCode).toBe(401);
  });
});
