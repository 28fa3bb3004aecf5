// Proportionality alerts (过罚相当, 处罚法 Art. 5 and Art. 34): for one offence, the fines a squad or an officer decided are
// set against the discretion tier each case was judged in and against the city's distribution of fines for the same
// offence. A group is flagged when its share of fines outside the tier exceeds the configured share, or when its median
// fine lies outside the city's Tukey fences (Q1 − k·IQR, Q3 + k·IQR). Flags are for supervision to look at — never a
// score (B7).
export type DecidedFine = {
  caseId: string;
  offenceCode: string;
  squadId: string;
  officerIds: readonly string[];
  fineFen: number;
  tier?: { minFen: number; maxFen: number };
};

export type ProportionalityConfig = { minCases: number; outsideTierShare: number; fenceK: number };

export const DEFAULT_PROPORTIONALITY: ProportionalityConfig = { minCases: 3, outsideTierShare: 0.2, fenceK: 1.5 };

export type ProportionalityAlert = {
  level: 'squad' | 'officer';
  subjectId: string;
  offenceCode: string;
  cases: number;
  medianFen: number;
  cityMedianFen: number;
  lowFenceFen: number;
  highFenceFen: number;
  outsideTier: number;
  reasonsZh: string[];
  reasonsEn: string[];
  caseIds: string[];
};

/** The q-quantile of sorted values, linear between ranks (type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const yuan = (fen: number) => `${Math.round(fen) / 100}`;

export function proportionalityAlerts(
  fines: readonly DecidedFine[],
  config: ProportionalityConfig = DEFAULT_PROPORTIONALITY,
): ProportionalityAlert[] {
  const byOffence = new Map<string, DecidedFine[]>();
  for (const f of fines) byOffence.set(f.offenceCode, [...(byOffence.get(f.offenceCode) ?? []), f]);
  const alerts: ProportionalityAlert[] = [];
  for (const [offenceCode, list] of [...byOffence].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = list.map((f) => f.fineFen).sort((a, b) => a - b);
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    const med = quantile(sorted, 0.5);
    const low = q1 - config.fenceK * (q3 - q1);
    const high = q3 + config.fenceK * (q3 - q1);
    const groups = new Map<string, { level: 'squad' | 'officer'; id: string; cases: DecidedFine[] }>();
    for (const f of list) {
      const add = (level: 'squad' | 'officer', id: string) => {
        const key = `${level}:${id}`;
        const g = groups.get(key) ?? { level, id, cases: [] };
        g.cases.push(f);
        groups.set(key, g);
      };
      add('squad', f.squadId);
      for (const o of f.officerIds) add('officer', o);
    }
    for (const g of [...groups.values()].sort((a, b) => (a.level + a.id < b.level + b.id ? -1 : 1))) {
      if (g.cases.length < config.minCases) continue;
      const own = g.cases.map((c) => c.fineFen).sort((a, b) => a - b);
      const gMed = quantile(own, 0.5);
      const outside = g.cases.filter((c) => c.tier && (c.fineFen < c.tier.minFen || c.fineFen > c.tier.maxFen)).length;
      const zh: string[] = [];
      const en: string[] = [];
      if (outside / g.cases.length > config.outsideTierShare) {
        zh.push(`${g.cases.length}件中${outside}件罚款超出裁量基准档次（超过${Math.round(config.outsideTierShare * 100)}%）`);
        en.push(`${outside} of ${g.cases.length} fines outside the discretion tier (over ${Math.round(config.outsideTierShare * 100)}%)`);
      }
      if (gMed > high || gMed < low) {
        zh.push(
          `罚款中位数${yuan(gMed)}元，超出全市同一案由的正常范围${yuan(Math.max(0, low))}–${yuan(high)}元（全市中位数${yuan(med)}元）`,
        );
        en.push(
          `median fine ${yuan(gMed)} yuan outside the city's range ${yuan(Math.max(0, low))}–${yuan(high)} (city median ${yuan(med)})`,
        );
      }
      if (zh.length === 0) continue;
      alerts.push({
        level: g.level,
        subjectId: g.id,
        offenceCode,
        cases: g.cases.length,
        medianFen: Math.round(gMed),
        cityMedianFen: Math.round(med),
        lowFenceFen: Math.round(Math.max(0, low)),
        highFenceFen: Math.round(high),
        outsideTier: outside,
        reasonsZh: zh,
        reasonsEn: en,
        caseIds: g.cases.map((c) => c.caseId),
      });
    }
  }
  return alerts;
}
