import { SUBJECT_KIND_CODES, SUBJECT_LICENCE_FILTERS } from '@chengguan/contracts';
import type { Translate } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';

export const kindLabel = (t: Translate, kind: string) => t(`subject.kind.${kind}` as MessageKey);
export const kindOptions = (t: Translate) => SUBJECT_KIND_CODES.map((k) => ({ value: k, label: kindLabel(t, k) }));
export const licenceLabel = (t: Translate, s: string) => t(`subject.licenceState.${s}` as MessageKey);
export const licenceOptions = (t: Translate) => SUBJECT_LICENCE_FILTERS.map((s) => ({ value: s, label: licenceLabel(t, s) }));
/** The default three-colour scale (the rule set in force may name other levels; the record's detail lists them). */
export const RISK_LEVELS = [
  { value: 'red', zh: '红色（重点监管）', en: 'Red (close supervision)', colour: 'red' },
  { value: 'yellow', zh: '黄色（一般监管）', en: 'Yellow (ordinary)', colour: 'gold' },
  { value: 'green', zh: '绿色（无事不扰）', en: 'Green (left alone)', colour: 'green' },
];
export const riskTagColour = (level: string | null) => RISK_LEVELS.find((l) => l.value === level)?.colour ?? 'default';
export const riskText = (level: string | null, lang: string) => {
  const l = RISK_LEVELS.find((x) => x.value === level);
  return l ? (lang.startsWith('en') ? l.en : l.zh) : (level ?? '—');
};
