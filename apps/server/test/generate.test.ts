// The city generator on the engine under test, with the tiny preset: the same seed gives the same rows; every case
// replays through the domain reducer to its stored state and deadlines; numbers are unique; the audit chain verifies;
// the volumes follow the preset; and the platform works on the generated data (a generated officer logs in, lists his
// squad's cases and takes a step on a live one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@chengguan/contracts';
import {
  actVersion,
  applyCaseAction,
  type CaseAction,
  caseBasisCheck,
  type CaseSnapshot,
  newCaseSnapshot,
  unverifiedBasis,
} from '@chengguan/domain';
import { cityOfficerLogins, CITY_BENCH_PASSWORD, generateCity, generateOptions, type GenerateResult } from '../src/generate/index.ts';
import { hydrateSnapshot, storedSnapshot, summarizeDeadlines } from '../src/modules/cases/index.ts';
import { loadWorkCalendar, legalConfigOn } from '../src/modules/law/index.ts';
import { verifyAuditChain } from '../src/modules/audit/index.ts';
import { shanghaiDate } from '../src/shared/time.ts';
import { createTestContext, type TestContext } from './harness.ts';

const UNTIL = shanghaiDate(new Date('2026-03-02T02:00:00.000Z'));
const options = generateOptions({ preset: 'tiny', until: UNTIL, seed: 7, baseline: false });

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

let ctx: TestContext;
let result: GenerateResult;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  result = await generateCity({ database: ctx.database, config: ctx.config }, options);
}, 600_000);

afterAll(async () => {
  await ctx?.close();
});

describe('city generator (tiny preset)', () => {
  it('is deterministic: the same seed loads the same rows into a second database', async () => {
    const other = await createTestContext({ seed: false });
    try {
      const again = await generateCity({ database: other.database, config: other.config }, options);
      expect(again.digest).toBe(result.digest);
      const a = await ctx.deps.db.selectFrom('cases').select(['id', 'state', 'case_number', 'snapshot']).orderBy('id').execute();
      const b = await other.deps.db.selectFrom('cases').select(['id', 'state', 'case_number', 'snapshot']).orderBy('id').execute();
      expect(b).toEqual(a);
    } finally {
      await other.close();
    }
  }, 600_000);

  it('writes the city: 16 district bureaus, 249 squads, officers with credentials and logins', async () => {
    const db = ctx.deps.db;
    const kinds = await db
      .selectFrom('orgs')
      .select(['kind'])
      .select((e) => e.fn.countAll<number>().as('n'))
      .groupBy('kind')
      .execute();
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    expect(byKind).toMatchObject({ city_bureau: 1, district_bureau: 16, squad: 249, special_unit: 3, brigade: 16 });
    const officers = await db
      .selectFrom('officers')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const credentials = await db
      .selectFrom('credentials')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(credentials.n)).toBe(Number(officers.n));
    const logins = await cityOfficerLogins(db, 300);
    expect(logins).toHaveLength(300);
    // One per squad first: the first 249 logins are in 249 different squads.
    expect(new Set(logins.slice(0, 249).map((l) => l.orgId)).size).toBe(249);
  });

  it('loads the preset volume: cases per year within 15 %, summary share near 37/151', async () => {
    const db = ctx.deps.db;
    const rows = await db.selectFrom('cases').select(['procedure', 'registered_on']).execute();
    const expected = options.casesPerYear * options.years;
    expect(rows.length).toBeGreaterThan(expected * 0.85);
    expect(rows.length).toBeLessThan(expected * 1.15);
    const share = rows.filter((r) => r.procedure === 'summary').length / rows.length;
    expect(Math.abs(share - 37 / 151)).toBeLessThan(0.07);
    expect(rows.every((r) => r.registered_on !== null && r.registered_on <= UNTIL)).toBe(true);
  });

  it('every case replays through the domain reducer to its stored snapshot, state and deadline rows', async () => {
    const db = ctx.deps.db;
    const calendar = await loadWorkCalendar(db);
    const { config } = await legalConfigOn(db, UNTIL);
    const cases = await db.selectFrom('cases').selectAll().execute();
    const events = await db.selectFrom('case_events').selectAll().orderBy('case_id').orderBy('version').execute();
    const deadlines = await db.selectFrom('case_deadlines').selectAll().execute();
    const eventsOf = groupBy(events, (e) => e.case_id);
    const deadlinesOf = groupBy(deadlines, (d) => d.case_id);
    const states = new Set<string>();
    let confirmations = 0;
    for (const row of cases) {
      const hydrated = await hydrateSnapshot(db, row);
      const officerById = new Map(hydrated.officers.map((o) => [o.id, o]));
      let s: CaseSnapshot = newCaseSnapshot({
        procedure: hydrated.procedure,
        party: hydrated.party,
        offence: hydrated.offence,
        act: hydrated.act,
        flags: hydrated.flags,
        officers: hydrated.officers,
      });
      const list = eventsOf.get(row.id) ?? [];
      expect(list.map((e) => e.version)).toEqual(list.map((_, i) => i + 1));
      for (const e of list) {
        const {
          officerIds,
          documentNumber: _d,
          docType: _t,
          channel: _c,
          ...input
        } = e.data as Record<string, unknown> & {
          officerIds?: string[];
        };
        const withOfficers = officerIds ? { ...input, officers: officerIds.map((id) => officerById.get(id)!) } : input;
        // E12: the reviewer who confirms the article is the event's actor, as on the live server.
        const full = e.action === 'confirmLegalBasis' ? { ...withOfficers, reviewerId: e.actor_id } : withOfficers;
        expect(e.from_state).toBe(s.state);
        s = applyCaseAction(s, e.action as CaseAction, full as never, ROLES, { today: e.legal_date, calendar, config });
        expect(e.to_state).toBe(s.state);
      }
      expect(s.state).toBe(row.state);
      expect(JSON.parse(storedSnapshot(s))).toEqual(row.snapshot);
      // E12: every decided case rests on verified law or on the article its bureau's legal reviewer confirmed first.
      const decidedAt = list.findIndex((e) => e.action === 'decide' || e.action === 'issueSummaryDecision');
      if (decidedAt >= 0) {
        expect(caseBasisCheck(s)?.ok).toBe(true);
        const confirmedAt = list.findIndex((e) => e.action === 'confirmLegalBasis');
        if (unverifiedBasis(actVersion(s)!.basis!).length > 0) {
          expect(confirmedAt).toBeGreaterThanOrEqual(0);
          expect(confirmedAt).toBeLessThan(decidedAt);
          expect(JSON.stringify(list[confirmedAt]!.data)).not.toContain('未核实');
          confirmations++;
        }
      }
      const summary = summarizeDeadlines(s, { today: UNTIL, calendar, config });
      const stored = (deadlinesOf.get(row.id) ?? [])
        .map((d) => ({ kind: d.kind, due: d.due_date, state: d.state }))
        .sort((a, b) => a.kind.localeCompare(b.kind));
      expect(stored).toEqual(
        summary.deadlines.map((d) => ({ kind: d.kind, due: d.dueDate, state: d.state })).sort((a, b) => a.kind.localeCompare(b.kind)),
      );
      expect(row.has_overdue).toBe(summary.hasOverdue);
      states.add(row.state);
    }
    expect(confirmations).toBeGreaterThan(0);
    // Old cases end archived; recent ones are spread over the live states.
    expect(states).toContain('archived');
    expect([...states].filter((x) => x !== 'archived' && x !== 'closed' && x !== 'not_filed').length).toBeGreaterThanOrEqual(3);
  }, 600_000);

  it('numbers are unique: case numbers per bureau, 文号, 缴款码, ticket serials', async () => {
    const db = ctx.deps.db;
    const docs = await db.selectFrom('case_documents').select(['bureau_id', 'doc_type', 'number']).execute();
    expect(new Set(docs.map((d) => `${d.bureau_id}|${d.doc_type}|${d.number}`)).size).toBe(docs.length);
    const codes = await db.selectFrom('payment_orders').select('payment_code').execute();
    expect(new Set(codes.map((c) => c.payment_code)).size).toBe(codes.length);
    const numbers = await db.selectFrom('cases').select(['bureau_id', 'case_number']).where('case_number', 'is not', null).execute();
    expect(new Set(numbers.map((n) => `${n.bureau_id}|${n.case_number}`)).size).toBe(numbers.length);
    // The ticket ranges continue after the serials used.
    const ranges = await db.selectFrom('summary_ticket_ranges').select(['org_id', 'next_number']).execute();
    const tickets = await db.selectFrom('cases').select(['org_id']).where('procedure', '=', 'summary').execute();
    const used = groupBy(tickets, (t) => t.org_id);
    for (const r of ranges) expect(r.next_number).toBe((used.get(r.org_id)?.length ?? 0) + 1);
  });

  it('the audit chain verifies after the load (one row per loaded batch and one for the run)', async () => {
    const verified = await verifyAuditChain({ db: ctx.deps.db, files: [] });
    expect(verified.ok).toBe(true);
    const rows = await ctx.deps.db.selectFrom('audit_log').select(['action']).where('action', 'like', 'generate.%').execute();
    const batches = result.tables.reduce((a, t) => a + t.batches, 0);
    expect(rows.filter((r) => r.action === 'generate.batch')).toHaveLength(batches);
    expect(rows.filter((r) => r.action === 'generate.city')).toHaveLength(1);
  });

  it('the platform works on the generated data: an officer logs in, lists his squad, a leader takes a step', async () => {
    const [first] = await cityOfficerLogins(ctx.deps.db, 1);
    const token = await ctx.login(first!.username, CITY_BENCH_PASSWORD);
    const list = await ctx.api('GET', '/api/v1/cases?pageSize=50', { token });
    expect(list.statusCode).toBe(200);
    const page = list.json() as { items: { id: string }[]; total: number };
    const own = await ctx.deps.db.selectFrom('cases').select('id').where('org_id', '=', first!.orgId).execute();
    expect(page.total).toBe(own.length);
    // A closed case of any squad: its squad leader archives it today through the API.
    const closed = await ctx.deps.db
      .selectFrom('cases')
      .innerJoin('orgs', 'orgs.id', 'cases.org_id')
      .select(['cases.id', 'orgs.code'])
      .where('cases.state', '=', 'closed')
      .orderBy('cases.id')
      .executeTakeFirstOrThrow();
    const leader = await ctx.login(`${closed.code.toLowerCase().replace('-', '_')}_leader`, CITY_BENCH_PASSWORD);
    const r = await ctx.api('POST', `/api/v1/cases/${closed.id}/archive`, { token: leader, body: { date: UNTIL } });
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as { state: string }).state).toBe('archived');
  });
});
