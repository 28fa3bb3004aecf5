import { describe, expect, it } from 'vitest';
import {
  bestOfficerCredential,
  checkEnforcementTeam,
  credentialStatus,
  officerCredentialStatus,
  type CredentialLike,
} from './credential.ts';

const cred = (over: Partial<CredentialLike> = {}): CredentialLike => ({
  number: '31011500123',
  domains: ['city_appearance', 'street_trading'],
  validFrom: '2024-01-01',
  validTo: '2028-12-31',
  revoked: false,
  ...over,
});

describe('credentialStatus', () => {
  it('is valid inside the window, both ends included', () => {
    expect(credentialStatus(cred(), '2026-01-05', 30)).toBe('valid');
    expect(credentialStatus(cred({ validTo: '2026-12-31' }), '2024-01-01', 0)).toBe('valid');
    expect(credentialStatus(cred(), '2028-12-31', 0)).toBe('valid');
  });

  it('is expiring within the given number of days of validTo', () => {
    expect(credentialStatus(cred({ validTo: '2026-01-20' }), '2026-01-05', 30)).toBe('expiring');
    expect(credentialStatus(cred({ validTo: '2026-01-05' }), '2026-01-05', 1)).toBe('expiring');
    expect(credentialStatus(cred({ validTo: '2026-02-04' }), '2026-01-05', 30)).toBe('valid');
    expect(credentialStatus(cred({ validTo: '2026-02-03' }), '2026-01-05', 30)).toBe('expiring');
  });

  it('is expired after validTo, not yet valid before validFrom', () => {
    expect(credentialStatus(cred({ validFrom: '2021-01-01', validTo: '2025-12-31' }), '2026-01-01', 30)).toBe('expired');
    expect(credentialStatus(cred({ validFrom: '2026-02-01' }), '2026-01-31', 30)).toBe('not_yet_valid');
  });

  it('revoked wins over dates; undefined is missing', () => {
    expect(credentialStatus(cred({ revoked: true }), '2026-01-05', 30)).toBe('revoked');
    expect(credentialStatus(undefined, '2026-01-05', 30)).toBe('missing');
  });

  it('rejects malformed dates', () => {
    expect(() => credentialStatus(cred(), '2026-1-5', 30)).toThrow(/onDate/);
    expect(() => credentialStatus(cred({ validTo: '2026-02-30' }), '2026-01-05', 30)).toThrow(/validTo/);
  });
});

describe('officerCredentialStatus', () => {
  it('chooses the best credential', () => {
    const creds = [cred({ validFrom: '2019-01-01', validTo: '2023-12-31' }), cred({ revoked: true }), cred()];
    expect(officerCredentialStatus(creds, '2026-01-05')).toBe('valid');
    expect(officerCredentialStatus([cred({ validTo: '2023-12-31', validFrom: '2019-01-01' }), cred({ revoked: true })], '2026-01-05')).toBe(
      'expired',
    );
    expect(officerCredentialStatus([], '2026-01-05')).toBe('missing');
  });

  it('only counts credentials covering the domain', () => {
    const creds = [
      cred({ domains: ['city_appearance'] }),
      cred({ domains: ['construction'], validFrom: '2020-01-01', validTo: '2024-12-31' }),
    ];
    expect(officerCredentialStatus(creds, '2026-01-05', 'city_appearance')).toBe('valid');
    expect(officerCredentialStatus(creds, '2026-01-05', 'construction')).toBe('expired');
    expect(officerCredentialStatus(creds, '2026-01-05', 'water')).toBe('missing');
  });

  it('bestOfficerCredential returns the credential that lasts longest among equals', () => {
    const a = cred({ number: 'A', validTo: '2027-12-31' });
    const b = cred({ number: 'B', validTo: '2028-12-31' });
    expect(bestOfficerCredential([a, b], '2026-01-05').credential?.number).toBe('B');
    expect(bestOfficerCredential([], '2026-01-05')).toEqual({ status: 'missing', credential: null });
  });
});

describe('A1 enforcement team: at least two officers, each with a valid credential (处罚法 Art. 42)', () => {
  const onDate = '2026-01-05';

  it('A1 passes with two officers holding valid credentials', () => {
    expect(
      checkEnforcementTeam(
        [
          { id: 'o1', credentials: [cred()] },
          { id: 'o2', credentials: [cred()] },
        ],
        onDate,
      ),
    ).toEqual({
      ok: true,
      violations: [],
    });
  });

  it('A1 accepts an expiring credential as still valid on the date', () => {
    const r = checkEnforcementTeam(
      [
        { id: 'o1', credentials: [cred({ validTo: '2026-01-10' })] },
        { id: 'o2', credentials: [cred()] },
      ],
      onDate,
    );
    expect(r.ok).toBe(true);
  });

  it('A1 fails with one officer, or with the same officer listed twice', () => {
    const one = checkEnforcementTeam([{ id: 'o1', credentials: [cred()] }], onDate);
    expect(one.ok).toBe(false);
    expect(one.violations).toEqual([expect.objectContaining({ ruleId: 'A1', reasonZh: expect.stringContaining('不得少于两人') })]);
    expect(one.violations[0]!.officerId).toBeUndefined();
    const twice = checkEnforcementTeam(
      [
        { id: 'o1', credentials: [cred()] },
        { id: 'o1', credentials: [cred()] },
      ],
      onDate,
    );
    expect(twice.ok).toBe(false);
    expect(twice.violations).toHaveLength(1);
    expect(checkEnforcementTeam([], onDate).violations).toHaveLength(1);
  });

  it('A1 names each officer whose credential is expired, revoked, missing or not yet valid', () => {
    const r = checkEnforcementTeam(
      [
        { id: 'o1', name: '张伟', credentials: [cred()] },
        { id: 'o2', name: '李娜', credentials: [cred({ validFrom: '2021-01-01', validTo: '2025-12-31' })] },
        { id: 'o3', credentials: [cred({ revoked: true })] },
        { id: 'o4', credentials: [] },
        { id: 'o5', credentials: [cred({ validFrom: '2026-06-01' })] },
      ],
      onDate,
    );
    expect(r.ok).toBe(false);
    expect(r.violations.map((v) => v.officerId)).toEqual(['o2', 'o3', 'o4', 'o5']);
    expect(r.violations[0]!.reasonZh).toContain('李娜');
    expect(r.violations[0]!.reasonZh).toContain('已过期');
    expect(r.violations[0]!.reasonEn).toContain('expired');
    expect(r.violations[2]!.reasonEn).toContain('missing');
    expect(r.violations.every((v) => v.ruleId === 'A1')).toBe(true);
  });

  it('A1 requires the credential to cover the domain when one is given', () => {
    const team = [
      { id: 'o1', credentials: [cred({ domains: ['city_appearance'] })] },
      { id: 'o2', credentials: [cred({ domains: ['city_appearance', 'construction'] })] },
    ];
    expect(checkEnforcementTeam(team, onDate, 'city_appearance').ok).toBe(true);
    const r = checkEnforcementTeam(team, onDate, 'construction');
    expect(r.ok).toBe(false);
    expect(r.violations.map((v) => v.officerId)).toEqual(['o1']);
  });

  it('A1 judges on the action date, not today', () => {
    const team = [
      { id: 'o1', credentials: [cred({ validFrom: '2021-01-01', validTo: '2025-12-31' })] },
      { id: 'o2', credentials: [cred({ validFrom: '2021-01-01' })] },
    ];
    expect(checkEnforcementTeam(team, '2025-12-31').ok).toBe(true);
    expect(checkEnforcementTeam(team, '2026-01-01').ok).toBe(false);
  });
});
