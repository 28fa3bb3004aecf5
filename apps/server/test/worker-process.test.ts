// The worker as its own process (worker-main.ts) is wired from the same module list as the API: a public-notice
// service deemed served on its day (F4) is served by the worker's job, and the step's hooks run with it (the case's
// enforcement row is refreshed in the same transaction).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, decidedCase, type CaseKit } from './cases-support.ts';
import { openPlatform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { documentSecret } from '../src/modules/documents/document-signing.ts';

const SERVER_DIR = path.resolve(import.meta.dirname, '..');
let ctx: TestContext;
let kit: CaseKit;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-worker-'));
  ctx = await createTestContext({ dataDir: dir });
  kit = await caseKit(ctx);
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('worker-main --once serves a deemed public notice and runs the step hooks (enforcement refreshed)', async () => {
  const c = await decidedCase(kit);
  const token = kit.tokens.pd_ljz_01!;
  const docs = await ctx.api('GET', `/api/v1/cases/${c.id}/services`, { token });
  const documentId = (docs.json() as { documents: { id: string; kind: string }[] }).documents.find((d) => d.kind === 'decision')!.id;
  const served = await ctx.api('POST', `/api/v1/cases/${c.id}/services`, {
    token,
    body: {
      documentId,
      method: 'public_notice',
      noticeReason: '当事人下落不明，直接送达、邮寄送达均未成功',
      medium: '浦东新区城管执法局网站',
      publishedOn: '2026-02-01',
    },
  });
  expect(served.statusCode, served.body).toBe(201);
  // Deemed served on 2026-04-02 (60 days): a job due then, long past on any real clock this test runs on.
  const before = await ctx.deps.db.selectFrom('case_enforcement').select('payment_due').where('case_id', '=', c.id).executeTakeFirst();
  expect(before?.payment_due ?? null).toBeNull();
  const env = { ...process.env, ...ctx.processEnv(), DOC_KEY_SECRET: documentSecret(ctx.config), LOG_LEVEL: 'warn' };
  await ctx.detach();

  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/worker-main.ts', '--once'], {
    cwd: SERVER_DIR,
    env,
    encoding: 'utf8',
    timeout: 240_000,
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toMatch(/worker ran \d+ due jobs/);

  const config = { ...loadConfig({ ...process.env, ...ctx.processEnv() }), webDist: null };
  const { database } = await openPlatform({ config, migrate: false });
  try {
    const row = await database.db.selectFrom('cases').select(['state']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.state).toBe('decision_served');
    // Only the serveDecision step's hook writes this row here (--once schedules no daily check): G1 runs 15 days
    // from the deemed service on 2026-04-02.
    const enforcement = await database.db
      .selectFrom('case_enforcement')
      .select(['payment_due', 'fine_fen'])
      .where('case_id', '=', c.id)
      .executeTakeFirst();
    expect(enforcement).toMatchObject({ payment_due: '2026-04-17', fine_fen: 100_000 });
  } finally {
    await database.close();
  }
  // A process of its own: it compiles and opens the database itself, slow on a loaded machine.
}, 300_000);
