// Signatures of provider messages: HMAC-SM3 (GB/T 32905 SM3 in HMAC, RFC 2104) over the canonical string of the
// message — its fields sorted by name, `name=value` joined with '&', without `sign` itself and without empty values
// (the way the large Chinese payment providers sign their notifications). Compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import { hmacSm3Hex } from '../../../shared/sm3.ts';

export type SignedFields = Record<string, string | number | boolean | null | undefined>;

export function canonicalString(fields: SignedFields): string {
  return Object.keys(fields)
    .filter((k) => k !== 'sign' && fields[k] !== undefined && fields[k] !== null && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${String(fields[k])}`)
    .join('&');
}

export function hmacSm3(secretHex: string, message: string): string {
  return hmacSm3Hex(secretHex, message);
}

export function signFields(secretHex: string, fields: SignedFields): string {
  return hmacSm3(secretHex, canonicalString(fields));
}

export function verifyFields(secretHex: string, fields: SignedFields): boolean {
  const given = typeof fields.sign === 'string' ? fields.sign : '';
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = signFields(secretHex, fields);
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}
