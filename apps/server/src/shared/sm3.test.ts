import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@chengguan/domain';
import { SM3_IMPLEMENTATION, SM3_IMPLEMENTATIONS, hmacSm3Hex, sm3Hex } from './sm3.ts';

describe('the server SM3', () => {
  it('uses OpenSSL on this runtime (Node is built with SM3)', () => {
    expect(SM3_IMPLEMENTATION).toBe('openssl');
  });

  it('gives the standard vector "abc" with either implementation', () => {
    const expected = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    expect(sm3Hex('abc')).toBe(expected);
    expect(SM3_IMPLEMENTATIONS.typescript.hex('abc')).toBe(expected);
    expect(SM3_IMPLEMENTATIONS.openssl.hex(new TextEncoder().encode('abc'))).toBe(expected);
  });

  it('the fallback agrees with OpenSSL on text, bytes and HMAC keys of every length class', () => {
    const rand = mulberry32(7);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const { openssl, typescript } = SM3_IMPLEMENTATIONS;
    for (const n of [0, 1, 63, 64, 65, 1000, 70_000]) {
      const data = bytes(n);
      expect(typescript.hex(data), `${n} bytes`).toBe(openssl.hex(data));
    }
    expect(typescript.hex('城管执法 audit row')).toBe(openssl.hex('城管执法 audit row'));
    for (const keyLength of [0, 32, 64, 100]) {
      const key = hex(bytes(keyLength));
      expect(typescript.hmacHex(key, 'a=1&b=罚款'), `key ${keyLength} bytes`).toBe(openssl.hmacHex(key, 'a=1&b=罚款'));
    }
  });

  it('signs payment messages as sm-crypto-v2 did (HMAC-SM3 with the hex key), so stored signatures still verify', () => {
    // Computed with sm-crypto-v2's sm3(message, { key }) before the switch.
    expect(hmacSm3Hex('00ff', 'abc')).toBe('ebff91b86e29102c16c561582ddf85cbf74e5a2a9f1b732ebf76c21f0bcc6893');
  });

  it('refuses an HMAC key that is not hex in the fallback', () => {
    expect(() => SM3_IMPLEMENTATIONS.typescript.hmacHex('xyz', 'm')).toThrow(/hexadecimal/);
  });
});
