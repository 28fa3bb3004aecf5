import { describe, expect, it } from 'vitest';
import { ORG_KINDS, ROLES, ENFORCEMENT_DOMAINS } from '@chengguan/contracts';
import { ALLOWED_CHILD_KINDS, checkPassword, credentialStatus, officerCredentialStatus } from '@chengguan/domain';
import { DEMO_LOGINS, DEMO_PASSWORD, buildDemoData } from './demo-data.ts';

const ON = '2026-06-01';

describe('buildDemoData', () => {
  const data = buildDemoData();
  const orgByKey = new Map(data.orgs.map((o) => [o.key, o]));

  it('is deterministic for a seed and varies names with the seed', () => {
    expect(buildDemoData()).toEqual(data);
    expect(buildDemoData({ seed: 7 })).toEqual(buildDemoData({ seed: 7 }));
    const other = buildDemoData({ seed: 7 });
    expect(other.officers.map((o) => o.name)).not.toEqual(data.officers.map((o) => o.name));
    expect(other.officers.map((o) => o.username)).toEqual(data.officers.map((o) => o.username));
  });

  it('has 55–70 officers', () => {
    expect(data.officers.length).toBeGreaterThanOrEqual(55);
    expect(data.officers.length).toBeLessThanOrEqual(70);
  });

  it('builds a valid tree: one root, known parents, allowed kinds, unique keys and codes', () => {
    expect(data.orgs.filter((o) => o.parentKey === null).map((o) => o.code)).toEqual(['SH']);
    expect(new Set(data.orgs.map((o) => o.key)).size).toBe(data.orgs.length);
    expect(new Set(data.orgs.map((o) => o.code)).size).toBe(data.orgs.length);
    for (const org of data.orgs) {
      expect(ORG_KINDS).toContain(org.kind);
      expect(org.code).toMatch(/^[A-Za-z0-9_-]{2,32}$/);
      if (org.regionCode !== null) expect(org.regionCode).toMatch(/^\d{6}$/);
      if (org.parentKey === null) continue;
      const parent = orgByKey.get(org.parentKey);
      expect(parent, org.key).toBeDefined();
      expect(ALLOWED_CHILD_KINDS[parent!.kind]).toContain(org.kind);
    }
    expect(orgByKey.get('sh-zd')).toMatchObject({ kind: 'special_unit', code: 'SH-ZD' });
    expect(orgByKey.get('pd')).toMatchObject({ kind: 'district_bureau', code: 'PD', regionCode: '310115' });
    expect(orgByKey.get('qp')).toMatchObject({ kind: 'district_bureau', code: 'QP', regionCode: '310118' });
    expect(orgByKey.get('qp-zjj')).toMatchObject({ name: '朱家角镇中队', code: 'QP-ZJJ', kind: 'squad' });
    expect(data.orgs.filter((o) => o.kind === 'squad' && o.code.startsWith('QP-'))).toHaveLength(11);
  });

  it('every squad has exactly one leader and 2–4 field officers', () => {
    for (const squad of data.orgs.filter((o) => o.kind === 'squad')) {
      const members = data.officers.filter((o) => o.orgKey === squad.key);
      expect(
        members.filter((o) => o.roles.includes('squad_leader')),
        squad.name,
      ).toHaveLength(1);
      const field = members.filter((o) => o.roles.includes('field_officer')).length;
      expect(field, squad.name).toBeGreaterThanOrEqual(2);
      expect(field, squad.name).toBeLessThanOrEqual(4);
    }
  });

  it('staffs each district bureau and the city bureau with the required roles', () => {
    const rolesAt = (orgKey: string) =>
      data.officers
        .filter((o) => o.orgKey === orgKey)
        .flatMap((o) => o.roles)
        .sort();
    for (const district of ['pd', 'qp']) {
      expect(rolesAt(district)).toEqual(['admin', 'bureau_leader', 'commander', 'legal_reviewer', 'supervisor']);
    }
    expect(rolesAt('sh')).toEqual(['admin', 'bureau_leader', 'legal_reviewer', 'supervisor']);
  });

  it('officer fields are well-formed and unique where they must be', () => {
    const keys = new Set<string>();
    const employeeNos = new Set<string>();
    const usernames = new Set<string>();
    const credentialNos = new Set<string>();
    for (const o of data.officers) {
      expect(orgByKey.has(o.orgKey), o.key).toBe(true);
      expect(o.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
      expect(o.phone).toMatch(/^1\d{10}$/);
      expect(o.employeeNo).toMatch(/^[A-Za-z0-9-]{3,20}$/);
      expect(o.roles.every((r) => ROLES.includes(r))).toBe(true);
      if (o.username !== null) expect(o.username).toMatch(/^[a-z][a-z0-9_.]{2,31}$/);
      for (const c of o.credentials) {
        expect(c.number).toMatch(/^310(000|115|118)\d{5}$/);
        expect(c.domains.every((d) => ENFORCEMENT_DOMAINS.includes(d))).toBe(true);
        expect(credentialNos.has(c.number)).toBe(false);
        credentialNos.add(c.number);
      }
      for (const [set, value] of [
        [keys, o.key],
        [employeeNos, o.employeeNo],
        [usernames, o.username],
      ] as const) {
        expect(set.has(value!), String(value)).toBe(false);
        set.add(value!);
      }
    }
    expect(data.officers.find((o) => o.key === 'pd-ljz-01')?.credentials[0]?.number).toMatch(/^31011500\d{3}$/);
  });

  it('names are unique within each org', () => {
    for (const org of data.orgs) {
      const names = data.officers.filter((o) => o.orgKey === org.key).map((o) => o.name);
      expect(new Set(names).size, org.name).toBe(names.length);
    }
  });

  it('every DEMO_LOGINS account exists in the named org with a matching role', () => {
    for (const login of DEMO_LOGINS) {
      const officer = data.officers.find((o) => o.username === login.username);
      expect(officer, login.username).toBeDefined();
      expect(orgByKey.get(officer!.orgKey)!.name).toBe(login.orgName);
    }
    expect(data.officers.find((o) => o.username === 'admin')).toMatchObject({ orgKey: 'sh', roles: ['admin'] });
    expect(data.officers.find((o) => o.username === 'pd_ljz_leader')?.roles).toEqual(['squad_leader']);
    expect(data.officers.find((o) => o.username === 'qp_leader')?.roles).toEqual(['bureau_leader']);
  });

  it('has deliberate credential problems: ≥3 expired (pd_ljz_02 the only named one), one missing, one revoked', () => {
    const status = new Map(data.officers.map((o) => [o.username, officerCredentialStatus(o.credentials, ON)]));
    const expired = [...status].filter(([, s]) => s === 'expired').map(([u]) => u);
    expect(expired.length).toBeGreaterThanOrEqual(3);
    const named = new Set(DEMO_LOGINS.map((l) => l.username));
    expect(expired.filter((u) => named.has(u!))).toEqual(['pd_ljz_02']);
    const ljz02 = data.officers.find((o) => o.username === 'pd_ljz_02')!;
    expect(ljz02.credentials[0]!.validTo < '2026-06-01').toBe(true);
    expect([...status.values()].filter((s) => s === 'missing')).toHaveLength(1);
    expect([...status.values()].filter((s) => s === 'revoked')).toHaveLength(1);
    for (const u of named) if (u !== 'pd_ljz_02') expect(status.get(u), u).toBe('valid');
    const valid = data.officers.flatMap((o) => o.credentials).filter((c) => credentialStatus(c, ON, 30) === 'valid');
    expect(valid.length).toBeGreaterThan(data.officers.length - 6);
  });

  it('DEMO_PASSWORD satisfies the password policy for every demo login', () => {
    for (const o of data.officers) {
      if (o.username) expect(checkPassword(DEMO_PASSWORD, { username: o.username, name: o.name }), o.username).toEqual([]);
    }
  });
});
