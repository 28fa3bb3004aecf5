/**
 * Where the time of a request goes: runs one of each write request (and the officer's three reads) through the platform (in-process, like the bench)
 * and reports, per request, the SQL statements sent (count, time waiting for the database) and the rest of the
 * request's time (validation, rules, JSON, PDF …). Statements are counted at the node-postgres client, so both
 * engines are measured the same way.
 *
 *   npm run profile -w @chengguan/bench            embedded PGlite
 *   DATABASE_URL=postgres://… npm run profile -w @chengguan/bench
 *
 * WRITE_PROFILE_REPEAT (default 5) requests of each kind are averaged; WRITE_PROFILE_VERBOSE=1 lists the statements of
 * the last request of each kind.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Checkout, SandboxCheckoutView } from '@chengguan/contracts';
import { createBenchContext } from './verified-library.ts';
import { buildDemoData } from '../../apps/server/src/seed/demo-data.ts';
import { sandboxMerchant } from '../../apps/server/src/modules/payments/providers/sandbox-provider.ts';
import { signFields } from '../../apps/server/src/modules/payments/providers/signing.ts';
import { ordinaryCaseBody, ordinaryCaseSteps, summaryTicketBody } from './cases.ts';

type Stmt = { text: string; ms: number };
let current: Stmt[] | null = null;
const original = pg.Client.prototype.query;
// Counts every statement a client sends and the time until its answer.
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const log = current;
  const first = args[0] as string | { text: string };
  const text = typeof first === 'string' ? first : first?.text;
  const t = performance.now();
  const r = (original as (...a: unknown[]) => unknown).apply(this, args);
  if (log && r && typeof (r as Promise<unknown>).then === 'function') {
    return (r as Promise<unknown>).then((v) => {
      log.push({ text: String(text).replace(/\s+/g, ' ').slice(0, 140), ms: performance.now() - t });
      return v;
    });
  }
  return r;
} as typeof original;

const VERBOSE = process.env.WRITE_PROFILE_VERBOSE === '1';
const REPEAT = Number(process.env.WRITE_PROFILE_REPEAT ?? 5);
type Row = { request: string; statements: number; 'db ms': string; 'other ms': string; 'total ms': string; 'answer bytes': number };
const rows: Row[] = [];

async function measure(name: string, fn: () => Promise<{ statusCode: number; body: string }>): Promise<void> {
  let total = 0;
  let db = 0;
  let count = 0;
  let bytes = 0;
  let last: Stmt[] = [];
  for (let i = 0; i < REPEAT; i++) {
    current = [];
    const t = performance.now();
    const r = await fn();
    total += performance.now() - t;
    if (r.statusCode >= 300) throw new Error(`${name}: ${r.statusCode} ${r.body}`);
    db += current.reduce((s, x) => s + x.ms, 0);
    count += current.length;
    bytes = r.body.length;
    last = current;
    current = null;
  }
  rows.push({
    request: name,
    statements: count / REPEAT,
    'db ms': (db / REPEAT).toFixed(2),
    'other ms': ((total - db) / REPEAT).toFixed(2),
    'total ms': (total / REPEAT).toFixed(2),
    'answer bytes': bytes,
  });
  if (VERBOSE) {
    console.log(`\n## ${name}`);
    for (const s of last) console.log(`${s.ms.toFixed(2).padStart(7)} ms  ${s.text}`);
  }
}

async function main(): Promise<void> {
  const ctx = await createBenchContext();
  const demo = buildDemoData();
  const officerId = (u: string) => ctx.seed.ids.officers.get(demo.officers.find((o) => o.username === u)!.key)!;
  const orgId = ctx.seed.ids.orgs.get('pd-ljz')!;
  const admin = await ctx.login('pd_admin');
  const officer = await ctx.login('pd_ljz_01');
  const leader = await ctx.login('pd_ljz_leader');
  const head = await ctx.login('pd_leader');
  const officers = [officerId('pd_ljz_01'), officerId('pd_ljz_03')];
  const api = (token: string | undefined, method: string, url: string, body?: unknown) =>
    ctx.api(method, url, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
  await api(leader, 'POST', '/api/v1/summary-ticket-ranges', {
    orgId,
    prefix: '沪浦城管当罚〔2026〕',
    firstNumber: 1,
    lastNumber: 999_999,
  });
  const up = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${officer}`, 'content-type': 'image/jpeg' },
    payload: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.from('bench photo')]),
  });
  const photo = (up.json() as { sm3: string }).sm3;
  // Warm-up: one of each, not measured.
  await api(admin, 'POST', '/api/v1/officers', { orgId, name: '预热', employeeNo: 'WP-0', roles: ['field_officer'] });
  const warm = (await api(officer, 'POST', '/api/v1/cases/summary', summaryTicketBody(photo, officers))).json() as { id: string };
  await api(officer, 'POST', `/api/v1/cases/${warm.id}/documents`, { kind: 'summary_decision' });

  let n = 0;
  await measure('POST /officers (register officer)', () =>
    api(admin, 'POST', '/api/v1/officers', { orgId, name: `剖析${++n}`, employeeNo: `WP-${n}`, roles: ['field_officer'] }),
  );
  const tickets: string[] = [];
  await measure('POST /cases/summary (ticket)', async () => {
    const r = await api(officer, 'POST', '/api/v1/cases/summary', summaryTicketBody(photo, officers));
    tickets.push((r.json() as { id: string }).id);
    return r;
  });
  let d = 0;
  await measure('POST /cases/:id/documents (当场决定书 PDF)', () =>
    api(officer, 'POST', `/api/v1/cases/${tickets[d++]}/documents`, { kind: 'summary_decision' }),
  );
  const merchant = await sandboxMerchant(ctx.deps.db);
  const notes: Record<string, unknown>[] = [];
  for (const id of tickets) {
    const co = (await api(officer, 'POST', `/api/v1/cases/${id}/payments/checkout`)).json() as Checkout;
    const paid = (
      await api(undefined, 'POST', `/api/public/sandbox-pay/${co.checkoutUrl.split('/').at(-1)}/pay`)
    ).json() as SandboxCheckoutView;
    const fields = {
      merchantId: merchant.merchant_id,
      event: 'payment.succeeded',
      txnId: paid.txnId,
      outTradeNo: co.checkoutId,
      amountFen: co.amountFen,
      paidAt: paid.paidAt,
      nonce: `profile-${id}`,
      signType: 'HMAC-SM3',
    };
    notes.push({ ...fields, sign: signFields(merchant.secret, fields) });
  }
  let p = 0;
  await measure('POST /payments/sandbox/callback', () => api(undefined, 'POST', '/api/public/payments/sandbox/callback', notes[p++]));

  // The ordinary case, step by step (REPEAT cases).
  const ids: string[] = [];
  await measure('POST /cases (register ordinary)', async () => {
    const r = await api(officer, 'POST', '/api/v1/cases', ordinaryCaseBody(officers));
    ids.push((r.json() as { id: string }).id);
    return r;
  });
  const tokens = { officer, leader, head };
  for (const { path, by, body } of ordinaryCaseSteps(photo, officers)) {
    let k = 0;
    await measure(`POST /cases/:id/${path}`, () => api(tokens[by], 'POST', `/api/v1/cases/${ids[k++]}/${path}`, body));
  }
  // The officer's reads the load driver plays most: his workbench, his squad's list, one case page.
  await api(officer, 'GET', '/api/v1/cases/workbench');
  await measure('GET /cases/workbench', () => api(officer, 'GET', '/api/v1/cases/workbench'));
  await measure('GET /cases (list, first page)', () => api(officer, 'GET', '/api/v1/cases?page=1&pageSize=20'));
  let g = 0;
  await measure('GET /cases/:id (case page)', () => api(officer, 'GET', `/api/v1/cases/${ids[g++ % ids.length]}`));
  console.log(`database: ${ctx.database.kind}; mean of ${REPEAT} requests each (after one warm-up of each kind)`);
  console.table(rows);
  await ctx.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
