// The load run's request generator on the in-process app, on the engine under test: every officer's next step has a
// valid body, steps stay in his squad, and each kind of request runs. No timing here: the run itself measures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@chengguan/domain';
import type { TestContext } from '../../apps/server/test/harness.ts';
import { createBenchContext } from './verified-library.ts';
import { shanghaiDate } from '../../apps/server/src/shared/time.ts';
import { DEMO_PASSWORD } from '../../apps/server/src/seed/demo-data.ts';
import { OfficerSession, REQUEST_KINDS, type RequestKind, type Transport } from './load-session.ts';
import { assignTicketRanges, chooseOfficers, listOfficers, login } from './load-setup.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createBenchContext();
});
afterAll(async () => ctx?.close());

describe('load sessions on the in-process app', () => {
  it('takes valid steps on its own squad’s cases, with every kind of request and no error', async () => {
    const transport: Transport = async (req) => {
      const r = await ctx.app.inject({
        method: req.method,
        url: req.url,
        headers: {
          ...(req.token ? { authorization: `Bearer ${req.token}` } : {}),
          ...(req.raw ? { 'content-type': req.raw.contentType } : {}),
        },
        ...(req.raw ? { payload: req.raw.bytes } : req.body !== undefined ? { payload: req.body as object } : {}),
      });
      return { status: r.statusCode, body: r.body };
    };
    const all = await listOfficers(transport, await ctx.login('admin'));
    const officers = chooseOfficers(all, 6);
    // Spread: as many squads as officers allow, a field officer of each before any squad's leader.
    expect(new Set(officers.map((o) => o.orgId)).size).toBe(6);
    expect(officers.every((o) => o.roles.includes('field_officer'))).toBe(true);
    const pair = chooseOfficers(all, 40);
    expect(pair.some((o) => o.roles.includes('squad_leader'))).toBe(true);
    await assignTicketRanges(transport, all, officers, [], DEMO_PASSWORD, 'test');

    const counts = new Map<RequestKind, number>();
    const errors: string[] = [];
    const conflicts: string[] = [];
    const squadOf = new Map<string, string>();
    // Two officers of one squad (a field officer and his leader) so filings are approved and cases move on.
    const players = [...officers.slice(0, 2), ...pair.filter((o) => o.orgId === officers[0]!.orgId && o.roles.includes('squad_leader'))];
    const sessions = await Promise.all(
      players.map(async (officer, i) => {
        const random = mulberry32(1000 + i);
        return new OfficerSession({
          officer,
          token: await login(transport, officer.username, DEMO_PASSWORD),
          transport: async (req) => {
            const res = await transport(req);
            // Every case a step or a read answers belongs to the officer's squad.
            if (res.status < 300 && /^\/api\/v1\/cases(\/[0-9a-f-]{36}(\/[a-z-]+)?|\/summary)?$/.test(req.url) && req.method === 'POST') {
              squadOf.set((JSON.parse(res.body) as { id: string }).id, (JSON.parse(res.body) as { orgId: string }).orgId);
              expect((JSON.parse(res.body) as { orgId: string }).orgId).toBe(officer.orgId);
            }
            return res;
          },
          record: (kind, status) => {
            counts.set(kind, (counts.get(kind) ?? 0) + 1);
            if (status === 409) conflicts.push(kind);
          },
          onError: (kind, req, res) => errors.push(`${kind} ${req.method} ${req.url}: ${res.status} ${res.body.slice(0, 300)}`),
          random,
          today: () => shanghaiDate(ctx.clock.now()),
          now: () => 0,
        });
      }),
    );
    for (let round = 0; round < 120; round++) {
      await Promise.all(sessions.map((s) => s.next()));
    }
    expect(errors, errors.join('\n')).toEqual([]);
    for (const kind of REQUEST_KINDS) expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
    expect(squadOf.size).toBeGreaterThan(0);
    // Cases moved along the path: the leader's approvals and reviews, the officer's notices.
    const states = await ctx.deps.db
      .selectFrom('cases')
      .select('state')
      .where('id', 'in', [...squadOf.keys()])
      .execute();
    expect(new Set(states.map((s) => s.state)).size).toBeGreaterThan(2);
  });
});
