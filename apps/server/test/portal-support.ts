// Helpers of the portal tests: the party's login through the outbox (the local provider's messages), as a party
// would read the code from his phone.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { OWN_ORIGIN, type TestContext } from './harness.ts';

export type PortalClient = {
  cookie: string;
  call(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
};

/** The code in the latest one-time-code message of the case. */
export async function latestCode(ctx: TestContext, caseId: string): Promise<string> {
  const m = await ctx.deps.db
    .selectFrom('messages')
    .select('text')
    .where('case_id', '=', caseId)
    .where('purpose', '=', 'otp')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return /验证码为 (\d{6})/.exec(m.text)![1]!;
}

export function requestCode(ctx: TestContext, documentNumber: string) {
  return ctx.api('POST', '/api/portal/code', { body: { documentNumber } });
}

export function login(ctx: TestContext, documentNumber: string, code: string) {
  return ctx.api('POST', '/api/portal/session', { body: { documentNumber, code } });
}

export function cookieOf(r: LightMyRequestResponse): string {
  const set = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
  const c = set.find((x) => x.startsWith('cg_portal='));
  expect(c, 'cg_portal cookie').toBeTruthy();
  return c!.split(';')[0]!;
}

/** The party's browser: the portal cookie, and the portal page's own origin on every request. */
export function client(ctx: TestContext, cookie: string): PortalClient {
  return {
    cookie,
    call: (method, url, body) => ctx.api(method, url, { headers: { cookie, origin: OWN_ORIGIN }, ...(body !== undefined ? { body } : {}) }),
  };
}

/** Requests a code for the number, reads it from the outbox and logs in. */
export async function portalLogin(ctx: TestContext, caseId: string, documentNumber: string): Promise<PortalClient> {
  const r = await requestCode(ctx, documentNumber);
  expect(r.statusCode, r.body).toBe(200);
  const ok = await login(ctx, documentNumber, await latestCode(ctx, caseId));
  expect(ok.statusCode, ok.body).toBe(200);
  return client(ctx, cookieOf(ok));
}

/** A 1×1 PNG (a drawn signature in the tests). */
export const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
