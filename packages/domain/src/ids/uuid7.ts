// Time-ordered UUIDs (RFC 9562 §5.7, version 7): 48-bit Unix milliseconds, then random bits.
// Rows inserted in time order land at the end of B-tree indexes, and IDs sort by creation.

export type RandomBytes = (n: number) => Uint8Array;

const MAX_UNIX_MS = 2 ** 48 - 1;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_V7_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function format(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function build(nowMs: number, randA: number, randB: Uint8Array): string {
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs > MAX_UNIX_MS) {
    throw new RangeError(`uuidv7: timestamp out of range: ${nowMs}`);
  }
  if (randB.length < 8) throw new RangeError('uuidv7: random source returned too few bytes');
  const bytes = new Uint8Array(16);
  let ts = nowMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ts % 256;
    ts = Math.floor(ts / 256);
  }
  bytes[6] = 0x70 | ((randA >> 8) & 0x0f);
  bytes[7] = randA & 0xff;
  bytes[8] = 0x80 | (randB[0]! & 0x3f);
  for (let i = 1; i < 8; i++) bytes[8 + i] = randB[i]!;
  return format(bytes);
}

/** A version-7 UUID for the given instant; `random(n)` supplies n random bytes. */
export function uuidv7(nowMs: number, random: RandomBytes): string {
  const r = random(10);
  if (r.length < 10) throw new RangeError('uuidv7: random source returned too few bytes');
  return build(nowMs, ((r[0]! << 8) | r[1]!) & 0x0fff, r.subarray(2, 10));
}

/**
 * A generator whose IDs strictly increase even within one millisecond or when the clock steps
 * back (RFC 9562 §6.2 method 1: rand_a is a 12-bit counter, seeded randomly each new millisecond).
 */
export function createUuidv7Generator(now: () => number, random: RandomBytes): () => string {
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = now();
    if (ms > lastMs) {
      const seed = random(2);
      counter = ((seed[0]! << 8) | seed[1]!) & 0x07ff; // top bit left clear for headroom
    } else {
      ms = lastMs;
      counter += 1;
      if (counter > 0x0fff) {
        ms += 1;
        counter = 0;
      }
    }
    lastMs = ms;
    return build(ms, counter, random(8));
  };
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7_RE.test(value);
}

/** The Unix millisecond timestamp embedded in a version-7 UUID. */
export function uuidv7Timestamp(id: string): number {
  if (!isUuidV7(id)) throw new TypeError(`not a version-7 UUID: ${id}`);
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
