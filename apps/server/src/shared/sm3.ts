// The server's one SM3 (GB/T 32905-2016): OpenSSL's through node:crypto when the runtime was built with it (Node's
// bundled OpenSSL 3 has it), else the domain's TypeScript SM3, which is also the reference the tests compare with.
// Every server module hashes with this file — content addresses of files and PDFs, audit rows, session and code
// hashes, the HMAC of payment messages; sm-crypto-v2 is used only for SM2 signatures and SM4 (documents).
import { createHash, createHmac, getHashes } from 'node:crypto';
import { hmacSm3Hex as hmacSm3HexTs, sm3Hex as sm3HexTs } from '@chengguan/domain';

export type Sm3Implementation = 'openssl' | 'typescript';

/** Which SM3 this process uses (printed by `npm run audit:verify`, measured by the bench). */
export const SM3_IMPLEMENTATION: Sm3Implementation = getHashes().includes('sm3') ? 'openssl' : 'typescript';

export type Sm3 = {
  /** SM3 digest as 64 lowercase hex digits; text is hashed as UTF-8. */
  hex(data: Uint8Array | string): string;
  /** HMAC-SM3 (RFC 2104) with the key given as hex digits; 64 hex digits. */
  hmacHex(keyHex: string, message: Uint8Array | string): string;
};

const OPENSSL: Sm3 = {
  hex: (data) => createHash('sm3').update(data).digest('hex'),
  hmacHex: (keyHex, message) => createHmac('sm3', Buffer.from(keyHex, 'hex')).update(message).digest('hex'),
};

const TYPESCRIPT: Sm3 = {
  hex: (data) => sm3HexTs(data),
  hmacHex: (keyHex, message) => hmacSm3HexTs(hexBytes(keyHex), message),
};

function hexBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new TypeError('HMAC-SM3 key must be hexadecimal digits');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Both implementations, for the tests and the bench that compare them. */
export const SM3_IMPLEMENTATIONS: Readonly<Record<Sm3Implementation, Sm3>> = { openssl: OPENSSL, typescript: TYPESCRIPT };

const ACTIVE = SM3_IMPLEMENTATIONS[SM3_IMPLEMENTATION];

/** SM3 digest as 64 lowercase hex digits; text is hashed as UTF-8. */
export const sm3Hex = (data: Uint8Array | string): string => ACTIVE.hex(data);

/** HMAC-SM3 with a hex key (the payment providers' message signatures). */
export const hmacSm3Hex = (keyHex: string, message: Uint8Array | string): string => ACTIVE.hmacHex(keyHex, message);
