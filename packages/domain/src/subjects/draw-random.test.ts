import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sm3, sm3Hex } from '../crypto/sm3.ts';
import {
  createDrawRandom,
  drawCommitment,
  drawSeedBytes,
  drawSeedHexFromBytes,
  fisherYatesPrefix,
  verifyDrawReveal,
} from './draw-random.ts';

const SEED = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';

// Block i written out with the general SM3 entry, as a re-implementer following docs/random-inspections.md would.
function referenceBlockWords(seedHex: string, counter: number): number[] {
  const msg = new Uint8Array(40);
  msg.set(drawSeedBytes(seedHex), 0);
  const view = new DataView(msg.buffer);
  view.setUint32(32, Math.floor(counter / 2 ** 32), false);
  view.setUint32(36, counter >>> 0, false);
  const digest = new DataView(sm3(msg).buffer);
  return Array.from({ length: 8 }, (_, i) => digest.getUint32(i * 4, false));
}

const seedHexArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(drawSeedHexFromBytes);

describe('commit and reveal (双随机 seed published as an SM3 commitment)', () => {
  it('commits to SM3 of the 32 seed bytes, not of the hex text', () => {
    expect(drawCommitment(SEED)).toBe(sm3Hex(drawSeedBytes(SEED)));
    expect(drawCommitment(SEED)).not.toBe(sm3Hex(SEED));
    expect(drawCommitment(SEED.toUpperCase())).toBe(drawCommitment(SEED));
  });

  it('accepts the revealed seed that was committed to (any hex case)', () => {
    expect(verifyDrawReveal(SEED, drawCommitment(SEED).toUpperCase())).toEqual({ ok: true, reason: null });
  });

  it('detects a revealed seed that differs from the committed one (property)', () => {
    fc.assert(
      fc.property(seedHexArb, seedHexArb, (committed, revealed) => {
        fc.pre(committed !== revealed);
        expect(verifyDrawReveal(revealed, drawCommitment(committed))).toEqual({ ok: false, reason: 'mismatch' });
      }),
    );
  });

  it('names a malformed seed or commitment', () => {
    expect(verifyDrawReveal(SEED.slice(1), drawCommitment(SEED))).toEqual({ ok: false, reason: 'seed_format' });
    expect(verifyDrawReveal(SEED, 'xyz')).toEqual({ ok: false, reason: 'commitment_format' });
    expect(() => drawSeedBytes('g'.repeat(64))).toThrow(RangeError);
    expect(() => drawSeedHexFromBytes(new Uint8Array(16))).toThrow(RangeError);
  });
});

describe('SM3 counter-mode generator', () => {
  it('yields the words of SM3(seed ‖ uint64_be(i)) for i = 0, 1, 2 in order', () => {
    const random = createDrawRandom(SEED);
    const words = Array.from({ length: 24 }, () => random.nextUint32());
    expect(words).toEqual([...referenceBlockWords(SEED, 0), ...referenceBlockWords(SEED, 1), ...referenceBlockWords(SEED, 2)]);
    expect(random.wordsUsed()).toBe(24);
  });

  it('keeps the published test vector (docs/random-inspections.md)', () => {
    expect(drawCommitment(SEED)).toBe(DOC_VECTOR_COMMITMENT);
    const random = createDrawRandom(SEED);
    const first = Array.from({ length: 8 }, () => random.nextUint32().toString(16).padStart(8, '0'));
    expect(first.join(' ')).toBe(DOC_VECTOR_BLOCK0);
    const draws = createDrawRandom(SEED);
    expect([10, 10, 10, 1000, 2 ** 32].map((n) => draws.uniform(n))).toEqual(DOC_VECTOR_UNIFORM);
  });

  it('uniform(n) is the word mod n when the word is below 2^32 − (2^32 mod n)', () => {
    fc.assert(
      fc.property(seedHexArb, fc.integer({ min: 1, max: 2 ** 32 }), (seedHex, n) => {
        const words = createDrawRandom(seedHex);
        const limit = 2 ** 32 - (2 ** 32 % n);
        let w = words.nextUint32();
        let taken = 1;
        while (w >= limit) {
          w = words.nextUint32();
          taken++;
        }
        const random = createDrawRandom(seedHex);
        expect(random.uniform(n)).toBe(w % n);
        expect(random.wordsUsed()).toBe(taken);
      }),
    );
  });

  it('refuses a range outside 1..2^32', () => {
    const random = createDrawRandom(SEED);
    expect(() => random.uniform(0)).toThrow(RangeError);
    expect(() => random.uniform(2 ** 32 + 1)).toThrow(RangeError);
    expect(() => random.uniform(1.5)).toThrow(RangeError);
  });
});

describe('fisherYatesPrefix', () => {
  it('permutes the items and takes one number per step, the last step included', () => {
    fc.assert(
      fc.property(seedHexArb, fc.uniqueArray(fc.nat(), { maxLength: 40 }), (seedHex, items) => {
        const copy = items.slice();
        const random = createDrawRandom(seedHex);
        fisherYatesPrefix(copy, copy.length, random);
        expect(copy.slice().sort((a, b) => a - b)).toEqual(items.slice().sort((a, b) => a - b));
        expect(random.wordsUsed()).toBeGreaterThanOrEqual(items.length);
      }),
    );
  });

  it('step i swaps item i with item i + uniform(n − i)', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const expected = items.slice();
    const mirror = createDrawRandom(SEED);
    for (let i = 0; i < 3; i++) {
      const j = i + mirror.uniform(5 - i);
      [expected[i], expected[j]] = [expected[j]!, expected[i]!];
    }
    fisherYatesPrefix(items, 3, createDrawRandom(SEED));
    expect(items).toEqual(expected);
  });

  it('refuses k outside 0..n', () => {
    expect(() => fisherYatesPrefix([1, 2], 3, createDrawRandom(SEED))).toThrow(RangeError);
  });
});

// uniform(10), uniform(10), uniform(10), uniform(1000), uniform(2^32) from the seed 00 01 02 … 1f.
const DOC_VECTOR_UNIFORM = [9, 2, 6, 80, 625887963];
const DOC_VECTOR_BLOCK0 = 'f542eb21 b17b11be daada622 9a6be848 254e4adb ccf7ef62 29e07fef 0115c5b9';
const DOC_VECTOR_COMMITMENT = 'fa34635f1d3ac2729ac5987eb59e01928457f325b4b51ca85a177813c5c5ddf7';
