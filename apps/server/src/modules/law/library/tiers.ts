// Stored 裁量基准 tiers ↔ the domain's DiscretionTier.
import type { TierConditions } from '@chengguan/contracts';
import type { DiscretionTier } from '@chengguan/domain';

type TierLike = { level: string; label: string; conditions: unknown; min_fen: number; max_fen: number };

export function requiresOf(conditions: TierConditions): DiscretionTier['requires'] {
  const r: DiscretionTier['requires'] = {};
  if (conditions.firstViolation !== undefined) r.firstViolation = conditions.firstViolation;
  if (conditions.correctedPromptly !== undefined) r.correctedPromptly = conditions.correctedPromptly;
  if (conditions.harm !== undefined) r.harm = conditions.harm;
  if (conditions.aggravatingFactorsAny !== undefined) r.aggravatingFactorsAny = conditions.aggravatingFactorsAny;
  if (conditions.mitigation !== undefined) r.mitigation = conditions.mitigation;
  return r;
}

export function tierFromRow(t: TierLike): DiscretionTier {
  return {
    level: t.level as DiscretionTier['level'],
    labelZh: t.label,
    requires: requiresOf((t.conditions ?? {}) as TierConditions),
    range: { minFen: t.min_fen, maxFen: t.max_fen },
  };
}
