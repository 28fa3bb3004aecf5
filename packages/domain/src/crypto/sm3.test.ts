import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSm3Hex, sm3, sm3Hex, sm3PaddedInto } from './sm3.ts';
import { mulberry32 } from '../random/prng.ts';

describe('sm3 (GB/T 32905-2016)', () => {
  it('hashes the standard vector "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('hashes the standard 512-bit vector "abcd" x 16', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('returns 32 bytes and hashes strings as UTF-8', () => {
    expect(sm3('')).toHaveLength(32);
    expect(sm3Hex('城管执法')).toBe(sm3Hex(new TextEncoder().encode('城管执法')));
    expect(sm3Hex('城管执法')).toBe(createHash('sm3').update('城管执法', 'utf8').digest('hex'));
  });

  it('matches node:crypto on seeded random inputs of 0..300 bytes', () => {
    const rand = mulberry32(20260101);
    for (let len = 0; len <= 300; len++) {
      const data = new Uint8Array(len);
      for (let i = 0; i < len; i++) data[i] = Math.floor(rand() * 256);
      expect(sm3Hex(data), `length ${len}`).toBe(createHash('sm3').update(data).digest('hex'));
    }
  });

  it('does not modify its input', () => {
    const data = new Uint8Array([1, 2, 3]);
    sm3(data);
    expect([...data]).toEqual([1, 2, 3]);
  });
});

describe('hmacSm3Hex (RFC 2104 with SM3)', () => {
  it("matches OpenSSL's HMAC-SM3 for keys shorter than, equal to and longer than the 64-byte block", () => {
    const rand = mulberry32(20260315);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
    for (const keyLength of [0, 1, 16, 32, 63, 64, 65, 200]) {
      for (const messageLength of [0, 1, 55, 56, 64, 300]) {
        const key = bytes(keyLength);
        const message = bytes(messageLength);
        expect(hmacSm3Hex(key, message), `key ${keyLength}, message ${messageLength}`).toBe(
          createHmac('sm3', key).update(message).digest('hex'),
        );
      }
    }
  });

  it('hashes a text message as UTF-8', () => {
    const key = new Uint8Array(32).fill(7);
    expect(hmacSm3Hex(key, 'amount=5000&order=罚没款')).toBe(
      createHmac('sm3', key).update('amount=5000&order=罚没款', 'utf8').digest('hex'),
    );
  });
});

describe('sm3PaddedInto (pre-padded blocks, no allocation)', () => {
  it('gives the digest of the unpadded message for one and two blocks', () => {
    for (const length of [0, 40, 55, 56, 100]) {
      const msg = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 0xff);
      const blocks = Math.floor((length + 8) / 64) + 1;
      const padded = new Uint8Array(blocks * 64);
      padded.set(msg);
      padded[length] = 0x80;
      new DataView(padded.buffer).setUint32(padded.length - 4, length * 8, false);
      const words = new Uint32Array(8);
      sm3PaddedInto(new DataView(padded.buffer), words);
      const bytes = new Uint8Array(32);
      words.forEach((w, i) => new DataView(bytes.buffer).setUint32(i * 4, w, false));
      expect(Buffer.from(bytes).toString('hex')).toBe(sm3Hex(msg));
    }
  });

  it('refuses a view that is not whole blocks', () => {
    expect(() => sm3PaddedInto(new DataView(new ArrayBuffer(40)), new Uint32Array(8))).toThrow(RangeError);
  });
});
