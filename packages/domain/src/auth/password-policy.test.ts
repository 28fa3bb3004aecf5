import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY, checkPassword, lockoutState } from './password-policy.ts';

const codes = (pw: string, username = 'pd_ljz_01', name?: string): string[] =>
  checkPassword(pw, { username, name }, DEFAULT_PASSWORD_POLICY).map((v) => v.code);

describe('checkPassword', () => {
  it('accepts a long password with three classes', () => {
    expect(codes('Chengguan#2026')).toEqual([]);
    expect(codes('lujiazui-2026x')).toEqual([]);
    expect(codes('Xiaoxiao2026A')).toEqual([]);
  });

  it('rejects short passwords', () => {
    expect(codes('Ab#12345')).toEqual(['too_short']);
  });

  it('counts characters, not UTF-16 units, and caps the length', () => {
    expect(codes('城管执法#Ab1')).toEqual(['too_short']);
    expect(codes('Aa1#'.repeat(40))).toEqual(['too_long']);
  });

  it('requires three of four classes', () => {
    expect(codes('abcdefghijk')).toEqual(['too_few_classes']);
    expect(codes('abcdefgh12')).toEqual(['too_few_classes']);
    expect(codes('abcdefgh1!')).toEqual([]);
  });

  it('rejects a password containing the username or the name, case-insensitively', () => {
    expect(codes('PD_LJZ_01#2026')).toContain('contains_username');
    expect(codes('Zhangwei#2026', 'pd_ljz_01', 'zhangwei')).toContain('contains_name');
    expect(codes('张伟Welcome#2026', 'pd_ljz_01', '张伟')).toContain('contains_name');
  });

  it('rejects common passwords, also with trailing digits and symbols', () => {
    expect(codes('1234567890')).toEqual(expect.arrayContaining(['too_few_classes', 'common_password']));
    expect(codes('Password123!')).toEqual(['common_password']);
    expect(codes('P@ssw0rd2026')).toEqual(['common_password']);
    expect(codes('Administrator1')).toEqual(['common_password']);
  });

  it('gives Chinese and English messages', () => {
    const [v] = checkPassword('short', { username: 'x' }, DEFAULT_PASSWORD_POLICY);
    expect(v!.zh).toContain('10');
    expect(v!.en).toContain('10');
  });

  it('follows a custom policy', () => {
    const lax = { ...DEFAULT_PASSWORD_POLICY, minLength: 4, minClasses: 1, forbidUsername: false, commonPasswords: [] };
    expect(checkPassword('admin', { username: 'admin' }, lax)).toEqual([]);
  });
});

describe('lockoutState', () => {
  const t0 = new Date('2026-01-05T08:00:00Z');
  const plus = (min: number): Date => new Date(t0.getTime() + min * 60_000);

  it('is open below the failure limit and counts down', () => {
    expect(lockoutState(0, null, t0)).toEqual({ locked: false, lockedUntil: null, remainingAttempts: 5, resetCounter: false });
    expect(lockoutState(4, t0, t0)).toMatchObject({ locked: false, remainingAttempts: 1 });
  });

  it('locks for 15 minutes after the fifth failure', () => {
    expect(lockoutState(5, t0, plus(0))).toEqual({ locked: true, lockedUntil: plus(15), remainingAttempts: 0, resetCounter: false });
    expect(lockoutState(5, t0, plus(14.99)).locked).toBe(true);
    expect(lockoutState(7, t0, plus(10)).lockedUntil).toEqual(plus(15));
  });

  it('unlocks at the end of the period and asks for the counter to be reset', () => {
    expect(lockoutState(5, t0, plus(15))).toEqual({ locked: false, lockedUntil: null, remainingAttempts: 5, resetCounter: true });
  });

  it('follows a custom policy', () => {
    const strict = { ...DEFAULT_PASSWORD_POLICY, maxFailedAttempts: 3, lockoutMinutes: 60 };
    expect(lockoutState(3, t0, plus(59), strict)).toMatchObject({ locked: true, lockedUntil: plus(60) });
  });
});
