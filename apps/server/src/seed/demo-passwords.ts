// Which password the demo accounts get. The published one (README, e2e) is for the embedded demo on one machine
// only; a demo organisation loaded into PostgreSQL — a shared or production server — gets a random password per
// account, printed once by the command that loaded it and to be changed at the first login.
import { randomBytes } from 'node:crypto';
import { checkPassword } from '@chengguan/domain';

/** Where the demo accounts' passwords come from; randomness is a parameter so tests can fix it. */
export type DemoPasswords = { kind: 'published' } | { kind: 'one-time'; random?: (bytes: number) => Buffer };

export const PUBLISHED_DEMO_PASSWORDS: DemoPasswords = { kind: 'published' };

/** The published password only on the embedded database (DATABASE_URL unset). */
export function demoPasswordsFor(config: { databaseUrl: string | null }): DemoPasswords {
  return config.databaseUrl === null ? PUBLISHED_DEMO_PASSWORDS : { kind: 'one-time' };
}

// No 0/O, 1/l/I: the password is read off a terminal and typed by hand.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const ALL = UPPER + LOWER + DIGITS;

/**
 * A password such as `Kq7m-Xw3r-9bZt-hN4e`: upper, lower, digits and a symbol (DEFAULT_PASSWORD_POLICY), about 90
 * bits. Byte-to-character by modulo: the small bias of 256 % 57 does not matter at this length.
 */
export function oneTimePassword(
  owner: { username: string; name?: string | null },
  random: (bytes: number) => Buffer = randomBytes,
): string {
  for (;;) {
    const b = random(16);
    const chars = [UPPER[b[0]! % UPPER.length]!, LOWER[b[1]! % LOWER.length]!, DIGITS[b[2]! % DIGITS.length]!];
    for (let i = 3; i < 16; i++) chars.push(ALL[b[i]! % ALL.length]!);
    const pw = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
    // A random string that happens to contain the username is drawn again.
    if (checkPassword(pw, owner).length === 0) return pw;
  }
}
