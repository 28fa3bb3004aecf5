// 信用 (issue 15 §7; docs/credit.md): which decisions make a credit record, how long it is published and when its
// 信用修复 may first be asked. Pure: dates are parameters.
import { addDays, addMonths, type LegalDate } from '../calendar/legal-date.ts';
import { decisionMustBePublished, type PublicationInput } from '../disclosure/publication.ts';

export type CreditSeverity = 'general' | 'serious';

/** The bureau's credit settings; the defaults are Shanghai's (沪营商条例 Arts. 65, 67). */
export type CreditSettings = {
  /** Publication period of a business entity's penalty information, months (Art. 65: 三年). */
  publishMonths: number;
  /** Minimum publication period before repair, general penalties (Art. 67: 三个月). */
  repairMinMonthsGeneral: number;
  /** Minimum publication period before repair in the food, drugs, special equipment, work safety and fire fields (Art. 67: 一年). */
  repairMinMonthsSerious: number;
  /** What the party must show; each condition is confirmed in the application. */
  repairConditions: readonly string[];
};

export const DEFAULT_REPAIR_CONDITIONS: readonly string[] = [
  '已履行行政处罚决定（罚款已缴清、违法行为已改正）',
  '作出信用承诺，承诺不再发生同类违法行为',
  '修复申请前未再受到同类行政处罚',
];

export const SHANGHAI_CREDIT_DEFAULTS: CreditSettings = {
  publishMonths: 36,
  repairMinMonthsGeneral: 3,
  repairMinMonthsSerious: 12,
  repairConditions: DEFAULT_REPAIR_CONDITIONS,
};

/** One line of the credit catalogue (offence code → consequence). Absent line: a general record, the bureau's period. */
export type CreditCatalogueLine = { record: boolean; severity: CreditSeverity; publishMonths: number | null };

export const C1_SOURCE = '上海市优化营商环境条例第六十五条、第六十七条';

export type CreditConsequence =
  | { record: false; reasonZh: string; reasonEn: string }
  | { record: true; severity: CreditSeverity; publishUntil: LegalDate; repairPossibleOn: LegalDate };

/**
 * C1 — a penalty decision that is published (I1: ordinary procedure, not only 警告 / 通报批评; 沪营商 Art. 67) and
 * whose offence the catalogue does not exclude makes a credit record. It is published for the catalogue's period or
 * the bureau's (Art. 65: 三年); repair may be asked once the minimum period has run (Art. 67: 三个月, or 一年 in the
 * serious fields). A period in months ends on the corresponding day (民法典 Arts. 201–202): repair is possible from the
 * day after.
 */
export function creditConsequence(
  decision: PublicationInput & { decidedOn: LegalDate },
  line: CreditCatalogueLine | null,
  settings: CreditSettings = SHANGHAI_CREDIT_DEFAULTS,
): CreditConsequence {
  const check = decisionMustBePublished(decision);
  if (!check.publish) {
    return {
      record: false,
      reasonZh: '简易程序或仅警告、通报批评的决定不予公示',
      reasonEn: 'not published (summary procedure or warning only)',
    };
  }
  if (line && !line.record)
    return { record: false, reasonZh: '信用目录未列入该违法行为', reasonEn: 'the credit catalogue excludes this offence' };
  const severity = line?.severity ?? 'general';
  const months = line?.publishMonths ?? settings.publishMonths;
  const minMonths = severity === 'serious' ? settings.repairMinMonthsSerious : settings.repairMinMonthsGeneral;
  return {
    record: true,
    severity,
    publishUntil: addMonths(decision.decidedOn, months),
    repairPossibleOn: addDays(addMonths(decision.decidedOn, minMonths), 1),
  };
}

export type RepairCheck = { allowed: true } | { allowed: false; possibleOn: LegalDate };

/** C2 — 沪营商 Art. 67: a repair asked before the minimum publication period has run is refused with the date it becomes possible. */
export function repairAllowed(repairPossibleOn: LegalDate, today: LegalDate): RepairCheck {
  return today >= repairPossibleOn ? { allowed: true } : { allowed: false, possibleOn: repairPossibleOn };
}
