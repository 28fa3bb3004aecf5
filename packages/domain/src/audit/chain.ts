// Hash-chained audit log (ARCHITECTURE.md "Trust"): each row's hash covers the previous row's
// hash and a canonical form of the row, so altering, removing or reordering any row breaks
// every later link. SM3 because it is the national standard (GB/T 32905-2016).
import { sm3Hex } from '../crypto/sm3.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditHashInput = {
  seq: number;
  /** ISO-8601 instant, exactly as stored and re-read (e.g. `2026-01-05T08:30:00.000Z`). */
  at: string;
  actorId: string | null;
  bureauId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
  ip: string | null;
};

export type AuditChainRow = AuditHashInput & { prevHash: string; hash: string };

export type ChainBreakReason = 'hash_mismatch' | 'prev_hash_broken' | 'seq_gap';

export type ChainVerification = {
  ok: boolean;
  /** Rows found intact before the first break (all rows when ok). */
  checked: number;
  firstBrokenSeq: number | null;
  reason: ChainBreakReason | null;
};

/**
 * Deterministic JSON: object keys sorted recursively, no whitespace, Dates as ISO strings,
 * undefined object members dropped (undefined in arrays becomes null, as in JSON), bigint as a
 * decimal string. Throws on non-finite numbers and on values JSON cannot represent faithfully.
 */
export function canonicalize(value: unknown): string {
  return encode(value, 'value', new Set());
}

function encode(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalize: non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'bigint':
      return JSON.stringify(value.toString(10));
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalize: unsupported ${typeof value} at ${path}`);
  }
  const obj = value as object;
  if (obj instanceof Date) {
    if (Number.isNaN(obj.getTime())) throw new TypeError(`canonicalize: invalid Date at ${path}`);
    return JSON.stringify(obj.toISOString());
  }
  if (seen.has(obj)) throw new TypeError(`canonicalize: circular reference at ${path}`);
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = '[' + obj.map((item, i) => (item === undefined ? 'null' : encode(item, `${path}[${i}]`, seen))).join(',') + ']';
  } else {
    const proto: unknown = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`canonicalize: unsupported object type at ${path}`);
    }
    const record = obj as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      parts.push(JSON.stringify(key) + ':' + encode(member, `${path}.${key}`, seen));
    }
    out = '{' + parts.join(',') + '}';
  }
  seen.delete(obj);
  return out;
}

function hashInputOf(row: AuditHashInput): AuditHashInput {
  // Only the hashed fields: a row read from the database also carries prevHash/hash and maybe more.
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    bureauId: row.bureauId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
    ip: row.ip,
  };
}

export function auditRowHash(prevHash: string, row: AuditHashInput): string {
  return sm3Hex(prevHash + '\n' + canonicalize(hashInputOf(row)));
}

/** Verifies rows given in seq order, starting from the hash before the first row. */
export function verifyChain(rows: readonly AuditChainRow[], startPrevHash: string = GENESIS_HASH): ChainVerification {
  let expectedPrev = startPrevHash;
  let prevSeq: number | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const broken = (reason: ChainBreakReason): ChainVerification => ({
      ok: false,
      checked: i,
      firstBrokenSeq: row.seq,
      reason,
    });
    if (prevSeq !== null && row.seq !== prevSeq + 1) return broken('seq_gap');
    if (row.prevHash !== expectedPrev) return broken('prev_hash_broken');
    if (auditRowHash(row.prevHash, row) !== row.hash) return broken('hash_mismatch');
    expectedPrev = row.hash;
    prevSeq = row.seq;
  }
  return { ok: true, checked: rows.length, firstBrokenSeq: null, reason: null };
}
