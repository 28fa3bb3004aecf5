/**
 * Case-handling workloads (issue 4): the summary-procedure ticket and a full ordinary case (15 steps, registration
 * to archive) driven through the API in-process, against a raw-SQL baseline that performs the same inserts and
 * updates (case row with its jsonb snapshot, events, evidence, 笔录, documents, deadline rows, hash-chained audit
 * rows, and what the step hooks write: scheduler jobs, the enforcement row, the payment order with its code counter,
 * the disclosure entry and its second audit row) in the same run on the same database, one transaction per step like
 * the platform.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Transaction } from 'kysely';
import { idNumberCheckDigit } from '@chengguan/domain';
import type { TestContext } from '../../apps/server/test/harness.ts';
import { buildDemoData } from '../../apps/server/src/seed/demo-data.ts';
import type { DB } from '../../apps/server/src/db/schema.ts';
import { auditChain, benchResult, type BenchResult } from './baseline.ts';
import { bareRender, renderedCaseDocument } from './pdfkit-baseline.ts';
import type { DocumentKind } from '@chengguan/contracts';

const ID_CARD = ((f: string) => f + idNumberCheckDigit(f))('31011519800505123');

/** The body of a 100 元 当场处罚 ticket (the fixed workload of the ticket benchmarks). */
export function summaryTicketBody(photo: string, officerIds: string[]) {
  return {
    date: '2026-03-02',
    offenceCode: 'SH-LJ-57-2',
    party: { type: 'natural_person', name: '赵六', idType: 'id_card', idNumber: ID_CARD },
    location: '陆家嘴东路 88 号',
    facts: '经责令改正后仍混合投放生活垃圾。',
    photos: [photo],
    officerIds,
    penalty: { penalties: ['fine'], fineFen: 10_000 },
    flags: { correctionOrdered: true, refusedToCorrect: true },
    partySigned: true,
  };
}

/** The registration of the fixed ordinary case (a 1,000 元 fine for unsorted 驳运 of household waste). */
export function ordinaryCaseBody(officers: string[]) {
  return {
    date: '2026-01-05',
    discoveredOn: '2026-01-05',
    source: 'patrol',
    offenceCode: 'SH-LJ-57-4',
    party: { type: 'natural_person', name: '王小明', idType: 'id_card', idNumber: ID_CARD },
    act: { actDate: '2026-01-04' },
    location: '陆家嘴环路',
    facts: '未分类驳运生活垃圾。',
    officerIds: officers,
  };
}

/** The 14 steps of the fixed ordinary case after registration, each with who takes it (registration → archive). */
export function ordinaryCaseSteps(photo: string, officers: string[]): { path: string; by: 'officer' | 'leader' | 'head'; body: unknown }[] {
  const record = (date: string) => ({ date, officerIds: officers, credentialsShown: true, officersSigned: true, partySigned: true });
  const fine = { penalties: ['fine'], fineFen: 100_000 };
  return [
    { path: 'inspections', by: 'officer', body: record('2026-01-05') },
    { path: 'submit-filing', by: 'officer', body: { date: '2026-01-05' } },
    { path: 'approve-filing', by: 'leader', body: { date: '2026-01-06' } },
    { path: 'evidence', by: 'officer', body: { date: '2026-01-07', evidenceType: 'audio_visual', title: '照片', fileSm3: photo } },
    { path: 'questionings', by: 'officer', body: record('2026-01-08') },
    { path: 'conclude-investigation', by: 'officer', body: { date: '2026-01-12' } },
    { path: 'review', by: 'leader', body: { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine } },
    {
      path: 'prior-notice',
      by: 'officer',
      body: {
        date: '2026-01-14',
        proposed: fine,
        contents: {
          proposedPenaltyStated: true,
          factsStated: true,
          reasonsStated: true,
          legalBasisStated: true,
          statementRightsStated: true,
          hearingRightStated: false,
        },
      },
    },
    { path: 'statement-waiver', by: 'officer', body: { date: '2026-01-14', waivesHearing: true } },
    {
      path: 'decision',
      by: 'head',
      body: { date: '2026-01-15', outcome: 'penalty', penalty: fine, citesHearingRecord: false, educationRecorded: false },
    },
    { path: 'decision-service', by: 'officer', body: { date: '2026-01-16', method: 'direct' } },
    { path: 'payments', by: 'officer', body: { date: '2026-01-19', amountFen: 100_000 } },
    { path: 'close', by: 'leader', body: { date: '2026-01-20' } },
    { path: 'archive', by: 'leader', body: { date: '2026-01-21' } },
  ];
}

/**
 * The documents the platform's steps issued for a case, as bare pdfkit draws them (`pdfkit-baseline.ts`): `render`
 * draws them all once and answers the milliseconds it took.
 */
async function bareDocuments(ctx: TestContext, caseId: string): Promise<{ kinds: string[]; render(): Promise<number> }> {
  const issued = await ctx.deps.db
    .selectFrom('documents')
    .select(['kind'])
    .where('case_id', '=', caseId)
    .orderBy('issued_on')
    .orderBy('created_at')
    .execute();
  const kinds = issued.map((d) => d.kind as DocumentKind);
  const docs = await Promise.all(kinds.map((k) => renderedCaseDocument(ctx, caseId, k)));
  const url = `${ctx.deps.config.publicBaseUrl}/verify/00000000-0000-0000-0000-000000000000?c=ABCDE23456`;
  return {
    kinds,
    async render() {
      const t = performance.now();
      for (const d of docs) await bareRender(d, url, ctx.clock.now());
      return performance.now() - t;
    },
  };
}

export async function benchCases(ctx: TestContext, tickets: number, cases: number): Promise<BenchResult[]> {
  const demo = buildDemoData();
  const officerId = (u: string) => ctx.seed.ids.officers.get(demo.officers.find((o) => o.username === u)!.key)!;
  const orgId = ctx.seed.ids.orgs.get('pd-ljz')!;
  const bureauId = ctx.seed.ids.orgs.get('pd')!;
  const tokens = {
    officer: await ctx.login('pd_ljz_01'),
    leader: await ctx.login('pd_ljz_leader'),
    head: await ctx.login('pd_leader'),
  };
  const officers = [officerId('pd_ljz_01'), officerId('pd_ljz_03')];
  const call = async (token: string, method: string, url: string, body?: unknown, expected = 200) => {
    const r = await ctx.api(method, url, { token, ...(body !== undefined ? { body } : {}) });
    if (r.statusCode !== expected) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string };
  };
  await call(
    tokens.leader,
    'POST',
    '/api/v1/summary-ticket-ranges',
    { orgId, prefix: '沪浦城管当罚〔2026〕', firstNumber: 1, lastNumber: 999_999 },
    201,
  );
  const up = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${tokens.officer}`, 'content-type': 'image/jpeg' },
    // A JPEG header, then the text: uploads take only what their magic number says they are.
    payload: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.from('bench photo')]),
  });
  const photo = (up.json() as { sm3: string }).sm3;

  const db = ctx.deps.db;
  const chain = auditChain(ctx);
  const audit = (trx: Transaction<DB>, action: string, entityId: string) =>
    chain.append(trx, { action, entityType: 'case', entityId, bureauId });
  let eventVersion = 0;
  const event = async (trx: Transaction<DB>, caseId: string, action: string, date: string) => {
    const id = ctx.deps.newId();
    eventVersion += 1;
    await sql`INSERT INTO case_events (id, case_id, bureau_id, action, from_state, to_state, legal_date, at, actor_id, version, data)
      VALUES (${id}, ${caseId}, ${bureauId}, ${action}, 'a', 'b', ${date}, now(), ${officers[0]}, ${eventVersion}, '{"date":"x"}'::jsonb)`.execute(
      trx,
    );
    return id;
  };
  // The snapshots the baseline writes with the case row, one per write of a case (registration, then each step): the
  // platform's own, of real size, taken after each write of the untimed first case of each workload (`snapshotOf`),
  // so the rows written are the same size on both sides.
  let snapshots = ['{}'];
  let write = 0;
  const snapshot = () => snapshots[Math.min(write++, snapshots.length - 1)]!;
  const snapshotOf = async (caseId: string) =>
    JSON.stringify((await db.selectFrom('cases').select('snapshot').where('id', '=', caseId).executeTakeFirstOrThrow()).snapshot);
  const deadline = async (trx: Transaction<DB>, caseId: string, kind: string) => {
    await sql`INSERT INTO case_deadlines (case_id, kind, bureau_id, org_id, due_date, basis, state, holder)
      VALUES (${caseId}, ${kind}, ${bureauId}, ${orgId}, '2026-04-01', '{"ruleId":"E4"}'::jsonb, 'running', 'agency')
      ON CONFLICT (case_id, kind) DO UPDATE SET due_date = excluded.due_date, state = excluded.state`.execute(trx);
  };
  const newCase = async (trx: Transaction<DB>, caseId: string, procedure: string, state: string, i: number) => {
    const partyId = ctx.deps.newId();
    await sql`INSERT INTO parties (id, bureau_id, type, name, id_type, id_number) VALUES (${partyId}, ${bureauId}, 'natural_person', '赵六', 'id_card', ${`B${procedure}${i}`})`.execute(
      trx,
    );
    await sql`INSERT INTO cases (id, bureau_id, org_id, procedure, state, source, offence_code, offence_name, party_id, party_type, party_name, act_id, act_date, location, facts, snapshot)
      VALUES (${caseId}, ${bureauId}, ${orgId}, ${procedure}, ${state}, 'patrol', 'SH-LJ-57-2', '个人混合投放生活垃圾', ${partyId}, 'natural_person', '赵六', ${caseId}, '2026-03-01', '陆家嘴', '事实', ${snapshot()}::jsonb)`.execute(
      trx,
    );
    for (const [k, o] of officers.entries())
      await sql`INSERT INTO case_officers (case_id, officer_id, role) VALUES (${caseId}, ${o}, ${k === 0 ? 'lead' : 'assist'})`.execute(
        trx,
      );
  };
  const step = async (caseId: string, action: string, date: string, extra?: (trx: Transaction<DB>, eventId: string) => Promise<void>) =>
    db.transaction().execute(async (trx) => {
      await sql`UPDATE cases SET state = ${action}, version = version + 1, snapshot = ${snapshot()}::jsonb, updated_at = now() WHERE id = ${caseId}`.execute(
        trx,
      );
      const eventId = await event(trx, caseId, action, date);
      await extra?.(trx, eventId);
      await audit(trx, `case.${action}`, caseId);
      await deadline(trx, caseId, 'decision');
    });
  const docNumber = async (trx: Transaction<DB>, caseId: string, eventId: string, docType: string, date: string) => {
    const r = await sql<{
      last_value: number;
    }>`INSERT INTO doc_number_sequences (bureau_id, year, doc_type, last_value) VALUES (${bureauId}, 2026, ${`b-${docType}`}, 1)
      ON CONFLICT (bureau_id, year, doc_type) DO UPDATE SET last_value = doc_number_sequences.last_value + 1 RETURNING last_value`.execute(
      trx,
    );
    await sql`INSERT INTO case_documents (id, case_id, bureau_id, event_id, doc_type, number, issued_on)
      VALUES (${ctx.deps.newId()}, ${caseId}, ${bureauId}, ${eventId}, ${`b-${docType}`}, ${`B${r.rows[0]!.last_value}`}, ${date})`.execute(
      trx,
    );
  };
  // The rows the platform's step hooks write besides the case's own (bench/README.md, "Where the time goes"):
  // the deadline jobs of the scheduler, the enforcement row, the payment order with its code counter, the disclosure.
  const jobs = async (trx: Transaction<DB>, caseId: string, kinds: readonly string[]) => {
    for (const kind of kinds)
      await sql`INSERT INTO jobs (id, kind, run_at, payload, dedupe_key, bureau_id)
        VALUES (${ctx.deps.newId()}, ${`bench.${kind}`}, now() + interval '1 day', ${JSON.stringify({ caseId })}::jsonb, ${`bench:${kind}:${caseId}`}, ${bureauId})
        ON CONFLICT (dedupe_key) DO UPDATE SET run_at = excluded.run_at, payload = excluded.payload`.execute(trx);
  };
  const enforcementRow = async (trx: Transaction<DB>, caseId: string, status: string) => {
    await sql`INSERT INTO case_enforcement (case_id, bureau_id, org_id, status, fine_fen, payment_due, refreshed_on)
      VALUES (${caseId}, ${bureauId}, ${orgId}, ${status}, 20000, '2026-02-15', '2026-01-16')
      ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, fine_fen = excluded.fine_fen, payment_due = excluded.payment_due,
        refreshed_on = excluded.refreshed_on, updated_at = now()`.execute(trx);
  };
  const paymentOrder = async (trx: Transaction<DB>, caseId: string) => {
    const r = await sql<{ last_seq: number }>`INSERT INTO payment_code_counters (bureau_key, year, last_seq) VALUES (${orgId}, 2099, 1)
      ON CONFLICT (bureau_key, year) DO UPDATE SET last_seq = payment_code_counters.last_seq + 1 RETURNING last_seq`.execute(trx);
    const code = `99${String(r.rows[0]!.last_seq).padStart(10, '0')}${String(process.pid % 1e8).padStart(8, '0')}`;
    await sql`INSERT INTO payment_orders (id, bureau_id, case_id, org_id, payment_code, kind, principal_fen)
      VALUES (${ctx.deps.newId()}, ${bureauId}, ${caseId}, ${orgId}, ${code}, 'fine', 20000)`.execute(trx);
  };
  const disclosure = async (trx: Transaction<DB>, caseId: string) => {
    await sql`INSERT INTO disclosures (id, bureau_id, org_id, case_id, document_number, agency_name, decided_on, publish_due_on, content, search_text, created_at)
      VALUES (${ctx.deps.newId()}, ${bureauId}, ${orgId}, ${caseId}, ${`B-${caseId}`}, '浦东新区城管执法局', '2026-01-15', '2026-01-22',
        ${JSON.stringify({ party: '赵六', facts: '事实', decision: '罚款200元' })}::jsonb, ${`赵六 事实 罚款200元 ${caseId}`}, now())`.execute(
      trx,
    );
  };
  const results: BenchResult[] = [];

  // Workload 1: the summary ticket in one call. One untimed call first: the first answer of each route compiles its
  // response serializer (a once-per-process cost, not the cost of a ticket).
  const warmTicket = await call(tokens.officer, 'POST', '/api/v1/cases/summary', summaryTicketBody(photo, officers), 201);
  const t0 = performance.now();
  for (let i = 0; i < tickets; i++) {
    await call(tokens.officer, 'POST', '/api/v1/cases/summary', summaryTicketBody(photo, officers), 201);
  }
  const ticketMs = performance.now() - t0;
  // The ticket's step issues its 当场决定书 PDF; the second baseline also draws that document with bare pdfkit.
  const ticketPdf = await bareDocuments(ctx, warmTicket.id);
  snapshots = [await snapshotOf(warmTicket.id)];
  await chain.sync();
  let ticketPdfMs = 0;
  const t1 = performance.now();
  for (let i = 0; i < tickets; i++) {
    const caseId = ctx.deps.newId();
    ticketPdfMs += await ticketPdf.render();
    await db.transaction().execute(async (trx) => {
      await sql`UPDATE summary_ticket_ranges SET next_number = next_number + 1 WHERE org_id = ${orgId} RETURNING next_number`.execute(trx);
      await newCase(trx, caseId, 'summary', 'summary_decided', i);
      await event(trx, caseId, 'register', '2026-03-02');
      const ev = await event(trx, caseId, 'addEvidence', '2026-03-02');
      await sql`INSERT INTO case_evidence (id, case_id, bureau_id, event_id, evidence_type, title, file_sm3, size, mime, collected_on)
        VALUES (${ctx.deps.newId()}, ${caseId}, ${bureauId}, ${ev}, 'audio_visual', '现场照片', ${photo}, 11, 'image/jpeg', '2026-03-02')`.execute(
        trx,
      );
      const dec = await event(trx, caseId, 'issueSummaryDecision', '2026-03-02');
      await docNumber(trx, caseId, dec, 'summary', '2026-03-02');
      await sql`UPDATE cases SET case_number = ${`B-${caseId}`} WHERE id = ${caseId}`.execute(trx);
      await enforcementRow(trx, caseId, 'paying');
      await paymentOrder(trx, caseId);
      await audit(trx, 'case.summary', caseId);
      await deadline(trx, caseId, 'payment');
    });
  }
  const ticketBaseMs = performance.now() - t1;
  results.push(
    benchResult('summary ticket (1 call: register, photo, decision)', tickets, ticketMs, ticketBaseMs - ticketPdfMs, { perOp: 1 }),
    benchResult(`summary ticket vs rows + bare pdfkit (${ticketPdf.kinds.join(', ')})`, tickets, ticketMs, ticketBaseMs, { perOp: 1 }),
  );

  // Workload 2: a full ordinary case, registration to archive (15 steps).
  // The registration counts as the first step; each step is one request.
  const STEPS = ordinaryCaseSteps(photo, officers).length + 1;
  const caseRequests = { perOp: STEPS };
  const ordinaryCase = async (capture?: string[]) => {
    const c = await call(tokens.officer, 'POST', '/api/v1/cases', ordinaryCaseBody(officers), 201);
    if (capture) capture.push(await snapshotOf(c.id));
    for (const st of ordinaryCaseSteps(photo, officers)) {
      await call(tokens[st.by], 'POST', `/api/v1/cases/${c.id}/${st.path}`, st.body);
      if (capture) capture.push(await snapshotOf(c.id));
    }
    return c.id;
  };
  // One untimed case first, as for the ticket: every step route compiles its serializer on its first answer.
  const caseSnapshots: string[] = [];
  const warmCase = await ordinaryCase(caseSnapshots);
  const casePdf = await bareDocuments(ctx, warmCase);
  const t2 = performance.now();
  for (let i = 0; i < cases; i++) await ordinaryCase();
  const caseMs = performance.now() - t2;
  snapshots = caseSnapshots;
  await chain.sync();
  let casePdfMs = 0;
  const t3 = performance.now();
  for (let i = 0; i < cases; i++) {
    const caseId = ctx.deps.newId();
    casePdfMs += await casePdf.render();
    eventVersion = 0;
    write = 0;
    await db.transaction().execute(async (trx) => {
      await newCase(trx, caseId, 'ordinary', 'registered', i);
      await event(trx, caseId, 'register', '2026-01-05');
      await audit(trx, 'case.register', caseId);
      await deadline(trx, caseId, 'filing');
    });
    const recordRow = (kind: string) => async (trx: Transaction<DB>, eventId: string) => {
      await sql`INSERT INTO case_records (id, case_id, bureau_id, event_id, kind, recorded_on, officer_ids, credentials_shown, officers_signed, party_signed, witness_signed)
        VALUES (${ctx.deps.newId()}, ${caseId}, ${bureauId}, ${eventId}, ${kind}, '2026-01-05', ${officers}::uuid[], true, true, true, false)`.execute(
        trx,
      );
    };
    const doc = (type: string) => (trx: Transaction<DB>, eventId: string) => docNumber(trx, caseId, eventId, type, '2026-01-06');
    type Extra = (trx: Transaction<DB>, eventId: string) => Promise<void>;
    const all =
      (...extras: Extra[]): Extra =>
      async (trx, eventId) => {
        for (const x of extras) await x(trx, eventId);
      };
    const twoJobs: Extra = (trx) => jobs(trx, caseId, ['deadline.reminder', 'deadline.overdue']);
    const enforcement: Extra = (trx) => enforcementRow(trx, caseId, 'paying');
    await step(caseId, 'recordInspection', '2026-01-05', recordRow('inspection'));
    await step(caseId, 'submitFiling', '2026-01-05');
    await step(
      caseId,
      'approveFiling',
      '2026-01-06',
      all(doc('filing'), twoJobs, async (trx) => {
        await sql`UPDATE cases SET case_number = ${`B-${caseId}`} WHERE id = ${caseId}`.execute(trx);
      }),
    );
    await step(caseId, 'addEvidence', '2026-01-07', async (trx, eventId) => {
      await twoJobs(trx, eventId);
      await sql`INSERT INTO case_evidence (id, case_id, bureau_id, event_id, evidence_type, title, file_sm3, size, mime, collected_on)
        VALUES (${ctx.deps.newId()}, ${caseId}, ${bureauId}, ${eventId}, 'audio_visual', '照片', ${photo}, 11, 'image/jpeg', '2026-01-07')`.execute(
        trx,
      );
    });
    await step(caseId, 'recordQuestioning', '2026-01-08', all(recordRow('questioning'), twoJobs));
    await step(caseId, 'concludeInvestigation', '2026-01-12', twoJobs);
    await step(caseId, 'reviewCase', '2026-01-13', twoJobs);
    await step(caseId, 'issuePriorNotice', '2026-01-14', all(doc('prior_notice'), twoJobs));
    await step(caseId, 'waiveStatement', '2026-01-14', twoJobs);
    await step(
      caseId,
      'decide',
      '2026-01-15',
      all(
        doc('decision'),
        (trx) => paymentOrder(trx, caseId),
        (trx) => disclosure(trx, caseId),
        (trx) => jobs(trx, caseId, ['disclosure.publish']),
        (trx) => audit(trx, 'payment.order', caseId),
      ),
    );
    await step(caseId, 'serveDecision', '2026-01-16', all(enforcement, twoJobs));
    await step(caseId, 'recordPayment', '2026-01-19', enforcement);
    await step(caseId, 'close', '2026-01-20', enforcement);
    await step(caseId, 'archive', '2026-01-21');
  }
  const caseBaseMs = performance.now() - t3;
  results.push(
    benchResult(`full ordinary case (${STEPS} steps, register → archive); per case`, cases, caseMs, caseBaseMs - casePdfMs, caseRequests),
    benchResult(`full ordinary case vs rows + bare pdfkit (${casePdf.kinds.join(', ')})`, cases, caseMs, caseBaseMs, caseRequests),
  );
  return results;
}
