/**
 * Issuing a PDF against bare pdfkit drawing the same document, in rounds that alternate the two, so a noisy
 * machine slows both alike: the ratio of each round and their median.
 *
 *   npm run documents -w @chengguan/bench            embedded PGlite
 *   DATABASE_URL=postgres://… npm run documents -w @chengguan/bench
 *
 * DOC_ROUNDS (default 7) rounds of DOC_PER_ROUND (default 20) documents each.
 */
import { performance } from 'node:perf_hooks';
import type { IssuedDocumentCreated } from '@chengguan/contracts';
import { createBenchContext } from './verified-library.ts';
import { buildDemoData } from '../../apps/server/src/seed/demo-data.ts';
import { summaryTicketBody } from './cases.ts';
import { bareRender, renderedSummaryDecision } from './pdfkit-baseline.ts';
import { median } from './median.ts';

const ROUNDS = Number(process.env.DOC_ROUNDS ?? 7);
const PER_ROUND = Number(process.env.DOC_PER_ROUND ?? 20);

async function main(): Promise<void> {
  const ctx = await createBenchContext();
  const demo = buildDemoData();
  const officerId = (u: string) => ctx.seed.ids.officers.get(demo.officers.find((o) => o.username === u)!.key)!;
  const officers = [officerId('pd_ljz_01'), officerId('pd_ljz_03')];
  const token = await ctx.login('pd_ljz_01');
  const call = async <T>(method: string, url: string, body: unknown, expected: number): Promise<T> => {
    const r = await ctx.api(method, url, { token, ...(body !== undefined ? { body } : {}) });
    if (r.statusCode !== expected) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as T;
  };
  const up = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
    payload: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.from('bench photo')]),
  });
  const photo = (up.json() as { sm3: string }).sm3;
  const ticket = async () => (await call<{ id: string }>('POST', '/api/v1/cases/summary', summaryTicketBody(photo, officers), 201)).id;
  const issue = (id: string) => call<IssuedDocumentCreated>('POST', `/api/v1/cases/${id}/documents`, { kind: 'summary_decision' }, 201);
  // Untimed warm-up of both sides: the first PDF opens the fonts, the first answer compiles its serializer.
  await issue(await ticket());
  const first = await ticket();
  const bare = await renderedSummaryDecision(ctx, first);
  await bareRender(bare, `${ctx.deps.config.publicBaseUrl}/verify/warm-up?c=ABCDE23456`, ctx.clock.now());
  const ratios: number[] = [];
  const platform: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const tickets: string[] = [];
    for (let i = 0; i < PER_ROUND; i++) tickets.push(await ticket());
    const t0 = performance.now();
    const issued: IssuedDocumentCreated[] = [];
    for (const id of tickets) issued.push(await issue(id));
    const docMs = performance.now() - t0;
    const t1 = performance.now();
    for (const d of issued) await bareRender(bare, `${ctx.deps.config.publicBaseUrl}${d.verifyPath}`, ctx.clock.now());
    const bareMs = performance.now() - t1;
    platform.push(docMs / PER_ROUND);
    baseline.push(bareMs / PER_ROUND);
    ratios.push(bareMs / docMs);
  }
  console.log(`database: ${ctx.database.kind}, ${ROUNDS} rounds × ${PER_ROUND} documents`);
  console.table(
    ratios.map((r, i) => ({ 'issue ms': platform[i]!.toFixed(1), 'bare pdfkit ms': baseline[i]!.toFixed(1), ratio: r.toFixed(2) })),
  );
  console.log(
    `median: issue ${median(platform).toFixed(1)} ms, bare pdfkit ${median(baseline).toFixed(1)} ms, ratio ${median(ratios).toFixed(2)}× of bare pdfkit`,
  );
  await ctx.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
