// Hash-chained audit log (ARCHITECTURE.md "Trust"): each row's hash covers the previous row's
// hash and a canonical form of the row, so altering, removing or reordering any row breaks
// every later link. SM3 because it is the national standard (GB/T 32905-2016).
//
// The canonical form is versioned by the row's `hashVersion`. Version 1 (the first rows of an installation) covered
// seq, time, actor, bureau, action, entity, data and ip; version 2 covers every stored column — it adds the row id
// and the correlation id, and the version itself. A row is verified with the form of its own version; versions never
// go down along the chain, so a version-2 row cannot be passed off as a version-1 row whose form leaves columns out.
//
// The hash function is a parameter (hex SM3 of UTF-8 text): the server passes OpenSSL's, the browser and the tests
// may use the TypeScript SM3 of this package, which is the default.
import { sm3Hex } from '../crypto/sm3.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** Hex SM3 of UTF-8 text. */
export type HashFunction = (text: string) => string;

export const AUDIT_HASH_VERSIONS = [1, 2] as const;
export type AuditHashVersion = (typeof AUDIT_HASH_VERSIONS)[number];
/** The form every new row is written with. */
export const CURRENT_AUDIT_HASH_VERSION: AuditHashVersion = 2;

/** Every stored column of an audit row except the two that link the chain (prev_hash, hash). */
export type AuditHashInput = {
  hashVersion: AuditHashVersion;
  seq: number;
  /** The row's UUID. */
  id: string;
  /** ISO-8601 instant, exactly as stored and re-read (e.g. `2026-01-05T08:30:00.000Z`). */
  at: string;
  actorId: string | null;
  bureauId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
  ip: string | null;
  correlationId: string | null;
};

export type AuditChainRow = AuditHashInput & { prevHash: string; hash: string };

export type ChainBreakReason = 'hash_mismatch' | 'prev_hash_broken' | 'seq_gap' | 'version_downgrade' | 'unknown_hash_version';

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

/** PostgreSQL prints uuid columns in lower case; the form hashes them the way they are read back. */
const uuidText = (v: string | null): string | null => (v === null ? null : v.toLowerCase());

/**
 * The object whose canonical JSON is hashed for a row of the given version. Only the columns of that version's form:
 * a row read from the database also carries prevHash, hash and maybe more.
 */
export function auditRowHashInput(row: AuditHashInput): Record<string, unknown> {
  switch (row.hashVersion) {
    case 1:
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
    case 2:
      return {
        hashVersion: 2,
        seq: row.seq,
        id: uuidText(row.id),
        at: row.at,
        actorId: uuidText(row.actorId),
        bureauId: uuidText(row.bureauId),
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        data: row.data,
        ip: row.ip,
        correlationId: row.correlationId,
      };
    default:
      throw new TypeError(`unknown audit hash version ${String((row as { hashVersion: unknown }).hashVersion)}`);
  }
}

export function auditRowHash(prevHash: string, row: AuditHashInput, hash: HashFunction = sm3Hex): string {
  return hash(prevHash + '\n' + canonicalize(auditRowHashInput(row)));
}

const isKnownVersion = (v: unknown): v is AuditHashVersion => (AUDIT_HASH_VERSIONS as readonly unknown[]).includes(v);

/** Where the chain stands before a row: the previous row's hash, seq and version (genesis: GENESIS_HASH, null, 1). */
export type ChainPosition = { prevHash: string; seq: number | null; version: AuditHashVersion };

export const CHAIN_START: ChainPosition = { prevHash: GENESIS_HASH, seq: null, version: 1 };

/** Why `row` does not continue the chain at `at`, or null when it does. */
export function chainRowBreak(row: AuditChainRow, at: ChainPosition, hash: HashFunction = sm3Hex): ChainBreakReason | null {
  if (at.seq !== null && row.seq !== at.seq + 1) return 'seq_gap';
  if (row.prevHash !== at.prevHash) return 'prev_hash_broken';
  if (!isKnownVersion(row.hashVersion)) return 'unknown_hash_version';
  if (row.hashVersion < at.version) return 'version_downgrade';
  if (auditRowHash(row.prevHash, row, hash) !== row.hash) return 'hash_mismatch';
  return null;
}

/** The position after `row`, taken on its stored values (so a verifier can go on past a broken row). */
export function positionAfter(row: AuditChainRow, before: ChainPosition): ChainPosition {
  return {
    prevHash: row.hash,
    seq: row.seq,
    version: isKnownVersion(row.hashVersion) && row.hashVersion > before.version ? row.hashVersion : before.version,
  };
}

/** Verifies rows given in seq order from a position (the genesis by default); stops at the first break. */
export function verifyChain(
  rows: readonly AuditChainRow[],
  start: ChainPosition = CHAIN_START,
  hash: HashFunction = sm3Hex,
): ChainVerification {
  let at = start;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const reason = chainRowBreak(row, at, hash);
    if (reason) return { ok: false, checked: i, firstBrokenSeq: row.seq, reason };
    at = positionAfter(row, at);
  }
  return { ok: true, checked: rows.length, firstBrokenSeq: null, reason: null };
}
