// Duplicates across channels and repeated complaints (issue 13 §2 and §4; seeds 000 line 91 「加大重复投诉件…核查督办」,
// 003 line 89 「重复诉件督察」, 003 line 105 「加强重复和不满意诉件工单攻坚」). Distances are the domain's great-circle
// `distanceMetres` (geo/coordinates.ts): neither @turf/distance nor h3-js is in the repository, and a haversine
// distance over a few hundred metres is exact enough (≪ 1 m error). Windows and radius are configuration (U).
import { distanceMetres, type LonLat } from '../geo/coordinates.ts';
import { normalizeAddress } from '../subjects/address.ts';
import type { TicketChannel } from './ticket-clocks.ts';
import type { TicketState } from './ticket-machine.ts';

export type DuplicateRules = {
  /** Same place: within this many metres. */
  radiusMetres: number;
  /** Same time: received within this many hours of each other. */
  windowHours: number;
};

/** Local default (U): 50 m covers one shop front and its pavement; 72 h covers a weekend of repeated calls. */
export const DEFAULT_DUPLICATE_RULES: DuplicateRules = { radiusMetres: 50, windowHours: 72 };

export type TicketForMatching = {
  id: string;
  channel: TicketChannel;
  categoryCode: string;
  /** WGS-84 longitude, latitude; null when the ticket has no point. */
  point: LonLat | null;
  receivedAt: Date;
  state: TicketState;
  parentId: string | null;
};

export type DuplicateProposal = { candidateId: string; distanceMetres: number; hoursApart: number; sameChannel: boolean };

const NOT_A_PARENT: readonly TicketState[] = ['merged', 'returned', 'referred'];

/**
 * Tickets `ticket` may be merged into: same category, both points within the radius, received within the window,
 * not itself merged, returned or referred, not the ticket itself. Nearest first, then earliest.
 */
export function proposeDuplicates(
  ticket: TicketForMatching,
  others: readonly TicketForMatching[],
  rules: DuplicateRules = DEFAULT_DUPLICATE_RULES,
): DuplicateProposal[] {
  if (!ticket.point) return [];
  const out: (DuplicateProposal & { at: number })[] = [];
  for (const o of others) {
    if (o.id === ticket.id || !o.point || o.categoryCode !== ticket.categoryCode) continue;
    if (NOT_A_PARENT.includes(o.state) || o.parentId !== null) continue;
    const hoursApart = Math.abs(o.receivedAt.getTime() - ticket.receivedAt.getTime()) / 3_600_000;
    if (hoursApart > rules.windowHours) continue;
    const d = distanceMetres(ticket.point, o.point);
    if (d > rules.radiusMetres) continue;
    out.push({
      candidateId: o.id,
      distanceMetres: Math.round(d * 10) / 10,
      hoursApart: Math.round(hoursApart * 100) / 100,
      sameChannel: o.channel === ticket.channel,
      at: o.receivedAt.getTime(),
    });
  }
  out.sort((a, b) => a.distanceMetres - b.distanceMetres || a.at - b.at || a.candidateId.localeCompare(b.candidateId));
  return out.map(({ at: _at, ...p }) => p);
}

export type RepeatRules = {
  /** Earlier tickets within this many days count. */
  windowDays: number;
  /** Flag from this many tickets (this one included) on the same address or from the same reporter. */
  threshold: number;
};

/** Local default (U): a second complaint within 30 days is a 重复投诉. */
export const DEFAULT_REPEAT_RULES: RepeatRules = { windowDays: 30, threshold: 2 };

export type TicketForRepeat = {
  id: string;
  receivedAt: Date;
  address: string | null;
  /** A keyed hash of the reporter's phone (never the number itself: I4 confidentiality); null when anonymous. */
  reporterKey: string | null;
};

export type RepeatFlag = { repeated: boolean; byAddress: string[]; byReporter: string[] };

/** The normalised address used to compare tickets (subjects' normalizeAddress: half-width, no city/district prefix). */
export function ticketAddressKey(address: string | null): string | null {
  if (!address) return null;
  const key = normalizeAddress(address).key;
  return key.length >= 4 ? key : null;
}

/** 重复投诉: earlier tickets (within the window, received before this one) at the same address or by the same reporter. */
export function repeatedComplaint(
  ticket: TicketForRepeat,
  earlier: readonly TicketForRepeat[],
  rules: RepeatRules = DEFAULT_REPEAT_RULES,
): RepeatFlag {
  const key = ticketAddressKey(ticket.address);
  const from = ticket.receivedAt.getTime() - rules.windowDays * 86_400_000;
  const byAddress: string[] = [];
  const byReporter: string[] = [];
  for (const e of earlier) {
    if (e.id === ticket.id) continue;
    const at = e.receivedAt.getTime();
    if (at < from || at > ticket.receivedAt.getTime()) continue;
    if (key !== null && ticketAddressKey(e.address) === key) byAddress.push(e.id);
    if (ticket.reporterKey !== null && e.reporterKey === ticket.reporterKey) byReporter.push(e.id);
  }
  const count = 1 + new Set([...byAddress, ...byReporter]).size;
  return { repeated: count >= rules.threshold, byAddress, byReporter };
}
