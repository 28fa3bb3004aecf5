// 教育培训 (issue 15 §9; docs/training.md): the yearly requirement, papers drawn at random (seeded, reproducible),
// grading, and the training a credential renewal requires. Pure: time and randomness are parameters.
import { mulberry32 } from '../random/prng.ts';

/** Seed 000: 「7900 名执法队员每年完成 60 学时、24 学分」 — the default of the bureau's training settings. */
export const DEFAULT_TRAINING_REQUIREMENT = { hours: 60, credits: 24 } as const;
export type TrainingRequirement = { hours: number; credits: number };
export type TrainingTotals = { hours: number; credits: number };

export type TrainingProgress = TrainingTotals & {
  requiredHours: number;
  requiredCredits: number;
  /** 0–100, the smaller of the two shares. */
  percent: number;
  complete: boolean;
};

export function trainingProgress(t: TrainingTotals, req: TrainingRequirement): TrainingProgress {
  const share = (v: number, r: number) => (r <= 0 ? 1 : Math.min(1, v / r));
  const percent = Math.floor(Math.min(share(t.hours, req.hours), share(t.credits, req.credits)) * 100);
  return {
    hours: t.hours,
    credits: t.credits,
    requiredHours: req.hours,
    requiredCredits: req.credits,
    percent,
    complete: t.hours >= req.hours && t.credits >= req.credits,
  };
}

export const T1_SOURCE = '上海市城管执法系统学时学分教育培训制度（种子文件 000、001：每人每年 60 学时、24 学分）';

export type RenewalCheck =
  { ok: true; year: number } | { ok: false; ruleId: 'T1'; year: number; totals: TrainingTotals; required: TrainingRequirement };

/**
 * T1 — a 执法证 is renewed (its validity extended) only for an officer who has completed the year's training: the
 * bureau's hours and credits (60 / 24 by default) in the year of the renewal or, early in a year, in the year before.
 * Source: the 学时学分教育培训制度 of the city's enforcement system (seeds 000, 001) — practice, configurable [P/CONFIG].
 */
export function renewalTrainingCheck(
  renewalYear: number,
  totalsByYear: ReadonlyMap<number, TrainingTotals>,
  req: TrainingRequirement,
): RenewalCheck {
  for (const year of [renewalYear, renewalYear - 1]) {
    const t = totalsByYear.get(year) ?? { hours: 0, credits: 0 };
    if (t.hours >= req.hours && t.credits >= req.credits) return { ok: true, year };
  }
  return {
    ok: false,
    ruleId: 'T1',
    year: renewalYear - 1,
    totals: totalsByYear.get(renewalYear - 1) ?? { hours: 0, credits: 0 },
    required: req,
  };
}

/** A paper of `count` questions drawn from the bank (ids in a stable order) by the seed: the same seed, the same paper. */
export function drawPaper(bankIds: readonly string[], count: number, seed: number): string[] {
  const ids = [...bankIds].sort();
  const rnd = mulberry32(seed);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, count);
}

export type GradableQuestion = { id: string; answer: readonly string[] };

/** Score 0–100: a question counts when the chosen options equal the answer exactly (order ignored). */
export function gradePaper(questions: readonly GradableQuestion[], answers: Readonly<Record<string, readonly string[]>>): number {
  if (questions.length === 0) return 0;
  const norm = (a: readonly string[]) => [...new Set(a.map((x) => x.trim().toUpperCase()))].sort().join(',');
  const right = questions.filter((q) => norm(answers[q.id] ?? []) === norm(q.answer)).length;
  return Math.round((right * 100) / questions.length);
}

/** 规范化中队: the share of rated squads against the 十四五 targets (seed 001: 示范 ≥ 40%, 规范 ≥ 98%). */
export const DEFAULT_SQUAD_TARGETS = { modelPct: 40, ratedPct: 98 } as const;

export type SquadRatingKind = 'standard' | 'model' | 'star';

export function squadShares(
  squadCount: number,
  ratings: readonly SquadRatingKind[],
  targets: { modelPct: number; ratedPct: number },
): { squads: number; rated: number; model: number; ratedPct: number; modelPct: number; ratedMet: boolean; modelMet: boolean } {
  const rated = ratings.length;
  // 示范 and 星级 squads are also 规范化 squads; 星级 counts among the 示范.
  const model = ratings.filter((r) => r !== 'standard').length;
  const pct = (n: number) => (squadCount === 0 ? 0 : Math.round((n * 1000) / squadCount) / 10);
  return {
    squads: squadCount,
    rated,
    model,
    ratedPct: pct(rated),
    modelPct: pct(model),
    ratedMet: squadCount > 0 && pct(rated) >= targets.ratedPct,
    modelMet: squadCount > 0 && pct(model) >= targets.modelPct,
  };
}

/** 复议 / 诉讼: 纠错 is a review changed, revoked or confirmed illegal; 败诉 is a lawsuit lost in any of those ways. */
export type ReviewOutcome = 'upheld' | 'changed' | 'revoked' | 'confirmed_illegal' | 'lost';
export function isAdverseOutcome(outcome: ReviewOutcome | null): boolean {
  return outcome !== null && outcome !== 'upheld';
}
