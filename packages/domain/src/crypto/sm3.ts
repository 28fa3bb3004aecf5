// SM3 cryptographic hash (GB/T 32905-2016), pure TypeScript so the browser console can verify
// audit chains and evidence hashes without node:crypto. The server hashes with OpenSSL's SM3 where the runtime has
// it (apps/server/src/shared/sm3.ts) and falls back to this one; this one is also the reference its tests compare.

const IV = new Uint32Array([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]);

const T_J = new Uint32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  T_J[j] = rotl(t, j % 32);
}

function rotl(x: number, n: number): number {
  return n === 0 ? x >>> 0 : ((x << n) | (x >>> (32 - n))) >>> 0;
}

function p0(x: number): number {
  return (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
}

function p1(x: number): number {
  return (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;
}

const utf8 = new TextEncoder();

function compress(v: Uint32Array, block: DataView, offset: number, w: Uint32Array, w1: Uint32Array): void {
  for (let j = 0; j < 16; j++) w[j] = block.getUint32(offset + j * 4, false);
  for (let j = 16; j < 68; j++) {
    const x = w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15);
    w[j] = (p1(x) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!) >>> 0;
  }
  for (let j = 0; j < 64; j++) w1[j] = (w[j]! ^ w[j + 4]!) >>> 0;

  let a = v[0]!,
    b = v[1]!,
    c = v[2]!,
    d = v[3]!,
    e = v[4]!,
    f = v[5]!,
    g = v[6]!,
    h = v[7]!;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + T_J[j]!) >>> 0, 7);
    const ss2 = (ss1 ^ a12) >>> 0;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + w1[j]!) >>> 0;
    const tt2 = (gg + h + ss1 + w[j]!) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2);
  }
  v[0] = (v[0]! ^ a) >>> 0;
  v[1] = (v[1]! ^ b) >>> 0;
  v[2] = (v[2]! ^ c) >>> 0;
  v[3] = (v[3]! ^ d) >>> 0;
  v[4] = (v[4]! ^ e) >>> 0;
  v[5] = (v[5]! ^ f) >>> 0;
  v[6] = (v[6]! ^ g) >>> 0;
  v[7] = (v[7]! ^ h) >>> 0;
}

/** SM3 digest (32 bytes). Strings are hashed as UTF-8. */
export function sm3(data: Uint8Array | string): Uint8Array {
  const msg = typeof data === 'string' ? utf8.encode(data) : data;
  const len = msg.length;
  // Padding: 0x80, zeros, then the 64-bit big-endian bit length; total a multiple of 64 bytes.
  const padded = new Uint8Array((((len + 8) >> 6) + 1) << 6);
  padded.set(msg);
  padded[len] = 0x80;
  const view = new DataView(padded.buffer);
  const bitLen = len * 8;
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000), false);
  view.setUint32(padded.length - 4, bitLen >>> 0, false);

  const v = new Uint32Array(IV);
  const w = new Uint32Array(68);
  const w1 = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) compress(v, view, off, w, w1);

  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, v[i]!, false);
  return out;
}

const SCRATCH_W = new Uint32Array(68);
const SCRATCH_W1 = new Uint32Array(64);

/**
 * SM3 of a message that the caller has already padded to whole 64-byte blocks (`view` covers exactly those blocks);
 * the eight state words of the digest are written into `out` (big-endian words of the 32-byte digest). For hot loops
 * that hash many messages of one length without allocating — the random-inspection draw's counter-mode generator
 * (subjects/draw-random.ts); `sm3` is the general entry.
 */
export function sm3PaddedInto(view: DataView, out: Uint32Array): void {
  if (view.byteLength === 0 || view.byteLength % 64 !== 0) throw new RangeError('sm3PaddedInto: need whole 64-byte blocks');
  if (out.length !== 8) throw new RangeError('sm3PaddedInto: out must hold 8 words');
  out.set(IV);
  for (let off = 0; off < view.byteLength; off += 64) compress(out, view, off, SCRATCH_W, SCRATCH_W1);
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** SM3 digest as 64 lowercase hex characters. */
export function sm3Hex(data: Uint8Array | string): string {
  return toHex(sm3(data));
}

const BLOCK_BYTES = 64;

/** HMAC-SM3 (RFC 2104 with SM3, GB/T 15852.2): the key as bytes, the message as bytes or UTF-8 text; 64 hex digits. */
export function hmacSm3Hex(key: Uint8Array, message: Uint8Array | string): string {
  const k = key.length > BLOCK_BYTES ? sm3(key) : key;
  const msg = typeof message === 'string' ? utf8.encode(message) : message;
  const inner = new Uint8Array(BLOCK_BYTES + msg.length);
  const outer = new Uint8Array(BLOCK_BYTES + 32);
  for (let i = 0; i < BLOCK_BYTES; i++) {
    const b = k[i] ?? 0;
    inner[i] = b ^ 0x36;
    outer[i] = b ^ 0x5c;
  }
  inner.set(msg, BLOCK_BYTES);
  outer.set(sm3(inner), BLOCK_BYTES);
  return sm3Hex(outer);
}
