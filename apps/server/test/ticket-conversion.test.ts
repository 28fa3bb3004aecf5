// 诉转案 through the API: a ticket converted into a case with its facts, place and photos (source 投诉举报 and the
// ticket number), linked both ways, one step (timeline, audit) refused when it cannot be taken; the case's outcome
// reported back on the ticket with the reply queued for the sender; 诉转案率 beside the four rates; the monthly table
// and its export; the commander's and leaders' homes. Forbidden paths: another district, roles that may not convert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, PageOf, RoleHome, TicketDetail, TicketRates, TicketRatesTable, TicketSummary } from '@chengguan/contracts';
import { buildDemoData } from '../src/seed/demo-data.ts';
import { ID_CARD, fine, notice, signedRecord, withoutUnverifiedNote } from './cases-support.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { PNG_1X1 } from './portal-support.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_command', 'pd_ljz_01', 'pd_ljz_03', 'pd_ljz_leader', 'pd_leader', 'pd_legal', 'pd_super', 'pd_hm_01', 'qp_zjj_01'];
const LJZ = { lon: 121.51, lat: 31.235, crs: 'wgs84' as const };
const PARTY = { type: 'natural_person', name: '李四', idType: 'id_card', idNumber: ID_CARD, address: '上海市浦东新区陆家嘴环路1000号' };

const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
const demo = buildDemoData();
const officerId = (username: string) => ctx.seed.ids.officers.get(demo.officers.find((o) => o.username === username)!.key)!;
const caseStep = (user: string, caseId: string, path: string, body: Record<string, unknown>) =>
  ok<CaseDetail>(call(user, 'POST', `/api/v1/cases/${caseId}/${path}`, body));

async function at(instant: string): Promise<void> {
  ctx.clock.set(instant);
  for (const u of USERS) tokens[u] = await ctx.login(u);
}

/** A 12345 ticket taken in, accepted, dispatched to 陆家嘴 and pd_ljz_01, handling started. */
async function handledTicket(externalNo: string, extra: Record<string, unknown> = {}): Promise<TicketDetail> {
  const t = await ok<TicketDetail>(
    call('pd_command', 'POST', '/api/v1/tickets', {
      channel: 'hotline_12345',
      externalNo,
      categoryCode: 'SR02',
      content: '小区门口餐馆每天把厨余垃圾和其他垃圾混在一起扔',
      address: '上海市浦东新区陆家嘴环路1000号',
      point: LJZ,
      reporterName: '王先生',
      reporterPhone: '13800002222',
      ...extra,
    }),
    201,
  );
  await ok(call('pd_command', 'POST', `/api/v1/tickets/${t.id}/accept`, {}));
  await ok(
    call('pd_command', 'POST', `/api/v1/tickets/${t.id}/dispatch`, {
      orgId: ctx.seed.ids.orgs.get('pd-ljz'),
      officerId: officerId('pd_ljz_01'),
    }),
  );
  return ok<TicketDetail>(call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/start`, {}));
}

beforeAll(async () => {
  ctx = await createTestContext();
  await at('2026-03-02T02:00:00.000Z');
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('诉转案', () => {
  let ticket: TicketDetail;
  let caseId: string;
  /** Converted on SH-LJ-57-4 (no order to correct needed first, E10), taken to a decision below. */
  let decided: TicketDetail;

  it('registers a case from the ticket: facts, place, receipt as discovery, photos as evidence, source 投诉举报 with the number', async () => {
    const up = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { authorization: `Bearer ${tokens.pd_ljz_01}`, 'content-type': 'image/png' },
      payload: Buffer.from(PNG_1X1, 'base64'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const sm3 = (up.json() as { sm3: string }).sm3;
    const t = await handledTicket('SH12345-C001', { photoSm3s: [sm3] });
    expect(t.allowedActions).toContain('convertToCase');
    const auditBefore = await ctx.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'ticket.convertToCase').execute();

    ticket = await ok<TicketDetail>(call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/case`, { party: PARTY }), 201);
    expect(ticket.caseId).not.toBeNull();
    caseId = ticket.caseId!;
    expect(ticket.state).toBe('handling');
    expect(ticket.allowedActions).not.toContain('convertToCase');
    expect(ticket.timeline.at(-1)).toMatchObject({ action: 'convertToCase' });
    const auditAfter = await ctx.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'ticket.convertToCase').execute();
    expect(auditAfter.length).toBe(auditBefore.length + 1);

    const c = await ok<CaseDetail>(call('pd_ljz_01', 'GET', `/api/v1/cases/${caseId}`));
    expect(c.source).toBe('complaint');
    expect(c.sourceRef).toContain('SH12345-C001');
    expect(c.sourceRef).toContain(t.number);
    expect(c.offence.code).toBe('SH-LJ-57-2');
    expect(c.location).toBe('上海市浦东新区陆家嘴环路1000号');
    expect(c.facts).toContain('厨余垃圾');
    expect(c.dates.discoveredOn).toBe('2026-03-02');
    expect(c.evidence.map((e) => e.fileSm3)).toEqual([sm3]);

    // The case page finds its source ticket.
    const source = await ok<PageOf<TicketSummary>>(call('pd_ljz_01', 'GET', `/api/v1/tickets?caseId=${caseId}`));
    expect(source.items.map((i) => i.id)).toEqual([t.id]);
  });

  it('refuses a second conversion (409) and the same request replayed answers the first result', async () => {
    const again = await call('pd_ljz_01', 'POST', `/api/v1/tickets/${ticket.id}/case`, { party: PARTY });
    expect(again.statusCode).toBe(409);
    const key = { 'idempotency-key': 'conv-replay-0001' };
    const t = await handledTicket('SH12345-C002');
    const first = await ctx.api('POST', `/api/v1/tickets/${t.id}/case`, { token: tokens.pd_ljz_01!, body: { party: PARTY }, headers: key });
    expect(first.statusCode, first.body).toBe(201);
    const replay = await ctx.api('POST', `/api/v1/tickets/${t.id}/case`, {
      token: tokens.pd_ljz_01!,
      body: { party: PARTY },
      headers: key,
    });
    expect(replay.statusCode).toBe(201);
    expect((replay.json() as TicketDetail).caseId).toBe((first.json() as TicketDetail).caseId);
    const cases = await ctx.deps.db.selectFrom('cases').select('id').where('source_ref', 'like', '%SH12345-C002%').execute();
    expect(cases).toHaveLength(1);
  });

  it('asks for the offence when the category has none configured, at the field, and writes nothing', async () => {
    const t = await handledTicket('SH12345-C003', { categoryCode: 'SR04' });
    const r = await call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/case`, { party: PARTY });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('offenceCode');
    const bad = await call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/case`, { party: PARTY, offenceCode: 'NO-SUCH' });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    const row = await ctx.deps.db.selectFrom('tickets').select('case_id').where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(row.case_id).toBeNull();
    const chosen = await ok<TicketDetail>(
      call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/case`, { party: PARTY, offenceCode: 'SH-LJ-57-4' }),
      201,
    );
    expect(chosen.caseId).not.toBeNull();
    decided = chosen;
  });

  it('forbidden paths: another district or squad (404), the command centre and the supervisor who may not register cases (403)', async () => {
    const t = await handledTicket('SH12345-C004');
    expect((await call('qp_zjj_01', 'POST', `/api/v1/tickets/${t.id}/case`, { party: PARTY })).statusCode).toBe(404);
    // An officer of another squad may not register a case in 陆家嘴: the ticket is outside his jurisdiction.
    expect((await call('pd_hm_01', 'POST', `/api/v1/tickets/${t.id}/case`, { party: PARTY })).statusCode).toBe(404);
    // An act date after the receipt is refused at the field.
    const late = await call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/case`, { party: PARTY, actDate: '2026-03-05' });
    expect(late.statusCode).toBe(400);
    expect(errorBody(late).field).toBe('actDate');
    expect((await call('pd_command', 'POST', `/api/v1/tickets/${t.id}/case`, { party: PARTY })).statusCode).toBe(403);
    expect((await call('pd_super', 'POST', `/api/v1/tickets/${t.id}/case`, { party: PARTY })).statusCode).toBe(403);
    const asCommand = await ok<TicketDetail>(call('pd_command', 'GET', `/api/v1/tickets/${t.id}`));
    expect(asCommand.allowedActions).not.toContain('convertToCase');
  });

  it('refuses a merged or closed ticket (409)', async () => {
    const parent = await handledTicket('SH12345-C005');
    const child = await ok<TicketDetail>(
      call('pd_command', 'POST', '/api/v1/tickets', {
        channel: 'hotline_12345',
        externalNo: 'SH12345-C006',
        categoryCode: 'SR02',
        content: '同一餐馆垃圾混投',
        address: '上海市浦东新区陆家嘴环路1000号',
        point: LJZ,
      }),
      201,
    );
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${child.id}/merge`, { parentTicketId: parent.id, reason: '重复件' }));
    expect((await call('pd_ljz_leader', 'POST', `/api/v1/tickets/${child.id}/case`, { party: PARTY })).statusCode).toBe(409);
    await ok(call('pd_ljz_01', 'POST', `/api/v1/tickets/${parent.id}/reply`, { replyText: '已到现场核查并督促整改' }));
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${parent.id}/close`, {}));
    expect((await call('pd_ljz_01', 'POST', `/api/v1/tickets/${parent.id}/case`, { party: PARTY })).statusCode).toBe(409);
  });

  it('the case decision is reported on the ticket and a reply to the 12345 sender is queued', async () => {
    const caseId = decided.caseId!;
    const ticket = decided;
    const d = (day: string) => `2026-03-${day}`;
    await at('2026-03-20T02:00:00.000Z');
    await caseStep('pd_ljz_01', caseId, 'inspections', signedRecord({ officerId } as never, d('02')));
    await caseStep('pd_ljz_01', caseId, 'submit-filing', { date: d('02') });
    await caseStep('pd_ljz_leader', caseId, 'approve-filing', { date: d('03') });
    const c = await ok<CaseDetail>(call('pd_legal', 'GET', `/api/v1/cases/${caseId}`));
    if (!c.lawBasis!.printable) {
      await caseStep('pd_legal', caseId, 'legal-basis-confirmation', {
        date: d('03'),
        violatedProvision: withoutUnverifiedNote(c.lawBasis!.violatedProvision),
        penaltyProvision: withoutUnverifiedNote(c.lawBasis!.penaltyProvision),
      });
    }
    await caseStep('pd_ljz_01', caseId, 'questionings', { ...signedRecord({ officerId } as never, d('04')), interviewee: '李四' });
    await caseStep('pd_ljz_01', caseId, 'conclude-investigation', { date: d('05') });
    await caseStep('pd_ljz_leader', caseId, 'review', { date: d('06'), proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
    await caseStep('pd_ljz_01', caseId, 'prior-notice', notice(1_000, false, d('09')));
    await caseStep('pd_leader', caseId, 'decision', {
      date: d('16'),
      outcome: 'penalty',
      penalty: fine(1_000),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    const t = await ok<TicketDetail>(call('pd_ljz_01', 'GET', `/api/v1/tickets/${ticket.id}`));
    expect(t.caseOutcome).toContain('行政处罚决定');
    expect(t.timeline.at(-1)).toMatchObject({ action: 'caseOutcome' });
    expect(t.outcomeReplyText).toContain(t.number);
    expect(t.outcomeReplyQueuedAt).not.toBeNull();
    expect(t.outcomeReplySentAt).toBeNull();
  });
});

describe('诉转案率, the monthly table and the homes', () => {
  it('counts the converted share beside the four rates', async () => {
    const r = await ok<TicketRates>(call('pd_command', 'GET', '/api/v1/ticket-rates?from=2026-03-01&to=2026-03-31'));
    expect(r.conversion.numerator).toBe(3);
    expect(r.conversion.denominator).toBe(r.received);
  });

  it('gives the rates per squad and per district for a month, and exports them', async () => {
    const squads = await ok<TicketRatesTable>(call('pd_command', 'GET', '/api/v1/ticket-rates/table?month=2026-03'));
    const ljz = squads.rows.find((r) => r.orgName === '陆家嘴街道中队')!;
    expect(ljz.conversion.numerator).toBe(3);
    expect(squads.total.received).toBe(squads.rows.reduce((n, r) => n + r.received, 0));
    const districts = await ok<TicketRatesTable>(call('pd_command', 'GET', '/api/v1/ticket-rates/table?month=2026-03&groupBy=district'));
    expect(districts.rows).toHaveLength(1);
    const empty = await ok<TicketRatesTable>(call('pd_command', 'GET', '/api/v1/ticket-rates/table?month=2026-02'));
    expect(empty.total.received).toBe(0);
    expect(empty.total.onTime.percent).toBeNull();
    const bad = await call('pd_command', 'GET', '/api/v1/ticket-rates/table?month=2026-13');
    expect(bad.statusCode).toBe(400);
    const qp = await call('pd_command', 'GET', `/api/v1/ticket-rates/table?month=2026-03&orgId=${ctx.seed.ids.orgs.get('qp-xy')}`);
    expect([403, 404]).toContain(qp.statusCode);
    const x = await ctx.api('GET', '/api/v1/ticket-rates/table/export.xlsx?month=2026-03', { token: tokens.pd_command! });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it("the commander's home shows this month's rates against last month's and the centre's real to-do", async () => {
    await ok(
      call('pd_command', 'POST', '/api/v1/tickets', {
        channel: 'hotline_12345',
        externalNo: 'SH12345-C100',
        categoryCode: 'SR04',
        content: '饭店油烟扰民',
        address: '上海市浦东新区陆家嘴环路1001号',
        point: LJZ,
      }),
      201,
    );
    const h = await ok<RoleHome>(call('pd_command', 'GET', '/api/v1/home'));
    expect(h.tickets).toBeDefined();
    expect(h.tickets!.month).toBe('2026-03');
    expect(h.tickets!.lastMonth).toBe('2026-02');
    expect(h.tickets!.todo.toAccept).toBeGreaterThanOrEqual(1);
    expect(h.tickets!.thisMonth.conversion.numerator).toBe(3);
    expect(h.tickets!.previousMonth.received).toBe(0);
    const leader = await ok<RoleHome>(call('pd_leader', 'GET', '/api/v1/home'));
    expect(leader.tickets!.thisMonth.received).toBe(h.tickets!.thisMonth.received);
    const officer = await ok<RoleHome>(call('pd_ljz_01', 'GET', '/api/v1/home'));
    expect(officer.tickets).toBeUndefined();
  });
});
