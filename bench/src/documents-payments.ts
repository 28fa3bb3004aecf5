/**
 * Workloads of documents and payment (issue 5), on 当场处罚 tickets made for them (not timed):
 *   - issuing the 当场行政处罚决定书 PDF: stage check, data, statutory contents, template, PDF rendering, SM3, storage,
 *     SM2 signature, document row, audit row — against a baseline that hashes the same bytes and writes the same rows;
 *   - the payment provider's signed callback: signature check, exactly-once ledger row, the case step
 *     (recordSummaryPayment), order update, audit row — against a baseline that writes the same rows.
 * Both baselines are one transaction per item, in the same run on the same database.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Checkout, IssuedDocumentCreated, SandboxCheckoutView } from '@chengguan/contracts';
import type { TestContext } from '../../apps/server/test/harness.ts';
import { buildDemoData } from '../../apps/server/src/seed/demo-data.ts';
import { fileStorageOf } from '../../apps/server/src/modules/files/file-storage.ts';
import { sm3Hex } from '../../apps/server/src/shared/sm3.ts';
import { sandboxMerchant } from '../../apps/server/src/modules/payments/providers/sandbox-provider.ts';
import { signFields } from '../../apps/server/src/modules/payments/providers/signing.ts';
import { auditChain, benchResult, type BenchResult } from './baseline.ts';
import { summaryTicketBody } from './cases.ts';
import { bareRender, renderedSummaryDecision } from './pdfkit-baseline.ts';

export async function benchDocumentsPayments(ctx: TestContext, n: number): Promise<BenchResult[]> {
  const demo = buildDemoData();
  const officerId = (u: string) => ctx.seed.ids.officers.get(demo.officers.find((o) => o.username === u)!.key)!;
  const bureauId = ctx.seed.ids.orgs.get('pd')!;
  const officers = [officerId('pd_ljz_01'), officerId('pd_ljz_03')];
  const token = await ctx.login('pd_ljz_01');
  const db = ctx.deps.db;
  const call = async <T>(method: string, url: string, body: unknown, expected: number, auth = true): Promise<T> => {
    const r = await ctx.api(method, url, { ...(auth ? { token } : {}), ...(body !== undefined ? { body } : {}) });
    if (r.statusCode !== expected) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as T;
  };
  const up = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
    // A JPEG header, then the text: uploads take only what their magic number says they are.
    payload: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.from('bench photo')]),
  });
  const photo = (up.json() as { sm3: string }).sm3;
  const tickets: string[] = [];
  for (let i = 0; i < n; i++) {
    tickets.push((await call<{ id: string }>('POST', '/api/v1/cases/summary', summaryTicketBody(photo, officers), 201)).id);
  }
  const results: BenchResult[] = [];
  const chain = auditChain(ctx);
  // One untimed document and callback first (an extra ticket): the first answer of a route compiles its serializer,
  // the first PDF opens the fonts — once per process.
  const warmTicket = (await call<{ id: string }>('POST', '/api/v1/cases/summary', summaryTicketBody(photo, officers), 201)).id;
  await call('POST', `/api/v1/cases/${warmTicket}/documents`, { kind: 'summary_decision' }, 201);

  // Workload 5: issue the decision PDF of each ticket.
  const t0 = performance.now();
  const issued: IssuedDocumentCreated[] = [];
  for (const id of tickets) {
    issued.push(await call<IssuedDocumentCreated>('POST', `/api/v1/cases/${id}/documents`, { kind: 'summary_decision' }, 201));
  }
  const docMs = performance.now() - t0;
  const sample = await fileStorageOf(ctx.deps).get(issued[0]!.document.sm3);
  if (!sample) throw new Error('the issued PDF is not stored');
  await chain.sync();
  const t1 = performance.now();
  for (const [i, id] of tickets.entries()) {
    const bytes = Buffer.concat([sample, Buffer.from(`\n% ${i}`)]);
    const pdfSm3 = sm3Hex(bytes);
    await fileStorageOf(ctx.deps).put(pdfSm3, bytes);
    const docId = ctx.deps.newId();
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO files (sm3, size, mime, bureau_id) VALUES (${pdfSm3}, ${bytes.length}, 'application/pdf', ${bureauId})
        ON CONFLICT DO NOTHING`.execute(trx);
      await sql`INSERT INTO documents (id, case_id, bureau_id, kind, title, number, issued_on, pdf_sm3, size, pages, signature,
          key_fingerprint, verify_code_hash, template_scope, template_version, party_name, agency_name, issued_by)
        VALUES (${docId}, ${id}, ${bureauId}, 'summary_decision', '当场行政处罚决定书', ${`B${i}`}, '2026-03-02', ${pdfSm3},
          ${bytes.length}, 1, ${'0'.repeat(128)}, ${'0'.repeat(16)}, ${sm3Hex(`code${i}`)}, 'builtin', 1, '赵六', '浦东', ${officers[0]})`.execute(
        trx,
      );
      await chain.append(trx, { action: 'document.issue', entityType: 'document', entityId: docId, bureauId, data: { sm3: pdfSm3 } });
    });
  }
  const docBaseMs = performance.now() - t1;
  results.push(benchResult('issue a 当场处罚决定书 PDF (render, SM3, SM2, store)', n, docMs, docBaseMs, { perOp: 1 }));

  // Workload 5b: the same documents drawn by pdfkit alone (same blocks, fonts and layout; no database, no signing).
  const bare = await renderedSummaryDecision(ctx, tickets[0]!);
  await bareRender(bare, `${ctx.deps.config.publicBaseUrl}/verify/warm-up?c=ABCDE23456`, ctx.clock.now());
  const t1b = performance.now();
  for (const d of issued) await bareRender(bare, `${ctx.deps.config.publicBaseUrl}${d.verifyPath}`, ctx.clock.now());
  const bareMs = performance.now() - t1b;
  results.push(benchResult('issue a 当场处罚决定书 PDF vs bare pdfkit (same document)', n, docMs, bareMs, { perOp: 1 }));

  // Workload 6: the provider's signed callback for each ticket (checkout and payment at the sandbox not timed).
  const merchant = await sandboxMerchant(db);
  const notifications: Record<string, unknown>[] = [];
  for (const id of tickets) {
    const co = await call<Checkout>('POST', `/api/v1/cases/${id}/payments/checkout`, undefined, 200);
    const sandboxId = co.checkoutUrl.split('/').at(-1)!;
    const paid = await call<SandboxCheckoutView>('POST', `/api/public/sandbox-pay/${sandboxId}/pay`, undefined, 200, false);
    const fields = {
      merchantId: merchant.merchant_id,
      event: 'payment.succeeded',
      txnId: paid.txnId,
      outTradeNo: co.checkoutId,
      amountFen: co.amountFen,
      paidAt: paid.paidAt,
      nonce: `bench-${id}`,
      signType: 'HMAC-SM3',
    };
    notifications.push({ ...fields, sign: signFields(merchant.secret, fields) });
  }
  const t2 = performance.now();
  for (const body of notifications) await call('POST', '/api/public/payments/sandbox/callback', body, 200, false);
  const payMs = performance.now() - t2;
  const orders = await db.selectFrom('payment_orders').select(['id', 'case_id']).where('case_id', 'in', tickets).execute();
  await chain.sync();
  const t3 = performance.now();
  for (const [i, o] of orders.entries()) {
    await db.transaction().execute(async (trx) => {
      const txn = await sql<{ id: string }>`INSERT INTO payment_transactions (id, bureau_id, provider, provider_txn_id, order_id, case_id,
          amount_fen, expected_fen, paid_at, paid_on, status, booked_fen, callback)
        VALUES (${ctx.deps.newId()}, ${bureauId}, 'sandbox', ${`base-${i}`}, ${o.id}, ${o.case_id}, 10000, 10000, now(), '2026-03-02',
          'confirmed', 10000, ${JSON.stringify(notifications[i])}::jsonb)
        ON CONFLICT (provider, provider_txn_id) DO NOTHING RETURNING id`.execute(trx);
      if (txn.rows.length === 0) return;
      const v = await sql<{ version: number }>`UPDATE cases SET version = version + 1, snapshot = snapshot, updated_at = now()
        WHERE id = ${o.case_id} RETURNING version`.execute(trx);
      await sql`INSERT INTO case_events (id, case_id, bureau_id, action, from_state, to_state, legal_date, at, version, data)
        VALUES (${ctx.deps.newId()}, ${o.case_id}, ${bureauId}, 'recordSummaryPayment', 'summary_decided', 'summary_paid', '2026-03-02',
          now(), ${v.rows[0]!.version}, '{"channel":"payment"}'::jsonb)`.execute(trx);
      await sql`UPDATE payment_orders SET paid_fen = 10000, status = 'paid', paid_on = '2026-03-02', updated_at = now() WHERE id = ${o.id}`.execute(
        trx,
      );
      await chain.append(trx, { action: 'payment.received', entityType: 'case', entityId: o.case_id, bureauId });
      // What the platform's case step and booking write besides: the enforcement row, the payment deadline done, the
      // superseding of other open orders, the checkout closed, and the case step's own audit row.
      await sql`INSERT INTO case_enforcement (case_id, bureau_id, org_id, status, fine_fen, refreshed_on)
        SELECT id, bureau_id, org_id, 'none', 10000, '2026-03-02' FROM cases WHERE id = ${o.case_id}
        ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, refreshed_on = excluded.refreshed_on, updated_at = now()`.execute(
        trx,
      );
      await sql`DELETE FROM case_deadlines WHERE case_id = ${o.case_id} AND kind NOT IN ('payment')`.execute(trx);
      await sql`UPDATE case_deadlines SET state = 'met', done_on = '2026-03-02', updated_at = now()
        WHERE case_id = ${o.case_id} AND kind = 'payment'`.execute(trx);
      await sql`UPDATE payment_orders SET status = 'superseded', updated_at = now() WHERE case_id = ${o.case_id} AND status = 'open'`.execute(
        trx,
      );
      await sql`UPDATE payment_checkouts SET status = 'paid', closed_at = now() WHERE order_id = ${o.id} AND status = 'open'`.execute(trx);
      await chain.append(trx, { action: 'case.recordSummaryPayment', entityType: 'case', entityId: o.case_id, bureauId });
    });
  }
  const payBaseMs = performance.now() - t3;
  results.push(
    benchResult('payment callback (verify HMAC-SM3, book once, case step)', orders.length, payMs, payBaseMs, { perOp: 1, public: true }),
  );
  return results;
}
