// The published demo password belongs to the embedded demo only: a demo organisation loaded into a database named by
// DATABASE_URL gets a random one-time password per account, shown once and to be changed at the first login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword, mulberry32 } from '@chengguan/domain';
import { buildDemoData, DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { demoLoginLines } from '../src/seed/demo-logins.ts';
import { demoPasswordsFor, oneTimePassword, PUBLISHED_DEMO_PASSWORDS, type DemoPasswords } from '../src/seed/demo-passwords.ts';
import { seedDemo, type SeedResult } from '../src/seed/seed-demo.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

/** Fixed "random" bytes: the test does not depend on chance. */
function fixedRandom(seed: number): (n: number) => Buffer {
  const next = mulberry32(seed);
  return (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256)));
}

describe('which password the demo accounts get', () => {
  it('the published one only on the embedded database', () => {
    expect(demoPasswordsFor({ databaseUrl: null })).toEqual(PUBLISHED_DEMO_PASSWORDS);
    expect(demoPasswordsFor({ databaseUrl: 'postgres://db/chengguan' }).kind).toBe('one-time');
  });

  it('one-time passwords meet the password policy and differ from one another', () => {
    const random = fixedRandom(7);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const pw = oneTimePassword({ username: 'pd_admin', name: '张伟' }, random);
      expect(pw).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      expect(checkPassword(pw, { username: 'pd_admin', name: '张伟' })).toEqual([]);
      seen.add(pw);
    }
    expect(seen.size).toBe(200);
  });
});

describe('a demo organisation seeded with one-time passwords', () => {
  let ctx: TestContext;
  let seeded: SeedResult;
  const passwords: DemoPasswords = { kind: 'one-time', random: fixedRandom(2026) };
  // Three of the logins: each one-time password is hashed on its own (argon2), and three show the rule.
  const LOGINS = ['admin', 'pd_admin', 'pd_ljz_01'];
  const full = buildDemoData();
  const data = { ...full, officers: full.officers.filter((o) => o.username !== null && LOGINS.includes(o.username)) };
  beforeAll(async () => {
    ctx = await createTestContext({ seed: false });
    seeded = await seedDemo(ctx.deps, { passwords, data });
  });
  afterAll(async () => ctx?.close());

  it('gives every login its own password, which logs in once the published one no longer does', async () => {
    const oneTime = seeded.oneTimePasswords!;
    expect([...oneTime.keys()].sort()).toEqual([...LOGINS].sort());
    expect(new Set(oneTime.values()).size).toBe(oneTime.size);

    const published = await ctx.api('POST', '/api/auth/login', { body: { username: 'admin', password: DEMO_PASSWORD } });
    expect(published.statusCode).toBe(401);
    expect(errorBody(published).code).toBe('AUTH_INVALID_CREDENTIALS');

    const token = await ctx.login('admin', oneTime.get('admin'));
    const me = await ctx.api('GET', '/api/v1/me', { token });
    expect(me.json()).toMatchObject({ username: 'admin', mustChangePassword: true });
  });

  it('prints the one-time passwords once, from the run that made them, and never the published password', async () => {
    const lines = demoLoginLines(passwords, seeded).join('\n');
    expect(lines).toContain(seeded.oneTimePasswords!.get('pd_ljz_01')!);
    expect(lines).not.toContain(DEMO_PASSWORD);
    // A later start finds the organisation there: nothing is loaded, nothing printed.
    const again = await seedDemo(ctx.deps, { passwords, data });
    expect(again.seeded).toBe(false);
    expect(demoLoginLines(passwords, again)).toEqual([]);
    expect(demoLoginLines(passwords, null)).toEqual([]);
    // The embedded demo prints its published password, as the README does.
    expect(demoLoginLines(PUBLISHED_DEMO_PASSWORDS, null).join('\n')).toContain(DEMO_PASSWORD);
  });
});
