// The city generator on the engine under test, with the tiny preset: the same seed gives the same rows; every case
// replays through the domain reducer to its stored state and deadlines; numbers are unique; the audit chain verifies;
// the volumes follow the preset; and the platform works on the generated data (a generated officer logs in, lists his
// squad's cases and takes a step on a live one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@chengguan/contracts';
import { sql } from 'kysely';
import {
  ACTING_CREDENTIAL_STATUSES,
  assessRenovation,
  type RenovationWork,
  bestOfficerCredential,
  firstVertexOutside,
  rosterOverlaps,
  actVersion,
  applyCaseAction,
  type CaseAction,
  caseBasisCheck,
  type CaseSnapshot,
  checkCreditCode,
  checkIdNumber,
  checkPublishedDraw,
  DEFAULT_RISK_RULE_SET,
  type DistrictGeometry,
  gradeSubject,
  isValidPlate,
  newCaseSnapshot,
  pointInArea,
  SUBJECT_EVENT_TYPES,
  type SubjectEventType,
  type SubjectKind,
  subjectLicenceState,
  unverifiedBasis,
  validateSubject,
  DEFAULT_DUPLICATE_RULES,
  firstContactDue,
  handlingClock,
  proposeDuplicates,
  repeatedComplaint,
  ticketRates,
  enforcementView,
  shanghaiDateOf,
  ticketStep,
  TICKET_MACHINE,
  deviceFitness,
  type DeviceKind,
  type DispatchLevel,
  type SatisfactionLevel,
  type TicketAction,
  type TicketChannel,
  type TicketLimitKind,
  type TicketState,
} from '@chengguan/domain';
import { TICKET_TARGETS } from '../src/generate/city-tickets.ts';
import { placeOf } from '../src/modules/geo/index.ts';
import { endOfShanghaiDay } from '../src/shared/time.ts';
import { cityOfficerLogins, CITY_BENCH_PASSWORD, generateCity, generateOptions, type GenerateResult } from '../src/generate/index.ts';
import { hydrateSnapshot, storedSnapshot, summarizeDeadlines } from '../src/modules/cases/index.ts';
import { loadWorkCalendar, legalConfigOn } from '../src/modules/law/index.ts';
import { verifyAuditChain } from '../src/modules/audit/index.ts';
import { shanghaiDate } from '../src/shared/time.ts';
import { createTestContext, type TestContext } from './harness.ts';

const UNTIL = shanghaiDate(new Date('2026-03-02T02:00:00.000Z'));
// 4,000 tickets: enough for the four rates to come within a point or two of the seeds' figures.
const options = generateOptions({ preset: 'tiny', until: UNTIL, seed: 7, baseline: false, subjects: 1500, ticketsPerYear: 4000 });

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
      const subjectsA = await ctx.deps.db.selectFrom('subjects').selectAll().orderBy('id').execute();
      const subjectsB = await other.deps.db.selectFrom('subjects').selectAll().orderBy('id').execute();
      expect(subjectsB).toEqual(subjectsA);
      const areasA = await ctx.deps.db.selectFrom('org_areas').selectAll().orderBy('org_id').execute();
      const areasB = await other.deps.db.selectFrom('org_areas').selectAll().orderBy('org_id').execute();
      expect(areasB).toEqual(areasA);
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

  it('G1–G3 every case with a fine served or paid has the enforcement row the platform would have left on the last day', async () => {
    const db = ctx.deps.db;
    const calendar = await loadWorkCalendar(db);
    const { config } = await legalConfigOn(db, UNTIL);
    const today = { today: UNTIL, calendar, config };
    const rows = new Map((await db.selectFrom('case_enforcement').selectAll().execute()).map((r) => [r.case_id, r]));
    const live = await db
      .selectFrom('cases')
      .selectAll()
      .where('fine_fen', '>', 0)
      .where('state', 'in', ['decision_served', 'enforcing', 'summary_decided', 'suspended'])
      .execute();
    expect(live.length).toBeGreaterThan(0);
    const statuses = new Set<string>();
    for (const row of live) {
      const stored = rows.get(row.id);
      // A summary decision, or a decision served: a step of the enforcement hook ran on every one of them.
      expect(stored, row.case_number ?? row.id).toBeDefined();
      const view = enforcementView(await hydrateSnapshot(db, row), today);
      expect(stored).toMatchObject({
        status: view.status,
        fine_fen: view.fineFen,
        surcharge_fen: view.surchargeFen,
        payment_due: view.paymentDue,
        refreshed_on: UNTIL,
        awaiting_reminder_since: null,
      });
      // Overdue and not yet marked 待催告: due for the first daily check, which marks it.
      if (view.status === 'awaiting_reminder') expect(stored!.recheck_on).toBe(UNTIL);
      statuses.add(view.status);
    }
    expect(statuses).toContain('awaiting_reminder');
  });

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

  it('D2/A1/D3 a share of the squads has a roster: nobody on two shifts at once, none without a valid credential, areas inside', async () => {
    const db = ctx.deps.db;
    const rows = await db
      .selectFrom('duty_roster')
      .select(['id', 'officer_id', 'org_id', 'duty_date', 'starts_at', 'ends_at'])
      .orderBy('id')
      .execute();
    const squads = new Set(rows.map((r) => r.org_id));
    expect(squads.size).toBeGreaterThan(5);
    expect(squads.size).toBeLessThan(249 / 4);
    expect(result.parts['city-duty']).toMatchObject({ rosterEntries: rows.length, squads: expect.any(Number) });
    const overlaps = rosterOverlaps(
      rows.map((r) => ({ key: r.id, officerId: r.officer_id, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) })),
    );
    expect(overlaps).toEqual([]);
    const creds = await db
      .selectFrom('credentials')
      .select(['officer_id', 'domains', 'valid_from', 'valid_to', 'revoked'])
      .where('officer_id', 'in', [...new Set(rows.map((r) => r.officer_id))])
      .execute();
    const byOfficer = groupBy(creds, (c) => c.officer_id);
    for (const r of rows.slice(0, 2000)) {
      const c = (byOfficer.get(r.officer_id) ?? []).map((x) => ({
        domains: x.domains,
        validFrom: String(x.valid_from),
        validTo: String(x.valid_to),
        revoked: x.revoked,
      }));
      expect(ACTING_CREDENTIAL_STATUSES).toContain(bestOfficerCredential(c, String(r.duty_date)).status);
    }
    const areas = await db
      .selectFrom('duty_patrol_areas as p')
      .innerJoin('org_areas as a', 'a.org_id', 'p.org_id')
      .select(['p.geometry as inner', 'a.geometry as outer'])
      .execute();
    expect(areas.length).toBeGreaterThanOrEqual(squads.size);
    for (const a of areas) expect(firstVertexOutside(a.inner as DistrictGeometry, a.outer as DistrictGeometry)).toBe(-1);
  });

  it("every squad has a service area inside its district box, and every subject lies in its squad's area", async () => {
    const db = ctx.deps.db;
    const squads = await db.selectFrom('orgs').select(['id', 'bureau_id']).where('kind', '=', 'squad').execute();
    const areas = await db.selectFrom('org_areas').selectAll().execute();
    expect(areas).toHaveLength(squads.length);
    const areaOf = new Map(areas.map((a) => [a.org_id, a.geometry as DistrictGeometry]));
    const subjects = await db.selectFrom('subjects').selectAll().execute();
    expect(subjects).toHaveLength(options.subjects);
    const bureauOf = new Map(squads.map((s) => [s.id, s.bureau_id]));
    for (const s of subjects) {
      expect(s.org_id).not.toBeNull();
      expect(bureauOf.get(s.org_id!)).toBe(s.bureau_id);
      expect(pointInArea([s.point_lon!, s.point_lat!], areaOf.get(s.org_id!)!), `${s.name} ${s.point_lon},${s.point_lat}`).toBe(true);
      // Another squad's area does not hold it (the areas partition the district).
      const holders = areas.filter((a) => pointInArea([s.point_lon!, s.point_lat!], a.geometry as DistrictGeometry));
      expect(holders.map((a) => a.org_id)).toEqual([s.org_id]);
      expect(s.address?.startsWith(`上海市${s.district}`)).toBe(true);
    }
  });

  it('every subject passes the domain checks: valid credit codes, ID numbers, plates and licences', async () => {
    const db = ctx.deps.db;
    const subjects = await db.selectFrom('subjects').selectAll().execute();
    const licences = groupBy(await db.selectFrom('subject_licences').selectAll().execute(), (l) => l.subject_id);
    const kinds = new Set<string>();
    let verified = 0;
    for (const s of subjects) {
      kinds.add(s.kind);
      if (s.verified) verified++;
      if (s.credit_code !== null) expect(checkCreditCode(s.credit_code).ok, s.credit_code).toBe(true);
      if (s.id_number !== null) expect(checkIdNumber(s.id_number, { onDate: UNTIL }).ok, s.id_number).toBe(true);
      if (s.plate !== null) expect(isValidPlate(s.plate), s.plate).toBe(true);
      const check = validateSubject(
        {
          id: s.id,
          kind: s.kind as SubjectKind,
          name: s.name,
          address: s.address ?? '',
          creditCode: s.credit_code,
          operatorIdNumber: s.id_number,
          plateNumber: s.plate,
          licences: (licences.get(s.id) ?? []).map((l) => ({
            kind: l.kind,
            number: l.number,
            issuedOn: l.issued_on!,
            validUntil: l.valid_until,
          })),
        },
        UNTIL,
      );
      expect(check.issues, s.name).toEqual([]);
    }
    expect(kinds).toContain('street_shop');
    expect(kinds).toContain('restaurant_fume');
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    expect(Math.abs(verified / subjects.length - 0.9182)).toBeLessThan(0.03);
    const vehicles = subjects.filter((s) => s.kind === 'waste_transport_vehicle');
    const byId = new Map(subjects.map((s) => [s.id, s]));
    for (const v of vehicles) expect(byId.get(v.owner_subject_id!)?.kind).toBe('waste_transport_company');
  });

  it("the stored risk level is the domain's grading of the stored timeline, licences and flags on the last day", async () => {
    const db = ctx.deps.db;
    const subjects = await db.selectFrom('subjects').selectAll().execute();
    const licences = groupBy(await db.selectFrom('subject_licences').selectAll().execute(), (l) => l.subject_id);
    const events = groupBy(await db.selectFrom('subject_events').selectAll().execute(), (e) => e.subject_id);
    const levels = new Set<string>();
    for (const s of subjects) {
      const timeline = events.get(s.id) ?? [];
      const licence = subjectLicenceState(
        {
          kind: s.kind as SubjectKind,
          licences: (licences.get(s.id) ?? []).map((l) => ({
            kind: l.kind,
            number: l.number,
            issuedOn: l.issued_on!,
            validUntil: l.valid_until,
          })),
        },
        UNTIL,
      );
      // The list's licence filter reads the stored state: revoked and not yet valid count as expired.
      expect(s.licence_state).toBe(licence === 'revoked' || licence === 'not_yet_valid' ? 'expired' : licence);
      const grading = gradeSubject(
        {
          subjectId: s.id,
          kind: s.kind as SubjectKind,
          licence,
          events: timeline
            .filter((e) => (SUBJECT_EVENT_TYPES as readonly string[]).includes(e.kind))
            .map((e) => ({ type: e.kind as SubjectEventType, date: e.occurred_on, ref: e.id })),
          flags: s.flags as Record<string, boolean>,
        },
        DEFAULT_RISK_RULE_SET,
        UNTIL,
      );
      expect([s.risk_level, s.risk_computed, s.risk_rule_id, s.risk_explanation]).toEqual([
        grading.level,
        grading.computedLevel,
        grading.firedRuleId,
        grading.explanationZh,
      ]);
      expect(s.risk_rule_version).toBe(1);
      levels.add(s.risk_level!);
      const inspections = timeline.filter((e) => e.kind === 'passed_inspection' || e.kind === 'failed_inspection');
      expect(s.last_inspected_on).toBe(
        inspections
          .map((e) => e.occurred_on)
          .sort()
          .at(-1) ?? null,
      );
      expect(timeline.every((e) => e.occurred_on <= UNTIL)).toBe(true);
    }
    expect(levels).toEqual(new Set(['red', 'yellow', 'green']));
  });

  it('every inspection in a timeline is a visit whose tasks are done, with the published result', async () => {
    const db = ctx.deps.db;
    const inspections = await db
      .selectFrom('subject_events')
      .selectAll()
      .where('kind', 'in', ['passed_inspection', 'failed_inspection'])
      .execute();
    const visits = new Map((await db.selectFrom('inspection_visits').selectAll().execute()).map((v) => [v.id, v]));
    const tasks = new Map((await db.selectFrom('inspection_tasks').selectAll().execute()).map((t) => [t.id, t]));
    expect(inspections.length).toBeGreaterThan(0);
    expect(visits.size).toBe(inspections.length);
    const matters = new Set((await db.selectFrom('inspection_matters').select('code').execute()).map((m) => m.code));
    for (const e of inspections) {
      expect(e.ref_type).toBe('inspection_visit');
      const visit = visits.get(e.ref_id!)!;
      expect(visit.subject_id).toBe(e.subject_id);
      expect(visit.visited_on).toBe(e.occurred_on);
      expect(visit.outcome).toBe(e.kind === 'failed_inspection' ? 'failed' : 'passed');
      const data = e.data as { visitId: string; outcome: string; published: boolean; publishedOn: string; failedItems: unknown[] };
      expect(data.visitId).toBe(visit.id);
      expect(data.published).toBe(true);
      expect(data.publishedOn).toBe(e.occurred_on);
      expect(data.outcome).toBe(visit.outcome);
      expect(data.failedItems.length > 0).toBe(e.kind === 'failed_inspection');
    }
    for (const v of visits.values()) {
      // The visit answers every item of its form; it failed exactly when an item failed.
      const plan = v.plan as { subjectId: string; inspectorIds: string[]; items: { code: string }[] };
      const results = v.results as { code: string; result: string }[];
      expect(plan.subjectId).toBe(v.subject_id);
      expect(plan.inspectorIds).toEqual(v.inspector_ids);
      expect(results.map((r) => r.code)).toEqual(plan.items.map((i) => i.code));
      const failed = results.filter((r) => r.result === 'fail').map((r) => r.code);
      expect((v.failed_items as { code: string }[]).map((f) => f.code)).toEqual(failed);
      expect(v.outcome).toBe(failed.length > 0 ? 'failed' : 'passed');
      expect(v.visited_on <= UNTIL).toBe(true);
      for (const id of v.task_ids) {
        const task = tasks.get(id)!;
        expect(task.status).toBe('done');
        expect(task.visit_id).toBe(v.id);
        expect(task.subject_id).toBe(v.subject_id);
        expect(task.inspector_ids).toEqual(v.inspector_ids);
        expect(v.visited_on <= task.due_on).toBe(true);
      }
    }
    for (const task of tasks.values()) {
      expect(task.inspector_ids).toHaveLength(2);
      expect(new Set(task.inspector_ids).size).toBe(2);
      for (const code of task.matter_codes) expect(matters).toContain(code);
      if (task.status === 'done') expect(visits.get(task.visit_id!)?.task_ids).toContain(task.id);
      // Nothing is left overdue: an open task is due after the last day (a re-inspection or a drawn target to come).
      else expect(task.due_on > UNTIL).toBe(true);
    }
  });

  it('a failed visit leads to 责令改正 with a re-inspection by the same team, whose visit closes it', async () => {
    const db = ctx.deps.db;
    const visits = new Map((await db.selectFrom('inspection_visits').selectAll().execute()).map((v) => [v.id, v]));
    const tasks = new Map((await db.selectFrom('inspection_tasks').selectAll().execute()).map((t) => [t.id, t]));
    const orders = await db.selectFrom('rectification_orders').selectAll().execute();
    const orderOf = new Map(orders.map((o) => [o.visit_id, o]));
    const reinspections = new Set(orders.map((o) => o.reinspection_task_id));
    expect(orders.length).toBeGreaterThan(0);
    for (const v of visits.values()) {
      const isReinspection = v.task_ids.some((id) => reinspections.has(id));
      if (v.outcome === 'failed' && !isReinspection) expect(orderOf.has(v.id)).toBe(true);
      if (v.outcome === 'passed') expect(orderOf.has(v.id)).toBe(false);
    }
    const statuses = new Set<string>();
    for (const o of orders) {
      statuses.add(o.status);
      const visit = visits.get(o.visit_id)!;
      const task = tasks.get(o.reinspection_task_id)!;
      expect(task).toMatchObject({ origin: 'reinspection', subject_id: o.subject_id, due_on: o.reinspect_on });
      expect(task.inspector_ids).toEqual(visit.inspector_ids);
      const failed = new Set((visit.failed_items as { code: string }[]).map((f) => f.code));
      for (const item of o.items as { code: string }[]) expect(failed).toContain(item.code);
      expect(o.deadline_on >= visit.visited_on && o.reinspect_on >= o.deadline_on).toBe(true);
      if (o.status === 'open') {
        expect(task.status).toBe('open');
        expect(o.reinspect_on > UNTIL).toBe(true);
      } else {
        const closing = visits.get(o.closed_by_visit_id!)!;
        expect(closing.task_ids).toContain(task.id);
        expect(o.closed_on).toBe(closing.visited_on);
        expect(o.status).toBe(closing.outcome === 'passed' ? 'rectified' : 'not_rectified');
      }
    }
    expect(statuses).toContain('rectified');
  });

  it('the district bureaus draw a plan a quarter; the published record re-verifies and the frozen levels are the graded timeline', async () => {
    const db = ctx.deps.db;
    const plans = await db.selectFrom('inspection_plans').selectAll().orderBy('period_from').orderBy('id').execute();
    const bureaus = new Set(plans.map((p) => p.bureau_id));
    expect(bureaus.size).toBe(16);
    const quarters = new Set(plans.map((p) => p.period_from));
    expect(quarters.size).toBeGreaterThanOrEqual(4);
    // One plan per bureau and quarter (none where the quarter's kinds have no subject in the bureau: a tiny city).
    expect(new Set(plans.map((p) => `${p.bureau_id} ${p.period_from}`)).size).toBe(plans.length);
    expect(plans.length).toBeGreaterThan(quarters.size * 12);
    const tasks = await db.selectFrom('inspection_tasks').selectAll().where('origin', '=', 'random').execute();
    const tasksOf = groupBy(tasks, (t) => t.plan_id!);
    const licences = groupBy(await db.selectFrom('subject_licences').selectAll().execute(), (l) => l.subject_id);
    const events = groupBy(await db.selectFrom('subject_events').selectAll().execute(), (e) => e.subject_id);
    const subjects = new Map((await db.selectFrom('subjects').selectAll().execute()).map((s) => [s.id, s]));
    for (const plan of plans) {
      expect(plan.status).toBe('drawn');
      expect(plan.created_by).not.toBe(plan.approved_by);
      const r = await ctx.api('GET', `/api/public/draws/${plan.id}`);
      expect(r.statusCode, r.body).toBe(200);
      const pub = r.json() as Parameters<typeof checkPublishedDraw>[0];
      expect(checkPublishedDraw(pub)).toMatchObject({ inputDigest: 'consistent', seed: 'consistent', result: 'consistent' });
      // One task per drawn target, given to the target's team, due at the period's end.
      const drawn = pub.result!.targets;
      const own = tasksOf.get(plan.id) ?? [];
      expect(own).toHaveLength(drawn.length);
      const teams = new Map(pub.result!.teams.map((t) => [t.teamNo, t]));
      for (const t of own) {
        expect(t.due_on).toBe(plan.period_to);
        expect([...t.inspector_ids].sort()).toEqual([...teams.get(t.team_no!)!.inspectorIds].sort());
        expect(drawn.some((d) => d.id === t.subject_id && d.teamNo === t.team_no)).toBe(true);
      }
      // The pool froze each subject's level as the domain grades its stored timeline on the approval day.
      const approvedOn = shanghaiDate(new Date(plan.approved_at!));
      for (const target of pub.targets) {
        const s = subjects.get(target.id)!;
        expect(plan.subject_kinds).toContain(s.kind);
        const grading = gradeSubject(
          {
            subjectId: s.id,
            kind: s.kind as SubjectKind,
            licence: subjectLicenceState(
              {
                kind: s.kind as SubjectKind,
                licences: (licences.get(s.id) ?? []).map((l) => ({
                  kind: l.kind,
                  number: l.number,
                  issuedOn: l.issued_on!,
                  validUntil: l.valid_until,
                })),
              },
              approvedOn,
            ),
            events: (events.get(s.id) ?? [])
              .filter((e) => (SUBJECT_EVENT_TYPES as readonly string[]).includes(e.kind))
              .map((e) => ({ type: e.kind as SubjectEventType, date: e.occurred_on, ref: e.id })),
            flags: s.flags as Record<string, boolean>,
          },
          DEFAULT_RISK_RULE_SET,
          approvedOn,
        );
        expect(target.level).toBe(grading.level);
      }
    }
  });

  describe('tickets', () => {
    const now = () => endOfShanghaiDay(UNTIL);
    const allTickets = () => ctx.deps.db.selectFrom('tickets').selectAll().orderBy('received_at').execute();

    it('loads ~ticketsPerYear a year, 浦东 about 27 %, 油烟 and noise peaking in summer, most from 12345', async () => {
      const db = ctx.deps.db;
      const rows = await allTickets();
      const expected = options.ticketsPerYear * options.years;
      expect(rows.length).toBeGreaterThan(expected * 0.85);
      expect(rows.length).toBeLessThan(expected * 1.15);
      const pudong = await db
        .selectFrom('orgs')
        .select('id')
        .where('name', 'like', '浦东%')
        .where('kind', '=', 'district_bureau')
        .executeTakeFirstOrThrow();
      const share = rows.filter((r) => r.bureau_id === pudong.id).length / rows.length;
      expect(Math.abs(share - 31_070 / 115_000)).toBeLessThan(0.04);
      const month = (r: (typeof rows)[number]) => new Date(new Date(r.received_at).getTime() + 8 * 3_600_000).getUTCMonth();
      const summerShare = (months: number[]) => {
        const inMonths = rows.filter((r) => months.includes(month(r)));
        return inMonths.filter((r) => ['SR04', 'SG01', 'JM04'].includes(r.category_code)).length / inMonths.length;
      };
      expect(summerShare([5, 6, 7])).toBeGreaterThan(summerShare([11, 0, 1]) * 1.5);
      const byChannel = groupBy(rows, (r) => r.channel);
      expect(byChannel.get('hotline_12345')!.length).toBeGreaterThan(rows.length * 0.6);
      for (const c of ['city_ops', 'officer', 'workroom']) expect(byChannel.get(c)?.length ?? 0).toBeGreaterThan(0);
      const hours = rows.map((r) => new Date(new Date(r.received_at).getTime() + 8 * 3_600_000).getUTCHours());
      expect(hours.filter((h) => h >= 8 && h < 18).length).toBeGreaterThan(rows.length * 0.6);
    });

    it('every ticket is one the platform could have produced: its timeline replays through the machine to its state, its due dates are the domain clocks, its squad holds its point', async () => {
      const db = ctx.deps.db;
      const rows = await allTickets();
      const events = groupBy(await db.selectFrom('ticket_events').selectAll().orderBy('seq').execute(), (e) => e.ticket_id);
      const extensions = groupBy(await db.selectFrom('ticket_extensions').selectAll().execute(), (e) => e.ticket_id);
      const roles = groupBy(await db.selectFrom('officer_roles').selectAll().execute(), (r) => r.officer_id);
      const categories = new Map((await db.selectFrom('ticket_categories').selectAll().execute()).map((c) => [c.code, c]));
      const areas = await db
        .selectFrom('org_areas as a')
        .innerJoin('orgs as o', 'o.id', 'a.org_id')
        .select(['a.org_id', 'a.geometry', 'o.bureau_id'])
        .execute();
      const calendar = await loadWorkCalendar(db);
      const bureauNames = new Map((await db.selectFrom('orgs').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
      const at = now();
      for (const t of rows) {
        const timeline = events.get(t.id) ?? [];
        expect(timeline[0]?.action, t.number).toBe('intake');
        let state: TicketState = timeline[0]!.to_state as TicketState;
        expect(state).toBe(t.channel === 'officer' ? 'dispatched' : 'received');
        let last = new Date(timeline[0]!.at).getTime();
        for (const e of timeline.slice(1)) {
          expect(new Date(e.at).getTime(), `${t.number} ${e.action}`).toBeGreaterThanOrEqual(last);
          expect(new Date(e.at).getTime()).toBeLessThanOrEqual(at.getTime());
          last = new Date(e.at).getTime();
          expect(e.from_state).toBe(state);
          if (e.action === 'mergedChild') continue;
          const actorRoles = (roles.get(e.actor_id!) ?? []).map((r) => r.role as (typeof ROLES)[number]);
          const step = ticketStep(state, e.action as TicketAction, actorRoles, e.note ?? undefined);
          expect(step, `${t.number} ${state} ${e.action} by ${actorRoles.join()}`).toMatchObject({ ok: true });
          if (step.ok) state = step.to;
          expect(e.to_state).toBe(state);
        }
        expect(t.state, t.number).toBe(state);
        const level = t.dispatch_level as DispatchLevel;
        expect(level).toBe(timeline.some((e) => e.action === 'escalate') ? 'supervision' : 'ordinary');
        const clock = handlingClock(
          {
            receivedAt: new Date(t.received_at),
            categoryDefault: categories.get(t.category_code)!.default_limit as TicketLimitKind,
            level,
            extensions: (extensions.get(t.id) ?? []).map((x) => ({
              kind: x.kind as 'complex',
              status: x.status as 'approved',
              ...(x.decided_at ? { decidedAt: new Date(x.decided_at) } : {}),
            })),
            pauses: [],
          },
          calendar,
          at,
        );
        expect(t.handling_due_on, t.number).toBe(clock.dueDate);
        expect(new Date(t.handling_due_at).getTime()).toBe(clock.dueAt.getTime());
        expect(t.limit_kind).toBe(clock.kind);
        expect(new Date(t.first_contact_due_at).getTime()).toBe(firstContactDue(new Date(t.received_at)).getTime());
        if (t.first_contact_at) expect(timeline.some((e) => e.action === 'recordContact')).toBe(true);
        if (t.channel === 'officer') expect(t.reporter_phone).toBeNull();
        expect(t.paused_since !== null).toBe(t.state === 'returned');
        expect(placeOf([t.point_lon!, t.point_lat!], bureauNames.get(t.bureau_id)!).inBureauArea, t.number).toBe(true);
        const holders = areas.filter(
          (a) => a.bureau_id === t.bureau_id && pointInArea([t.point_lon!, t.point_lat!], a.geometry as DistrictGeometry),
        );
        expect(
          holders.map((a) => a.org_id),
          t.number,
        ).toEqual([t.org_id]);
      }
    });

    it('duplicates are merged under a parent of the same category within 50 m and 72 h; repeats are the domain flag', async () => {
      const rows = await allTickets();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const merged = rows.filter((r) => r.state === 'merged');
      expect(merged.length).toBeGreaterThan(rows.length * 0.02);
      const asMatch = (r: (typeof rows)[number]) => ({
        id: r.id,
        channel: r.channel as TicketChannel,
        categoryCode: r.category_code,
        point: [r.point_lon!, r.point_lat!] as const,
        receivedAt: new Date(r.received_at),
        state: r.state as TicketState,
        parentId: r.parent_id,
      });
      for (const child of merged) {
        const parent = byId.get(child.parent_id!)!;
        expect(parent.parent_id).toBeNull();
        expect(['merged', 'returned', 'referred']).not.toContain(parent.state);
        expect(parent.channel).not.toBe(child.channel);
        const proposed = proposeDuplicates(
          { ...asMatch(child), state: 'received', parentId: null },
          [asMatch(parent)],
          DEFAULT_DUPLICATE_RULES,
        );
        expect(
          proposed.map((p) => p.candidateId),
          child.number,
        ).toEqual([parent.id]);
      }
      const repeated = rows.filter((r) => r.repeated);
      expect(repeated.length).toBeGreaterThan(0);
      const byBureau = groupBy(rows, (r) => r.bureau_id);
      for (const t of rows) {
        const earlier = byBureau
          .get(t.bureau_id)!
          .map((e) => ({ id: e.id, receivedAt: new Date(e.received_at), address: e.address, reporterKey: e.reporter_key }));
        const flag = repeatedComplaint(
          { id: t.id, receivedAt: new Date(t.received_at), address: t.address, reporterKey: t.reporter_key },
          earlier,
        );
        expect(t.repeated, t.number).toBe(flag.repeated);
      }
    });

    it('诉转案: every complaint case was registered from a ticket of its squad received earlier that day, which shows the conversion at the registration', async () => {
      const db = ctx.deps.db;
      const cases = await db
        .selectFrom('cases')
        .select(['id', 'bureau_id', 'org_id', 'source_ref', 'discovered_on', 'location', 'created_at'])
        .where('source', '=', 'complaint')
        .execute();
      const converted = await db.selectFrom('tickets').selectAll().where('case_id', 'is not', null).execute();
      expect(cases.length).toBeGreaterThan(0);
      expect(new Set(converted.map((t) => t.case_id))).toEqual(new Set(cases.map((c) => c.id)));
      expect(result.parts['city-tickets']!.converted).toBe(cases.length);
      const events = groupBy(
        await db.selectFrom('ticket_events').selectAll().where('action', '=', 'convertToCase').execute(),
        (e) => e.ticket_id,
      );
      const caseOf = new Map(cases.map((c) => [c.id, c]));
      for (const t of converted) {
        const c = caseOf.get(t.case_id!)!;
        expect([t.bureau_id, t.org_id]).toEqual([c.bureau_id, c.org_id]);
        expect(shanghaiDateOf(new Date(t.received_at))).toBe(c.discovered_on);
        expect(new Date(t.converted_at!).getTime()).toBe(new Date(c.created_at).getTime());
        expect(new Date(t.received_at).getTime()).toBeLessThan(new Date(t.converted_at!).getTime());
        expect(c.source_ref).toContain(t.number);
        expect(c.source_ref).toContain(t.external_no!);
        expect(t.address).toBe(c.location);
        const [e] = events.get(t.id) ?? [];
        expect(e?.data).toMatchObject({ caseId: c.id });
        expect(new Date(e!.at).getTime()).toBe(new Date(t.converted_at!).getTime());
      }
    });

    it("the four numbers come near the seeds' figures (004: 96.3 %, 98.87 %, 91.37 %, 84.86 %)", async () => {
      const rows = await allTickets();
      const r = ticketRates(
        rows.map((t) => ({
          receivedAt: new Date(t.received_at),
          contactable: t.reporter_phone !== null,
          firstContactDueAt: new Date(t.first_contact_due_at),
          firstContactAt: t.first_contact_at ? new Date(t.first_contact_at) : null,
          handlingDueAt: new Date(t.handling_due_at),
          repliedAt: t.replied_at ? new Date(t.replied_at) : null,
          excluded: ['returned', 'referred', 'merged'].includes(t.state),
          resolved: t.resolved,
          satisfaction: t.satisfaction as SatisfactionLevel | null,
        })),
        now(),
      );
      expect(Math.abs(r.firstContact.percent! - TICKET_TARGETS.firstContact)).toBeLessThan(1.5);
      expect(Math.abs(r.onTime.percent! - TICKET_TARGETS.onTime)).toBeLessThan(1);
      expect(Math.abs(r.resolution.percent! - TICKET_TARGETS.resolution)).toBeLessThan(2.5);
      expect(Math.abs(r.satisfaction.percent! - TICKET_TARGETS.satisfaction)).toBeLessThan(3);
      // Each machine action the generator takes is one the machine knows.
      expect(Object.keys(TICKET_MACHINE)).toContain('merge');
    });
  });

  it('非现场执法: devices with A5 fields, one confirmed item per off-site case, dismissed with reasons; A5 holds for every confirmed event', async () => {
    const db = ctx.deps.db;
    const offsite = result.parts['city-offsite']!;
    const devices = await db.selectFrom('offsite_devices').selectAll().execute();
    const reviews = await db.selectFrom('offsite_reviews').selectAll().execute();
    const events = await db.selectFrom('offsite_events').selectAll().execute();
    const cases = await db.selectFrom('cases').select(['id', 'bureau_id', 'registered_on', 'source', 'source_ref']).execute();
    const offsiteCases = cases.filter((c) => c.source === 'offsite' && c.source_ref?.startsWith('非现场执法 '));
    const active = devices.filter((d) => d.status === 'active');
    expect(active.length).toBe(offsite.devicesInService);
    expect(devices.length).toBe(Number(offsite.devicesInService) + Number(offsite.devicesRetired));
    // Every district has cameras and a drone; most devices in service are certified today, a small share is not.
    const districts = new Set(active.map((d) => d.bureau_id));
    expect(districts.size).toBe(16);
    expect(active.some((d) => d.kind === 'drone')).toBe(true);
    const certifiedToday = active.filter((d) => d.cert_on !== null && d.cert_until !== null && d.cert_until >= UNTIL).length;
    expect(certifiedToday / active.length).toBeGreaterThan(0.8);
    expect(active.filter((d) => d.cert_on === null).length).toBe(Number(offsite.uncertified));
    // One confirmed item per off-site case, the case's source_ref naming the item; dismissed items give a reason.
    const confirmed = reviews.filter((r) => r.state === 'confirmed');
    expect(confirmed.length).toBe(offsiteCases.length);
    expect(new Set(confirmed.map((r) => r.case_id)).size).toBe(confirmed.length);
    const caseOf = new Map(cases.map((c) => [c.id, c]));
    for (const r of confirmed) {
      const c = caseOf.get(r.case_id!)!;
      expect(c.source).toBe('offsite');
      expect(c.bureau_id).toBe(r.bureau_id);
      expect(c.source_ref).toBe(`非现场执法 ${r.number}`);
    }
    const dismissed = reviews.filter((r) => r.state === 'dismissed');
    expect(dismissed.length).toBe(offsite.dismissed);
    expect(dismissed.every((r) => (r.dismiss_reason ?? '').length > 2 && r.case_id === null && r.reviewer_id !== null)).toBe(true);
    expect(
      reviews.filter((r) => r.state === 'pending').every((r) => r.first_at.getTime() > endOfShanghaiDay(UNTIL).getTime() - 4 * 86_400_000),
    ).toBe(true);
    // Foreign keys resolve: events → item and device (same bureau); counts agree.
    const deviceOf = new Map(devices.map((d) => [d.id, d]));
    const reviewOf = new Map(reviews.map((r) => [r.id, r]));
    expect(events.length).toBe(offsite.events);
    const perReview = groupBy(events, (e) => e.review_id);
    for (const r of reviews) expect(perReview.get(r.id)?.length).toBe(r.event_count);
    for (const e of events) {
      const d = deviceOf.get(e.device_id)!;
      const r = reviewOf.get(e.review_id)!;
      expect(d.bureau_id).toBe(e.bureau_id);
      expect(r.bureau_id).toBe(e.bureau_id);
      if (r.state !== 'confirmed') continue;
      // A5 (处罚法 Art. 41) on the event's day, and E11 in 浦东: the register's fields as the module reads them.
      const on = shanghaiDate(new Date(e.occurred_at));
      expect(on).toBe(caseOf.get(r.case_id!)!.registered_on);
      const record = {
        kind: d.kind as DeviceKind,
        scenes: d.scenes,
        legalReviewPassedOn: d.legal_review_on,
        techCertifiedOn: d.cert_on,
        techCertifiedUntil: d.cert_until,
        locationPublishedOn: d.published_on,
        retiredOn: d.retired_on,
      };
      expect(deviceFitness(record, on, e.scene), `${d.code} ${on}`).toEqual([]);
    }
    const deliveries = await db.selectFrom('offsite_deliveries').select(['event_id', 'device_id']).execute();
    expect(deliveries.length).toBe(events.length);
    // Posted notices: a 邮寄送达 record of the case's numbered 非现场执法告知书, most served on their return card.
    const posts = await db
      .selectFrom('case_services as s')
      .innerJoin('case_documents as d', 'd.id', 's.document_id')
      .select([
        's.case_id',
        'd.case_id as doc_case',
        'd.number',
        's.document_number',
        's.status',
        's.posted_on',
        's.served_on',
        's.tracking_number',
      ])
      .where('s.document_kind', '=', 'offsite_notice')
      .execute();
    const byPost = confirmed.filter((r) => r.notice_method === 'post');
    expect(posts.length).toBe(byPost.length);
    expect(posts.filter((p) => p.status === 'served').length).toBe(offsite.postedNoticesServed);
    expect(Number(offsite.postedNoticesPending)).toBeGreaterThan(0);
    expect(Number(offsite.postedNoticesServed)).toBeGreaterThan(Number(offsite.postedNoticesPending));
    const postedCases = new Set(byPost.map((r) => r.case_id));
    for (const p of posts) {
      expect(postedCases.has(p.case_id) && p.doc_case === p.case_id && p.number === p.document_number).toBe(true);
      expect(p.posted_on).toBe(caseOf.get(p.case_id)!.registered_on);
      if (p.status === 'served') expect(p.served_on! > p.posted_on! && p.served_on! <= UNTIL && p.tracking_number !== null).toBe(true);
    }
  });

  it('建筑垃圾: the register and permits per district resolve; permits cover their vehicles; clues name registered vehicles; no GPS points', async () => {
    const db = ctx.deps.db;
    const w = result.parts['city-waste']!;
    const count = async (t: 'waste_sites' | 'waste_companies' | 'waste_vehicles' | 'waste_permits' | 'waste_clues' | 'waste_points') =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('waste_companies')).toBe(w.companies);
    expect(await count('waste_vehicles')).toBe(w.vehicles);
    expect(await count('waste_permits')).toBe(w.permits);
    const wc = result.parts['city-waste-cases']!;
    expect(await count('waste_clues')).toBe(Number(w.clues) + Number(wc.confirmed));
    expect(await count('waste_points')).toBe(0);
    const sites = await db.selectFrom('waste_sites').select(['id', 'bureau_id', 'kind']).execute();
    expect(sites.filter((s) => s.kind === 'producing').length).toBe(w.sites);
    expect(new Set(sites.map((s) => s.bureau_id)).size).toBe(16);
    const permits = await db.selectFrom('waste_permits').selectAll().execute();
    const siteOf = new Map(sites.map((s) => [s.id, s]));
    const vehicles = await db.selectFrom('waste_vehicles').selectAll().execute();
    const vehicleOf = new Map(vehicles.map((v) => [v.id, v]));
    const links = groupBy(await db.selectFrom('waste_permit_vehicles').selectAll().execute(), (l) => l.permit_id);
    const disposals = groupBy(await db.selectFrom('waste_permit_disposals').selectAll().execute(), (l) => l.permit_id);
    for (const p of permits) {
      expect(siteOf.get(p.producing_site_id)).toMatchObject({ kind: 'producing', bureau_id: p.bureau_id });
      expect(disposals.get(p.id)!.every((d) => siteOf.get(d.site_id)?.kind === 'disposal')).toBe(true);
      // A permit's vehicles are its company's (沪 处置核准: the transport company carries with its own vehicles).
      for (const l of links.get(p.id)!) expect(vehicleOf.get(l.vehicle_id)).toMatchObject({ company_id: p.company_id, plate: l.plate });
      expect(p.valid_until >= p.valid_from).toBe(true);
    }
    // Every producing site holds a permit on the last day.
    const current = permits.filter((p) => p.valid_from <= UNTIL && p.valid_until >= UNTIL);
    expect(new Set(current.map((p) => p.producing_site_id)).size).toBe(w.sites);
    const clues = await db
      .selectFrom('waste_clues')
      .select(['kind', 'plate', 'vehicle_id', 'company_id', 'status', 'dismiss_reason', 'case_id', 'day', 'bureau_id', 'decided_by'])
      .execute();
    for (const c of clues) {
      if (c.vehicle_id) expect(vehicleOf.get(c.vehicle_id)).toMatchObject({ plate: c.plate, company_id: c.company_id });
      else expect(c.kind).toBe('no_permit');
      if (c.status === 'dismissed') expect((c.dismiss_reason ?? '').length).toBeGreaterThan(2);
      expect(c.status === 'confirmed').toBe(c.case_id !== null);
    }
    expect(clues.filter((c) => c.status === 'open').length).toBe(w.open);
    // Confirmed clues: a case registered with the clue as its source (source offsite, 「建筑垃圾线索 <day> <plate>」),
    // linked both ways — the clue names the case, the case's source names the clue; the case is the day after the clue.
    const confirmed = clues.filter((c) => c.status === 'confirmed');
    expect(confirmed.length).toBe(wc.confirmed);
    expect(confirmed.length).toBeGreaterThan(0);
    const wasteCases = await db
      .selectFrom('cases')
      .select(['id', 'bureau_id', 'source', 'source_ref', 'registered_on'])
      .where('source_ref', 'like', '建筑垃圾线索 %')
      .execute();
    expect(wasteCases.length).toBe(confirmed.length);
    const clueOf = new Map(confirmed.map((c) => [c.case_id!, c]));
    for (const k of wasteCases) {
      const c = clueOf.get(k.id)!;
      expect(k).toMatchObject({ source: 'offsite', bureau_id: c.bureau_id, source_ref: `建筑垃圾线索 ${c.day} ${c.plate}` });
      expect(k.registered_on! > c.day && c.decided_by !== null).toBe(true);
    }
  });
  it('教育培训, 执法资格考试, 复议/诉讼: hours per officer-year against 60, scores against the pass mark, reviews of decided cases', async () => {
    const db = ctx.deps.db;
    const q = result.parts['city-quality']!;
    const hours = await sql<{
      h: string;
      year: number;
    }>`SELECT year, sum(hours) AS h FROM training_completions GROUP BY officer_id, year`.execute(db);
    expect(hours.rows.length).toBe(q.officerYears);
    expect(hours.rows.filter((r) => Number(r.h) >= 60).length).toBe(q.complete);
    // Last year is over: most reached 60 学时; this year holds its part so far.
    const last = hours.rows.filter((r) => Number(r.year) === Number(UNTIL.slice(0, 4)) - 1);
    expect(last.filter((r) => Number(r.h) >= 60).length / last.length).toBeGreaterThan(0.75);
    const quals = await db.selectFrom('training_qualifications').select(['score', 'passed']).execute();
    expect(quals.length).toBe(q.qualifications);
    expect(quals.length).toBeGreaterThan(0);
    for (const x of quals) expect(x.passed).toBe(x.score >= 60);
    const reviews = await sql<{
      kind: string;
      outcome: string | null;
      cause: string | null;
      filed: string;
      decided: string | null;
      case_decided: string;
      same: boolean;
    }>`
      SELECT r.kind, r.outcome, r.cause, to_char(r.filed_on, 'YYYY-MM-DD') AS filed, to_char(r.decided_on, 'YYYY-MM-DD') AS decided,
        to_char(c.decided_on, 'YYYY-MM-DD') AS case_decided, (c.bureau_id = r.bureau_id AND c.org_id = r.org_id) AS same
      FROM case_reviews r JOIN cases c ON c.id = r.case_id`.execute(db);
    expect(reviews.rows.length).toBe(Number(q.reviews) + Number(q.lawsuits));
    expect(reviews.rows.length).toBeGreaterThan(0);
    for (const r of reviews.rows) {
      expect(r.same).toBe(true);
      expect(r.filed > r.case_decided && r.filed <= UNTIL).toBe(true);
      expect(r.outcome === null).toBe(r.decided === null);
      expect(r.cause !== null).toBe(r.outcome !== null && r.outcome !== 'upheld');
      if (r.outcome === 'lost') expect(r.kind).toBe('lawsuit');
    }
  });

  it("住宅小区, 上海摊, 城管进社区: every compound has its profile, declarations carry the rules' outcome, points and workrooms resolve", async () => {
    const db = ctx.deps.db;
    const c = result.parts['city-community']!;
    const kinds = await db.selectFrom('subjects').select(['id', 'kind', 'bureau_id']).where('status', '=', 'active').execute();
    const compounds = kinds.filter((k) => k.kind === 'residential_compound');
    const profiles = await db.selectFrom('compound_profiles').select(['subject_id', 'bureau_id']).execute();
    expect(profiles.length).toBe(compounds.length);
    const bureauOf = new Map(kinds.map((k) => [k.id, k.bureau_id]));
    for (const p of profiles) expect(bureauOf.get(p.subject_id)).toBe(p.bureau_id);
    const decl = await db.selectFrom('renovation_declarations').select(['works', 'outcome', 'start_on', 'end_on']).execute();
    expect(decl.length).toBe(c.declarations);
    // About 2.7 a compound a year (浦东's 10,102 taken as a quarter of the city's).
    expect(decl.length / compounds.length).toBeGreaterThan(1.5);
    for (const d of decl) expect(d.outcome).toBe(assessRenovation(d.works as RenovationWork[]).outcome);
    expect(await db.selectFrom('property_reports').select('id').execute()).toHaveLength(Number(c.reports));
    const points = await db.selectFrom('stall_points').select(['subject_id', 'opens_at', 'closes_at']).execute();
    expect(points.length).toBe(kinds.filter((k) => k.kind === 'stall_point').length);
    const rooms = await db.selectFrom('workrooms').select(['id', 'org_id', 'officer_ids']).execute();
    expect(rooms.length).toBe(c.workrooms);
    const officerOrg = new Map((await db.selectFrom('officers').select(['id', 'org_id']).execute()).map((o) => [o.id, o.org_id]));
    for (const r of rooms) for (const o of r.officer_ids) expect(officerOrg.get(o)).toBe(r.org_id);
    const week = await db.selectFrom('workroom_activities').select('workroom_id').where('community_week', '=', true).execute();
    expect(new Set(week.map((w) => w.workroom_id)).size).toBe(rooms.length);
  });
});
