// 案卷评查 review sheet (评查标准): configurable items with their maximum points; a reviewer gives each item a whole
// number of points between 0 and its maximum. A score outside the sheet (an unknown item, a number out of range, an
// item left out) is refused naming the item.
export type ReviewSheetItem = { code: string; labelZh: string; labelEn: string; maxPoints: number };

export type ItemScore = { code: string; points: number; note?: string };

export class ReviewScoreError extends Error {
  constructor(
    readonly field: string,
    readonly messageZh: string,
    message: string,
  ) {
    super(message);
  }
}

export function assertSheetValid(items: readonly ReviewSheetItem[]): void {
  if (items.length === 0) throw new ReviewScoreError('items', '评查表至少须有一项', 'a sheet needs at least one item');
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.code)) throw new ReviewScoreError(`items.${i}.code`, '评查项目代码重复', `duplicate item ${it.code}`);
    seen.add(it.code);
    if (!Number.isInteger(it.maxPoints) || it.maxPoints < 1 || it.maxPoints > 1000)
      throw new ReviewScoreError(`items.${i}.maxPoints`, '分值须为1至1000的整数', 'points must be an integer 1..1000');
  });
}

/** The total of a scored file; throws ReviewScoreError for a score outside the sheet. */
export function scoreAgainstSheet(items: readonly ReviewSheetItem[], scores: readonly ItemScore[]): { total: number; max: number } {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const given = new Set<string>();
  scores.forEach((s, i) => {
    const item = byCode.get(s.code);
    if (!item) throw new ReviewScoreError(`scores.${i}.code`, '评查表中没有该项目', `the sheet has no item ${s.code}`);
    if (given.has(s.code)) throw new ReviewScoreError(`scores.${i}.code`, `「${item.labelZh}」重复评分`, `item ${s.code} scored twice`);
    given.add(s.code);
    if (!Number.isInteger(s.points) || s.points < 0 || s.points > item.maxPoints)
      throw new ReviewScoreError(
        `scores.${i}.points`,
        `「${item.labelZh}」得分须为0至${item.maxPoints}的整数`,
        `${item.code}: points must be an integer 0..${item.maxPoints}`,
      );
  });
  const missing = items.filter((i) => !given.has(i.code));
  if (missing.length > 0)
    throw new ReviewScoreError(
      'scores',
      `未评分的项目：${missing.map((m) => m.labelZh).join('、')}`,
      `items not scored: ${missing.map((m) => m.code).join(', ')}`,
    );
  return { total: scores.reduce((n, s) => n + s.points, 0), max: items.reduce((n, i) => n + i.maxPoints, 0) };
}
