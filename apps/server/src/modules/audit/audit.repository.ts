import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import {
  auditRowHash,
  CURRENT_AUDIT_HASH_VERSION,
  GENESIS_HASH,
  type AuditChainRow,
  type AuditHashInput,
  type AuditHashVersion,
} from '@chengguan/domain';
import type { AuditCheckpointListQuery, AuditListQuery } from '@chengguan/contracts';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../context.ts';
import { prefixPattern } from '../../db/like.ts';
import { runCommand } from '../../db/unit-of-work.ts';
import { sm3Hex } from '../../shared/sm3.ts';
import type { AuditCheckpointsTable, AuditSigningKeysTable } from './audit.tables.ts';

/** Serializes appends so each row links to the previous one (gap-free seq, one chain). */
const AUDIT_CHAIN_LOCK = 7_301_002;
/** Serializes checkpoint writers, so checkpoints commit in seq order and the key is created once. */
const AUDIT_CHECKPOINT_LOCK = 7_301_003;

export type NewAuditRow = Omit<AuditHashInput, 'seq' | 'hashVersion'>;

export type AuditRow = {
  seq: number;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  bureau_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: unknown;
  ip: string | null;
  prev_hash: string;
  hash: string;
};

/**
 * The head this process last appended (or read): a guess at the chain's head that saves reading it. The insert that
 * uses it checks it under the chain lock — the row at that seq with that hash exists and none after it — so a guess
 * gone stale (another process appended, our transaction rolled back, another database in the same process) inserts
 * nothing and the append reads the head as before. A row at a given seq never changes (the table is append-only).
 */
let headGuess: { seq: number; hash: string } | null = null;

/**
 * Must run inside the transaction of the write it records. Every new row is hashed in the current canonical form,
 * which covers every column stored here. `afterAppend` runs under the chain lock with the new seq (the checkpoint
 * job every N rows).
 */
export async function appendAuditRow(
  trx: Executor,
  row: NewAuditRow,
  afterAppend?: (seq: number) => Promise<void>,
): Promise<{ seq: number; hash: string }> {
  return appendAuditRows(trx, [row], afterAppend);
}

/**
 * `appendAuditRow` for several rows, in their order, in one statement under one taking of the lock (a batch of
 * requests written together). `afterAppend` runs for each new seq. Answers the new head.
 */
export async function appendAuditRows(
  trx: Executor,
  rows: readonly NewAuditRow[],
  afterAppend?: (seq: number) => Promise<void>,
): Promise<{ seq: number; hash: string }> {
  if (rows.length === 0) throw new Error('no audit rows to append');
  // The lock is taken in its own statement: a statement's snapshot is taken when it starts, so a head read in the
  // statement that waited for the lock could miss the row its previous holder committed. Inside a unit of work the
  // statement is queued and sent with what else is queued (the answer's idempotency record), ahead of the insert.
  await runCommand(trx, `SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const guess = headGuess;
  let appended = guess ? await insertAuditRows(trx, rows, guess) : null;
  if (!appended) {
    const last = await findAuditHead(trx);
    appended = await insertAuditRows(trx, rows, last ?? { seq: 0, hash: GENESIS_HASH }, false);
    if (!appended) throw new Error('audit row not inserted');
  }
  headGuess = appended;
  if (afterAppend) for (let seq = appended.seq - rows.length + 1; seq <= appended.seq; seq++) await afterAppend(seq);
  return appended;
}

/** Inserts the rows after `prev`, chained in order; when `checkPrev`, only if `prev` is the chain's head (else null). */
async function insertAuditRows(
  trx: Executor,
  rows: readonly NewAuditRow[],
  prev: { seq: number; hash: string },
  checkPrev = true,
): Promise<{ seq: number; hash: string } | null> {
  let head = prev;
  const values = rows.map((row) => {
    const seq = head.seq + 1;
    const input: AuditHashInput = { ...row, seq, hashVersion: CURRENT_AUDIT_HASH_VERSION };
    const hash = auditRowHash(head.hash, input, sm3Hex);
    const value = sql`(${seq}::bigint, ${row.id}::uuid, ${row.at}::timestamptz, ${row.actorId}::uuid, ${row.bureauId}::uuid,
      ${row.action}::text, ${row.entityType}::text, ${row.entityId}::text, ${JSON.stringify(row.data ?? null)}::jsonb,
      ${row.ip}::text, ${row.correlationId}::text, ${CURRENT_AUDIT_HASH_VERSION}::smallint, ${head.hash}::text, ${hash}::text)`;
    head = { seq, hash };
    return value;
  });
  const headIsPrev = sql`EXISTS (SELECT 1 FROM audit_log WHERE seq = ${prev.seq} AND hash = ${prev.hash})
    AND NOT EXISTS (SELECT 1 FROM audit_log WHERE seq > ${prev.seq})`;
  const r = await sql`INSERT INTO audit_log
      (seq, id, at, actor_id, bureau_id, action, entity_type, entity_id, data, ip, correlation_id, hash_version, prev_hash, hash)
    SELECT * FROM (VALUES ${sql.join(values)}) AS v
    WHERE ${checkPrev ? headIsPrev : sql`true`}`.execute(trx);
  return Number(r.numAffectedRows ?? 0) === rows.length ? head : null;
}

/** Reads the chain in seq order, a batch at a time, for verification: every stored column. */
export async function readAuditBatch(db: Kysely<DB>, afterSeq: number, limit: number): Promise<AuditChainRow[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({
    hashVersion: r.hash_version as AuditHashVersion,
    seq: r.seq,
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    bureauId: r.bureau_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
    ip: r.ip,
    correlationId: r.correlation_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** The last committed row (appends commit in seq order under the chain lock, so every row before it exists too). */
export async function findAuditHead(db: Executor): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function lockCheckpointWriters(trx: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHECKPOINT_LOCK})`.execute(trx);
}

export type SigningKeyRow = Selectable<AuditSigningKeysTable>;
export type CheckpointRow = Selectable<AuditCheckpointsTable> & { public_key: string; fingerprint: string };

export async function findNewestSigningKey(db: Executor): Promise<SigningKeyRow | undefined> {
  return db.selectFrom('audit_signing_keys').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function listSigningKeys(db: Executor): Promise<SigningKeyRow[]> {
  return db.selectFrom('audit_signing_keys').selectAll().orderBy('created_at').execute();
}

export async function insertSigningKey(db: Executor, row: Insertable<AuditSigningKeysTable>): Promise<void> {
  await db.insertInto('audit_signing_keys').values(row).execute();
}

/** Inserts a checkpoint; false when one for that seq exists already (another process wrote it). */
export async function insertCheckpoint(db: Executor, row: Insertable<AuditCheckpointsTable>): Promise<boolean> {
  const r = await db
    .insertInto('audit_checkpoints')
    .values(row)
    .onConflict((oc) => oc.column('seq').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

function checkpointsWithKeys(db: Executor) {
  return db
    .selectFrom('audit_checkpoints as c')
    .innerJoin('audit_signing_keys as k', 'k.id', 'c.key_id')
    .selectAll('c')
    .select(['k.public_key', 'k.fingerprint']);
}

export async function findLastCheckpoint(db: Executor): Promise<CheckpointRow | undefined> {
  return checkpointsWithKeys(db).orderBy('c.seq', 'desc').limit(1).executeTakeFirst();
}

/** Checkpoints in seq order after `afterSeq`, a batch at a time. */
export async function listCheckpointsAfter(db: Executor, afterSeq: number, limit: number): Promise<CheckpointRow[]> {
  return checkpointsWithKeys(db).where('c.seq', '>', afterSeq).orderBy('c.seq').limit(limit).execute();
}

export type CheckpointFilter = Omit<AuditCheckpointListQuery, 'page' | 'pageSize'>;

export async function pageCheckpoints(
  db: Executor,
  f: CheckpointFilter,
  page: number,
  pageSize: number,
): Promise<{ items: CheckpointRow[]; total: number }> {
  let q = checkpointsWithKeys(db);
  if (f.reason) q = q.where('c.reason', '=', f.reason);
  if (f.from) q = q.where('c.at', '>=', new Date(f.from));
  if (f.to) q = q.where('c.at', '<', new Date(f.to));
  const { count } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy('c.seq', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total: Number(count) };
}

export type AuditFilter = Omit<AuditListQuery, 'page' | 'pageSize'> & {
  jurisdictionPath: string;
  /** Rows written by the system (no actor) are shown to viewers whose jurisdiction is the whole tree. */
  seesSystemRows: boolean;
};

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('officers as o', 'o.id', 'a.actor_id')
    .leftJoin('orgs as g', 'g.id', 'o.org_id')
    // Jurisdiction: rows by actors inside the viewer's subtree.
    .where((eb) =>
      f.seesSystemRows
        ? eb.or([eb('g.path', 'like', `${f.jurisdictionPath}%`), eb('a.actor_id', 'is', null)])
        : eb('g.path', 'like', `${f.jurisdictionPath}%`),
    );
  if (f.actorId) q = q.where('a.actor_id', '=', f.actorId);
  if (f.action) q = q.where('a.action', 'like', prefixPattern(f.action));
  if (f.entityType) q = q.where('a.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.from) q = q.where('a.at', '>=', new Date(f.from));
  if (f.to) q = q.where('a.at', '<', new Date(f.to));
  return q;
}

export async function listAudit(
  db: Kysely<DB>,
  f: AuditFilter,
  page: number,
  pageSize: number,
): Promise<{ items: AuditRow[]; total: number }> {
  const base = filtered(db, f);
  const [{ count }] = (await base.select((eb) => eb.fn.countAll<number>().as('count')).execute()) as [{ count: number }];
  const items = await base
    .select([
      'a.seq',
      'a.id',
      'a.at',
      'a.actor_id',
      'o.name as actor_name',
      'a.bureau_id',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.data',
      'a.ip',
      'a.prev_hash',
      'a.hash',
    ])
    .orderBy('a.seq', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: items as AuditRow[], total: Number(count) };
}
