// 考核's 复议/诉讼 line (docs/supervision.md §6): the officer's or squad's cases corrected on review (变更/撤销/确认违法)
// or lost in court, decided in the period — a count the item scores down.
import type { Measure } from '@chengguan/domain';
import type { ScoreSourceFn } from '../supervision/index.ts';
import { reviewOutcomesBy } from './reviews.service.ts';

export const reviewScoreSource: ScoreSourceFn = async (db, q) => {
  if (q.ids.length === 0) return new Map();
  const by = await reviewOutcomesBy(db, q.level === 'officer' ? 'officer' : 'squad', { from: q.from, to: q.to });
  return new Map(
    q.ids.map((id) => {
      const c = by.get(id) ?? { reviews: 0, corrected: 0, lawsuits: 0, lost: 0 };
      const m: Measure = {
        kind: 'count',
        value: c.corrected + c.lost,
        detailZh: `复议${c.reviews}件（纠错${c.corrected}件），诉讼${c.lawsuits}件（败诉${c.lost}件）`,
        detailEn: `${c.reviews} reviews (${c.corrected} corrected), ${c.lawsuits} lawsuits (${c.lost} lost)`,
      };
      return [id, m] as const;
    }),
  );
};
