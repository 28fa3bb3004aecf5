// 上海摊 stall points (REQUIREMENTS.md R16; seed 000: 「特色点、疏导点、外摆位」): the three types and whether a point is
// open at a Shanghai clock time. Pure: the time is a parameter.

export const STALL_POINT_TYPES = ['featured', 'guided', 'outdoor'] as const;
export type StallPointType = (typeof STALL_POINT_TYPES)[number];

export const STALL_POINT_TYPE_ZH: Readonly<Record<StallPointType, string>> = { featured: '特色点', guided: '疏导点', outdoor: '外摆位' };

/** Minutes after midnight of 'HH:MM' (00:00–24:00), or null when malformed. */
export function clockMinutes(hhmm: string): number | null {
  const m = /^([0-2][0-9]):([0-5][0-9])$/.exec(hhmm);
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v <= 1440 ? v : null;
}

/** Open at `minute` (minutes after midnight, Shanghai)? A point whose closing is not after its opening closes the next day. */
export function stallOpenAt(opensAt: string, closesAt: string, minute: number): boolean {
  const o = clockMinutes(opensAt);
  const c = clockMinutes(closesAt);
  if (o === null || c === null) return false;
  return c > o ? minute >= o && minute < c : minute >= o || minute < c;
}
