import { describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto/sm3.ts';
import {
  CHAIN_START,
  GENESIS_HASH,
  auditRowHash,
  auditRowHashInput,
  canonicalize,
  verifyChain,
  type AuditChainRow,
  type AuditHashInput,
  type AuditHashVersion,
} from './chain.ts';

function rowInput(i: number, hashVersion: AuditHashVersion): AuditHashInput {
  return {
    hashVersion,
    seq: i,
    id: `01950f3a-7c1e-7000-8000-${String(i).padStart(12, '0')}`,
    at: `2026-01-05T08:${String(i).padStart(2, '0')}:00.000Z`,
    actorId: `officer-${i % 3}`,
    bureauId: 'bureau-pd',
    action: 'case.file',
    entityType: 'case',
    entityId: `case-${i}`,
    data: { fineFen: i * 10000, note: '立案', tags: ['a', 'b'] },
    ip: i % 2 ? '10.0.0.1' : null,
    correlationId: `req-${i}`,
  };
}

/** Rows 1..n; rows up to `v1Through` in the first form (written before the form covered every column). */
function buildChain(n: number, v1Through = 0): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const input = rowInput(i, i <= v1Through ? 1 : 2);
    const hash = auditRowHash(prev, input);
    rows.push({ ...input, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** A row edited in place with its own hash recomputed, as someone with write access to the table could do. */
function rehashed(row: AuditChainRow, patch: Partial<AuditChainRow>): AuditChainRow {
  const forged = { ...row, ...patch };
  return { ...forged, hash: auditRowHash(forged.prevHash, forged) };
}

describe('canonicalize', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(canonicalize({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('is independent of key insertion order', () => {
    expect(canonicalize({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalize({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('writes Dates as ISO strings, bigint as decimal strings, drops undefined members', () => {
    expect(canonicalize({ at: new Date('2026-01-05T00:00:00Z'), n: 12345678901234567890n, u: undefined, z: null })).toBe(
      '{"at":"2026-01-05T00:00:00.000Z","n":"12345678901234567890","z":null}',
    );
    expect(canonicalize([1, undefined, 'a'])).toBe('[1,null,"a"]');
  });

  it('escapes strings like JSON and keeps Chinese text', () => {
    expect(canonicalize({ s: '张三 "引号"\n' })).toBe('{"s":"张三 \\"引号\\"\\n"}');
  });

  it('rejects non-finite numbers, invalid dates, functions and cycles', () => {
    expect(() => canonicalize({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalize([Number.POSITIVE_INFINITY])).toThrow(/non-finite/);
    expect(() => canonicalize(new Date('nope'))).toThrow(/invalid Date/);
    expect(() => canonicalize({ f: () => 1 })).toThrow(/unsupported/);
    expect(() => canonicalize(new Map())).toThrow(/unsupported object/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/circular/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(canonicalize({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });
});

describe('auditRowHash', () => {
  it('version 2 is sm3Hex(prevHash + "\\n" + canonical row) over every stored column and the version', () => {
    const row = buildChain(1)[0]!;
    const { prevHash, hash, ...input } = row;
    expect(Object.keys(auditRowHashInput(input)).sort()).toEqual([...Object.keys(input)].sort());
    expect(hash).toBe(sm3Hex(prevHash + '\n' + canonicalize(input)));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('version 1 keeps the form rows were first written with (pinned: a hash computed before version 2 existed)', () => {
    const row = rowInput(1, 1);
    expect(auditRowHash(GENESIS_HASH, { ...row, actorId: 'officer-1' })).toBe(
      '15db4347b35b416a40a5f6046d7ee846d90f5a4a717e639261ca9e4d00648c06',
    );
    // Version 1 leaves the id and the correlation id out, which is why new rows are written in version 2.
    expect(auditRowHash(GENESIS_HASH, { ...row, id: 'other', correlationId: 'other' })).toBe(auditRowHash(GENESIS_HASH, row));
  });

  it('hashes uuids the way PostgreSQL prints them (lower case)', () => {
    const row = rowInput(1, 2);
    expect(auditRowHash(GENESIS_HASH, { ...row, id: row.id.toUpperCase() })).toBe(auditRowHash(GENESIS_HASH, row));
  });

  it('takes the hash function as a parameter', () => {
    const row = rowInput(1, 2);
    expect(auditRowHash(GENESIS_HASH, row, (text) => sm3Hex(text))).toBe(auditRowHash(GENESIS_HASH, row));
    expect(auditRowHash(GENESIS_HASH, row, () => 'f'.repeat(64))).toBe('f'.repeat(64));
  });

  it('ignores extra fields such as the stored hash', () => {
    const row = buildChain(1)[0]!;
    expect(auditRowHash(GENESIS_HASH, row)).toBe(row.hash);
  });

  it('refuses a version it does not know', () => {
    expect(() => auditRowHash(GENESIS_HASH, { ...rowInput(1, 2), hashVersion: 3 as AuditHashVersion })).toThrow(
      /unknown audit hash version/,
    );
  });

  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(buildChain(10))).toEqual({ ok: true, checked: 10, firstBrokenSeq: null, reason: null });
  });

  it('accepts old-format rows followed by new-format rows', () => {
    expect(verifyChain(buildChain(10, 4))).toMatchObject({ ok: true, checked: 10 });
  });

  it('accepts an empty chain and a chain that continues from a position', () => {
    expect(verifyChain([]).ok).toBe(true);
    const rows = buildChain(10);
    expect(verifyChain(rows.slice(5), { prevHash: rows[4]!.hash, seq: 5, version: 2 })).toMatchObject({ ok: true, checked: 5 });
    expect(verifyChain(rows.slice(5), CHAIN_START)).toMatchObject({ ok: false, firstBrokenSeq: 6, reason: 'prev_hash_broken' });
  });

  it('names the middle row whose field was tampered with', () => {
    const rows = buildChain(10);
    rows[4] = { ...rows[4]!, data: { fineFen: 1, note: '立案', tags: ['a', 'b'] } };
    expect(verifyChain(rows)).toEqual({ ok: false, checked: 4, firstBrokenSeq: 5, reason: 'hash_mismatch' });
  });

  it('detects a tampered actor, timestamp, ip, row id or correlation id', () => {
    const patches: Partial<AuditChainRow>[] = [
      { actorId: 'someone-else' },
      { at: '2026-01-05T09:00:00.000Z' },
      { ip: '192.168.1.1' },
      { id: '01950f3a-7c1e-7000-8000-999999999999' },
      { correlationId: 'req-forged' },
    ];
    for (const patch of patches) {
      const rows = buildChain(6);
      rows[2] = { ...rows[2]!, ...patch };
      expect(verifyChain(rows), JSON.stringify(patch)).toMatchObject({ firstBrokenSeq: 3, reason: 'hash_mismatch' });
    }
  });

  it('detects a new-format row relabelled as old-format to hide an edit of a column the old form left out', () => {
    const rows = buildChain(6, 2);
    rows[3] = { ...rows[3]!, hashVersion: 1, correlationId: 'req-forged' };
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'version_downgrade' });
  });

  it('detects an unknown version', () => {
    const rows = buildChain(3);
    rows[1] = { ...rows[1]!, hashVersion: 7 as AuditHashVersion };
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'unknown_hash_version' });
  });

  it('detects a row rewritten with a recomputed hash by the broken link of the next row', () => {
    const rows = buildChain(6);
    rows[2] = rehashed(rows[2]!, { action: 'case.delete' });
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'prev_hash_broken' });
  });

  it('cannot see a rewrite whose every later hash is recomputed too (what the signed checkpoints are for)', () => {
    const rows = buildChain(6);
    let prev = rows[1]!.hash;
    for (let i = 2; i < rows.length; i++) {
      rows[i] = rehashed({ ...rows[i]!, prevHash: prev }, i === 2 ? { action: 'case.delete' } : {});
      prev = rows[i]!.hash;
    }
    expect(verifyChain(rows).ok).toBe(true);
  });

  it('detects a deleted row as a seq gap', () => {
    const rows = buildChain(6);
    rows.splice(3, 1);
    expect(verifyChain(rows)).toEqual({ ok: false, checked: 3, firstBrokenSeq: 5, reason: 'seq_gap' });
  });
});
