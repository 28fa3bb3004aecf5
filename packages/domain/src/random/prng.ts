/** A source of uniform numbers in [0, 1); rules that draw at random take one as a parameter. */
export type RandomSource = () => number;

/**
 * mulberry32: a small, fast, seedable PRNG — reproducible draws for demo data and tests.
 * Not for secrets (session tokens and keys use node:crypto).
 */
export function mulberry32(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
