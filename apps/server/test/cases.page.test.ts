// The case page's child rows read in one statement are the rows the single-table queries read, in every state a
// case passes through (so the page a step answers with is unchanged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, fine, investigatedCase, notice, type CaseKit } from './cases-support.ts';
import { seedDemoCases } from '../src/seed/demo-cases.ts';
import type { CaseSnapshot } from '@chengguan/domain';
import { hydrated, hydrateSnapshot } from '../src/modules/cases/case-loader.ts';
import { offenceVersionsOf } from '../src/modules/cases/case-offence.ts';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { CaseDetail } from '@chengguan/contracts';
import { buildSerializer, serializableSchema } from '../src/http/serialization.ts';
import {
  caseDocuments,
  countPriorFines,
  caseEvents,
  caseEvidence,
  caseOfficerIds,
  casePageRows,
  caseRecords,
  findCase,
  findParty,
  officerNames,
  officersWithCredentials,
} from '../src/modules/cases/cases.repository.ts';

// The case page serialized from the route's schema as it is, and from the copy the app's serializer compiles.
const route = { method: 'GET', url: '/api/v1/cases/:id', httpStatus: '200' };
const OPTS = { ajv: { formats: { text: true, 'multiline-text': true } as Record<string, true> } };
const withUnions = SerializerSelector()({}, OPTS)({ ...route, schema: CaseDetail });
const withoutUnions = buildSerializer({}, OPTS)({ ...route, schema: CaseDetail });
const expectSameJson = (page: unknown) => expect(withoutUnions(page)).toBe(withUnions(page));

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

/** The page's rows as get-case read them before: one query per table, then the officers' credentials and names. */
async function rowByRow(caseId: string, partyId: string, actId: string, snapshotOfficerIds: string[]) {
  const db = ctx.deps.db;
  const [party, officers, evidence, records, documents, events] = await Promise.all([
    findParty(db, partyId),
    caseOfficerIds(db, caseId),
    caseEvidence(db, caseId),
    caseRecords(db, caseId),
    caseDocuments(db, caseId),
    caseEvents(db, caseId),
  ]);
  const [live, recordOfficerNames, priorFines] = await Promise.all([
    officersWithCredentials(db, [...new Set([...officers.map((o) => o.officer_id), ...snapshotOfficerIds])]),
    officerNames(db, [...new Set(records.flatMap((r) => r.officer_ids))]),
    countPriorFines(db, actId, caseId),
  ]);
  return {
    party,
    officers,
    priorFines,
    live,
    evidence: evidence.map(({ case_id: _c, bureau_id: _b, event_id: _e, device_name: _n, device_id: _i, ...e }) => e),
    records: records.map(({ case_id: _c, bureau_id: _b, event_id: _e, created_at: _t, ...r }) => r),
    documents: documents.map((d) => ({ id: d.id, doc_type: d.doc_type, number: d.number, issued_on: d.issued_on, event_id: d.event_id })),
    events: events.map(({ case_id: _c, bureau_id: _b, version: _v, ...e }) => e),
    recordOfficerNames,
  };
}

async function expectSamePage(caseId: string) {
  const row = (await findCase(ctx.deps.db, caseId))!;
  const snapshotOfficerIds = (row.snapshot as CaseSnapshot).officers.map((o) => o.id);
  const one = await casePageRows(ctx.deps.db, row, snapshotOfficerIds);
  const many = await rowByRow(caseId, row.party_id, row.act_id, snapshotOfficerIds);
  expect(one, row.state).toEqual(many);
  // The snapshot hydrated from them is the one the steps' loader hydrates.
  const versions = await offenceVersionsOf(ctx.deps.db, (row.snapshot as CaseSnapshot).offence.code);
  expect(hydrated(row.snapshot as CaseSnapshot, one.live, one.priorFines, versions)).toEqual(await hydrateSnapshot(ctx.deps.db, row));
  // Maps compare by entries; the same keys in the same order.
  expect([...one.live.keys()].sort()).toEqual([...many.live.keys()].sort());
  expect([...one.recordOfficerNames.entries()].sort()).toEqual([...many.recordOfficerNames.entries()].sort());
  // Timestamps are Dates to the millisecond, as node-postgres parses the columns.
  for (const [i, e] of one.events.entries()) expect(e.at.getTime()).toBe(many.events[i]!.at.getTime());
  for (const [i, e] of one.evidence.entries()) expect(e.created_at.getTime()).toBe(many.evidence[i]!.created_at.getTime());
  expect(one.party!.created_at.getTime()).toBe(many.party!.created_at.getTime());
  return row.state;
}

describe('the case page serializer', () => {
  it('writes nullable fields and closed vocabularies without unions, and the rest as it is', () => {
    const copy = JSON.stringify(serializableSchema(CaseDetail));
    expect(copy).not.toContain('"anyOf"');
    expect(
      serializableSchema({
        anyOf: [
          { const: 'a', type: 'string' },
          { const: 'b', type: 'string' },
        ],
      }),
    ).toEqual({ type: 'string' });
    expect(serializableSchema({ anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] })).toEqual({
      type: 'string',
      format: 'date',
      nullable: true,
    });
    // A union that needs choosing stays one.
    const choice = { anyOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'string' }] };
    expect(serializableSchema(choice)).toEqual(choice);
    expect(serializableSchema({ anyOf: [{ type: ['string', 'integer'] }, { type: 'null' }] })).toEqual({
      anyOf: [{ type: ['string', 'integer'] }, { type: 'null' }],
    });
  });
});

describe('the case page in one statement', () => {
  it('reads the same rows as one query per table, after every step of a case with hearing, and for an empty page', async () => {
    const states: string[] = [];
    let c = await kit.register();
    // The registration's answer (made from the row it inserted) is the case page as a later read shows it.
    expect(c).toEqual(await kit.get('pd_ljz_01', c.id));
    states.push(await expectSamePage(c.id));
    c = await investigatedCase(kit);
    states.push(await expectSamePage(c.id));
    const steps: [string, Parameters<CaseKit['ok']>[2], Record<string, unknown>][] = [
      ['pd_ljz_leader', 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(5_000) }],
      ['pd_ljz_01', 'issuePriorNotice', notice(5_000, true, '2026-01-14')],
      ['pd_ljz_01', 'requestHearing', { date: '2026-01-16' }],
      [
        'pd_legal',
        'scheduleHearing',
        {
          date: '2026-01-19',
          hearingOn: '2026-01-30',
          chairOfficerId: kit.officerId('pd_legal'),
          agentCount: 1,
          publicHearing: true,
          secretOrPrivacy: false,
        },
      ],
      ['pd_ljz_01', 'recordStatement', { date: '2026-01-20', content: '当事人申辩' }],
      ['pd_legal', 'recordHearing', { date: '2026-01-30', recordSignedByParty: true, refusalNotedByChair: false }],
      ['pd_ljz_leader', 'reviewStatement', { date: '2026-02-02', adopted: false }],
      [
        'pd_legal',
        'completeLegalReview',
        { date: '2026-02-02', result: 'pass', reviewerFirstTime: false, reviewerHasLegalQualification: true },
      ],
      ['pd_leader', 'recordDeliberation', { date: '2026-02-03', conclusion: '同意处罚' }],
      [
        'pd_leader',
        'decide',
        { date: '2026-02-03', outcome: 'penalty', penalty: fine(5_000), citesHearingRecord: true, educationRecorded: false },
      ],
      ['pd_ljz_01', 'serveDecision', { date: '2026-02-04', method: 'direct' }],
      ['pd_ljz_01', 'recordPayment', { date: '2026-02-05', amountFen: 500_000 }],
      ['pd_ljz_leader', 'close', { date: '2026-02-06' }],
      ['pd_ljz_leader', 'archive', { date: '2026-02-09' }],
    ];
    for (const [user, action, body] of steps) {
      const answer = await kit.ok(user, c.id, action, body);
      states.push(await expectSamePage(c.id));
      // The step's answer is the case page as a later read shows it.
      expect(answer).toEqual(await kit.get(user, c.id));
      expectSameJson(answer);
    }
    expect(states).toContain('decided');
    expect(states.at(-1)).toBe('archived');
  });

  it('reads the same rows for the demo cases (prior notice served, decisions served, a summary ticket)', async () => {
    const demo = await seedDemoCases(ctx.app, ctx.deps, ctx.seed.ids.officers);
    const states = [];
    for (const d of demo) {
      states.push(await expectSamePage(d.id));
      expectSameJson(await kit.get('pd_ljz_01', d.id));
    }
    expect(states).toEqual(expect.arrayContaining(['prior_notice_served', 'decision_served', 'summary_decided']));
  });
});
