// The verifiable randomness of 双随机 (国办发〔2015〕58号, LEGAL-RULES.md 7.15: 「随机抽取检查对象、随机选派执法检查人员」,
// by lottery, results published). The seed is committed to (SM3) when the plan is approved and revealed after the
// draw, so anyone holding the published pools can recompute the draw and check that nobody chose the outcome.
// docs/random-inspections.md describes every byte; change nothing here without changing it there.
import { sm3, sm3PaddedInto } from '../crypto/sm3.ts';

/** The secret seed is 32 bytes, written as 64 hex digits. */
export const DRAW_SEED_BYTES = 32;

const SEED_HEX = /^[0-9a-fA-F]{64}$/;
const TWO_32 = 0x1_0000_0000;

export type DrawRevealCheck = { ok: true; reason: null } | { ok: false; reason: 'seed_format' | 'commitment_format' | 'mismatch' };

export function isDrawSeedHex(value: string): boolean {
  return SEED_HEX.test(value);
}

/** The 32 seed bytes of a 64-hex-digit seed (either case); throws on anything else. */
export function drawSeedBytes(seedHex: string): Uint8Array {
  if (!isDrawSeedHex(seedHex)) throw new RangeError('seedHex: need 64 hex digits (32 bytes)');
  const out = new Uint8Array(DRAW_SEED_BYTES);
  for (let i = 0; i < DRAW_SEED_BYTES; i++) out[i] = parseInt(seedHex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * A seed from 32 random bytes the caller supplies (the server takes them from node:crypto randomBytes; the domain
 * reads no randomness itself). Lower-case hex.
 */
export function drawSeedHexFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== DRAW_SEED_BYTES) throw new RangeError(`drawSeedHexFromBytes: need ${DRAW_SEED_BYTES} bytes`);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** The commitment published at plan approval: SM3 of the 32 seed bytes (not of the hex text), lower-case hex. */
export function drawCommitment(seedHex: string): string {
  const digest = sm3(drawSeedBytes(seedHex));
  let s = '';
  for (const b of digest) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Checks a revealed seed against the commitment published before the draw (hex compared case-insensitively). */
export function verifyDrawReveal(seedHex: string, commitmentHex: string): DrawRevealCheck {
  if (!isDrawSeedHex(seedHex)) return { ok: false, reason: 'seed_format' };
  if (!SEED_HEX.test(commitmentHex)) return { ok: false, reason: 'commitment_format' };
  if (drawCommitment(seedHex) !== commitmentHex.toLowerCase()) return { ok: false, reason: 'mismatch' };
  return { ok: true, reason: null };
}

/** The draw's number generator: SM3 in counter mode over the seed (see createDrawRandom). */
export type DrawRandom = {
  /** The next 32-bit word of the stream, 0 ≤ w < 2^32. */
  nextUint32(): number;
  /** A uniform integer 0 ≤ r < n for 1 ≤ n ≤ 2^32, by rejection sampling (may consume more than one word). */
  uniform(n: number): number;
  /** Words consumed so far (for the published draw record and for re-implementers checking their stream). */
  wordsUsed(): number;
};

/**
 * SM3 counter mode. Block i (i = 0, 1, 2, …) is SM3(seed ‖ uint64_be(i)) — a 40-byte message, so one SM3 block
 * after padding. The stream is block 0 ‖ block 1 ‖ …, read as consecutive big-endian 32-bit words (8 per block).
 * uniform(n): limit = 2^32 − (2^32 mod n); take words until one is < limit; the result is that word mod n.
 */
export function createDrawRandom(seedHex: string): DrawRandom {
  const seed = drawSeedBytes(seedHex);
  // The padded single block: seed (0–31), counter (32–39), 0x80 (40), zeros, bit length 320 (56–63).
  const block = new Uint8Array(64);
  block.set(seed, 0);
  block[40] = 0x80;
  const view = new DataView(block.buffer);
  view.setUint32(60, 40 * 8, false);
  const words = new Uint32Array(8);
  let counter = 0;
  let index = 8;
  let used = 0;

  const nextUint32 = (): number => {
    if (index === 8) {
      view.setUint32(32, Math.floor(counter / TWO_32), false);
      view.setUint32(36, counter >>> 0, false);
      sm3PaddedInto(view, words);
      counter++;
      index = 0;
    }
    used++;
    return words[index++]!;
  };

  const uniform = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`uniform: n must be an integer in 1..2^32, got ${n}`);
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const w = nextUint32();
      if (w < limit) return w % n;
    }
  };

  return { nextUint32, uniform, wordsUsed: () => used };
}

/**
 * Fisher–Yates, the first `k` steps, in place: for i = 0 … k−1, j = i + uniform(n − i), swap items i and j. After it
 * the first k items are a uniform random sample in draw order; with k = n it is a full uniform shuffle. Every step
 * takes a number, including the last one where n − i = 1.
 */
export function fisherYatesPrefix<T>(items: { length: number; [index: number]: T }, k: number, random: DrawRandom): void {
  const n = items.length;
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`fisherYatesPrefix: k must be in 0..${n}, got ${k}`);
  for (let i = 0; i < k; i++) {
    const j = i + random.uniform(n - i);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}
