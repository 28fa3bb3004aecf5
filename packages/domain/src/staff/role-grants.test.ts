import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@chengguan/contracts';
import {
  accountAdministrationRefusal,
  CITY_GRANTED_ROLES,
  grantableRoles,
  ROLE_CONFLICTS,
  roleChangeRefusals,
  roleConflictsIn,
  type Granter,
  type RoleChange,
  unitScope,
} from './role-grants.ts';

const CITY_ADMIN: Granter = { id: 'city-admin', roles: ['admin'], scope: 'city' };
const DISTRICT_ADMIN: Granter = { id: 'pd-admin', roles: ['admin'], scope: 'bureau' };
const LEADER: Granter = { id: 'pd-leader', roles: ['bureau_leader'], scope: 'bureau' };

const change = (over: Partial<RoleChange>): RoleChange => ({
  granter: DISTRICT_ADMIN,
  granteeId: 'officer-1',
  granteeScope: 'bureau',
  before: [],
  after: ['field_officer'],
  ...over,
});
const rules = (c: Partial<RoleChange>) => roleChangeRefusals(change(c)).map((r) => r.rule);

// Written out by hand from the reasons in docs/architecture.md, not derived from ROLE_CONFLICTS.
const FORBIDDEN_PAIRS = new Set([
  'field_officer+legal_reviewer',
  'legal_reviewer+squad_leader',
  'bureau_leader+field_officer',
  'bureau_leader+squad_leader',
  'bureau_leader+legal_reviewer',
  'field_officer+supervisor',
  'squad_leader+supervisor',
  'legal_reviewer+supervisor',
  'commander+supervisor',
  'bureau_leader+supervisor',
  'admin+supervisor',
  'admin+bureau_leader',
  // A partner department's account holds no bureau role.
  'field_officer+partner',
  'partner+squad_leader',
  'legal_reviewer+partner',
  'commander+partner',
  'partner+supervisor',
  'bureau_leader+partner',
  'admin+partner',
]);
const pairKey = (a: Role, b: Role) => [a, b].sort().join('+');

describe('R1 nobody changes his own roles', () => {
  it('refuses a district administrator who grants himself bureau_leader', () => {
    expect(rules({ granteeId: DISTRICT_ADMIN.id, before: ['admin'], after: ['admin', 'bureau_leader'] })).toContain('R1');
  });
  it('refuses the city administrator too, and a revocation as much as a grant', () => {
    expect(
      rules({ granter: CITY_ADMIN, granteeId: CITY_ADMIN.id, granteeScope: 'city', before: ['admin'], after: ['admin', 'commander'] }),
    ).toEqual(['R1']);
    expect(
      rules({ granter: CITY_ADMIN, granteeId: CITY_ADMIN.id, granteeScope: 'city', before: ['admin', 'commander'], after: ['admin'] }),
    ).toEqual(['R1']);
  });
  it('does not apply when his roles stay as they were', () => {
    expect(rules({ granteeId: DISTRICT_ADMIN.id, before: ['admin'], after: ['admin'] })).toEqual([]);
  });
  it('offers no role to grant to himself', () => {
    expect(grantableRoles(CITY_ADMIN, 'city', CITY_ADMIN.id)).toEqual([]);
  });
});

describe('R2 only an administrator grants roles', () => {
  it('refuses a bureau leader', () => {
    expect(rules({ granter: LEADER })).toEqual(['R2']);
    expect(grantableRoles(LEADER, 'bureau')).toEqual([]);
  });
});

describe('R3 roles of the city bureau’s own staff only by the city administrator', () => {
  it('refuses a district administrator for an officer of a city unit, whatever the role', () => {
    for (const role of ROLES) expect(rules({ granteeScope: 'city', after: [role] })).toContain('R3');
  });
  it('lets the city administrator make the city legal reviewer who maintains the law library', () => {
    expect(rules({ granter: CITY_ADMIN, granteeScope: 'city', after: ['legal_reviewer'] })).toEqual([]);
  });
});

describe('R4 administrator, bureau leader and supervisor only by the city administrator', () => {
  it('refuses a district administrator granting or revoking each of them in his own bureau', () => {
    for (const { role } of CITY_GRANTED_ROLES) {
      expect(rules({ after: [role] })).toEqual(['R4']);
      expect(rules({ before: [role, 'commander'], after: ['commander'] })).toEqual(['R4']);
    }
  });
  it('lets a district administrator grant the other roles in his bureau', () => {
    for (const role of ['field_officer', 'squad_leader', 'legal_reviewer', 'commander'] as const)
      expect(rules({ after: [role] })).toEqual([]);
  });
  it('lets the city administrator grant them in any bureau', () => {
    for (const { role } of CITY_GRANTED_ROLES) expect(rules({ granter: CITY_ADMIN, after: [role] })).toEqual([]);
  });
  it('lists exactly the roles for which a single grant would pass R1–R4', () => {
    for (const granter of [CITY_ADMIN, DISTRICT_ADMIN, LEADER]) {
      for (const scope of ['city', 'bureau'] as const) {
        const passing = ROLES.filter((r) => roleChangeRefusals(change({ granter, granteeScope: scope, after: [r] })).length === 0);
        expect(grantableRoles(granter, scope)).toEqual(passing);
      }
    }
  });
  it('keeps the account of a reserved role’s holder to the city administrator (password reset, deactivation)', () => {
    const leader = { id: 'pd-leader', roles: ['bureau_leader'] as Role[], scope: 'bureau' as const };
    expect(accountAdministrationRefusal(DISTRICT_ADMIN, leader)?.rule).toBe('R4');
    expect(accountAdministrationRefusal(DISTRICT_ADMIN, { ...leader, id: 'other-admin', roles: ['admin'] })?.roles).toEqual(['admin']);
    expect(accountAdministrationRefusal(CITY_ADMIN, leader)).toBeNull();
    expect(accountAdministrationRefusal(DISTRICT_ADMIN, { ...leader, roles: ['field_officer'] })).toBeNull();
  });
});

describe('R5 incompatible roles on one person', () => {
  it('forbids exactly the pairs of the hand-written table, every other pair of two roles is allowed', () => {
    for (const a of ROLES) {
      for (const b of ROLES) {
        if (a >= b) continue;
        const refused = rules({ granter: CITY_ADMIN, after: [a, b] }).includes('R5');
        expect(refused, `${a} + ${b}`).toBe(FORBIDDEN_PAIRS.has(pairKey(a, b)));
      }
    }
    expect(ROLE_CONFLICTS).toHaveLength(FORBIDDEN_PAIRS.size);
  });
  it('refuses the case handler who would also be the 法制审核 reviewer, through create and update alike', () => {
    const created = roleChangeRefusals(change({ granteeId: null, after: ['field_officer', 'legal_reviewer'] }));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ rule: 'R5', roles: ['field_officer', 'legal_reviewer'] });
    expect(created[0]!.zh).toContain('承办');
    expect(rules({ before: ['field_officer'], after: ['field_officer', 'legal_reviewer'] })).toEqual(['R5']);
  });
  it('checks the resulting set even when the pair was there before another role changed', () => {
    expect(rules({ granter: CITY_ADMIN, before: ['admin', 'bureau_leader'], after: ['admin', 'bureau_leader', 'commander'] })).toEqual([
      'R5',
    ]);
  });
  it('gives every pair two different roles, a reason in both languages and at least one source', () => {
    const keys = ROLE_CONFLICTS.map((c) => pairKey(c.roles[0], c.roles[1]));
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of ROLE_CONFLICTS) {
      expect(c.roles[0]).not.toBe(c.roles[1]);
      expect(c.zh.length).toBeGreaterThan(10);
      expect(c.en.length).toBeGreaterThan(10);
      expect(c.sources.length).toBeGreaterThan(0);
    }
    expect(roleConflictsIn(['supervisor', 'admin', 'bureau_leader']).map((c) => pairKey(c.roles[0], c.roles[1]))).toEqual([
      'bureau_leader+supervisor',
      'admin+supervisor',
      'admin+bureau_leader',
    ]);
  });
});

describe('unitScope', () => {
  it('is city for the city bureau and its own offices, bureau inside a district or a special unit', () => {
    expect(unitScope({ path: '/sh/', bureauId: 'sh' })).toBe('city');
    expect(unitScope({ path: '/sh/sh-office/', bureauId: 'sh' })).toBe('city');
    expect(unitScope({ path: '/sh/pd/', bureauId: 'pd' })).toBe('bureau');
    expect(unitScope({ path: '/sh/pd/pd-b1/pd-ljz/', bureauId: 'pd' })).toBe('bureau');
    expect(unitScope({ path: '/sh/zd/', bureauId: 'zd' })).toBe('bureau');
  });
});
