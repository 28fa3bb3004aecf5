// Device events (issue 14 §2): repeat events of the same party and scene are grouped into one matter, so that one
// continuing act is not fined twice — 行政处罚法 Art. 29 「对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚」 (V).
// How long one act lasts is not in the statute: the window is configuration (U) with a local default.

export type OffsiteGroupingRules = {
  /** Events of one party and scene within this many hours of the group's first event are the same act. */
  windowHours: number;
};

/** Local default (U): one business day — a stall set up across a doorway all day is one act, tomorrow's is another. */
export const DEFAULT_OFFSITE_GROUPING: OffsiteGroupingRules = { windowHours: 24 };

export type OffsiteEventForGrouping = {
  id: string;
  at: Date;
  scene: string;
  /** The party as recognised: a subject id (`subject:…`) or a plate (`plate:沪A…`); null when nobody is recognised. */
  partyKey: string | null;
};

export type OffsiteEventGroup = { key: string; partyKey: string | null; scene: string; firstAt: Date; lastAt: Date; eventIds: string[] };

/** The key of the group an event opens, for storage: party and scene, or the event itself when nobody is recognised. */
export function groupKeyOf(e: Pick<OffsiteEventForGrouping, 'id' | 'scene' | 'partyKey'>, firstAt: Date): string {
  return e.partyKey === null ? `event:${e.id}` : `${e.partyKey}|${e.scene}|${firstAt.toISOString()}`;
}

/**
 * Groups events by party and scene: an event joins the open group of its party and scene when it happened within the
 * window after the group's first event, else it opens a new group. Events nobody is recognised in stay alone (the
 * reviewer identifies the party). The result does not depend on the input order.
 */
export function groupOffsiteEvents(
  events: readonly OffsiteEventForGrouping[],
  rules: OffsiteGroupingRules = DEFAULT_OFFSITE_GROUPING,
): OffsiteEventGroup[] {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const open = new Map<string, OffsiteEventGroup>();
  const groups: OffsiteEventGroup[] = [];
  const windowMs = rules.windowHours * 3_600_000;
  for (const e of sorted) {
    if (e.partyKey === null) {
      groups.push({ key: groupKeyOf(e, e.at), partyKey: null, scene: e.scene, firstAt: e.at, lastAt: e.at, eventIds: [e.id] });
      continue;
    }
    const slot = `${e.partyKey}|${e.scene}`;
    const g = open.get(slot);
    if (g && e.at.getTime() - g.firstAt.getTime() <= windowMs) {
      g.eventIds.push(e.id);
      g.lastAt = e.at;
      continue;
    }
    const fresh: OffsiteEventGroup = {
      key: groupKeyOf(e, e.at),
      partyKey: e.partyKey,
      scene: e.scene,
      firstAt: e.at,
      lastAt: e.at,
      eventIds: [e.id],
    };
    open.set(slot, fresh);
    groups.push(fresh);
  }
  return groups;
}

/**
 * Whether a new event joins an existing group (the intake's incremental form of `groupOffsiteEvents`): same party and
 * scene, at or after the group's first event and within the window.
 */
export function joinsGroup(
  group: Pick<OffsiteEventGroup, 'partyKey' | 'scene' | 'firstAt'>,
  e: OffsiteEventForGrouping,
  rules: OffsiteGroupingRules = DEFAULT_OFFSITE_GROUPING,
): boolean {
  if (e.partyKey === null || group.partyKey !== e.partyKey || group.scene !== e.scene) return false;
  const d = e.at.getTime() - group.firstAt.getTime();
  return d >= 0 && d <= rules.windowHours * 3_600_000;
}
