// 建筑垃圾处置核准 (issue 14 §3): a permit ties a producing site, a transport company, its vehicles and one or more
// disposal sites with an approved route and a period — 「两点一线」 (seed 002). Source: 城市建筑垃圾管理规定
// (建设部令第139号) Art. 7 (处置核准) and Art. 14 (运输 「按照城市人民政府有关部门规定的运输路线、时间运行」). These
// articles are not in LEGAL-RULES.md: marked U until checked against the text (and Shanghai's own 建筑垃圾 rules).
// A permit that cannot be followed is refused here.
import { compareDates, type LegalDate } from '../calendar/legal-date.ts';
import type { LonLat } from '../geo/coordinates.ts';

export type PermitDraft = {
  producingSiteId: string | null;
  disposalSiteIds: readonly string[];
  carrierId: string | null;
  vehiclePlates: readonly string[];
  /** The approved route as a line from the producing site to a disposal site, WGS-84. */
  route: readonly LonLat[];
  validFrom: LegalDate;
  validUntil: LegalDate;
};

export type PermitProblem = { field: string; ruleId: 'W1'; basis: string; messageZh: string; messageEn: string };

const BASIS = '城市建筑垃圾管理规定（建设部令第139号）Art. 7、14';

/** W1: everything a 处置核准 must name for 两点一线 to be traced; an empty list when the draft is complete. */
export function checkPermit(p: PermitDraft): PermitProblem[] {
  const out: PermitProblem[] = [];
  const add = (field: string, zh: string, en: string) => out.push({ field, ruleId: 'W1', basis: BASIS, messageZh: zh, messageEn: en });
  if (!p.producingSiteId) add('producingSiteId', '核准须指明产生建筑垃圾的工地', 'The permit must name the producing site');
  if (p.disposalSiteIds.length === 0)
    add('disposalSiteIds', '核准须指明消纳场所（两点一线的终点）', 'The permit must name at least one disposal site');
  if (!p.carrierId) add('carrierId', '核准须指明运输单位', 'The permit must name the transport company');
  if (p.vehiclePlates.length === 0) add('vehiclePlates', '核准须列明运输车辆', 'The permit must list its vehicles');
  if (p.route.length < 2) add('route', '核准须载明运输路线（至少两点）', 'The permit must carry a route of at least two points');
  if (compareDates(p.validUntil, p.validFrom) < 0) add('validUntil', '核准有效期的截止日早于起始日', 'The permit ends before it starts');
  return out;
}

/** Whether a permit covers a vehicle on a day: the plate is listed and the day is within the period. */
export function permitCovers(p: Pick<PermitDraft, 'vehiclePlates' | 'validFrom' | 'validUntil'>, plate: string, on: LegalDate): boolean {
  return p.vehiclePlates.includes(plate) && compareDates(p.validFrom, on) <= 0 && compareDates(on, p.validUntil) <= 0;
}
