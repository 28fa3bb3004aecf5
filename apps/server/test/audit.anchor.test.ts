// Tamper evidence that holds: every column of an audit row is in its hash, and signed checkpoints of the chain's
// head — in their own table, in a file outside the database, in an export — expose what a consistent chain cannot:
// rows cut from the end, and a row rewritten with every later hash recomputed.
//
// Each tampering runs the way someone with the table owner's rights would do it (triggers disabled), inside a
// transaction the test rolls back, so every test starts from the same intact chain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Transaction } from 'kysely';
import { auditRowHash, checkpointDigest, checkpointLine, GENESIS_HASH, parseCheckpointLines, type AuditChainRow } from '@chengguan/domain';
import type { AuditVerifyResult } from '@chengguan/contracts';
import { createBlankPlatform, createTestContext, type TestContext } from './harness.ts';
import type { DB } from '../src/db/schema.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { recordAudit } from '../src/modules/audit/audit.service.ts';
import { readAuditBatch } from '../src/modules/audit/audit.repository.ts';
import { CHECKPOINT_JOB_HANDLERS, anchorAuditChainAtShutdown, scheduleCheckpointTimer } from '../src/modules/audit/audit-checkpoint-job.ts';
import { verifyAuditChain, type CheckpointFileInput } from '../src/modules/audit/use-cases/verify-audit-chain.ts';
import { writeAuditCheckpoint } from '../src/modules/audit/use-cases/write-checkpoint.ts';
import { runDueJobs } from '../src/modules/scheduler/worker.ts';
import { generateKeyPair, keyFingerprint, signDigest, verifyDigest } from '../src/shared/sm2-keys.ts';
import { sm3Hex } from '../src/shared/sm3.ts';

const ROWS_PER_CHECKPOINT = 25;
let ctx: TestContext;
let admin: string;
let pdAdmin: string;
let dir: string;
let checkpointFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-audit-'));
  checkpointFile = path.join(dir, 'audit', 'checkpoints.jsonl');
  ctx = await createTestContext({
    config: { auditCheckpointFile: checkpointFile, auditCheckpointRows: ROWS_PER_CHECKPOINT, auditCheckpointMinutes: 15 },
  });
  admin = await ctx.login('admin');
  pdAdmin = await ctx.login('pd_admin');
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const runJobs = () => runDueJobs(ctx.deps, CHECKPOINT_JOB_HANDLERS, 'test-worker', 100);

/** A few audited writes (a district renames a unit back and forth). */
async function someWrites(n: number): Promise<void> {
  const org = ctx.seed.ids.orgs.get('pd-hm')!;
  for (let i = 0; i < n; i++) {
    const r = await ctx.api('PATCH', `/api/v1/orgs/${org}`, { token: pdAdmin, body: { shortName: `花木${i % 2}` } });
    expect(r.statusCode, r.body).toBe(200);
  }
}

async function head(db = ctx.deps.db) {
  return db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}

async function checkpointCount(): Promise<number> {
  const { n } = await ctx.deps.db
    .selectFrom('audit_checkpoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

const ROLLBACK = new Error('rolled back on purpose');

/** Tampers inside a transaction (triggers off, as the table's owner could) and checks; everything is rolled back. */
async function whileTampered(tamper: (trx: Transaction<DB>) => Promise<void>, check: (trx: Transaction<DB>) => Promise<void>) {
  await ctx.deps.db
    .transaction()
    .execute(async (trx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
      await sql`ALTER TABLE audit_checkpoints DISABLE TRIGGER USER`.execute(trx);
      await tamper(trx);
      await check(trx);
      throw ROLLBACK;
    })
    .catch((e: unknown) => {
      if (e !== ROLLBACK) throw e;
    });
}

/** Rewrites row `seq` with `patch` and recomputes its hash and every later one, so that every link holds. */
async function rewriteAndRehash(trx: Transaction<DB>, seq: number, patch: Partial<AuditChainRow>) {
  const rows = (await readAuditBatch(trx, seq - 1, 100_000)) as AuditChainRow[];
  let prev = rows[0]!.prevHash;
  for (const [i, original] of rows.entries()) {
    const row = { ...original, ...(i === 0 ? patch : {}), prevHash: prev };
    const hash = auditRowHash(prev, row, sm3Hex);
    await trx
      .updateTable('audit_log')
      .set({ data: JSON.stringify(row.data), action: row.action, prev_hash: prev, hash })
      .where('seq', '=', row.seq)
      .execute();
    prev = hash;
  }
}

const serverFile = (): CheckpointFileInput[] => [{ name: checkpointFile, text: fs.readFileSync(checkpointFile, 'utf8') }];
const kinds = (r: AuditVerifyResult) => r.problems.map((p) => `${p.kind}@${p.seq}:${p.source}`);

describe('checkpoints are written', () => {
  it('by the timer job: signed, in the table and in the file, and the next run is scheduled', async () => {
    // The demo data's own checkpoints every N rows first; then a write that does not reach the next multiple of N.
    await runJobs();
    if (((await head()).seq + 1) % ROWS_PER_CHECKPOINT === 0) {
      await someWrites(1);
      await runJobs();
    }
    await someWrites(1);
    const start = ctx.clock.now();
    await scheduleCheckpointTimer(ctx.deps, start);
    const slot = new Date(Math.ceil(start.getTime() / 900_000) * 900_000);
    ctx.clock.set(slot);
    await runJobs();

    const h = await head();
    const row = await ctx.deps.db.selectFrom('audit_checkpoints').selectAll().where('seq', '=', h.seq).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ hash: h.hash, reason: 'interval' });
    expect(new Date(row.at).toISOString()).toBe(slot.toISOString());
    const key = await ctx.deps.db.selectFrom('audit_signing_keys').selectAll().executeTakeFirstOrThrow();
    const content = { id: row.id, seq: row.seq, hash: row.hash, at: slot.toISOString(), reason: row.reason, writtenBy: row.written_by };
    expect(verifyDigest(checkpointDigest(content, sm3Hex), row.signature, key.public_key)).toBe(true);

    const inFile = parseCheckpointLines(fs.readFileSync(checkpointFile, 'utf8')).entries.map((e) => e.checkpoint);
    expect(inFile.at(-1)).toMatchObject({ seq: h.seq, hash: h.hash, signature: row.signature, publicKey: key.public_key });

    const next = await ctx.deps.db
      .selectFrom('jobs')
      .select(['run_at', 'status'])
      .where('kind', '=', 'audit.checkpoint')
      .where('status', '=', 'pending')
      .execute();
    expect(next.map((j) => new Date(j.run_at).toISOString())).toEqual([new Date(slot.getTime() + 900_000).toISOString()]);
  });

  it('not again while the chain is idle', async () => {
    const before = await checkpointCount();
    expect(await writeAuditCheckpoint(ctx.deps, 'interval')).toBeNull();
    expect(await checkpointCount()).toBe(before);
  });

  it(`every ${ROWS_PER_CHECKPOINT} rows: the appending transaction schedules one`, async () => {
    const { seq } = await head();
    const next = Math.ceil((seq + 1) / ROWS_PER_CHECKPOINT) * ROWS_PER_CHECKPOINT;
    await someWrites(next - seq);
    const job = await ctx.deps.db
      .selectFrom('jobs')
      .selectAll()
      .where('dedupe_key', '=', `audit.checkpoint:rows:${next}`)
      .executeTakeFirst();
    expect(job?.status).toBe('pending');
    await runJobs();
    const written = await ctx.deps.db
      .selectFrom('audit_checkpoints')
      .select(['seq', 'reason'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(written).toEqual({ seq: (await head()).seq, reason: 'rows' });
  });

  it('at shutdown, with the file brought up to date', async () => {
    await someWrites(1);
    await anchorAuditChainAtShutdown(ctx.deps);
    const h = await head();
    const last = await ctx.deps.db
      .selectFrom('audit_checkpoints')
      .select(['seq', 'reason'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ seq: h.seq, reason: 'shutdown' });
    const seqs = parseCheckpointLines(fs.readFileSync(checkpointFile, 'utf8')).entries.map((e) => e.checkpoint.seq);
    expect(seqs).toHaveLength(await checkpointCount());
    expect(seqs.at(-1)).toBe(h.seq);
  });
});

describe('verify: the chain and every checkpoint', () => {
  it('an intact chain agrees with every checkpoint of the table and of the file', async () => {
    const r = await verifyAuditChain({ db: ctx.deps.db, files: serverFile() });
    expect(kinds(r)).toEqual([]);
    expect(r.ok).toBe(true);
    const n = await checkpointCount();
    expect(r.checkpoints).toMatchObject({ fromDatabase: n, fromFiles: n, checked: 2 * n });
    expect(r.checkpoints.keyFingerprints).toHaveLength(1);
  });

  it('deleting the tail → detected: the table ends before a checkpoint, first missing row named', async () => {
    const last = await ctx.deps.db.selectFrom('audit_checkpoints').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await whileTampered(
      (trx) =>
        trx
          .deleteFrom('audit_log')
          .where('seq', '>', last.seq - 3)
          .execute()
          .then(() => undefined),
      async (trx) => {
        const r = await verifyAuditChain({ db: trx, files: serverFile() });
        expect(r.ok).toBe(false);
        expect(r.headSeq).toBe(last.seq - 3);
        expect(r.problems).toEqual([
          { kind: 'truncated', seq: last.seq - 2, checkpointSeq: last.seq, source: 'database', line: null },
          { kind: 'truncated', seq: last.seq - 2, checkpointSeq: last.seq, source: 'file', line: null },
        ]);
        expect(r.firstBrokenSeq).toBe(last.seq - 2);
      },
    );
  });

  it('a whole table emptied → detected', async () => {
    await whileTampered(
      (trx) =>
        trx
          .deleteFrom('audit_log')
          .execute()
          .then(() => undefined),
      async (trx) => {
        const r = await verifyAuditChain({ db: trx });
        expect(r).toMatchObject({ ok: false, checked: 0, headSeq: null, firstBrokenSeq: 1, reason: 'truncated' });
      },
    );
  });

  it('cutting only rows appended after the last checkpoint goes unseen (the documented limit); the result counts them', async () => {
    await someWrites(3);
    const anchored = await ctx.deps.db
      .selectFrom('audit_checkpoints')
      .select('seq')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const before = await verifyAuditChain({ db: ctx.deps.db });
    expect(before.checkpoints.rowsAfterLast).toBe((await head()).seq - anchored.seq);
    expect(before.checkpoints.rowsAfterLast).toBeGreaterThanOrEqual(3);
    await whileTampered(
      (trx) =>
        trx
          .deleteFrom('audit_log')
          .where('seq', '>', anchored.seq)
          .execute()
          .then(() => undefined),
      async (trx) => {
        const r = await verifyAuditChain({ db: trx });
        expect(r).toMatchObject({ ok: true, headSeq: anchored.seq });
        expect(r.checkpoints.rowsAfterLast).toBe(0);
      },
    );
  });

  it('rewrite + rehash → detected at every checkpoint after the rewritten row, though every link holds', async () => {
    const cps = await ctx.deps.db.selectFrom('audit_checkpoints').select('seq').orderBy('seq').execute();
    const victim = cps[0]!.seq - 1;
    await whileTampered(
      (trx) => rewriteAndRehash(trx, victim, { data: { forged: true } }),
      async (trx) => {
        const r = await verifyAuditChain({ db: trx, files: serverFile() });
        expect(r.ok).toBe(false);
        expect(r.problems.filter((p) => p.source === 'chain')).toEqual([]);
        const mismatched = r.problems.filter((p) => p.kind === 'checkpoint_hash_mismatch');
        expect(new Set(mismatched.map((p) => p.seq))).toEqual(new Set(cps.map((c) => c.seq)));
        expect(new Set(mismatched.map((p) => p.source))).toEqual(new Set(['database', 'file']));
      },
    );
  });

  it('editing correlation_id → detected at that row', async () => {
    const { seq } = await head();
    await whileTampered(
      (trx) =>
        trx
          .updateTable('audit_log')
          .set({ correlation_id: 'forged-request' })
          .where('seq', '=', seq)
          .execute()
          .then(() => undefined),
      async (trx) => {
        const r = await verifyAuditChain({ db: trx });
        expect(r.problems).toEqual([{ kind: 'hash_mismatch', seq, checkpointSeq: null, source: 'chain', line: null }]);
      },
    );
  });

  it('editing any other stored column of a row is detected at that row (every column is in the hash)', async () => {
    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_log' AND table_schema = current_schema()`.execute(
      ctx.deps.db,
    );
    const names = columns.rows.map((c) => c.column_name).filter((c) => !['prev_hash', 'hash'].includes(c));
    const edits: Record<string, string> = {
      seq: 'seq = seq + 1000',
      id: 'id = gen_random_uuid()',
      at: "at = at + interval '1 second'",
      actor_id: 'actor_id = gen_random_uuid()',
      bureau_id: 'bureau_id = gen_random_uuid()',
      action: "action = 'org.delete'",
      entity_type: "entity_type = 'case'",
      entity_id: "entity_id = 'other'",
      data: `data = '{"forged":true}'::jsonb`,
      ip: "ip = '203.0.113.9'",
      correlation_id: "correlation_id = 'forged'",
      hash_version: 'hash_version = 1',
    };
    // A column added later without a hashed form (and an edit here) fails this test.
    expect(names.sort()).toEqual(Object.keys(edits).sort());
    const { seq } = await head();
    const victim = seq - 1;
    for (const [column, set] of Object.entries(edits)) {
      await whileTampered(
        (trx) =>
          sql
            .raw(`UPDATE audit_log SET ${set} WHERE seq = ${victim}`)
            .execute(trx)
            .then(() => undefined),
        async (trx) => {
          const r = await verifyAuditChain({ db: trx });
          expect(r.ok, column).toBe(false);
          // A moved seq shows as a gap at the row after it.
          expect(r.problems[0], column).toMatchObject({ source: 'chain', seq: column === 'seq' ? victim + 1 : victim });
        },
      );
    }
  });

  it('checkpoint signature tampered → detected, in the table', async () => {
    const cp = await ctx.deps.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').limit(1).executeTakeFirstOrThrow();
    const flipped = cp.signature.slice(0, -1) + (cp.signature.endsWith('0') ? '1' : '0');
    await whileTampered(
      (trx) =>
        trx
          .updateTable('audit_checkpoints')
          .set({ signature: flipped })
          .where('id', '=', cp.id)
          .execute()
          .then(() => undefined),
      async (trx) => {
        const r = await verifyAuditChain({ db: trx });
        expect(r.problems).toEqual([
          { kind: 'checkpoint_signature_invalid', seq: cp.seq, checkpointSeq: cp.seq, source: 'database', line: null },
        ]);
      },
    );
    // A checkpoint moved to vouch for a rewritten head breaks its signature the same way.
    await whileTampered(
      (trx) =>
        trx
          .updateTable('audit_checkpoints')
          .set({ hash: 'f'.repeat(64) })
          .where('id', '=', cp.id)
          .execute()
          .then(() => undefined),
      async (trx) => {
        expect(kinds(await verifyAuditChain({ db: trx }))).toEqual([`checkpoint_signature_invalid@${cp.seq}:database`]);
      },
    );
  });

  it('checkpoint signature tampered → detected, in the server file, through the API with the line named', async () => {
    const original = fs.readFileSync(checkpointFile, 'utf8');
    const lines = original.split('\n');
    const c = JSON.parse(lines[0]!) as { signature: string; seq: number };
    lines[0] = JSON.stringify({ ...c, signature: (c.signature.startsWith('0') ? '1' : '0') + c.signature.slice(1) });
    fs.writeFileSync(checkpointFile, lines.join('\n'));
    try {
      const r = await ctx.api('POST', '/api/v1/audit/verify', { token: admin });
      expect(r.statusCode).toBe(200);
      const result = r.json() as AuditVerifyResult;
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([
        { kind: 'checkpoint_signature_invalid', seq: c.seq, checkpointSeq: c.seq, source: 'file', line: 1 },
      ]);
    } finally {
      fs.writeFileSync(checkpointFile, original);
    }
    expect((await ctx.api('POST', '/api/v1/audit/verify', { token: admin })).json()).toMatchObject({ ok: true });
  });

  it('a checkpoint signed with a key that is not the audit key is not trusted; an expected fingerprint pins the key', async () => {
    const h = await head();
    const stranger = generateKeyPair();
    const content = {
      id: ctx.deps.newId(),
      seq: h.seq,
      hash: h.hash,
      at: ctx.clock.now().toISOString(),
      reason: 'manual' as const,
      writtenBy: 'elsewhere:1',
    };
    const forged = {
      ...content,
      publicKey: stranger.publicKey,
      keyFingerprint: keyFingerprint(stranger.publicKey),
      signature: signDigest(checkpointDigest(content, sm3Hex), stranger),
    };
    const r = await verifyAuditChain({ db: ctx.deps.db, files: [{ name: 'forged.jsonl', text: checkpointLine(forged) + '\n' }] });
    expect(r.problems).toEqual([{ kind: 'checkpoint_key_unknown', seq: h.seq, checkpointSeq: h.seq, source: 'file', line: 1 }]);

    const key = await ctx.deps.db.selectFrom('audit_signing_keys').select('fingerprint').executeTakeFirstOrThrow();
    expect((await verifyAuditChain({ db: ctx.deps.db, trustedFingerprints: [key.fingerprint.toLowerCase()] })).ok).toBe(true);
    const pinnedElsewhere = await verifyAuditChain({ db: ctx.deps.db, trustedFingerprints: [keyFingerprint(stranger.publicKey)] });
    expect(new Set(pinnedElsewhere.problems.map((p) => p.kind))).toEqual(new Set(['checkpoint_key_unknown']));
  });

  it('a line of a checkpoint file that is not a checkpoint is named', async () => {
    const r = await verifyAuditChain({ db: ctx.deps.db, files: [{ name: 'x.jsonl', text: '{"format":"something else"}\n' }] });
    expect(r.problems).toEqual([{ kind: 'checkpoint_file_unreadable', seq: null, checkpointSeq: null, source: 'file', line: 1 }]);
  });
});

describe('the exported checkpoint file', () => {
  it('exported file verifies outside the DB: it alone anchors the chain, and still exposes a rewrite after the table lost its checkpoints', async () => {
    const download = await ctx.api('GET', '/api/v1/audit/checkpoints/export.jsonl', { token: admin });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(String(download.headers['content-disposition'])).toContain(encodeURIComponent('审计链锚点'));
    const exported: CheckpointFileInput = { name: 'export.jsonl', text: download.body };
    const n = parseCheckpointLines(exported.text).entries.length;
    expect(n).toBe(await checkpointCount());

    // The table's checkpoints gone: the export alone still verifies an intact chain, and says the table lost them.
    await whileTampered(
      (trx) =>
        trx
          .deleteFrom('audit_checkpoints')
          .execute()
          .then(() => undefined),
      async (trx) => {
        const r = await verifyAuditChain({ db: trx, files: [exported] });
        expect(r.checkpoints).toMatchObject({ fromDatabase: 0, fromFiles: n });
        expect(new Set(r.problems.map((p) => p.kind))).toEqual(new Set(['checkpoint_missing_in_database']));
      },
    );
    // An attacker who rewrites a row, recomputes the chain and removes the table's checkpoints is still caught.
    const first = parseCheckpointLines(exported.text).entries[0]!.checkpoint.seq;
    await whileTampered(
      async (trx) => {
        await rewriteAndRehash(trx, first - 1, { action: 'org.delete' });
        await trx.deleteFrom('audit_checkpoints').execute();
      },
      async (trx) => {
        const r = await verifyAuditChain({ db: trx, files: [exported] });
        expect(r.problems.filter((p) => p.kind === 'checkpoint_hash_mismatch').map((p) => p.seq)).toContain(first);
        expect(r.problems.every((p) => p.source === 'file')).toBe(true);
      },
    );
    // Intact, with the table's checkpoints: the export agrees with everything.
    expect(await verifyAuditChain({ db: ctx.deps.db, files: [exported] })).toMatchObject({ ok: true, checkpoints: { fromFiles: n } });
  });
});

describe('the checkpoint API', () => {
  it('status, list, Excel and a checkpoint now for the city administrator; a district administrator is refused', async () => {
    await runJobs();
    await writeAuditCheckpoint(ctx.deps, 'interval');
    await someWrites(1);
    const status = await ctx.api('GET', '/api/v1/audit/anchor', { token: admin });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      intervalMinutes: 15,
      intervalRows: ROWS_PER_CHECKPOINT,
      fileEnabled: true,
      rowsAfterLastCheckpoint: 1,
    });
    expect(status.json().keys).toHaveLength(1);

    const now = await ctx.api('POST', '/api/v1/audit/checkpoints', { token: admin, headers: { 'idempotency-key': 'anchor-now-1' } });
    expect(now.statusCode, now.body).toBe(200);
    const written = now.json().checkpoint as { seq: number; reason: string };
    // It anchors the request's own audit row: nothing is left unanchored. The file gets it from the job, after the
    // request committed.
    const h = await head();
    expect(written).toMatchObject({ seq: h.seq, hash: h.hash, reason: 'manual' });
    const row = await ctx.deps.db.selectFrom('audit_log').select('action').where('seq', '=', h.seq).executeTakeFirstOrThrow();
    expect(row.action).toBe('audit.checkpoint');
    expect((await ctx.api('GET', '/api/v1/audit/anchor', { token: admin })).json()).toMatchObject({ rowsAfterLastCheckpoint: 0 });
    await runJobs();
    expect(parseCheckpointLines(fs.readFileSync(checkpointFile, 'utf8')).entries.map((e) => e.checkpoint.seq)).toContain(written.seq);

    const list = await ctx.api('GET', '/api/v1/audit/checkpoints?reason=manual&pageSize=5', { token: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ seq: written.seq, reason: 'manual' }] });
    const xlsx = await ctx.api('GET', '/api/v1/audit/checkpoints/export.xlsx', { token: admin });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    for (const [method, url] of [
      ['GET', '/api/v1/audit/anchor'],
      ['GET', '/api/v1/audit/checkpoints'],
      ['GET', '/api/v1/audit/checkpoints/export.jsonl'],
      ['POST', '/api/v1/audit/checkpoints'],
    ] as const) {
      expect((await ctx.api(method, url, { token: pdAdmin })).statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('bad input: an unknown reason or a reversed time range names the field', async () => {
    const bad = await ctx.api('GET', '/api/v1/audit/checkpoints?reason=sometimes', { token: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toContain('reason');
    const reversed = await ctx.api('GET', '/api/v1/audit/checkpoints?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', { token: admin });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().field).toBe('to');
  });
});

describe('rows written before every column was hashed', () => {
  it('an old-format row still verifies: an upgraded installation keeps its first rows, and new rows cover every column', async () => {
    const p = await createBlankPlatform();
    const db = p.deps.db;
    try {
      // The database as the earlier release left it, with rows hashed in the first form (no hash_version column).
      await runMigrations(db, () => {}, { before: '014' });
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const row = {
          hashVersion: 1 as const,
          seq,
          id: p.deps.newId(),
          at: `2026-01-05T08:0${seq}:00.000Z`,
          actorId: null,
          bureauId: null,
          action: 'org.update',
          entityType: 'org',
          entityId: `org-${seq}`,
          data: { shortName: `旧${seq}` },
          ip: '10.0.0.1',
          correlationId: `req-${seq}`,
        };
        const hash = auditRowHash(prev, row, sm3Hex);
        await sql`INSERT INTO audit_log (seq, id, at, actor_id, bureau_id, action, entity_type, entity_id, data, ip, correlation_id, prev_hash, hash)
          VALUES (${seq}, ${row.id}, ${row.at}, NULL, NULL, ${row.action}, ${row.entityType}, ${row.entityId}, ${JSON.stringify(row.data)}::jsonb,
                  ${row.ip}, ${row.correlationId}, ${prev}, ${hash})`.execute(db);
        prev = hash;
      }
      await runMigrations(db);
      for (const n of [4, 5]) {
        await db
          .transaction()
          .execute((trx) =>
            recordAudit(
              trx,
              p.deps,
              null,
              { ip: '10.0.0.2', correlationId: `req-${n}` },
              { action: 'org.update', entityType: 'org', entityId: `org-${n}`, data: { n } },
            ),
          );
      }
      const versions = await db.selectFrom('audit_log').select(['seq', 'hash_version']).orderBy('seq').execute();
      expect(versions.map((v) => v.hash_version)).toEqual([1, 1, 1, 2, 2]);
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, checked: 5, problems: [] });

      // The first form leaves the correlation id out, so on an old row an edit of it is not seen (the documented
      // limit of rows written before the upgrade); on a new row it is.
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
      await sql`UPDATE audit_log SET correlation_id = 'forged' WHERE seq IN (2, 4)`.execute(db);
      const r = await verifyAuditChain({ db });
      expect(r.problems).toEqual([{ kind: 'hash_mismatch', seq: 4, checkpointSeq: null, source: 'chain', line: null }]);
    } finally {
      await p.close();
    }
  });
});
