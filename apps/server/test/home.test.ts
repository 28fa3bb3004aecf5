// Role homes: each role's 待办, 预警 and numbers, counted within its jurisdiction (a squad leader never sees another
// squad's numbers, a district leader only his district's squads), with the case list's capped counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleHome } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, fine, investigatedCase, notice, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function home(user: string): Promise<RoleHome> {
  tokens[user] ??= await ctx.login(user);
  const r = await ctx.api('GET', '/api/v1/home', { token: tokens[user] });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as RoleHome;
}

const num = (h: RoleHome, key: string) => h.numbers.find((n) => n.key === key)?.count;

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  // 陆家嘴: one case ready for the case review, one registered long ago (its C2 filing period overdue), one in its
  // statement period (notice served today, 2026-03-02). 朱家角 (青浦): one registered case.
  ids.concluded = (await investigatedCase(kit)).id;
  ids.registered = (await kit.register()).id;
  const noticed = await investigatedCase(kit);
  await kit.ok('pd_ljz_leader', noticed.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
  await kit.ok('pd_ljz_01', noticed.id, 'issuePriorNotice', notice(1_000, false, '2026-03-02'));
  ids.noticed = noticed.id;
  ids.qingpu = (await kit.register({ officerIds: [kit.officerId('qp_zjj_01'), kit.officerId('qp_zjj_02')] }, 'qp_zjj_01')).id;
});
afterAll(async () => ctx?.close());

describe('GET /api/v1/home', () => {
  it('squad leader: his squad by stage, its overdue cases, his 待办 — nothing of another squad', async () => {
    const h = await home('pd_ljz_leader');
    expect(h.kind).toBe('squad_leader');
    expect(h.scopeName).toBe('陆家嘴街道中队');
    expect(num(h, 'stage.filing')).toEqual({ value: 1, capped: false });
    expect(num(h, 'stage.investigation')).toEqual({ value: 1, capped: false });
    expect(num(h, 'stage.notice')).toEqual({ value: 1, capped: false });
    expect(num(h, 'stage.review')).toEqual({ value: 0, capped: false });
    expect(num(h, 'overdue')).toEqual({ value: 1, capped: false });
    expect(h.alerts.overdue).toEqual({ value: 1, capped: false });
    const task = h.todo.items.find((i) => i.caseId === ids.concluded);
    expect(task?.actions.map((a) => a.action)).toContain('reviewCase');
    const seen = [...h.todo.items, ...h.alerts.blocked.items].map((i) => i.caseId);
    expect(seen).not.toContain(ids.qingpu);
    expect(h.byUnit).toEqual([]);

    const qp = await home('qp_zjj_leader');
    expect(qp.kind).toBe('squad_leader');
    expect(num(qp, 'stage.filing')).toEqual({ value: 1, capped: false });
    expect(num(qp, 'stage.investigation')).toEqual({ value: 0, capped: false });
    expect(num(qp, 'stage.notice')).toEqual({ value: 0, capped: false });
    const qpSeen = [...qp.todo.items, ...qp.alerts.blocked.items].map((i) => i.caseId);
    expect(qpSeen).not.toContain(ids.concluded);
    expect(qpSeen).not.toContain(ids.noticed);
  });

  it('field officer: his own open and overdue cases', async () => {
    const h = await home('pd_ljz_01');
    expect(h.kind).toBe('field_officer');
    expect(num(h, 'myOpen')).toEqual({ value: 3, capped: false });
    expect(num(h, 'myOverdue')).toEqual({ value: 1, capped: false });
    expect(h.capabilities).toContain('summary');
  });

  it('district leader: the district by squad, only his district; the decision he cannot take yet is blocked with its sentence', async () => {
    const h = await home('pd_leader');
    expect(h.kind).toBe('bureau_leader');
    expect(num(h, 'open')).toEqual({ value: 3, capped: false });
    const ljz = h.byUnit.find((u) => u.orgName === '陆家嘴街道中队');
    expect(ljz).toMatchObject({ open: { value: 3, capped: false }, overdue: { value: 1, capped: false } });
    expect(h.byUnit.find((u) => u.orgName === '花木街道中队')).toMatchObject({ open: { value: 0, capped: false } });
    expect(h.byUnit.map((u) => u.orgName)).not.toContain('朱家角镇中队');
    const blocked = h.alerts.blocked.items.find((i) => i.caseId === ids.noticed);
    expect(blocked).toMatchObject({ ruleId: 'D2', citationZh: '《中华人民共和国行政处罚法》第六十二条' });
    expect(blocked!.sentenceZh).toContain('陈述申辩');

    const qp = await home('qp_leader');
    expect(num(qp, 'open')).toEqual({ value: 1, capped: false });
    expect(qp.byUnit.map((u) => u.orgName)).toContain('朱家角镇中队');
    expect(qp.byUnit.map((u) => u.orgName)).not.toContain('陆家嘴街道中队');
    expect(qp.byUnit.find((u) => u.orgName === '朱家角镇中队')!.open).toEqual({ value: 1, capped: false });
  });

  it('legal reviewer: the reviews waiting in his district', async () => {
    const before = num(await home('pd_legal'), 'reviewsWaiting')!.value;
    await kit.ok('pd_ljz_leader', ids.concluded!, 'reviewCase', {
      date: '2026-01-13',
      proposedOutcome: 'penalty',
      proposedPenalty: fine(1_000),
    });
    const h = await home('pd_legal');
    expect(h.kind).toBe('legal_reviewer');
    expect(num(h, 'reviewsWaiting')!.value).toBe(before + 1);
  });

  it('command centre and supervisor: open and overdue cases of their scope, no 待办, and the pages of their work', async () => {
    const c = await home('pd_command');
    expect(c.kind).toBe('commander');
    expect(c.todo.count.value).toBe(0);
    expect(num(c, 'open')).toEqual({ value: 3, capped: false });
    expect(num(c, 'overdue')).toEqual({ value: 1, capped: false });
    expect(c.capabilities).toEqual(expect.arrayContaining(['command', 'tickets']));
    expect(c.byUnit.map((u) => u.orgName)).toContain('陆家嘴街道中队');

    const s = await home('pd_super');
    expect(s.kind).toBe('supervisor');
    expect(num(s, 'overdue')).toEqual({ value: 1, capped: false });
    expect(s.capabilities).toContain('audit');
    expect(s.capabilities).toContain('supervision');
  });

  it('the administrator’s home counts no cases; anonymous is 401', async () => {
    const a = await home('admin');
    expect(a.kind).toBe('admin');
    // The administrator keeps the org tree, staff and settings; he reads no cases, so his home counts none.
    expect(a.readsCases).toBe(false);
    expect(a.numbers).toEqual([]);
    expect(a.capabilities).toContain('officers');
    const r = await ctx.api('GET', '/api/v1/home');
    expect(r.statusCode).toBe(401);
  });
});
