// 裁量基准 tiers: validation against the statutory range and selection by circumstances.
import { LegalInputError, yuanForMessage } from './errors.ts';
import type { Harm } from './exemptions.ts';
import type { FenRange, RuleLine } from './types.ts';
import { yuanText } from '../money.ts';

export type TierLevel = 'no_penalty' | 'reduced' | 'lighter' | 'standard' | 'heavier';

/** Conditions of a tier; an absent key does not constrain. */
export type TierRequirements = {
  firstViolation?: boolean;
  correctedPromptly?: boolean;
  harm?: readonly Harm[];
  /** At least one of these aggravating factors (as named in the standard) is present. */
  aggravatingFactorsAny?: readonly string[];
  /** A mandatory-mitigation ground (E9) is present / absent. */
  mitigation?: boolean;
};

export type DiscretionTier = {
  level: TierLevel;
  labelZh: string;
  requires: TierRequirements;
  range: FenRange;
};

export type TierFacts = {
  firstViolation: boolean;
  correctedPromptly: boolean;
  harm: Harm;
  aggravatingFactors: readonly string[];
  mitigation: boolean;
};

const TIER_LEVEL_ZH: Record<TierLevel, string> = {
  no_penalty: '不予处罚',
  reduced: '减轻',
  lighter: '从轻',
  standard: '一般',
  heavier: '从重',
};

/**
 * A tier must stay inside the statutory range (处罚法 Art. 34: 裁量基准 works within the law); only a 减轻 tier
 * goes below the statutory minimum (沪城管规〔2025〕2号 Art. 3: 「在法定的处罚种类或者处罚幅度最低限度以下」), never above it.
 */
export function assertTiersWithinRange(tiers: readonly DiscretionTier[], statutory: FenRange, field: string): void {
  tiers.forEach((tier, i) => {
    const { minFen, maxFen } = tier.range;
    const where = `${field}[${i}].range`;
    const fail = (message: string, messageZh: string): never => {
      throw new LegalInputError('TIER_OUTSIDE_STATUTORY_RANGE', where, 'ART34', message, messageZh);
    };
    if (!Number.isSafeInteger(minFen) || !Number.isSafeInteger(maxFen) || minFen < 0 || minFen > maxFen) {
      fail(
        `invalid range ${yuanForMessage(minFen)} to ${yuanForMessage(maxFen)}`,
        `第${i + 1}档的罚款幅度无效（${yuanForMessage(minFen)}至 ${yuanForMessage(maxFen)}），下限须不小于零且不大于上限`,
      );
    }
    if (tier.level === 'no_penalty') return;
    if (tier.level === 'reduced') {
      if (maxFen > statutory.minFen) {
        fail(
          `a reduced tier must lie at or below the statutory minimum ${yuanForMessage(statutory.minFen)}`,
          `第${i + 1}档为减轻档，其上限须不高于法定最低罚款 ${yuanForMessage(statutory.minFen)}，请调整该档幅度`,
        );
      }
      return;
    }
    if (minFen < statutory.minFen || maxFen > statutory.maxFen) {
      fail(
        `${tier.level} tier ${yuanForMessage(minFen)} to ${yuanForMessage(maxFen)} is outside the statutory range ${yuanForMessage(statutory.minFen)} to ${yuanForMessage(statutory.maxFen)}`,
        `第${i + 1}档（${TIER_LEVEL_ZH[tier.level]}）的幅度 ${yuanForMessage(minFen)}至 ${yuanForMessage(maxFen)}超出法定幅度 ${yuanForMessage(statutory.minFen)}至 ${yuanForMessage(statutory.maxFen)}，请调整到法定幅度之内`,
      );
    }
  });
}

function matches(tier: DiscretionTier, facts: TierFacts): boolean {
  const r = tier.requires;
  if (r.firstViolation !== undefined && r.firstViolation !== facts.firstViolation) return false;
  if (r.correctedPromptly !== undefined && r.correctedPromptly !== facts.correctedPromptly) return false;
  if (r.harm !== undefined && !r.harm.includes(facts.harm)) return false;
  if (r.aggravatingFactorsAny !== undefined && !r.aggravatingFactorsAny.some((f) => facts.aggravatingFactors.includes(f))) return false;
  if (r.mitigation !== undefined && r.mitigation !== facts.mitigation) return false;
  return true;
}

function specificity(tier: DiscretionTier): number {
  return Object.values(tier.requires).filter((v) => v !== undefined).length;
}

const MITIGATED_LEVELS: ReadonlySet<TierLevel> = new Set(['lighter', 'reduced']);
const LEVEL_ORDER: readonly TierLevel[] = ['heavier', 'standard', 'lighter', 'reduced'];

export type TierChoice = { tier: DiscretionTier | null; range: FenRange; lines: RuleLine[] };

/**
 * The most specific matching tier. With a mandatory-mitigation ground (E9) only 从轻/减轻 tiers qualify;
 * 减轻 is never chosen without one. With no usable tier the statutory range is returned with a warning.
 */
export function chooseTier(tiers: readonly DiscretionTier[], facts: TierFacts, statutory: FenRange): TierChoice {
  const usable = tiers.filter((t) => t.level !== 'no_penalty' && (facts.mitigation || t.level !== 'reduced'));
  let pool = usable.filter((t) => matches(t, facts));
  if (facts.mitigation) {
    const mitigated = pool.filter((t) => MITIGATED_LEVELS.has(t.level));
    pool = mitigated.length > 0 ? mitigated : usable.filter((t) => MITIGATED_LEVELS.has(t.level));
  }
  const [tier] = [...pool].sort((a, b) => specificity(b) - specificity(a) || LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level));
  if (!tier) {
    return {
      tier: null,
      range: statutory,
      lines: [
        {
          ruleId: 'ART34',
          article: '行政处罚法 Art. 34',
          textZh: facts.mitigation
            ? '裁量基准没有适用的从轻、减轻阶次：应在法定幅度内从轻处罚（接近下限）'
            : '裁量基准没有适用的阶次：在法定幅度内裁量',
          textEn: facts.mitigation
            ? 'No lighter or reduced tier in the standard: mitigate within the statutory range'
            : 'No tier of the standard applies: decide within the statutory range',
        },
      ],
    };
  }
  return {
    tier,
    range: tier.range,
    lines: [
      {
        ruleId: 'ART34',
        article: '行政处罚法 Art. 34',
        textZh: `适用裁量阶次「${TIER_LEVEL_ZH[tier.level]}」（${tier.labelZh}）：${yuanText(tier.range.minFen, { decimals: 'whole-as-integer' })}–${yuanText(tier.range.maxFen, { decimals: 'whole-as-integer' })} 元`,
        textEn: `Tier ${tier.level} (${tier.labelZh}): ${yuanText(tier.range.minFen, { decimals: 'whole-as-integer' })}–${yuanText(tier.range.maxFen, { decimals: 'whole-as-integer' })} yuan`,
      },
    ],
  };
}
