import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { monitoringDeviceReviewed } from '../cases/case.guards.ts';
import type { CaseSnapshot } from '../cases/case-snapshot.ts';
import { deviceEvidenceInput, deviceFitness, pudongSceneListed, type DeviceRecord } from './devices.ts';
import { groupOffsiteEvents, joinsGroup, type OffsiteEventForGrouping } from './events.ts';

const camera: DeviceRecord = {
  kind: 'camera',
  scenes: ['cross_door', 'stall'],
  legalReviewPassedOn: '2026-01-10',
  techCertifiedOn: '2026-01-05',
  techCertifiedUntil: '2027-01-04',
  locationPublishedOn: '2026-01-15',
  retiredOn: null,
};

describe('A5 (行政处罚法 Art. 41): device evidence', () => {
  it('a reviewed, certified camera with a published location may found a case for its scenes', () => {
    expect(deviceFitness(camera, '2026-06-01', 'cross_door')).toEqual([]);
  });

  it('names every failing condition by field', () => {
    const fields = (d: Partial<DeviceRecord>, on = '2026-06-01', scene = 'cross_door') =>
      deviceFitness({ ...camera, ...d }, on, scene).map((f) => f.field);
    expect(fields({ legalReviewPassedOn: null })).toEqual(['legalReview']);
    expect(fields({}, '2026-01-12')).toEqual(['locationPublished']); // reviewed, not yet announced
    expect(fields({}, '2026-01-08')).toEqual(['legalReview', 'locationPublished']);
    expect(fields({}, '2027-01-05')).toEqual(['techCertification']); // certification lapsed the day before
    expect(fields({ techCertifiedOn: null, techCertifiedUntil: null })).toEqual(['techCertification']);
    expect(fields({}, '2026-06-01', 'car_wash')).toEqual(['scene']);
    expect(fields({ retiredOn: '2026-05-01' })).toEqual(['retired']);
    expect(fields({ kind: 'body_camera' })).toEqual(['kind']);
  });

  it('a drone is not a fixed device: no published location needed, every other review is', () => {
    const drone: DeviceRecord = { ...camera, kind: 'drone', locationPublishedOn: null };
    expect(deviceFitness(drone, '2026-06-01', 'stall')).toEqual([]);
    expect(deviceFitness({ ...drone, legalReviewPassedOn: null }, '2026-06-01', 'stall').map((f) => f.ruleId)).toEqual(['A5']);
  });

  it('the case guard reads the same verdict through deviceEvidenceInput', () => {
    const snapshot = {} as CaseSnapshot;
    const verdict = (d: DeviceRecord, on: string, scene: string, review: 'pass' | 'fail') =>
      monitoringDeviceReviewed(snapshot, { device: deviceEvidenceInput(d, on, scene, review) });
    expect(verdict(camera, '2026-06-01', 'cross_door', 'pass')).toBeNull();
    expect(verdict(camera, '2026-06-01', 'cross_door', 'fail')?.ruleId).toBe('A5');
    expect(verdict(camera, '2026-01-12', 'cross_door', 'pass')?.ruleId).toBe('A5');
    expect(verdict({ ...camera, retiredOn: '2026-02-01' }, '2026-06-01', 'cross_door', 'pass')?.ruleId).toBe('A5');
  });

  it('property: usable for the guard exactly when deviceFitness finds nothing and the review passed', () => {
    const date = fc.integer({ min: 0, max: 900 }).map((n) => new Date(Date.UTC(2025, 6, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('camera', 'drone', 'hangar', 'iot_sensor', 'body_camera' as const),
          legal: fc.option(date),
          certFrom: fc.option(date),
          certUntil: fc.option(date),
          published: fc.option(date),
          retired: fc.option(date),
          on: date,
          scene: fc.constantFrom('cross_door', 'car_wash'),
          review: fc.constantFrom('pass' as const, 'fail' as const),
        }),
        (r) => {
          const d: DeviceRecord = {
            kind: r.kind,
            scenes: ['cross_door'],
            legalReviewPassedOn: r.legal,
            techCertifiedOn: r.certFrom,
            techCertifiedUntil: r.certUntil,
            locationPublishedOn: r.published,
            retiredOn: r.retired,
          };
          const clean = deviceFitness(d, r.on, r.scene).length === 0 && r.review === 'pass';
          const blocked = monitoringDeviceReviewed({} as CaseSnapshot, { device: deviceEvidenceInput(d, r.on, r.scene, r.review) });
          expect(blocked === null).toBe(clean);
        },
      ),
    );
  });
});

describe('E11 (浦东非现场执法规定 Art. 4): the published list of off-site matters', () => {
  it('refuses a scene that is not on the list, naming the rule', () => {
    expect(pudongSceneListed('cross_door', ['cross_door'])).toBeNull();
    expect(pudongSceneListed('car_wash', ['cross_door'])).toMatchObject({ ruleId: 'E11', field: 'scene' });
  });
});

describe('处罚法 Art. 29: one continuing act is one matter (grouping of repeat events)', () => {
  const ev = (id: string, hour: number, partyKey: string | null = 'subject:1', scene = 'cross_door'): OffsiteEventForGrouping => ({
    id,
    at: new Date(Date.UTC(2026, 5, 1, hour)),
    scene,
    partyKey,
  });

  it('groups the same party and scene within the window; a new group after it', () => {
    const groups = groupOffsiteEvents([ev('a', 0), ev('b', 5), ev('c', 24), ev('d', 25)]);
    expect(groups.map((g) => g.eventIds)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('keeps other scenes, other parties and unrecognised parties apart', () => {
    const groups = groupOffsiteEvents([
      ev('a', 0),
      ev('b', 1, 'subject:2'),
      ev('c', 2, 'subject:1', 'stall'),
      ev('d', 3, null),
      ev('e', 4, null),
    ]);
    expect(groups.map((g) => g.eventIds)).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
  });

  it('property: the grouping does not depend on the order events arrive in, and loses none', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            hour: fc.integer({ min: 0, max: 96 }),
            party: fc.constantFrom('subject:1', 'plate:沪A1', null),
            scene: fc.constantFrom('x', 'y'),
          }),
          {
            maxLength: 30,
          },
        ),
        (raw) => {
          const events = raw.map((r, i) => ev(`e${String(i).padStart(2, '0')}`, r.hour, r.party, r.scene));
          const a = groupOffsiteEvents(events);
          const b = groupOffsiteEvents([...events].reverse());
          expect(b).toEqual(a);
          expect(a.flatMap((g) => g.eventIds).sort()).toEqual(events.map((e) => e.id).sort());
          for (const g of a) {
            for (const id of g.eventIds.slice(1))
              expect(
                joinsGroup(
                  g,
                  events.find((e) => e.id === id)!,
                ),
              ).toBe(true);
          }
        },
      ),
    );
  });
});
