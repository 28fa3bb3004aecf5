import { describe, expect, it } from 'vitest';
import { bureauOf, childPath, isOrgPath, isWithin, pathIds, pathOf, type OrgRef } from './jurisdiction.ts';

const ORGS: OrgRef[] = [
  { id: 'sh', parentId: null, kind: 'city_bureau' },
  { id: 'zd', parentId: 'sh', kind: 'special_unit' },
  { id: 'zd1', parentId: 'zd', kind: 'brigade' },
  { id: 'pd', parentId: 'sh', kind: 'district_bureau' },
  { id: 'pd-b1', parentId: 'pd', kind: 'brigade' },
  { id: 'pd-ljz', parentId: 'pd-b1', kind: 'squad' },
  { id: 'pd-hm', parentId: 'pd', kind: 'squad' },
  { id: 'qp', parentId: 'sh', kind: 'district_bureau' },
  { id: 'qp-zjj', parentId: 'qp', kind: 'squad' },
  { id: 'sh-office', parentId: 'sh', kind: 'brigade' },
];

describe('org paths', () => {
  it('builds and splits materialized paths', () => {
    expect(childPath(null, 'sh')).toBe('/sh/');
    expect(childPath('/sh/', 'pd')).toBe('/sh/pd/');
    expect(pathIds('/sh/pd/pd-ljz/')).toEqual(['sh', 'pd', 'pd-ljz']);
    expect(pathOf(ORGS, 'pd-ljz')).toBe('/sh/pd/pd-b1/pd-ljz/');
    expect(pathOf(ORGS, 'sh')).toBe('/sh/');
  });

  it('rejects malformed paths and ids', () => {
    expect(isOrgPath('/sh/pd')).toBe(false);
    expect(isOrgPath('sh/pd/')).toBe(false);
    expect(isOrgPath('/')).toBe(false);
    expect(isOrgPath('//')).toBe(false);
    expect(() => childPath('/sh/', 'a/b')).toThrow(TypeError);
    expect(() => isWithin('/sh/pd', '/sh/')).toThrow(TypeError);
  });

  it('pathOf throws on unknown ids and cycles', () => {
    expect(() => pathOf(ORGS, 'nope')).toThrow(RangeError);
    const cyclic: OrgRef[] = [
      { id: 'a', parentId: 'b', kind: 'squad' },
      { id: 'b', parentId: 'a', kind: 'brigade' },
    ];
    expect(() => pathOf(cyclic, 'a')).toThrow(/cycle/);
  });
});

describe('isWithin', () => {
  it('includes the org itself and everything below it', () => {
    expect(isWithin('/sh/pd/', '/sh/pd/')).toBe(true);
    expect(isWithin('/sh/pd/pd-b1/pd-ljz/', '/sh/pd/')).toBe(true);
    expect(isWithin('/sh/pd/pd-b1/pd-ljz/', '/sh/')).toBe(true);
  });

  it('excludes siblings, ancestors and ids sharing a prefix', () => {
    expect(isWithin('/sh/qp/qp-zjj/', '/sh/pd/')).toBe(false);
    expect(isWithin('/sh/', '/sh/pd/')).toBe(false);
    expect(isWithin('/sh/pd2/', '/sh/pd/')).toBe(false);
    expect(isWithin('/sh/pd-hm/', '/sh/pd/')).toBe(false);
  });
});

describe('bureauOf', () => {
  it('finds the nearest district bureau above a squad, through a brigade', () => {
    expect(bureauOf(ORGS, 'pd-ljz')?.id).toBe('pd');
    expect(bureauOf(ORGS, 'pd-hm')?.id).toBe('pd');
    expect(bureauOf(ORGS, 'qp-zjj')?.id).toBe('qp');
  });

  it('a district bureau, special unit or city bureau is its own bureau', () => {
    expect(bureauOf(ORGS, 'pd')?.id).toBe('pd');
    expect(bureauOf(ORGS, 'zd')?.id).toBe('zd');
    expect(bureauOf(ORGS, 'sh')?.id).toBe('sh');
  });

  it('units under the special unit or directly under the city bureau belong to them', () => {
    expect(bureauOf(ORGS, 'zd1')?.id).toBe('zd');
    expect(bureauOf(ORGS, 'sh-office')?.id).toBe('sh');
  });

  it('returns null for an unknown org and survives cycles', () => {
    expect(bureauOf(ORGS, 'nope')).toBeNull();
    expect(bureauOf([{ id: 'a', parentId: 'a', kind: 'squad' }], 'a')).toBeNull();
  });
});
