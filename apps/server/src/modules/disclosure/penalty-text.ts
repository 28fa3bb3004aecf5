import { PENALTY_TYPE_ZH, type PenaltyTypeCode } from '@chengguan/contracts';
import { yuanText } from '@chengguan/domain';

/** 「警告；罚款 1,000 元」: each penalty type in words, the fine with its amount. */
export function penaltyText(p: { penalties: readonly string[]; fineFen?: number | undefined } | undefined | null): string {
  if (!p || p.penalties.length === 0) return '无';
  return p.penalties
    .map((t) =>
      t === 'fine'
        ? `罚款 ${yuanText(p.fineFen ?? 0, { decimals: 'whole-as-integer', unit: true })}`
        : (PENALTY_TYPE_ZH[t as PenaltyTypeCode] ?? t),
    )
    .join('；');
}
