import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { PARTY_TYPE_CODES, type LegalConfigValues, type PartyTypeCode } from '@chengguan/contracts';
import type { Translate } from '../../../i18n/i18n.tsx';
import { fenToYuan, formatYuan, partyLabel, penaltyLabel, yuanToFen } from '../labels.ts';

// The legal configuration in the console: how each value reads, and its form shape (money in 元).

export type ConfigKey = keyof LegalConfigValues;
type PerParty = Record<PartyTypeCode, number>;

/** Values in fen per party type; the form edits them in 元. */
export const PER_PARTY_KEYS = ['hearingThresholdFen', 'confiscationHearingThresholdFen'] as const;
export const WORKING_DAY_KEYS = ['statementPeriodWorkingDays', 'filingWorkingDays', 'disclosureWorkingDays'] as const;
export const YEAR_KEYS = ['businessPublicationYears', 'naturalPersonPublicationYears'] as const;
export const BOOLEAN_KEYS = ['shanghaiLegalReviewAdditions', 'ageCountsFromDayAfterBirthday'] as const;
export const HOTLINE_FIELDS = ['consultationWorkingDays', 'supervisionWorkingDays', 'complaintWorkingDays', 'complexWorkingDays'] as const;

const isIn = <T extends string>(list: readonly T[], k: string): k is T => (list as readonly string[]).includes(k);

const perPartyToYuan = (p: PerParty): PerParty => Object.fromEntries(PARTY_TYPE_CODES.map((c) => [c, fenToYuan(p[c])])) as PerParty;
const perPartyToFen = (p: PerParty): PerParty => Object.fromEntries(PARTY_TYPE_CODES.map((c) => [c, yuanToFen(p[c])])) as PerParty;

/** Stored values → form values (money in 元). */
export function toFormValues(v: LegalConfigValues): LegalConfigValues {
  return {
    ...v,
    hearingThresholdFen: perPartyToYuan(v.hearingThresholdFen),
    confiscationHearingThresholdFen: perPartyToYuan(v.confiscationHearingThresholdFen),
    majorCaseRule: { ...v.majorCaseRule, fineThresholdFen: perPartyToYuan(v.majorCaseRule.fineThresholdFen) },
  };
}

/** One form value (money in 元) → the value sent (money in fen). */
export function fromFormValue(key: ConfigKey, v: LegalConfigValues): unknown {
  if (isIn(PER_PARTY_KEYS, key)) return perPartyToFen(v[key]);
  if (key === 'majorCaseRule') return { ...v.majorCaseRule, fineThresholdFen: perPartyToFen(v.majorCaseRule.fineThresholdFen) };
  return v[key];
}

const perPartyText = (t: Translate, p: PerParty) =>
  PARTY_TYPE_CODES.map((c) => `${partyLabel(t, c)} ${formatYuan(p[c])} ${t('law.yuan')}`).join('；');

/** A stored value as text. */
export function configValueText(t: Translate, key: ConfigKey, v: LegalConfigValues): ReactNode {
  if (isIn(PER_PARTY_KEYS, key)) return perPartyText(t, v[key]);
  if (isIn(WORKING_DAY_KEYS, key)) return t('law.config.workingDays', { n: v[key] });
  if (isIn(BOOLEAN_KEYS, key)) return v[key] ? t('common.yes') : t('common.no');
  if (key === 'publicNoticeServiceDays') return t('law.config.days', { n: v.publicNoticeServiceDays });
  if (isIn(YEAR_KEYS, key)) return t('law.config.years', { n: v[key] });
  if (key === 'complaintHotline') {
    return HOTLINE_FIELDS.map((f) => `${t(`law.config.hotline.${f}`)} ${v.complaintHotline[f]}`).join(' / ') + ` ${t('law.config.wdUnit')}`;
  }
  return (
    <>
      <div>{t('law.labelValue', { label: t('law.config.majorFine'), value: perPartyText(t, v.majorCaseRule.fineThresholdFen) })}</div>
      <Typography.Text type="secondary">
        {t('law.labelValue', {
          label: t('law.config.majorTypes'),
          value: v.majorCaseRule.penaltyTypes.map((p) => penaltyLabel(t, p)).join('、') || '—',
        })}
      </Typography.Text>
    </>
  );
}
