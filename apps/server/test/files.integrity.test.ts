// Stored files prove themselves: every read hashes the bytes again. A flipped byte on disk is refused (never the
// bytes), flagged for the administrators and audited; the public verify page says the document is not genuine. The
// daily scrub reads every stored file in batches, flags altered and missing ones and clears a file restored from a
// backup; the administrators list the flagged files (filters, Excel) and see the scrub's last and next run.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseDetail,
  DocumentVerification,
  FileIntegrityIssue,
  FileIntegrityOverview,
  FileScrubRun,
  IssuedDocumentCreated,
  PageOf,
} from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { caseKit, decidedCase, jpeg, type CaseKit } from './cases-support.ts';
import { portalLogin } from './portal-support.ts';
import { runDueJobs } from '../src/modules/scheduler/worker.ts';
import { FILE_JOB_HANDLERS } from '../src/modules/files/files.jobs.ts';
import { sm3Hex } from '../src/shared/sm3.ts';
import { buildModules } from '../src/platform/build-modules.ts';

let ctx: TestContext;
let kit: CaseKit;
let filesDir: string;
let decided: CaseDetail;
let decision: IssuedDocumentCreated;

const onDisk = (sm3: string) => path.join(filesDir, sm3.slice(0, 2), sm3.slice(2, 4), sm3);

async function flipOneByte(sm3: string, at = 20): Promise<Buffer> {
  const bytes = await fs.readFile(onDisk(sm3));
  const original = Buffer.from(bytes);
  bytes[at] = bytes[at]! ^ 0x01;
  await fs.writeFile(onDisk(sm3), bytes);
  return original;
}

const as = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: kit.tokens[user]!, ...(body !== undefined ? { body } : {}) });

const issuesOf = (sm3: string) => ctx.deps.db.selectFrom('file_integrity_issues').selectAll().where('sm3', '=', sm3).execute();
const auditsOf = (sm3: string) =>
  ctx.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'data'])
    .where('action', '=', 'file.integrity_failure')
    .where('entity_id', '=', sm3)
    .orderBy('seq')
    .execute();

/** Runs the worker's file jobs until none is due (the scrub's batches follow one another as jobs). */
async function runFileJobs(): Promise<void> {
  for (let i = 0; i < 50; i++) if ((await runDueJobs(ctx.deps, FILE_JOB_HANDLERS, 'test')) === 0) return;
  throw new Error('file jobs did not settle');
}

beforeAll(async () => {
  filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cg-files-'));
  ctx = await createTestContext({ config: { filesDir } });
  kit = await caseKit(ctx);
  for (const u of ['pd_admin', 'qp_admin']) kit.tokens[u] = await ctx.login(u);
  decided = await decidedCase(kit);
  const r = await as('pd_ljz_01', 'POST', `/api/v1/cases/${decided.id}/documents`, { kind: 'decision' });
  expect(r.statusCode, r.body).toBe(201);
  decision = r.json() as IssuedDocumentCreated;
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await fs.rm(filesDir, { recursive: true, force: true });
});

describe('a flipped byte on disk', () => {
  it('an evidence photo: refused (a clear error, never the bytes), flagged, audited; seen again, counted', async () => {
    const e = decided.evidence[0]!;
    const url = `/api/v1/cases/${decided.id}/evidence/${e.id}/file`;
    expect((await as('pd_ljz_01', 'GET', url)).statusCode).toBe(200);
    const original = await flipOneByte(e.fileSm3);
    const r = await as('pd_ljz_01', 'GET', url);
    expect(r.statusCode).toBe(500);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(errorBody(r).code).toBe('FILE_INTEGRITY_FAILED');
    expect(errorBody(r).message).toContain('SM3');
    expect(r.body).not.toContain(original.subarray(11).toString('latin1'));
    const altered = await fs.readFile(onDisk(e.fileSm3));
    const [issue] = await issuesOf(e.fileSm3);
    expect(issue).toMatchObject({ kind: 'mismatch', found_by: 'read', status: 'open', actual_sm3: sm3Hex(altered), times_seen: 1 });
    const [audit] = await auditsOf(e.fileSm3);
    expect(audit).toMatchObject({ action: 'file.integrity_failure', actor_id: kit.officerId('pd_ljz_01') });
    expect(audit!.data).toMatchObject({
      kind: 'mismatch',
      foundBy: 'read',
      objectType: 'case_evidence',
      objectId: e.id,
      firstFinding: true,
    });
    await as('pd_ljz_01', 'GET', url);
    expect((await issuesOf(e.fileSm3))[0]).toMatchObject({ times_seen: 2, status: 'open' });
    expect(await auditsOf(e.fileSm3)).toHaveLength(2);
    // The same bytes uploaded again repair nothing silently: the name is taken, the altered copy is still refused.
    await fs.writeFile(onDisk(e.fileSm3), original);
    expect((await as('pd_ljz_01', 'GET', url)).statusCode).toBe(200);
    await flipOneByte(e.fileSm3);
  });

  it('a decision PDF: the officer, the party and the court package get no bytes; the verify page says not genuine', async () => {
    const sm3 = decision.document.sm3;
    const before = await as('pd_ljz_01', 'GET', `/api/v1/documents/${decision.document.id}/pdf`);
    expect(before.statusCode).toBe(200);
    await flipOneByte(sm3, 200);
    const officer = await as('pd_ljz_01', 'GET', `/api/v1/documents/${decision.document.id}/pdf`);
    expect(officer.statusCode).toBe(500);
    expect(errorBody(officer).code).toBe('FILE_INTEGRITY_FAILED');
    const party = await portalLogin(ctx, decided.id, decision.document.number!);
    const partyPdf = await party.call('GET', `/api/portal/documents/${decision.document.id}/pdf`);
    expect(partyPdf.statusCode).toBe(500);
    expect(partyPdf.rawPayload.subarray(0, 5).toString('latin1')).not.toBe('%PDF-');
    // The public page of the QR code: the signature still verifies over the recorded SM3, but the stored bytes do not.
    const [id, query] = decision.verifyPath.replace('/verify/', '').split('?');
    const v = await ctx.api('GET', `/api/public/documents/${id}/verify?${query}`);
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json() as DocumentVerification).toMatchObject({ sm3, signatureValid: true, storedIntact: false });
    const audits = await auditsOf(sm3);
    expect(audits.map((a) => (a.data as { objectType: string; channel?: string }).channel ?? 'officer')).toEqual([
      'officer',
      'portal',
      'public',
    ]);
    expect((await issuesOf(sm3))[0]).toMatchObject({ kind: 'mismatch', status: 'open', times_seen: 3 });
  });

  it('inside a write (a service record naming a flipped signature): refused, the step rolled back, the finding kept', async () => {
    const c = await decidedCase(kit);
    const sig = await kit.upload('pd_ljz_01', `签名 ${c.id}`);
    await flipOneByte(sig, 12);
    const services = (await as('pd_ljz_01', 'GET', `/api/v1/cases/${c.id}/services`)).json() as {
      documents: { id: string; kind: string }[];
    };
    const r = await as('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/services`, {
      documentId: services.documents.find((d) => d.kind === 'decision')!.id,
      method: 'direct',
      servedOn: '2026-01-21',
      recipientName: '王小明',
      signatureSm3: sig,
    });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('signatureSm3');
    expect(await ctx.deps.db.selectFrom('case_services').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
    expect((await issuesOf(sig))[0]).toMatchObject({ kind: 'mismatch', status: 'open' });
    expect(await auditsOf(sig)).toHaveLength(1);
  });
});

describe('the daily scrub', () => {
  it('is scheduled daily at 03:00 Shanghai; its job starts a run and schedules the next day', async () => {
    await buildModules(ctx.deps).scheduleJobs(ctx.clock.now());
    const job = await ctx.deps.db
      .selectFrom('jobs')
      .select(['run_at', 'status'])
      .where('kind', '=', 'files.scrub.daily')
      .executeTakeFirstOrThrow();
    // The test clock is 2026-03-02 10:00 in Shanghai: the next 03:00 is on 03-03.
    expect(new Date(job.run_at).toISOString()).toBe('2026-03-02T19:00:00.000Z');
  });

  it('finds every altered and missing file in batches, counts them, and resolves a file restored from a backup', async () => {
    const gone = await kit.upload('pd_ljz_01', jpeg('a photo whose file will be lost'));
    await fs.rm(onDisk(gone));
    const stored = Number(
      (
        await ctx.deps.db
          .selectFrom('files')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect((await as('pd_ljz_01', 'POST', '/api/v1/file-integrity/scrub-runs')).statusCode).toBe(403);
    const start = await as('pd_admin', 'POST', '/api/v1/file-integrity/scrub-runs');
    expect(start.statusCode, start.body).toBe(201);
    expect(start.json()).toMatchObject({ trigger: 'manual', status: 'running', filesChecked: 0 });
    const again = await as('pd_admin', 'POST', '/api/v1/file-integrity/scrub-runs');
    expect(again.statusCode).toBe(409);
    await runFileJobs();
    const runs = (await as('pd_admin', 'GET', '/api/v1/file-integrity/scrub-runs')).json() as PageOf<FileScrubRun>;
    expect(runs.items[0]).toMatchObject({ status: 'done', filesChecked: stored, mismatched: 3, missing: 1, restored: 0 });
    expect((await issuesOf(gone))[0]).toMatchObject({ kind: 'missing', found_by: 'scrub', status: 'open' });
    const scrubAudit = (await auditsOf(gone))[0]!;
    expect(scrubAudit).toMatchObject({ actor_id: null });
    expect(scrubAudit.data).toMatchObject({ foundBy: 'scrub', objectType: 'file_scrub_run', channel: 'worker' });

    // Restored from a backup: the next run finds the bytes intact and resolves the issue.
    const e = decided.evidence[0]!;
    await fs.writeFile(onDisk(e.fileSm3), jpeg(`photo of ${decided.id}`));
    // The next run is a later one (runs are listed newest first).
    ctx.clock.advance(3_600_000);
    await as('pd_admin', 'POST', '/api/v1/file-integrity/scrub-runs');
    await runFileJobs();
    const second = ((await as('pd_admin', 'GET', '/api/v1/file-integrity/scrub-runs')).json() as PageOf<FileScrubRun>).items[0]!;
    expect(second).toMatchObject({ status: 'done', mismatched: 2, missing: 1, restored: 1 });
    expect((await issuesOf(e.fileSm3))[0]).toMatchObject({ status: 'resolved' });
    expect((await as('pd_ljz_01', 'GET', `/api/v1/cases/${decided.id}/evidence/${e.id}/file`)).statusCode).toBe(200);
  });

  it('the administrators list the flagged files of their jurisdiction, filter them, export them; see the last and next run', async () => {
    const all = await as('pd_admin', 'GET', '/api/v1/file-integrity/issues');
    expect(all.statusCode, all.body).toBe(200);
    const page = all.json() as PageOf<FileIntegrityIssue>;
    expect(page.total).toBe(4);
    expect(page.items.every((i) => i.bureauName === '浦东新区城市管理行政执法局')).toBe(true);
    const open = (await as('pd_admin', 'GET', '/api/v1/file-integrity/issues?status=open')).json() as PageOf<FileIntegrityIssue>;
    expect(open.total).toBe(3);
    const missing = (await as('pd_admin', 'GET', '/api/v1/file-integrity/issues?kind=missing')).json() as PageOf<FileIntegrityIssue>;
    expect(missing.items.map((i) => i.kind)).toEqual(['missing']);
    const prefix = missing.items[0]!.sm3.slice(0, 6);
    expect(((await as('pd_admin', 'GET', `/api/v1/file-integrity/issues?sm3=${prefix}`)).json() as PageOf<FileIntegrityIssue>).total).toBe(
      1,
    );
    const today = (await as('pd_admin', 'GET', '/api/v1/file-integrity/issues?from=2026-03-02&to=2026-03-02')).json() as PageOf<unknown>;
    expect(today.total).toBe(4);
    expect(((await as('pd_admin', 'GET', '/api/v1/file-integrity/issues?to=2026-03-01')).json() as PageOf<unknown>).total).toBe(0);
    // Another district sees none of 浦东's; the city sees them all; officers may not look.
    expect(((await as('qp_admin', 'GET', '/api/v1/file-integrity/issues')).json() as PageOf<unknown>).total).toBe(0);
    expect(((await as('admin', 'GET', '/api/v1/file-integrity/issues')).json() as PageOf<unknown>).total).toBe(4);
    expect((await as('pd_ljz_01', 'GET', '/api/v1/file-integrity/issues')).statusCode).toBe(403);
    const xlsx = await as('pd_admin', 'GET', '/api/v1/file-integrity/issues/export.xlsx?status=open');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const overview = (await as('pd_admin', 'GET', '/api/v1/file-integrity')).json() as FileIntegrityOverview;
    expect(overview).toMatchObject({ openIssues: 3, nextRunAt: '2026-03-02T19:00:00.000Z' });
    expect(overview.lastRun).toMatchObject({ status: 'done', restored: 1, trigger: 'manual' });
    expect(overview.storedFiles).toBeGreaterThan(4);
  });
});
