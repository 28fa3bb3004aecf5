// The demo cases of `npm start` go through the real API; their windows are open on the day they are made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { seedDemoCases, type DemoCase } from '../src/seed/demo-cases.ts';

let ctx: TestContext;
let cases: DemoCase[];
beforeAll(async () => {
  ctx = await createTestContext();
  cases = await seedDemoCases(ctx.app, ctx.deps, ctx.seed.ids.officers);
});
afterAll(async () => ctx?.close());

describe('demo cases', () => {
  it('are made in the states the portal and the payment pages need, with their numbers', async () => {
    const token = await ctx.login('pd_ljz_01');
    const state = async (key: DemoCase['key']) => {
      const c = cases.find((x) => x.key === key)!;
      const r = await ctx.api('GET', `/api/v1/cases/${c.id}`, { token });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { state: string; deadlines: { kind: string; state: string }[] };
    };
    expect(cases.map((c) => c.key)).toEqual(['A', 'B', 'C', 'D']);
    expect(cases.every((c) => c.documentNumber)).toBe(true);
    const a = await state('A');
    expect(a.state).toBe('prior_notice_served');
    expect(a.deadlines.find((d) => d.kind === 'hearing_request')?.state).toBe('running');
    expect((await state('B')).state).toBe('decision_served');
    const c = await state('C');
    expect(c.state).toBe('decision_served');
    expect(c.deadlines.find((d) => d.kind === 'payment')?.state).toBe('overdue');
    expect((await state('D')).state).toBe('summary_decided');
    // Each holds its notice or decision as an issued PDF.
    for (const [key, kind] of [
      ['A', 'prior_notice'],
      ['B', 'decision'],
      ['C', 'decision'],
      ['D', 'summary_decision'],
    ] as const) {
      const r = await ctx.api('GET', `/api/v1/cases/${cases.find((x) => x.key === key)!.id}/documents`, { token });
      expect(r.statusCode, r.body).toBe(200);
      const issued = (r.json() as { issued: { kind: string; sm3: string }[] }).issued;
      expect(
        issued.map((d) => d.kind),
        key,
      ).toContain(kind);
      expect(issued.find((d) => d.kind === kind)!.sm3).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
