// 勤务 of the generated city (issue 13 §7; docs/duty.md "The generated city"): a deterministic share of the squads
// (DUTY_SQUAD_SHARE) gets the three shifts (早班, 白班, 夜班), one patrol area — a cell of its service area, so it
// lies within it — and a roster of the last DUTY_WEEKS weeks up to `until`: on each working day of the 调休 calendar
// every field officer with a valid 执法证 on the day works the early or the day shift (alternating by week), one
// officer of the squad the night shift; nobody is on two shifts at once (D2) and nobody without a valid credential
// is on a field shift (A1), as the roster editor would refuse.
import {
  addDays,
  bestOfficerCredential,
  firstVertexOutside,
  ACTING_CREDENTIAL_STATUSES,
  isWorkingDay,
  shiftInstants,
  weekStartOf,
} from '@chengguan/domain';
import { CITY_AREAS } from './city-areas.ts';
import { CITY } from './city-orgs.ts';
import type { GeneratorPart, PartSummary } from './registry.ts';
import { endOfShanghaiDay } from '../shared/time.ts';

/** The share of squads with a roster (about one in ten). */
export const DUTY_SQUAD_SHARE = 0.1;
export const DUTY_WEEKS = 4;

const SHIFTS = [
  { code: 'early', name: '早班', start: 360, end: 840 },
  { code: 'day', name: '白班', start: 510, end: 1050 },
  { code: 'night', name: '夜班', start: 1200, end: 480 },
] as const;

export const cityDutyPart: GeneratorPart = {
  name: 'city-duty',
  after: ['city-orgs', 'city-areas'],
  run: async (ctx): Promise<PartSummary> => {
    const { options, writer, calendar } = ctx;
    const rand = ctx.random;
    const city = ctx.outputs.get(CITY);
    const areas = ctx.outputs.get(CITY_AREAS);
    const at = endOfShanghaiDay(options.until);
    const templates = writer.table('duty_shift_templates', [
      'id',
      'bureau_id',
      'org_id',
      'code',
      'name',
      'start_minute',
      'end_minute',
      'field',
      'active',
      'created_at',
    ]);
    const patrol = writer.table('duty_patrol_areas', [
      'id',
      'bureau_id',
      'org_id',
      'name',
      'geometry',
      'min_lon',
      'min_lat',
      'max_lon',
      'max_lat',
      'active',
      'created_by',
      'created_at',
      'updated_at',
    ]);
    const roster = writer.table('duty_roster', [
      'id',
      'bureau_id',
      'org_id',
      'officer_id',
      'duty_date',
      'shift_id',
      'starts_at',
      'ends_at',
      'field',
      'patrol_area_id',
      'created_by',
      'created_at',
    ]);
    const lastMonday = weekStartOf(options.until);
    const firstMonday = addDays(lastMonday, -7 * (DUTY_WEEKS - 1));
    let squads = 0;
    let entries = 0;
    for (const squad of city.squads) {
      if (rand() >= DUTY_SQUAD_SHARE) continue;
      const area = areas.get(squad.id);
      squads++;
      const ids = SHIFTS.map(() => ctx.idAt(at.getTime()));
      SHIFTS.forEach((s, i) => templates.add([ids[i]!, squad.bureauId, squad.id, s.code, s.name, s.start, s.end, true, true, at]));
      let areaId: string | null = null;
      // The first cell (shrunk by a tenth on each side) that lies within the service area, as saving one checks (D3).
      for (let c = 0; area && c < area.cells.length / 2 && !areaId; c++) {
        const m = area.cellSize / 10;
        const [w, s] = [area.cells[2 * c]! + m, area.cells[2 * c + 1]! + m];
        const [e, n] = [w + area.cellSize - 2 * m, s + area.cellSize - 2 * m];
        const geometry = {
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
        };
        if (firstVertexOutside(geometry, area.geometry) !== -1) continue;
        areaId = ctx.idAt(at.getTime());
        patrol.add([areaId, squad.bureauId, squad.id, `${area.street}一号网格`, JSON.stringify(geometry), w, s, e, n, true, null, at, at]);
      }
      const leader = squad.leaders[0] ?? null;
      const lastEnd = new Map<string, number>();
      for (let d = firstMonday; d <= addDays(lastMonday, 6) && d <= options.until; d = addDays(d, 1)) {
        if (!isWorkingDay(calendar, d)) continue;
        const week = Math.round((Date.parse(d) - Date.parse(firstMonday)) / (7 * 86_400_000));
        const acting = squad.field.filter((o) => ACTING_CREDENTIAL_STATUSES.includes(bestOfficerCredential([o.credential], d).status));
        acting.forEach((o, k) => {
          // One officer (rotating by day) takes the night; the rest the early or day shift, alternating by week.
          const nightIdx = acting.length > 2 ? (Date.parse(d) / 86_400_000) % acting.length : -1;
          let shift = k === nightIdx ? 2 : (k + week) % 2;
          // A night shift ends at 08:00 the next day, after the early shift (06:00) has begun: the officer who worked
          // the night works the day shift (08:30) next (D2).
          if (shift === 0 && (lastEnd.get(o.id) ?? 0) > shiftInstants(d, SHIFTS[0].start, SHIFTS[0].end).startsAt.getTime()) shift = 1;
          const s = SHIFTS[shift]!;
          const { startsAt, endsAt } = shiftInstants(d, s.start, s.end);
          lastEnd.set(o.id, endsAt.getTime());
          roster.add([
            ctx.idAt(startsAt.getTime()),
            squad.bureauId,
            squad.id,
            o.id,
            d,
            ids[shift]!,
            startsAt,
            endsAt,
            true,
            areaId,
            leader?.id ?? null,
            at,
          ]);
          entries++;
        });
      }
    }
    return { squads, shiftTemplates: squads * SHIFTS.length, rosterEntries: entries };
  },
};
