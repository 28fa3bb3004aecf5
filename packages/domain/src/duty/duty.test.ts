import { describe, expect, it } from 'vitest';
import {
  autoLogTag,
  DEFAULT_DUTY_LOG_TAGS,
  firstVertexOutside,
  positionCutoff,
  rosterOverlaps,
  shiftInstants,
  weekDates,
  weekStartOf,
} from './index.ts';

const square = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ] as [number, number][],
  ],
});

describe('勤务 rules', () => {
  it('D1 a shift covers Shanghai wall-clock times; a night shift ends the next day', () => {
    expect(shiftInstants('2026-03-02', 510, 1050)).toEqual({
      startsAt: new Date('2026-03-02T00:30:00.000Z'),
      endsAt: new Date('2026-03-02T09:30:00.000Z'),
    });
    expect(shiftInstants('2026-03-02', 1200, 480).endsAt).toEqual(new Date('2026-03-03T00:00:00.000Z'));
    expect(weekStartOf('2026-03-08')).toBe('2026-03-02');
    expect(weekDates('2026-03-02').at(-1)).toBe('2026-03-08');
  });

  it('D2 an officer on two overlapping shifts is found; touching shifts and other officers are not', () => {
    const night = shiftInstants('2026-03-03', 1200, 480);
    const early = shiftInstants('2026-03-04', 360, 840);
    const day = shiftInstants('2026-03-04', 510, 1050);
    const slot = (key: string, officerId: string, s: { startsAt: Date; endsAt: Date }) => ({ key, officerId, ...s });
    expect(rosterOverlaps([slot('a', 'x', night), slot('b', 'x', early)])).toEqual([{ officerId: 'x', a: 'a', b: 'b', ruleId: 'D2' }]);
    expect(rosterOverlaps([slot('a', 'x', night), slot('b', 'x', day), slot('c', 'y', early)])).toEqual([]);
    const end = shiftInstants('2026-03-04', 840, 1050);
    expect(rosterOverlaps([slot('a', 'x', early), slot('b', 'x', end)])).toEqual([]);
  });

  it('D3 a patrol area within the service area passes; a vertex or an edge outside is named', () => {
    const area = square(0, 0, 10, 10);
    expect(firstVertexOutside(square(1, 1, 5, 5), area)).toBe(-1);
    expect(firstVertexOutside(square(0, 0, 10, 10), area)).toBe(-1);
    expect(firstVertexOutside(square(5, 5, 12, 8), area)).toBe(1);
    // An L-shaped area: both ends of an edge inside, the edge crossing the notch.
    const l = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 4],
          [4, 4],
          [4, 10],
          [0, 10],
          [0, 0],
        ] as [number, number][],
      ],
    };
    const crossing = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [2, 8],
          [8, 2],
          [2, 2],
          [2, 8],
        ] as [number, number][],
      ],
    };
    expect(firstVertexOutside(crossing, l)).toBeGreaterThanOrEqual(0);
  });

  it('D4 the cutoff is the retention in days before now', () => {
    expect(positionCutoff(new Date('2026-03-31T00:00:00Z'), 30)).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  it('D5 the default scheme has 3 groups and 18 categories; automatic entries carry codes of it', () => {
    expect(DEFAULT_DUTY_LOG_TAGS.filter((t) => t.level === 1)).toHaveLength(3);
    expect(DEFAULT_DUTY_LOG_TAGS.filter((t) => t.level === 2)).toHaveLength(18);
    const codes = new Set(DEFAULT_DUTY_LOG_TAGS.map((t) => t.code));
    for (const t of DEFAULT_DUTY_LOG_TAGS) if (t.parentCode) expect(codes.has(t.parentCode)).toBe(true);
    const auto = [
      autoLogTag('case', 'register'),
      autoLogTag('case', 'decide'),
      autoLogTag('case', 'close'),
      autoLogTag('case', 'recordQuestioning'),
      autoLogTag('ticket', 'intake'),
      autoLogTag('ticket', 'reply'),
      autoLogTag('ticket', 'startHandling'),
      autoLogTag('inspection', 'random', 'failed'),
      autoLogTag('inspection', 'risk_frequency', 'passed'),
      autoLogTag('inspection', 'special'),
      autoLogTag('inspection', 'reinspection'),
    ];
    for (const c of auto) expect(codes.has(c), c).toBe(true);
  });
});
