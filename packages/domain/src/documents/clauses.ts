// Statutory sentences printed in documents, kept beside the rules they come from.
import { zhCount } from './format.ts';

/**
 * G2 — 行政强制法 Art. 45 (「加处罚款或者滞纳金的标准应当告知当事人」) and 处罚法 Art. 72 para. 1 (一):
 * 「到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额」.
 */
export const SURCHARGE_STANDARD_TEXT = '到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额';

/** G1 — 处罚法 Art. 67: 「当事人应当自收到行政处罚决定书之日起十五日内…缴纳罚款」. */
export const PAYMENT_DEADLINE_TEXT = '自收到本决定书之日起十五日内';

/** Used when the bureau has configured no payment instructions (处罚法 Art. 67: 指定的银行或者电子支付系统). */
export const DEFAULT_PAYMENT_METHOD = '持本决定书或者缴款码到指定银行缴纳罚款，或者通过电子支付系统缴纳';

/** 处罚法 Art. 28: 「行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为」. */
export const DEFAULT_CORRECTION_TEXT = '立即停止并改正上述违法行为';

/** D1/D2 — 处罚法 Arts. 44, 45, 62: statement and defence within the configured working days. */
export function statementPeriodText(workingDays: number): string {
  return `自收到本告知书之日起${zhCount(workingDays)}个工作日内`;
}

/**
 * D4 — 处罚法 Art. 63, Art. 64(1): 「当事人要求听证的，应当在行政机关告知后五日内提出」 (working days, Art. 85).
 */
export function hearingParagraph(agencyName: string): string {
  return `根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有要求举行听证的权利。如要求听证，应当在收到本告知书之日起五个工作日内向${agencyName}提出；逾期未提出的，视为放弃听证权利。`;
}

/** G3 — 行政强制法 Art. 35(四), Art. 36: the party may state and defend; the agency must hear and review. */
export function reminderStatementRightsText(agencyName: string): string {
  return `根据《中华人民共和国行政强制法》第三十五条、第三十六条的规定，你（单位）有权进行陈述和申辩。如有异议，可以在收到本催告书之日起三日内向${agencyName}提出陈述、申辩意见；本机关将充分听取你（单位）的意见，对提出的事实、理由和证据进行记录、复核。`;
}

/** 强制法 Art. 54: the application may be filed 10 days after the 催告书 was served without performance. */
export const REMINDER_PERFORM_TEXT = '自收到本催告书之日起十日内';
