// The canonical order of a draw's pools: the order in which the caller passes targets and inspectors must not change
// the draw, so every pool is sorted by a key of its ids before any number is drawn.
//
// The order is (FNV-1a 32-bit hash of the id, then the id in byte order), not plain byte order: comparing 300,000
// UUID strings costs hundreds of milliseconds, while 300,000 32-bit numbers radix-sort in a few. Any total order on
// the ids would do; this one is cheap and easy to re-implement (docs/random-inspections.md, "Canonical order").

/** Ids in a draw are 1–64 printable ASCII characters (0x21–0x7E), so characters and bytes are the same thing. */
export const DRAW_ID_MAX_LENGTH = 64;

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
    // 0x21 ≤ c ≤ 0x7E in one unsigned comparison.
    if ((c - 0x21) >>> 0 > 0x5d) return -1;
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
 * Positions 0 … n−1 stably sorted by their 32-bit key: LSD radix sort, low 16 bits then high 16 bits. Equal keys keep
 * their position order (the caller re-orders them by id). The first pass moves each key beside its position, so the
 * second reads both in sequence instead of looking keys up at random; `sorted` receives the keys in their final order.
 */
function radixOrder(keys: Uint32Array, sorted: Uint32Array): Uint32Array {
  const n = keys.length;
  const count = new Uint32Array(65536);
  const low = new Uint32Array(n);
  const lowKeys = new Uint32Array(n);
  for (let i = 0; i < n; i++) count[keys[i]! & 0xffff]!++;
  let sum = 0;
  for (let b = 0; b < 65536; b++) {
    const c = count[b]!;
    count[b] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    const d = count[k & 0xffff]!++;
    low[d] = i;
    lowKeys[d] = k;
  }
  count.fill(0);
  for (let i = 0; i < n; i++) count[lowKeys[i]! >>> 16]!++;
  sum = 0;
  for (let b = 0; b < 65536; b++) {
    const c = count[b]!;
    count[b] = sum;
    sum += c;
  }
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = lowKeys[i]!;
    const d = count[k >>> 16]!++;
    out[d] = low[i]!;
    sorted[d] = k;
  }
  return out;
}

/**
 * The canonical order as positions: element r is the index in `items` of the item of rank r, ranks ordered by
 * (fnv1a32(id) ascending, then id in byte order ascending). Throws DrawInputError naming `${field}[i].${key}` for an
 * id that is not a draw id or that occurs twice. The draw works on these positions so that a 300,000-target pool is
 * never copied object by object.
 */
export function canonicalPositions<T>(items: readonly T[], idOf: (item: T) => string, field = 'items', key = 'id'): Uint32Array {
  const n = items.length;
  const hashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const id = idOf(items[i]!);
    const hash = typeof id === 'string' ? drawIdHash(id) : -1;
    if (hash < 0) {
      throw new DrawInputError(`${field}[${i}].${key}`, 'need 1–64 printable ASCII characters', '编号须为1至64位可见英文字符');
    }
    hashes[i] = hash;
  }
  // The hashes in sorted order are read in sequence to find the (rare) runs of equal hashes.
  const sorted = new Uint32Array(n);
  const out = radixOrder(hashes, sorted);
  let i = 0;
  while (i < n) {
    const hash = sorted[i]!;
    let end = i + 1;
    while (end < n && sorted[end] === hash) end++;
    if (end - i > 1) {
      // Equal hashes: the position in the caller's array must not decide, so order the run by id.
      const idAt = (pos: number): string => idOf(items[pos]!);
      const run = Array.from(out.subarray(i, end)).sort((a, b) => compareBytes(idAt(a), idAt(b)));
      for (let r = 0; r < run.length; r++) {
        if (r > 0 && idAt(run[r]!) === idAt(run[r - 1]!)) {
          throw new DrawInputError(`${field}[${run[r]!}].${key}`, `duplicate id ${idAt(run[r]!)}`, `编号${idAt(run[r]!)}重复`);
        }
        out[i + r] = run[r]!;
      }
    }
    i = end;
  }
  return out;
}

/** The items in canonical order (see canonicalPositions). */
export function canonicalOrder<T>(items: readonly T[], idOf: (item: T) => string, field = 'items', key = 'id'): T[] {
  const positions = canonicalPositions(items, idOf, field, key);
  const out: T[] = [];
  for (let r = 0; r < positions.length; r++) out.push(items[positions[r]!]!);
  return out;
}
