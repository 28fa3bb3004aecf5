import { DEMO_LOGINS, DEMO_PASSWORD } from './demo-data.ts';
import type { DemoPasswords } from './demo-passwords.ts';
import type { SeedResult } from './seed-demo.ts';

/**
 * What a start or `npm run seed` prints about the demo accounts. The published password only for the embedded demo;
 * one-time passwords once, by the run that made them (they are kept nowhere else); otherwise nothing.
 */
export function demoLoginLines(passwords: DemoPasswords, seeded: SeedResult | null): string[] {
  if (passwords.kind === 'published') {
    return [
      `  演示账号 / demo logins (password ${DEMO_PASSWORD}):`,
      ...DEMO_LOGINS.map((l) => `    ${l.username.padEnd(16)} ${l.roleZh}（${l.orgName}）`),
    ];
  }
  const oneTime = seeded?.oneTimePasswords;
  if (!oneTime || oneTime.size === 0) return [];
  return [
    '  演示账号的一次性密码，只显示这一次，首次登录后须修改 / one-time passwords of the demo logins, shown only now;',
    '  each must be changed at the first login:',
    ...DEMO_LOGINS.filter((l) => oneTime.has(l.username)).map(
      (l) => `    ${l.username.padEnd(16)} ${oneTime.get(l.username)}  ${l.roleZh}（${l.orgName}）`,
    ),
  ];
}
