// 案卷评查 and 全过程记录 sampling (issue 15 §2–3): the same verifiable draw as 双随机 (subjects/draw-random.ts) — a seed
// committed (SM3) when the plan is made, revealed at the draw, SM3 counter-mode numbers, Fisher–Yates. The population
// is split into strata (squad × case type); each stratum draws ceil(n × rate) of its members, rate in basis points
// (the seed's 17.1% is 1,710). Members are ordered by id before drawing, so the same seed and the same population give
// the same sample in any input order, and anyone holding both can recompute it.
import { DRAW_BASIS_POINTS_FULL, drawCount } from '../subjects/draw.ts';
import { createDrawRandom, fisherYatesPrefix, isDrawSeedHex } from '../subjects/draw-random.ts';

export type SamplingMember = { id: string; stratum: string };

/** A rate for a stratum; a stratum without one takes `defaultBasisPoints`. */
export type SamplingRate = { stratum: string; basisPoints: number };

export type SamplingInput = {
  seedHex: string;
  population: readonly SamplingMember[];
  defaultBasisPoints: number;
  rates?: readonly SamplingRate[];
  /** A fixed sample size instead of rates (refused when larger than the population). */
  size?: number;
};

export type StratumDraw = { stratum: string; population: number; basisPoints: number; drawn: number };

export type SamplingOutcome = {
  /** The drawn ids in draw order (strata in code-point order of their keys). */
  ids: string[];
  strata: StratumDraw[];
  wordsUsed: number;
};

export class SamplingInputError extends Error {
  constructor(
    readonly field: string,
    readonly messageZh: string,
    message: string,
  ) {
    super(message);
  }
}

function checkRate(bp: number, field: string): void {
  if (!Number.isInteger(bp) || bp < 0 || bp > DRAW_BASIS_POINTS_FULL)
    throw new SamplingInputError(field, '抽查比例须为0至10000之间的整数（万分比）', 'need an integer 0..10000 (basis points)');
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function drawSample(input: SamplingInput): SamplingOutcome {
  if (!isDrawSeedHex(input.seedHex)) throw new SamplingInputError('seedHex', '随机种子须为64位十六进制数', 'need 64 hex digits');
  checkRate(input.defaultBasisPoints, 'defaultBasisPoints');
  input.rates?.forEach((r, i) => checkRate(r.basisPoints, `rates.${i}.basisPoints`));
  const random = createDrawRandom(input.seedHex);
  if (input.size !== undefined) {
    if (!Number.isInteger(input.size) || input.size < 0)
      throw new SamplingInputError('size', '抽查数量须为非负整数', 'need a non-negative integer');
    if (input.size > input.population.length)
      throw new SamplingInputError(
        'size',
        `抽查数量${input.size}大于可抽查总数${input.population.length}`,
        `sample of ${input.size} is larger than its population of ${input.population.length}`,
      );
    const all = input.population.map((m) => m.id).sort(byCodePoint);
    fisherYatesPrefix(all, input.size, random);
    return {
      ids: all.slice(0, input.size),
      strata: [
        {
          stratum: '*',
          population: all.length,
          basisPoints: Math.round((input.size * DRAW_BASIS_POINTS_FULL) / Math.max(1, all.length)),
          drawn: input.size,
        },
      ],
      wordsUsed: random.wordsUsed(),
    };
  }
  const groups = new Map<string, string[]>();
  for (const m of input.population) {
    const list = groups.get(m.stratum) ?? [];
    list.push(m.id);
    groups.set(m.stratum, list);
  }
  const rateOf = new Map((input.rates ?? []).map((r) => [r.stratum, r.basisPoints]));
  const ids: string[] = [];
  const strata: StratumDraw[] = [];
  for (const stratum of [...groups.keys()].sort(byCodePoint)) {
    const members = groups.get(stratum)!.sort(byCodePoint);
    const bp = rateOf.get(stratum) ?? input.defaultBasisPoints;
    const k = drawCount(members.length, bp);
    fisherYatesPrefix(members, k, random);
    ids.push(...members.slice(0, k));
    strata.push({ stratum, population: members.length, basisPoints: bp, drawn: k });
  }
  return { ids, strata, wordsUsed: random.wordsUsed() };
}
