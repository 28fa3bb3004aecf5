// Keys that outside programs present (Open311 partners, the data-sharing partners): made from 24 random bytes with a
// prefix that tells the kind apart, shown once, kept only as the SM3 of the purpose and the key — so a copy of the
// database lets nobody call in a partner's name, and a key of one kind can never pass for another.
import { randomBytes } from 'node:crypto';
import { sm3Hex } from './sm3.ts';

export function newApiKey(prefix: string): { key: string; hint: string } {
  const key = `${prefix}_${randomBytes(24).toString('base64url')}`;
  return { key, hint: key.slice(-4) };
}

/** The stored digest of a key for a purpose ('open311-api-key', 'sharing-api-key'). */
export function apiKeyDigest(purpose: string, key: string): string {
  return sm3Hex(`${purpose}\n${key}`);
}
