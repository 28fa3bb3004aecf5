// Access (role × jurisdiction), double submission, idempotent retries, and the reads of the workbench.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { CaseDetail, CaseListItem, Workbench } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, ID_CARD, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

const eventsOf = async (caseId: string, action: string) =>
  Number(
    (
      await ctx.deps.db
        .selectFrom('case_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('case_id', '=', caseId)
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('role × jurisdiction', () => {
  it('an officer of another squad can neither see (404) nor act on (404) the case', async () => {
    const c = await kit.register();
    expect((await ctx.api('GET', `/api/v1/cases/${c.id}`, { token: kit.tokens.qp_zjj_01! })).statusCode).toBe(404);
    expect((await kit.step('qp_zjj_01', c.id, 'submitFiling', { date: '2026-01-05' })).statusCode).toBe(404);
    expect((await kit.step('qp_zjj_leader', c.id, 'submitFiling', { date: '2026-01-05' })).statusCode).toBe(404);
    const listed = (await ctx.api('GET', '/api/v1/cases?pageSize=200', { token: kit.tokens.qp_zjj_leader! })).json();
    expect((listed.items as CaseListItem[]).some((i) => i.id === c.id)).toBe(false);
    // The district's legal reviewer and leader see it; the city administrator has no case permission at all.
    expect((await ctx.api('GET', `/api/v1/cases/${c.id}`, { token: kit.tokens.pd_legal! })).statusCode).toBe(200);
    expect((await ctx.api('GET', `/api/v1/cases/${c.id}`, { token: kit.tokens.admin! })).statusCode).toBe(403);
    expect(await kit.counts(c.id)).toMatchObject({ events: 1 });
  });

  it('a field officer cannot approve the filing (403); his allowed actions say so', async () => {
    const c = await kit.register();
    const submitted = await kit.ok('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' });
    const approve = submitted.allowedActions.find((a) => a.action === 'approveFiling')!;
    expect(approve).toMatchObject({ availableInState: true, allowed: false, path: 'approve-filing' });
    expect(approve.blockedBy.map((b) => b.ruleId)).toContain('ROLE');
    expect((await kit.step('pd_ljz_01', c.id, 'approveFiling', { date: '2026-01-06' })).statusCode).toBe(403);
    const leaderView = await kit.get('pd_ljz_leader', c.id);
    expect(leaderView.allowedActions.find((a) => a.action === 'approveFiling')?.allowed).toBe(true);
  });

  it('those who handle the case see the party unmasked on the page and in the lists; the watching roles see it masked', async () => {
    const c = await kit.register();
    expect(c.party).toMatchObject({ name: '王小明', idNumber: ID_CARD, phone: '13812345678', masked: false });
    const listed = async (token: string) => {
      const list = (await ctx.api('GET', `/api/v1/cases?q=${encodeURIComponent('陆家嘴')}&pageSize=200`, { token })).json();
      return (list.items as CaseListItem[]).find((i) => i.id === c.id)?.partyName;
    };
    // The case's officer, the squad's leader, the district's legal reviewer and leader handle it.
    for (const user of ['pd_ljz_01', 'pd_ljz_leader', 'pd_legal', 'pd_leader'] as const) {
      expect(await listed(kit.tokens[user]!), user).toBe('王小明');
      const page = (await ctx.api('GET', `/api/v1/cases/${c.id}`, { token: kit.tokens[user]! })).json() as CaseDetail;
      expect(page.party, user).toMatchObject({ name: '王小明', masked: false });
    }
    const workbench = (await ctx.api('GET', '/api/v1/cases/workbench?pageSize=50', { token: kit.tokens.pd_ljz_01! })).json() as Workbench;
    expect(workbench.myTasks.items.find((t) => t.case.id === c.id)?.case.partyName).toBe('王小明');
    // 督察 and 指挥中心 only watch: masked on the page and in the list.
    for (const user of ['pd_super', 'pd_command']) {
      const token = await ctx.login(user);
      const seen = (await ctx.api('GET', `/api/v1/cases/${c.id}`, { token })).json() as CaseDetail;
      expect(seen.party.masked, user).toBe(true);
      expect(seen.party.idNumber).toBe(`${ID_CARD.slice(0, 6)}********${ID_CARD.slice(-4)}`);
      expect(seen.party.phone).toBe('138****5678');
      expect(seen.party.name).toBe('王**');
      expect(await listed(token), user).toBe('王**');
    }
  });

  it('the Excel export masks the party even for those who handle the case', async () => {
    await kit.register();
    const r = await ctx.api('GET', `/api/v1/cases/export.xlsx?q=${encodeURIComponent('陆家嘴')}`, { token: kit.tokens.pd_ljz_01! });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain('王**');
    expect(cells).not.toContain('王小明');
  });
});

describe('two clicks cannot both win', () => {
  it('two simultaneous identical transitions: exactly one wins, the other is 409, one event row', async () => {
    const c = await kit.register();
    const [a, b] = await Promise.all([
      kit.step('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' }),
      kit.step('pd_ljz_03', c.id, 'submitFiling', { date: '2026-01-05' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(['STATE_CONFLICT', 'CASE_ACTION_NOT_IN_STATE']).toContain(loser.json().code);
    expect(await eventsOf(c.id, 'submitFiling')).toBe(1);
    expect((await kit.get('pd_ljz_01', c.id)).version).toBe(2);
  });

  it('a stale expectedVersion is refused with 409 STATE_CONFLICT', async () => {
    const c = await kit.register();
    const r = await kit.step('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05', expectedVersion: 7 });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('STATE_CONFLICT');
  });

  it('Idempotency-Key: a retried POST returns the first result and writes nothing twice', async () => {
    const c = await kit.register();
    const headers = { 'idempotency-key': `submit-${c.id}` };
    const first = await kit.step('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' }, headers);
    const retry = await kit.step('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' }, headers);
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await eventsOf(c.id, 'submitFiling')).toBe(1);
  });
});

describe('workbench and lists', () => {
  it('filters and pages on the server, and exports the whole filtered list', async () => {
    const page = (
      await ctx.api('GET', '/api/v1/cases?state=registered&pageSize=2&page=1&domain=city_appearance', { token: kit.tokens.pd_ljz_leader! })
    ).json();
    expect(page.items.length).toBeLessThanOrEqual(2);
    expect((page.items as CaseListItem[]).every((i) => i.state === 'registered' && i.domain === 'city_appearance')).toBe(true);
    expect(page.total).toBeGreaterThanOrEqual(page.items.length);
    const mine = (await ctx.api('GET', '/api/v1/cases?mine=true&pageSize=200', { token: kit.tokens.pd_ljz_03! })).json();
    expect(mine.total).toBeGreaterThan(0);
    const none = (await ctx.api('GET', '/api/v1/cases?mine=true', { token: kit.tokens.pd_ljz_leader! })).json();
    expect(none.total).toBe(0);
    const r = await ctx.api('GET', '/api/v1/cases/export.xlsx?state=registered', { token: kit.tokens.pd_ljz_leader! });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const all = (await ctx.api('GET', '/api/v1/cases?state=registered&pageSize=1', { token: kit.tokens.pd_ljz_leader! })).json();
    expect(wb.worksheets[0]!.rowCount - 1).toBe(all.total);
  });

  it("shows my tasks, due-soon and overdue deadlines, and the squad leader's overdue list", async () => {
    // Discovered 2026-02-02, not filed by the C2 due date: overdue on 2026-03-02.
    const late = await kit.register({ date: '2026-02-02', discoveredOn: '2026-02-02', act: { actDate: '2026-02-01' } });
    expect(late.hasOverdue).toBe(true);
    expect(late.deadlines.find((d) => d.kind === 'filing')?.state).toBe('overdue');
    const fresh = await kit.register({ date: '2026-03-02', discoveredOn: '2026-03-02', act: { actDate: '2026-03-01' } });
    const wb = (await ctx.api('GET', '/api/v1/cases/workbench?pageSize=50', { token: kit.tokens.pd_ljz_01! })).json() as Workbench;
    expect(wb.today).toBe('2026-03-02');
    expect(wb.myTasks.items.some((t) => t.case.id === fresh.id && t.actions.some((a) => a.action === 'submitFiling'))).toBe(true);
    expect(wb.overdue.items.some((o) => o.case.id === late.id && o.deadline.kind === 'filing')).toBe(true);
    expect(wb.dueSoon.items.some((o) => o.case.id === fresh.id)).toBe(false);
    expect(wb.squadOverdue).toBeNull();
    const leader = (await ctx.api('GET', '/api/v1/cases/workbench?pageSize=50', { token: kit.tokens.pd_ljz_leader! })).json() as Workbench;
    expect(leader.squadOverdue!.items.some((c) => c.id === late.id)).toBe(true);
    const overdue = (await ctx.api('GET', '/api/v1/cases?overdue=true&pageSize=200', { token: kit.tokens.pd_ljz_leader! })).json();
    expect((overdue.items as CaseListItem[]).map((i) => i.id)).toContain(late.id);
  });
});
