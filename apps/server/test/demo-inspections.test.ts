// The demo's 双随机 plan of `npm start` goes through the real API: approved and drawn this quarter, its published
// record re-verifies, two drawn targets are visited (one failed, with a 责令改正 order and the same team's
// re-inspection), and 陆家嘴's squad leader sees the plan's progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublishedDraw, type PublishedDraw } from '@chengguan/domain';
import { createTestContext, type TestContext } from './harness.ts';
import { seedDemoInspections, type DemoInspections } from '../src/seed/demo-inspections.ts';

let ctx: TestContext;
let demo: DemoInspections | null;
beforeAll(async () => {
  ctx = await createTestContext();
  demo = await seedDemoInspections(ctx.app, ctx.deps);
});
afterAll(async () => ctx?.close());

describe('demo 双随机 plan', () => {
  it('is drawn this quarter through the API and its published record re-verifies', async () => {
    expect(demo).not.toBeNull();
    const plan = await ctx.deps.db.selectFrom('inspection_plans').selectAll().where('id', '=', demo!.planId).executeTakeFirstOrThrow();
    expect(plan.status).toBe('drawn');
    expect(plan.created_by).not.toBe(plan.approved_by);
    const r = await ctx.api('GET', `/api/public/draws/${demo!.planId}`);
    expect(r.statusCode, r.body).toBe(200);
    const pub = r.json() as PublishedDraw;
    expect(checkPublishedDraw(pub)).toMatchObject({ inputDigest: 'consistent', seed: 'consistent', result: 'consistent' });
    expect(pub.result!.targets.length).toBe(demo!.drawn);
    expect(demo!.drawn).toBeGreaterThanOrEqual(2);
  });

  it('has two visits, one failed with a rectification order and a re-inspection by the same team', async () => {
    const db = ctx.deps.db;
    expect(demo!.visits).toHaveLength(2);
    const visits = await db.selectFrom('inspection_visits').selectAll().where('id', 'in', demo!.visits).execute();
    expect(visits.map((v) => v.outcome).sort()).toEqual(['failed', 'passed']);
    for (const v of visits) {
      const tasks = await db.selectFrom('inspection_tasks').selectAll().where('id', 'in', v.task_ids).execute();
      expect(tasks.every((t) => t.status === 'done' && t.plan_id === demo!.planId && t.visit_id === v.id)).toBe(true);
    }
    const failed = visits.find((v) => v.outcome === 'failed')!;
    const order = await db.selectFrom('rectification_orders').selectAll().where('visit_id', '=', failed.id).executeTakeFirstOrThrow();
    expect(order.id).toBe(demo!.rectificationId);
    expect(order.status).toBe('open');
    const reinspection = await db
      .selectFrom('inspection_tasks')
      .selectAll()
      .where('id', '=', order.reinspection_task_id)
      .executeTakeFirstOrThrow();
    expect(reinspection).toMatchObject({ origin: 'reinspection', status: 'open' });
    expect(reinspection.inspector_ids).toEqual(failed.inspector_ids);
  });

  it("shows on 陆家嘴's plan list with its progress", async () => {
    const token = await ctx.login('pd_ljz_leader');
    const r = await ctx.api('GET', `/api/v1/inspection-plans/${demo!.planId}`, { token });
    expect(r.statusCode, r.body).toBe(200);
    const list = await ctx.api('GET', '/api/v1/inspection-plans?pageSize=20', { token });
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json() as { items: { id: string }[] }).items.map((p) => p.id)).toContain(demo!.planId);
  });
});
