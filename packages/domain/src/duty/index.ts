// 勤务 (duty, issue 13 §7; docs/duty.md): shifts on a date, roster conflicts, patrol areas inside a service area,
// the retention of positions and the "3级18类" duty-log tags. Pure functions: dates, instants and configuration are
// parameters.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { addDays, assertLegalDate } from '../calendar/legal-date.ts';
import type { DistrictGeometry } from '../geo/districts.ts';

/** Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * D1 — a shift on a date covers [start, end): minutes after midnight, Shanghai time; an end not after the start is on
 * the next day (a night shift 20:00–08:00).
 */
export function shiftInstants(date: string, startMinute: number, endMinute: number): { startsAt: Date; endsAt: Date } {
  assertLegalDate(date, 'date');
  const midnight = Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS;
  const startsAt = new Date(midnight + startMinute * 60_000);
  const endDay = endMinute > startMinute ? 0 : 1440;
  const endsAt = new Date(midnight + (endDay + endMinute) * 60_000);
  return { startsAt, endsAt };
}

/** 'HH:MM' of minutes after midnight. */
export function minuteText(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export type RosterSlot = { key: string; officerId: string; startsAt: Date; endsAt: Date };
export type RosterOverlap = { officerId: string; a: string; b: string; ruleId: 'D2' };

/** D2 — an officer is never on two shifts at once: the pairs of slots of one officer whose intervals overlap. */
export function rosterOverlaps(slots: readonly RosterSlot[]): RosterOverlap[] {
  const byOfficer = new Map<string, RosterSlot[]>();
  for (const s of slots) byOfficer.set(s.officerId, [...(byOfficer.get(s.officerId) ?? []), s]);
  const out: RosterOverlap[] = [];
  for (const [officerId, list] of byOfficer) {
    const sorted = [...list].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length && sorted[j]!.startsAt < sorted[i]!.endsAt; j++) {
        out.push({ officerId, a: sorted[i]!.key, b: sorted[j]!.key, ruleId: 'D2' });
      }
    }
  }
  return out;
}

/** The Monday of the week holding `date` (weeks run Monday to Sunday). */
export function weekStartOf(date: string): string {
  assertLegalDate(date, 'date');
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

/** The seven dates of the week starting `monday`. */
export function weekDates(monday: string): string[] {
  assertLegalDate(monday, 'monday');
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

type Pt = readonly [number, number];

function ringsOf(g: DistrictGeometry): Pt[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function segmentsCross(p1: Pt, p2: Pt, q1: Pt, q2: Pt): boolean {
  const d = (a: Pt, b: Pt, c: Pt) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const d1 = d(q1, q2, p1);
  const d2 = d(q1, q2, p2);
  const d3 = d(p1, p2, q1);
  const d4 = d(p1, p2, q2);
  // Proper crossings only: touching the boundary (a shared vertex or edge) stays inside.
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/**
 * D3 — a patrol area lies within its squad's service area: every vertex is in the area (turf's
 * booleanPointInPolygon, boundary included) and no edge crosses the area's boundary. Answers the index of the first
 * vertex outside, or -1 when it is within.
 */
export function firstVertexOutside(inner: DistrictGeometry, outer: DistrictGeometry): number {
  const vertices = ringsOf(inner).flat();
  const i = vertices.findIndex((p) => !booleanPointInPolygon([p[0], p[1]], outer));
  if (i >= 0) return i;
  const outerEdges = ringsOf(outer).flatMap((r) => r.slice(1).map((p, k) => [r[k]!, p] as const));
  for (const ring of ringsOf(inner)) {
    for (let k = 1; k < ring.length; k++) {
      if (outerEdges.some(([a, b]) => segmentsCross(ring[k - 1]!, ring[k]!, a, b))) return vertices.indexOf(ring[k]!);
    }
  }
  return -1;
}

/** D4 — positions are kept this many days unless the bureau configures otherwise ([U]: configuration, docs/duty.md). */
export const DEFAULT_POSITION_RETENTION_DAYS = 30;

/** D4 — points recorded before this instant are deleted. */
export function positionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}

/** The version of the consent notice the officer agrees to (docs/duty.md §4). */
export const POSITION_NOTICE_VERSION = '2026-1';

export type DutyLogTag = { code: string; level: 1 | 2 | 3; parentCode: string | null; nameZh: string; nameEn: string };

const T = (code: string, level: 1 | 2 | 3, parentCode: string | null, nameZh: string, nameEn: string): DutyLogTag => ({
  code,
  level,
  parentCode,
  nameZh,
  nameEn,
});

/**
 * D5 — the default "3级18类" scheme of the duty log ([U]: configuration). The seeds (000: 「完成勤务系统 3 级 18 类标签改造，
 * 实现网上办案、分级分类检查勤务日志自动生成」) name the scheme but not its entries: 3 groups (level 1), 18 categories
 * (level 2), and level-3 tags for what the steps log automatically. The table `duty_log_tags` is the configuration.
 */
export const DEFAULT_DUTY_LOG_TAGS: readonly DutyLogTag[] = [
  T('A', 1, null, '勤务巡查', 'Patrol duty'),
  T('A01', 2, 'A', '街面巡查', 'Street patrol'),
  T('A02', 2, 'A', '重点区域保障', 'Key-area protection'),
  T('A03', 2, 'A', '夜间巡查', 'Night patrol'),
  T('A04', 2, 'A', '专项整治', 'Special campaign'),
  T('A05', 2, 'A', '联勤联动', 'Joint duty'),
  T('A06', 2, 'A', '值班备勤', 'Standby'),
  T('B', 1, null, '执法检查', 'Inspections'),
  T('B01', 2, 'B', '双随机抽查', 'Random inspection'),
  T('B02', 2, 'B', '分级分类检查', 'Risk-graded inspection'),
  T('B03', 2, 'B', '专项检查', 'Campaign inspection'),
  T('B04', 2, 'B', '复查', 'Re-inspection'),
  T('B05', 2, 'B', '宣传指导', 'Guidance'),
  T('B06', 2, 'B', '其他检查', 'Other inspection'),
  T('C', 1, null, '诉件与办案', 'Tickets and cases'),
  T('C01', 2, 'C', '诉件受理派遣', 'Ticket intake and dispatch'),
  T('C02', 2, 'C', '诉件现场处置', 'Ticket handling'),
  T('C03', 2, 'C', '诉件回复办结', 'Ticket reply and closing'),
  T('C04', 2, 'C', '案件立案', 'Case registration'),
  T('C05', 2, 'C', '案件调查', 'Case investigation'),
  T('C06', 2, 'C', '案件决定结案', 'Case decision and closing'),
  T('B01-P', 3, 'B01', '抽查合格', 'Random inspection passed'),
  T('B01-F', 3, 'B01', '抽查不合格', 'Random inspection failed'),
  T('B02-P', 3, 'B02', '检查合格', 'Graded inspection passed'),
  T('B02-F', 3, 'B02', '检查不合格', 'Graded inspection failed'),
  T('C06-D', 3, 'C06', '作出处理决定', 'Decision made'),
  T('C06-X', 3, 'C06', '结案', 'Case closed'),
];

/** D5 — the tag an automatic entry carries, by its source and action (codes of DEFAULT_DUTY_LOG_TAGS). */
export function autoLogTag(source: 'case' | 'ticket' | 'inspection', action: string, detail?: string): string {
  if (source === 'case') {
    if (action === 'register' || action === 'registerSummary') return 'C04';
    if (action === 'decide' || action === 'issueSummaryDecision') return 'C06-D';
    if (action === 'close') return 'C06-X';
    return 'C05';
  }
  if (source === 'ticket') {
    if (['intake', 'create', 'accept', 'dispatch', 'transfer', 'merge', 'escalate'].includes(action)) return 'C01';
    if (['reply', 'close', 'recordCallback', 'returnTicket', 'refer'].includes(action)) return 'C03';
    return 'C02';
  }
  const failed = detail === 'failed';
  if (action === 'random') return failed ? 'B01-F' : 'B01-P';
  if (action === 'risk_frequency') return failed ? 'B02-F' : 'B02-P';
  if (action === 'special') return 'B03';
  if (action === 'reinspection') return 'B04';
  return 'B06';
}
