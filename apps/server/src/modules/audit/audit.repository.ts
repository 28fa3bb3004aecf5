import { sql, type Kysely } from 'kysely';
import { auditRowHash, GENESIS_HASH, type AuditHashInput } from '@chengguan/domain';
import type { AuditListQuery } from '@chengguan/contracts';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../context.ts';
import { prefixPattern } from '../../db/like.ts';

/** Serializes appends so each row links to the previous one (gap-free seq, one chain). */
const AUDIT_CHAIN_LOCK = 7_301_002;

export type NewAuditRow = Omit<AuditHashInput, 'seq'> & { id: string; correlationId: string | null };

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

/** Must run inside the transaction of the write it records. */
export async function appendAuditRow(trx: Executor, row: NewAuditRow): Promise<{ seq: number; hash: string }> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const input: AuditHashInput = {
    seq,
    at: row.at,
    actorId: row.actorId,
    bureauId: row.bureauId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
    ip: row.ip,
  };
  const hash = auditRowHash(prevHash, input);
  await trx
    .insertInto('audit_log')
    .values({
      seq,
      id: row.id,
      at: row.at,
      actor_id: row.actorId,
      bureau_id: row.bureauId,
      action: row.action,
      entity_type: row.entityType,
      entity_id: row.entityId,
      data: JSON.stringify(row.data ?? null),
      ip: row.ip,
      correlation_id: row.correlationId,
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { seq, hash };
}

/** Reads the chain in seq order, a batch at a time, for verification. */
export async function readAuditBatch(db: Kysely<DB>, afterSeq: number, limit: number) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor_id', 'bureau_id', 'action', 'entity_type', 'entity_id', 'data', 'ip', 'prev_hash', 'hash'])
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    bureauId: r.bureau_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
    ip: r.ip,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
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
