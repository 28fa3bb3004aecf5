// Signatures of the messages every outside-system connector exchanges (the 12345 / 城运 ticket exchange, devices, GPS
// feeds, the credit platform, housing), both directions: HMAC-SM3 (GB/T 32905 SM3 in HMAC, RFC 2104) with the
// connector's shared secret over `<timestamp>\n<nonce>\n<canonical body>`, where the canonical body is
// the message's flat fields sorted by name, `name=value` joined with '&', empty values left out. Sent as the headers
// X-Exchange-Timestamp (Unix milliseconds), X-Exchange-Nonce (16–64 of [A-Za-z0-9_-]) and X-Exchange-Signature (64
// hex digits). Compared in constant time; the timestamp must lie within ±5 minutes of our clock; a nonce is used once.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps, Executor } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { hmacSm3Hex } from './sm3.ts';

export const TIMESTAMP_WINDOW_MS = 5 * 60_000;

export type ExchangeHeaderValues = {
  'x-exchange-timestamp': string;
  'x-exchange-nonce': string;
  'x-exchange-signature': string;
};

export function canonicalBody(body: Record<string, unknown>): string {
  return Object.keys(body)
    .filter((k) => body[k] !== undefined && body[k] !== null && body[k] !== '')
    .sort()
    .map((k) => {
      const v = body[k];
      return `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`;
    })
    .join('&');
}

export function signExchangeMessage(secretHex: string, timestamp: string, nonce: string, body: Record<string, unknown>): string {
  return hmacSm3Hex(secretHex, `${timestamp}\n${nonce}\n${canonicalBody(body)}`);
}

/** The three headers of a message sent now. */
export function signedHeaders(secretHex: string, body: Record<string, unknown>, now: Date, nonce?: string): ExchangeHeaderValues {
  const timestamp = String(now.getTime());
  const n = nonce ?? randomBytes(16).toString('hex');
  return {
    'x-exchange-timestamp': timestamp,
    'x-exchange-nonce': n,
    'x-exchange-signature': signExchangeMessage(secretHex, timestamp, n, body),
  };
}

/** What the refusals call the message: the ticket exchange's by default. */
export type MessageLabel = { zh: string; en: string };
const EXCHANGE_LABEL: MessageLabel = { zh: '工单交换报文', en: 'exchange message' };

function refused(label: MessageLabel, why: string): AppError {
  return new AppError('EXCHANGE_SIGNATURE_INVALID', {
    message: `${label.zh}签名验证失败：${why}`,
    messageEn: `The ${label.en} signature is invalid: ${why}`,
  });
}

/** Checks signature and timestamp (no database): throws 401 EXCHANGE_SIGNATURE_INVALID. */
export function verifyExchangeSignature(
  secretHex: string,
  headers: Partial<Record<string, string | string[] | undefined>>,
  body: Record<string, unknown>,
  now: Date,
  label: MessageLabel = EXCHANGE_LABEL,
): { timestamp: string; nonce: string } {
  const one = (name: string) => {
    const v = headers[name];
    return typeof v === 'string' ? v : '';
  };
  const timestamp = one('x-exchange-timestamp');
  const nonce = one('x-exchange-nonce');
  const signature = one('x-exchange-signature').toLowerCase();
  if (!/^[0-9]{10,13}$/.test(timestamp) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(signature)) {
    throw refused(label, '缺少或格式错误的签名头');
  }
  const ms = timestamp.length === 13 ? Number(timestamp) : Number(timestamp) * 1000;
  if (Math.abs(ms - now.getTime()) > TIMESTAMP_WINDOW_MS) throw refused(label, '时间戳超出允许范围（±5 分钟）');
  const expected = signExchangeMessage(secretHex, timestamp, nonce, body);
  if (!timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(expected, 'hex'))) throw refused(label, '签名不符');
  return { timestamp, nonce };
}

/** Records the nonce; a nonce seen before within the window is a replay (401 EXCHANGE_REPLAYED). */
export async function useNonce(db: Executor, deps: Pick<Deps, 'clock'>, channel: string, nonce: string): Promise<void> {
  const now = deps.clock.now();
  await db
    .deleteFrom('connector_nonces')
    .where('seen_at', '<', new Date(now.getTime() - 2 * TIMESTAMP_WINDOW_MS))
    .execute();
  const r = await db
    .insertInto('connector_nonces')
    .values({ channel, nonce, seen_at: now })
    .onConflict((oc) => oc.columns(['channel', 'nonce']).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('EXCHANGE_REPLAYED');
}
