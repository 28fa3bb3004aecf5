// The canonical order of a draw's pools: the order in which the caller passes targets and inspectors must not change
// the draw, so every pool is sorted by a key of its ids before any number is drawn.
//
// The order is (FNV-1a 32-bit hash of the id, then the id in byte order), not plain byte order: comparing 300,000
// UUID strings costs hundreds of milliseconds, while 300,000 numbers sort in a few. Any total order on the ids would
// do; this one is cheap and easy to re-implement (docs/random-inspections.md, "Canonical order").

/** Ids in a draw are 1–64 printable ASCII characters (0x21–0x7E), so characters and bytes are the same thing. */
export const DRAW_ID_MAX_LENGTH = 64;

/** Pools are limited to 2^21 − 1 entries so that hash · 2^21 + position stays an exact integer in a double. */
export const DRAW_POOL_MAX_SIZE = 2 ** 21 - 1;

const POSITION_FACTOR = 2 ** 21;

/**
 * fnv1a32(id) when the id is a draw id, else −1: one pass over the characters does both, since this runs over every
 * id of a 300,000-target pool.
 */
function drawIdHash(id: string): number {
  const n = id.length;
  if (n === 0 || n > DRAW_ID_MAX_LENGTH) return -1;
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return -1;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** True when the id is 1–64 printable ASCII characters. */
export function isDrawId(id: string): boolean {
  return drawIdHash(id) >= 0;
}

/** FNV-1a, 32 bits (offset basis 0x811C9DC5, prime 0x01000193) over the bytes of a draw id (its character codes). */
export function fnv1a32(id: string): number {
  const h = drawIdHash(id);
  if (h < 0) throw new RangeError('fnv1a32: not a draw id');
  return h;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class DrawInputError extends Error {
  constructor(
    /** The input field at fault, e.g. 'targets[12].id'. */
    readonly field: string,
    message: string,
    /** What is wrong, in Chinese, for the console. */
    readonly messageZh: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'DrawInputError';
  }
}

/**
 * The items sorted by (fnv1a32(id) ascending, then id in byte order ascending). Throws DrawInputError naming
 * `${field}[i].id` for an id that is not a draw id or that occurs twice. At most DRAW_POOL_MAX_SIZE items.
 */
export function canonicalOrder<T>(items: readonly T[], idOf: (item: T) => string, field = 'items'): T[] {
  const n = items.length;
  if (n > DRAW_POOL_MAX_SIZE) {
    throw new DrawInputError(field, `at most ${DRAW_POOL_MAX_SIZE} entries`, `名单最多${DRAW_POOL_MAX_SIZE}条`);
  }
  // Arrays grow by push: new Array(n) of this size would be a slow dictionary-mode array in V8.
  const ids: string[] = [];
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = idOf(items[i]!);
    const hash = typeof id === 'string' ? drawIdHash(id) : -1;
    if (hash < 0) {
      throw new DrawInputError(`${field}[${i}].id`, 'need 1–64 printable ASCII characters', '编号须为1至64位可见英文字符');
    }
    ids.push(id);
    keys[i] = hash * POSITION_FACTOR + i;
  }
  keys.sort();
  const out: T[] = [];
  let i = 0;
  while (i < n) {
    const hash = Math.floor(keys[i]! / POSITION_FACTOR);
    let end = i + 1;
    while (end < n && Math.floor(keys[end]! / POSITION_FACTOR) === hash) end++;
    if (end - i === 1) {
      out.push(items[keys[i]! - hash * POSITION_FACTOR]!);
    } else {
      // Equal hashes: the position in the caller's array must not decide, so order the run by id.
      const run: number[] = [];
      for (let r = i; r < end; r++) run.push(keys[r]! - hash * POSITION_FACTOR);
      run.sort((a, b) => compareBytes(ids[a]!, ids[b]!));
      for (let r = 0; r < run.length; r++) {
        if (r > 0 && ids[run[r]!] === ids[run[r - 1]!]) {
          throw new DrawInputError(`${field}[${run[r]!}].id`, `duplicate id ${ids[run[r]!]}`, `编号${ids[run[r]!]}重复`);
        }
        out.push(items[run[r]!]!);
      }
    }
    i = end;
  }
  return out;
}
