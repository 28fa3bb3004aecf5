// Password rules and login lockout (等保 2.0 identity-authentication expectations: complexity,
// periodic change is left to the server; repeated failures lock the account for a while).

export type PasswordPolicy = {
  minLength: number;
  maxLength: number;
  /** How many of the four classes (upper, lower, digit, symbol) must appear. */
  minClasses: number;
  forbidUsername: boolean;
  /** Compared case-insensitively, also after stripping trailing digits and symbols. */
  commonPasswords: readonly string[];
  maxFailedAttempts: number;
  lockoutMinutes: number;
};

export type PasswordViolationCode =
  'too_short' | 'too_long' | 'too_few_classes' | 'contains_username' | 'contains_name' | 'common_password';

export type PasswordViolation = { code: PasswordViolationCode; zh: string; en: string };

export type PasswordOwner = { username: string; name?: string | null };

export type LockoutState = {
  locked: boolean;
  lockedUntil: Date | null;
  /** Failures left before the account locks (0 while locked). */
  remainingAttempts: number;
  /** The lock has run out: the caller should reset the failure counter to zero. */
  resetCounter: boolean;
};

export const COMMON_PASSWORDS: readonly string[] = [
  '123456',
  '12345678',
  '123456789',
  '1234567890',
  '111111',
  '000000',
  '888888',
  '666666',
  '123123',
  '654321',
  '112233',
  '5201314',
  '1qaz2wsx',
  '1q2w3e4r',
  'qwerty',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'abc123',
  'abcd1234',
  'a123456',
  'aa123456',
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'iloveyou',
  'admin',
  'admin123',
  'administrator',
  'root',
  'welcome',
  'letmein',
  'changeme',
  'test',
  'test123',
  'guest',
  'woaini',
  'woaini1314',
  'qazwsx',
  'qwe123',
];

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 10,
  maxLength: 128,
  minClasses: 3,
  forbidUsername: true,
  commonPasswords: COMMON_PASSWORDS,
  maxFailedAttempts: 5,
  lockoutMinutes: 15,
};

function classCount(pw: string): number {
  let n = 0;
  if (/[A-Z]/.test(pw)) n++;
  if (/[a-z]/.test(pw)) n++;
  if (/[0-9]/.test(pw)) n++;
  if (/[^A-Za-z0-9]/.test(pw)) n++;
  return n;
}

function isCommon(pw: string, list: readonly string[]): boolean {
  const lower = pw.toLowerCase();
  const stem = lower.replace(/[^a-z]+$/, '');
  return list.some((c) => {
    const common = c.toLowerCase();
    return common === lower || (stem.length > 0 && common === stem);
  });
}

/** Every rule the password breaks, in a stable order; empty when it is acceptable. */
export function checkPassword(pw: string, owner: PasswordOwner, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  const length = [...pw].length;
  const lower = pw.toLowerCase();
  if (length < policy.minLength) {
    violations.push({
      code: 'too_short',
      zh: `密码长度不得少于 ${policy.minLength} 位`,
      en: `Password must be at least ${policy.minLength} characters long`,
    });
  }
  if (length > policy.maxLength) {
    violations.push({
      code: 'too_long',
      zh: `密码长度不得超过 ${policy.maxLength} 位`,
      en: `Password must be at most ${policy.maxLength} characters long`,
    });
  }
  if (classCount(pw) < policy.minClasses) {
    violations.push({
      code: 'too_few_classes',
      zh: `密码须至少包含大写字母、小写字母、数字、特殊字符中的 ${policy.minClasses} 类`,
      en: `Password must contain at least ${policy.minClasses} of: upper-case, lower-case, digit, symbol`,
    });
  }
  const username = owner.username.trim().toLowerCase();
  if (policy.forbidUsername && username.length > 0 && lower.includes(username)) {
    violations.push({
      code: 'contains_username',
      zh: '密码不得包含用户名',
      en: 'Password must not contain the username',
    });
  }
  const name = owner.name?.trim().toLowerCase() ?? '';
  if (policy.forbidUsername && [...name].length >= 2 && lower.includes(name)) {
    violations.push({
      code: 'contains_name',
      zh: '密码不得包含姓名',
      en: 'Password must not contain your name',
    });
  }
  if (isCommon(pw, policy.commonPasswords)) {
    violations.push({
      code: 'common_password',
      zh: '密码过于常见，请更换',
      en: 'Password is too common',
    });
  }
  return violations;
}

/**
 * Lockout after `maxFailedAttempts` consecutive failures, for `lockoutMinutes` from the last
 * failure. Time is a parameter; the caller stores the counter and the last failure instant.
 */
export function lockoutState(
  failedAttempts: number,
  lastFailedAt: Date | null,
  now: Date,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): LockoutState {
  const failures = Math.max(0, Math.floor(failedAttempts));
  if (failures < policy.maxFailedAttempts || lastFailedAt === null) {
    return {
      locked: false,
      lockedUntil: null,
      remainingAttempts: Math.max(0, policy.maxFailedAttempts - failures),
      resetCounter: false,
    };
  }
  const until = new Date(lastFailedAt.getTime() + policy.lockoutMinutes * 60_000);
  if (now.getTime() < until.getTime()) {
    return { locked: true, lockedUntil: until, remainingAttempts: 0, resetCounter: false };
  }
  return { locked: false, lockedUntil: null, remainingAttempts: policy.maxFailedAttempts, resetCounter: true };
}
