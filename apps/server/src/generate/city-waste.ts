// 建筑垃圾 of the generated city (docs/waste.md "The generated city"): per district, the register — producing sites
// (工地), disposal sites (消纳场) and a transfer yard, transport companies with their 核准 licence, their vehicles — and
// 处置核准 permits, each a producing site, a company, its vehicles, one disposal site and the route's corridor (H3 cells
// as the module stores them; a cell belongs to the first site holding it, as the module's insert does). Permits run
// half a year each, back to the start of the history. The clue history: the day's analysis found a few clues a
// district a day; those older than a week are dismissed with the reviewer's reason, the last week's are open. The GPS
// points themselves are not generated: the module keeps them 31 days and the analysis that made the clues is history.
import {
  addDays,
  corridorCells,
  creditCodeCheckChar,
  daysBetween,
  pointCell,
  siteCells,
  type LegalDate,
  type LonLat,
} from '@chengguan/domain';
import { endOfShanghaiDay, shanghaiInstant } from '../shared/time.ts';
import { CITY_AREAS, type SquadArea } from './city-areas.ts';
import { CITY } from './city-orgs.ts';
import { ROAD_SUFFIXES, ROAD_WORDS } from './city-subjects.ts';
import { firstDay } from './options.ts';
import type { GeneratorPart } from './registry.ts';
import { CITY_WASTE_CASES, CITY_WASTE_FLEET, type WasteFleetVehicle } from './city-cases.ts';

/** At full scale, per district: 工地 holding a permit at any time, 运输企业, vehicles per company, clues a day. */
export const WASTE_SITES_PER_DISTRICT = 60;
export const WASTE_COMPANIES_PER_DISTRICT = 12;
export const WASTE_DISPOSAL_PER_DISTRICT = 3;
export const WASTE_CLUES_PER_DISTRICT_DAY = 2;
export const WASTE_PERMIT_DAYS = 182;
export const WASTE_OPEN_DAYS = 7;

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CLUE_KINDS = ['no_arrival', 'deviation', 'stop', 'no_permit'] as const;
const DISMISS_REASONS: Record<(typeof CLUE_KINDS)[number], string> = {
  no_arrival: '经核实车辆当日为空车返场，未装载建筑垃圾',
  deviation: '因道路施工临时绕行，已报备',
  stop: '车辆故障临时停靠，未倾倒',
  no_permit: '该车辆当日执行其他合法运输任务（非建筑垃圾）',
};

const CLUE_COLUMNS = [
  'id',
  'bureau_id',
  'day',
  'kind',
  'plate',
  'vehicle_id',
  'company_id',
  'site_id',
  't_from',
  't_to',
  'points',
  'cell',
  'lon',
  'lat',
  'status',
  'case_id',
  'dismiss_reason',
  'decided_by',
  'decided_at',
  'created_at',
] as const;

export const cityWastePart: GeneratorPart = {
  name: 'city-waste',
  after: ['city-orgs', 'city-areas'],
  run: async (ctx) => {
    const { options, random: rand, writer, idAt } = ctx;
    const city = ctx.outputs.get(CITY);
    const areas = ctx.outputs.get(CITY_AREAS);
    const start = firstDay(options);
    const until = options.until;
    const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const sqrtScale = Math.sqrt(options.scale);
    const n = (full: number, min: number) => Math.max(min, Math.round(full * sqrtScale));
    const sitesT = writer.table('waste_sites', [
      'id',
      'bureau_id',
      'kind',
      'name',
      'address',
      'lon',
      'lat',
      'radius_m',
      'active',
      'created_by',
      'created_at',
    ]);
    const companiesT = writer.table('waste_companies', [
      'id',
      'bureau_id',
      'name',
      'credit_code',
      'licence_no',
      'licence_valid_until',
      'licence_status',
      'revoked_case_id',
      'created_by',
      'created_at',
    ]);
    const vehiclesT = writer.table('waste_vehicles', [
      'id',
      'bureau_id',
      'plate',
      'company_id',
      'licence_no',
      'licence_valid_until',
      'status',
      'created_by',
      'created_at',
    ]);
    const permitsT = writer.table('waste_permits', [
      'id',
      'bureau_id',
      'number',
      'producing_site_id',
      'company_id',
      'route',
      'corridor_m',
      'valid_from',
      'valid_until',
      'status',
      'created_by',
      'created_at',
    ]);
    const disposalsT = writer.table('waste_permit_disposals', ['permit_id', 'site_id']);
    const permitVehiclesT = writer.table('waste_permit_vehicles', ['permit_id', 'vehicle_id', 'plate']);
    const siteCellsT = writer.table('waste_site_cells', ['cell', 'site_id', 'kind']);
    const corridorT = writer.table('waste_corridor_cells', ['permit_id', 'cell']);
    const cluesT = writer.table('waste_clues', CLUE_COLUMNS);
    const pointIn = (area: SquadArea): LonLat => {
      const cell = Math.floor(rand() * (area.cells.length / 2));
      return [
        Math.round((area.cells[2 * cell]! + rand() * area.cellSize) * 1e6) / 1e6,
        Math.round((area.cells[2 * cell + 1]! + rand() * area.cellSize) * 1e6) / 1e6,
      ];
    };
    const takenCells = new Set<string>();
    const plates = new Set<string>();
    const createdAt = shanghaiInstant(start);
    let orgSerial = 0;
    const counts = { sites: 0, disposal: 0, companies: 0, vehicles: 0, permits: 0, clues: 0, open: 0 };
    const fleet = new Map<string, WasteFleetVehicle[]>();
    const days = daysBetween(start, until) + 1;
    for (const [bi, b] of city.bureaus.entries()) {
      if (b.squads.length === 0) continue;
      const admin = b.commanders[0]?.id ?? null;
      const site = (kind: 'producing' | 'disposal' | 'yard', name: string, radius: number) => {
        const squad = pick(b.squads);
        const p = pointIn(areas.get(squad.id)!);
        const id = idAt(createdAt.getTime());
        sitesT.add([
          id,
          b.id,
          kind,
          name,
          `${b.districtName}${pick(ROAD_WORDS)}${pick(ROAD_SUFFIXES)}${between(1, 999)}号`,
          p[0],
          p[1],
          radius,
          true,
          admin,
          createdAt,
        ]);
        for (const c of siteCells(p, radius)) {
          const key = c.toString();
          if (takenCells.has(key)) continue;
          takenCells.add(key);
          siteCellsT.add([key, id, kind]);
        }
        return { id, point: p };
      };
      const producing = Array.from({ length: n(WASTE_SITES_PER_DISTRICT, 2) }, (_, i) =>
        site('producing', `${b.districtName}${pick(ROAD_WORDS)}项目${i + 1}号地块工地`, between(60, 200)),
      );
      const disposal = Array.from({ length: n(WASTE_DISPOSAL_PER_DISTRICT, 1) }, (_, i) =>
        site('disposal', `${b.districtName}建筑垃圾消纳场${i + 1}号`, between(150, 400)),
      );
      site('yard', `${b.districtName}建筑垃圾中转场`, 150);
      counts.sites += producing.length;
      counts.disposal += disposal.length;
      const companies = Array.from({ length: n(WASTE_COMPANIES_PER_DISTRICT, 2) }, (_, i) => {
        const id = idAt(createdAt.getTime());
        let x = Number((BigInt(++orgSerial + bi * 10_000) * 2654435761n) % 27_512_614_111n);
        let org = '';
        for (let k = 0; k < 7; k++) {
          org = CREDIT_CHARSET[x % 31]! + org;
          x = Math.floor(x / 31);
        }
        const first17 = `91${b.regionCode}MB${org}`;
        // Most licences run past the last day; one in ten has lapsed.
        const validUntil = rand() < 0.1 ? addDays(until, -between(10, 200)) : addDays(until, between(30, 720));
        companiesT.add([
          id,
          b.id,
          `上海${pick(ROAD_WORDS)}渣土运输有限公司`.replace('渣土', i % 2 ? '建筑垃圾' : '渣土'),
          first17 + creditCodeCheckChar(first17),
          `沪建运〔${until.slice(0, 4)}〕${b.regionCode}${String(i + 1).padStart(3, '0')}`,
          validUntil,
          'valid',
          null,
          admin,
          createdAt,
        ]);
        const vehicles = Array.from({ length: between(3, 6) }, () => {
          let plate: string;
          do plate = `沪${pick([...'ABCDEFGHJKLMN'])}${pick([...'DF'])}${String(between(1000, 9999))}`;
          while (plates.has(plate));
          plates.add(plate);
          const vid = idAt(createdAt.getTime());
          vehiclesT.add([vid, b.id, plate, id, `运${plate.slice(1)}`, addDays(validUntil, -between(0, 30)), 'active', admin, createdAt]);
          return { id: vid, plate };
        });
        counts.vehicles += vehicles.length;
        return { id, vehicles };
      });
      counts.companies += companies.length;
      // Permits: half a year each, back from a current one to the start of the history.
      const permitsOf: { companyId: string; siteId: string; vehicles: { id: string; plate: string }[] }[] = [];
      for (const [si, p] of producing.entries()) {
        let from = addDays(until, -between(10, WASTE_PERMIT_DAYS - 10));
        let k = 0;
        while (addDays(from, WASTE_PERMIT_DAYS) > start) {
          const company = pick(companies);
          const d = pick(disposal);
          const id = idAt(shanghaiInstant(from).getTime());
          const mid: LonLat = [
            (p.point[0] + d.point[0]) / 2 + (rand() - 0.5) * 0.01,
            (p.point[1] + d.point[1]) / 2 + (rand() - 0.5) * 0.01,
          ];
          const route: LonLat[] = [p.point, mid, d.point];
          const corridor = between(80, 200);
          const vehicles = company.vehicles.filter(() => rand() < 0.7);
          if (vehicles.length === 0) vehicles.push(company.vehicles[0]!);
          permitsT.add([
            id,
            b.id,
            `沪建垃处〔${from.slice(0, 4)}〕${b.regionCode}-${String(si + 1).padStart(3, '0')}-${k + 1}`,
            p.id,
            company.id,
            JSON.stringify(route),
            corridor,
            from,
            addDays(from, WASTE_PERMIT_DAYS - 1),
            'valid',
            admin,
            shanghaiInstant(from),
          ]);
          disposalsT.add([id, d.id]);
          for (const v of vehicles) permitVehiclesT.add([id, v.id, v.plate]);
          for (const c of new Set(corridorCells(route, corridor).map(String))) corridorT.add([id, c]);
          permitsOf.push({ companyId: company.id, siteId: p.id, vehicles });
          counts.permits += 1;
          from = addDays(from, -WASTE_PERMIT_DAYS);
          k += 1;
        }
      }
      fleet.set(
        b.id,
        permitsOf.flatMap((p) => p.vehicles.map((v) => ({ vehicleId: v.id, plate: v.plate, companyId: p.companyId, siteId: p.siteId }))),
      );
      // Clues: a few a day over the history (unique per day, kind, plate and start).
      const perDay = WASTE_CLUES_PER_DISTRICT_DAY * sqrtScale;
      let carry = 0;
      for (let i = 0; i < days; i++) {
        carry += perDay * (0.5 + rand());
        const today = Math.floor(carry);
        carry -= today;
        const day: LegalDate = addDays(start, i);
        const dayMs = shanghaiInstant(day).getTime();
        for (let j = 0; j < today; j++) {
          const kind = pick(CLUE_KINDS);
          const permit = pick(permitsOf);
          const v = pick(permit.vehicles);
          const stranger = kind === 'no_permit';
          let plate = v.plate;
          if (stranger) {
            do plate = `沪${pick([...'PQRSTUV'])}${String(between(10000, 99999))}`;
            while (plates.has(plate));
            plates.add(plate);
          }
          const p = pointIn(areas.get(pick(b.squads).id)!);
          const tFrom = Math.floor(dayMs / 1000) + between(6 * 3600, 22 * 3600) + j;
          const open = daysBetween(day, until) < WASTE_OPEN_DAYS;
          const decidedAt = open ? null : new Date(Math.min(dayMs + between(1, 3) * 86_400_000, endOfShanghaiDay(until).getTime()));
          cluesT.add([
            idAt(dayMs + 86_400_000 - 3_600_000),
            b.id,
            day,
            kind,
            plate,
            stranger ? null : v.id,
            stranger ? null : permit.companyId,
            kind === 'no_arrival' || kind === 'no_permit' ? permit.siteId : null,
            tFrom,
            tFrom + between(10, 90) * 60,
            between(5, 120),
            pointCell(p[0], p[1]).toString(),
            p[0],
            p[1],
            open ? 'open' : 'dismissed',
            null,
            open ? null : DISMISS_REASONS[kind],
            open ? null : admin,
            decidedAt,
            new Date(dayMs + 86_400_000 - 3_600_000),
          ]);
          counts.clues += 1;
          if (open) counts.open += 1;
        }
      }
    }
    ctx.outputs.set(CITY_WASTE_FLEET, fleet);
    return counts;
  },
};

/**
 * The clues officers confirmed into cases, as the module's confirm does: each waste case of city-cases (source offsite,
 * 「建筑垃圾线索 <day> <plate>」) is the confirmed clue it was registered from — the vehicle's clue of the day before,
 * decided by the squad's leader at the registration instant, its case id set (linked both ways).
 */
export const cityWasteCasesPart: GeneratorPart = {
  name: 'city-waste-cases',
  after: ['city-areas', 'city-waste', 'city-cases'],
  run: async (ctx) => {
    const { random: rand, writer, idAt } = ctx;
    const city = ctx.outputs.get(CITY);
    const areas = ctx.outputs.get(CITY_AREAS);
    const cases = ctx.outputs.get(CITY_WASTE_CASES);
    const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const squadOf = new Map(city.squads.map((q) => [q.id, q]));
    const cluesT = writer.table('waste_clues', CLUE_COLUMNS);
    const byKind: Record<string, number> = {};
    for (const c of cases) {
      const area = areas.get(c.squadId)!;
      const cell = Math.floor(rand() * (area.cells.length / 2));
      const lon = Math.round((area.cells[2 * cell]! + rand() * area.cellSize) * 1e6) / 1e6;
      const lat = Math.round((area.cells[2 * cell + 1]! + rand() * area.cellSize) * 1e6) / 1e6;
      const dayMs = shanghaiInstant(c.clueDay).getTime();
      const tFrom = Math.floor(dayMs / 1000) + between(6 * 3600, 22 * 3600);
      const squad = squadOf.get(c.squadId)!;
      const officer = squad.leaders[0] ?? squad.field[0]!;
      cluesT.add([
        idAt(dayMs + 86_400_000 - 3_600_000),
        c.bureauId,
        c.clueDay,
        c.kind,
        c.plate,
        c.vehicleId,
        c.companyId,
        c.kind === 'no_arrival' ? c.siteId : null,
        tFrom,
        tFrom + between(10, 90) * 60,
        between(5, 120),
        pointCell(lon, lat).toString(),
        lon,
        lat,
        'confirmed',
        c.caseId,
        null,
        officer.id,
        new Date(c.registeredAt),
        new Date(dayMs + 86_400_000 - 3_600_000),
      ]);
      byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
    }
    return { confirmed: cases.length, ...byKind };
  },
};
