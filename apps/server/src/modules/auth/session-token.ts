import { randomBytes } from 'node:crypto';
import { sm3Hex } from '../../shared/sm3.ts';

export const SESSION_COOKIE = 'cg_session';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the hash of a token is stored, so a copy of the database does not hold live sessions. */
export function tokenHash(token: string): string {
  return sm3Hex(token);
}
