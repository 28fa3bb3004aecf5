// B7 — 考核 that never ranks by fines (issue 15 §6). Officers and squads are scored on configurable items, each fed by a
// named source (file quality, timeliness, complaints, recordings, training, review outcomes); every point is explained
// line by line. A source that measures fines — their total, their count, the number of cases — is refused: scoring
// enforcement by its yield rewards punishing, which 处罚法 Art. 6 (处罚与教育相结合) and the bureau's own practice
// (浦东: 「全面取消案件数考核指标」, seed 004) reject. A source with no data yet scores nothing and says so.
export const SCORE_LEVELS = ['officer', 'squad'] as const;
export type ScoreLevel = (typeof SCORE_LEVELS)[number];

export type ScoreItemConfig = {
  code: string;
  labelZh: string;
  labelEn: string;
  /** The registered source function that measures it. */
  source: string;
  levels: readonly ScoreLevel[];
  maxPoints: number;
  /** For a count: points per unit (negative: a deduction from maxPoints). A ratio scores maxPoints × ratio. */
  perUnit?: number;
};

/** What a source measured for one officer or squad, with its explanation. `null` value: no data yet. */
export type Measure =
  | { kind: 'ratio'; value: number; detailZh: string; detailEn: string }
  | { kind: 'count'; value: number; detailZh: string; detailEn: string }
  | { kind: 'none'; value: null; detailZh: string; detailEn: string };

export type ScoreLine = {
  item: string;
  labelZh: string;
  labelEn: string;
  source: string;
  maxPoints: number;
  /** null when the source has no data (the item is not scored). */
  points: number | null;
  explanationZh: string;
  explanationEn: string;
};

export type ScoreCard = { subjectId: string; total: number; max: number; lines: ScoreLine[] };

/** Sources that measure fines or case numbers: never a score (B7). */
const FINE_SOURCE = /fine|penalt|amount|money|revenue|yuan|fen\b|case_count|cases_count|罚款|罚没|金额|案件数/i;

export class ScoreConfigError extends Error {
  constructor(
    readonly field: string,
    readonly messageZh: string,
    message: string,
    readonly rule: string | null = null,
  ) {
    super(message);
  }
}

/** Refuses a configuration that scores by fines, names an unknown source, or repeats an item. */
export function assertScoreItemsValid(items: readonly ScoreItemConfig[], knownSources: ReadonlySet<string>): void {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (FINE_SOURCE.test(it.source) || FINE_SOURCE.test(it.code))
      throw new ScoreConfigError(
        `items.${i}.source`,
        '考核不得以罚款数额、罚没收入或案件数量计分',
        `Fines, fine income or case numbers are never a score (${it.source})`,
        'B7 行政处罚法第六条',
      );
    if (!knownSources.has(it.source))
      throw new ScoreConfigError(`items.${i}.source`, '该考核数据来源尚未登记', `unknown score source ${it.source}`);
    if (seen.has(it.code)) throw new ScoreConfigError(`items.${i}.code`, '考核项目代码重复', `duplicate item ${it.code}`);
    seen.add(it.code);
    if (!Number.isInteger(it.maxPoints) || it.maxPoints < 1 || it.maxPoints > 1000)
      throw new ScoreConfigError(`items.${i}.maxPoints`, '分值须为1至1000的整数', 'points must be an integer 1..1000');
    if (it.levels.length === 0)
      throw new ScoreConfigError(`items.${i}.levels`, '须选择考核对象（队员或中队）', 'choose officer and/or squad');
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** One line per item: the measure, the points it gives and why. */
export function scoreLine(item: ScoreItemConfig, m: Measure): ScoreLine {
  const base = { item: item.code, labelZh: item.labelZh, labelEn: item.labelEn, source: item.source, maxPoints: item.maxPoints };
  if (m.kind === 'none')
    return {
      ...base,
      points: null,
      explanationZh: `暂无数据：${m.detailZh}（本项不计分）`,
      explanationEn: `No data yet: ${m.detailEn} (not scored)`,
    };
  if (m.kind === 'ratio') {
    const r = Math.min(1, Math.max(0, m.value));
    const points = round1(item.maxPoints * r);
    return {
      ...base,
      points,
      explanationZh: `${m.detailZh}：${item.maxPoints} × ${round1(r * 100)}% = ${points} 分`,
      explanationEn: `${m.detailEn}: ${item.maxPoints} × ${round1(r * 100)}% = ${points}`,
    };
  }
  const per = item.perUnit ?? -1;
  const raw = item.maxPoints + per * m.value;
  const points = round1(Math.min(item.maxPoints, Math.max(0, raw)));
  return {
    ...base,
    points,
    explanationZh: `${m.detailZh}：${item.maxPoints} ${per < 0 ? '−' : '+'} ${Math.abs(per)} × ${m.value} = ${points} 分${raw < 0 ? '（不低于0分）' : ''}`,
    explanationEn: `${m.detailEn}: ${item.maxPoints} ${per < 0 ? '-' : '+'} ${Math.abs(per)} × ${m.value} = ${points}`,
  };
}

/** The score card of one officer or squad from what each item's source measured. */
export function scoreCard(subjectId: string, items: readonly ScoreItemConfig[], measure: (item: ScoreItemConfig) => Measure): ScoreCard {
  const lines = items.map((it) => scoreLine(it, measure(it)));
  const scored = lines.filter((l) => l.points !== null);
  return {
    subjectId,
    total: round1(scored.reduce((n, l) => n + l.points!, 0)),
    max: scored.reduce((n, l) => n + l.maxPoints, 0),
    lines,
  };
}
