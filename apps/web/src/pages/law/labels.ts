import dayjs, { type Dayjs } from 'dayjs';
import { yuanText } from '@chengguan/domain/vocabulary';
import {
  ART32_GROUNDS,
  EVENT_CATEGORIES,
  EXEMPTION_CONDITIONS,
  HARMS,
  PARTY_TYPE_CODES,
  PENALTY_TYPES,
  PROVISION_LEVELS,
  TIER_LEVELS,
  VERIFICATION_MARKS,
  type Art32GroundCode,
  type EventCategory,
  type ExemptionConditionCode,
  type HarmCode,
  type PartyTypeCode,
  type PenaltyTypeCode,
  type ProvisionLevel,
  type TierLevelCode,
  type VerificationMark,
} from '@chengguan/contracts';
import type { MessageKey, Translate } from '../../i18n/i18n.tsx';
import { bureauToday } from '../../lib/bureauTime';

// Labels of the law vocabularies in the UI language, and the money / date conversions of the law pages.

export const markLabel = (t: Translate, m: VerificationMark) => t(`law.mark.${m}`);
export const levelLabel = (t: Translate, l: ProvisionLevel) => t(`law.level.${l}`);
export const penaltyLabel = (t: Translate, p: PenaltyTypeCode) => t(`law.penalty.${p}`);
export const tierLabel = (t: Translate, l: TierLevelCode) => t(`law.tier.${l}`);
export const harmLabel = (t: Translate, h: HarmCode) => t(`law.harm.${h}`);
export const conditionLabel = (t: Translate, c: ExemptionConditionCode) => t(`law.condition.${c}`);
export const partyLabel = (t: Translate, p: PartyTypeCode) => t(`law.party.${p}`);
export const art32Label = (t: Translate, g: Art32GroundCode) => t(`law.art32.${g}`);

/** 数字城管 event categories are stored as their Chinese names. */
const EVENT_KEYS: Record<EventCategory, MessageKey> = {
  市容环境: 'law.event.appearance',
  宣传广告: 'law.event.advertising',
  施工管理: 'law.event.construction',
  突发事件: 'law.event.emergency',
  街面秩序: 'law.event.streetOrder',
  其他: 'law.event.other',
};
export const eventLabel = (t: Translate, e: EventCategory) => t(EVENT_KEYS[e]);

export const markOptions = (t: Translate) => VERIFICATION_MARKS.map((m) => ({ value: m, label: `${m} · ${markLabel(t, m)}` }));
export const levelOptions = (t: Translate) => PROVISION_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }));
export const penaltyOptions = (t: Translate) => PENALTY_TYPES.map((p) => ({ value: p, label: penaltyLabel(t, p) }));
export const tierOptions = (t: Translate) => TIER_LEVELS.map((l) => ({ value: l, label: tierLabel(t, l) }));
export const harmOptions = (t: Translate) => HARMS.map((h) => ({ value: h, label: harmLabel(t, h) }));
export const conditionOptions = (t: Translate) => EXEMPTION_CONDITIONS.map((c) => ({ value: c, label: conditionLabel(t, c) }));
export const partyOptions = (t: Translate) => PARTY_TYPE_CODES.map((p) => ({ value: p, label: partyLabel(t, p) }));
export const art32Options = (t: Translate) => ART32_GROUNDS.map((g) => ({ value: g, label: art32Label(t, g) }));
export const eventOptions = (t: Translate) => EVENT_CATEGORIES.map((e) => ({ value: e, label: eventLabel(t, e) }));

/** Tag colours of the discretion tiers, lightest to heaviest. */
export const TIER_COLORS: Record<TierLevelCode, string> = {
  no_penalty: 'green',
  reduced: 'cyan',
  lighter: 'blue',
  standard: 'gold',
  heavier: 'red',
};

// Money is integer fen on the wire and 元 with two decimals on the screen (docs/ui-text.md).
export { fenToYuan, yuanToFen } from '../cases/format.ts';
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return yuanText(fen);
}
export function formatRange(t: Translate, minFen: number | null, maxFen: number | null): string {
  if (minFen === null && maxFen === null) return '—';
  return t('law.rangeYuan', { min: formatYuan(minFen), max: formatYuan(maxFen) });
}

// Legal dates are 'YYYY-MM-DD' on the wire and dayjs values in antd forms.
export const DATE = 'YYYY-MM-DD';
export const toDay = (d: string | null | undefined): Dayjs | null => (d ? dayjs(d) : null);
export const fromDay = (d: Dayjs | null | undefined): string | null => (d ? d.format(DATE) : null);
export const today = () => bureauToday().format(DATE);

export function formatSpan(t: Translate, from: string, to: string | null): string {
  return to ? `${from} ~ ${to}` : t('law.fromOpen', { from });
}

/** Text typed one item per line → a list without blanks. */
export const linesOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

export const blankToNull = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();
