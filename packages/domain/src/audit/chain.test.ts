import { describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto/sm3.ts';
import { GENESIS_HASH, auditRowHash, canonicalize, verifyChain, type AuditChainRow, type AuditHashInput } from './chain.ts';

function buildChain(n: number, start = GENESIS_HASH): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let prev = start;
  for (let i = 1; i <= n; i++) {
    const input: AuditHashInput = {
      seq: i,
      at: `2026-01-05T08:${String(i).padStart(2, '0')}:00.000Z`,
      actorId: `officer-${i % 3}`,
      bureauId: 'bureau-pd',
      action: 'case.file',
      entityType: 'case',
      entityId: `case-${i}`,
      data: { fineFen: i * 10000, note: '立案', tags: ['a', 'b'] },
      ip: i % 2 ? '10.0.0.1' : null,
    };
    const hash = auditRowHash(prev, input);
    rows.push({ ...input, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
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
  it('is sm3Hex(prevHash + "\\n" + canonical row)', () => {
    const row = buildChain(1)[0]!;
    const { prevHash, hash, ...input } = row;
    expect(hash).toBe(sm3Hex(prevHash + '\n' + canonicalize(input)));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores extra fields such as the stored hash', () => {
    const row = buildChain(1)[0]!;
    expect(auditRowHash(GENESIS_HASH, row)).toBe(row.hash);
  });

  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(buildChain(10), GENESIS_HASH)).toEqual({ ok: true, checked: 10, firstBrokenSeq: null, reason: null });
  });

  it('accepts an empty chain and a chain that continues from a checkpoint', () => {
    expect(verifyChain([], GENESIS_HASH).ok).toBe(true);
    const rows = buildChain(10);
    expect(verifyChain(rows.slice(5), rows[4]!.hash)).toMatchObject({ ok: true, checked: 5 });
    expect(verifyChain(rows.slice(5), GENESIS_HASH)).toMatchObject({ ok: false, firstBrokenSeq: 6, reason: 'prev_hash_broken' });
  });

  it('names the middle row whose field was tampered with', () => {
    const rows = buildChain(10);
    rows[4] = { ...rows[4]!, data: { fineFen: 1, note: '立案', tags: ['a', 'b'] } };
    expect(verifyChain(rows, GENESIS_HASH)).toEqual({ ok: false, checked: 4, firstBrokenSeq: 5, reason: 'hash_mismatch' });
  });

  it('detects a tampered actor or timestamp', () => {
    const rows = buildChain(6);
    rows[2] = { ...rows[2]!, actorId: 'someone-else' };
    expect(verifyChain(rows, GENESIS_HASH)).toMatchObject({ firstBrokenSeq: 3, reason: 'hash_mismatch' });
    const rows2 = buildChain(6);
    rows2[3] = { ...rows2[3]!, at: '2026-01-05T09:00:00.000Z' };
    expect(verifyChain(rows2, GENESIS_HASH)).toMatchObject({ firstBrokenSeq: 4, reason: 'hash_mismatch' });
  });

  it('detects a row rewritten with a recomputed hash by the broken link of the next row', () => {
    const rows = buildChain(6);
    const forged = { ...rows[2]!, action: 'case.delete' };
    forged.hash = auditRowHash(forged.prevHash, forged);
    rows[2] = forged;
    expect(verifyChain(rows, GENESIS_HASH)).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'prev_hash_broken' });
  });

  it('detects a deleted row as a seq gap', () => {
    const rows = buildChain(6);
    rows.splice(3, 1);
    expect(verifyChain(rows, GENESIS_HASH)).toEqual({ ok: false, checked: 3, firstBrokenSeq: 5, reason: 'seq_gap' });
  });
});
