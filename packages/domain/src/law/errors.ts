// Bad input to a legal rule names the field and the rule (ARCHITECTURE.md "Errors"); the Chinese message says what is
// wrong and what to do, amounts in 元 (docs/ui-text.md).
import { yuanText } from '../money.ts';

export type LegalInputErrorCode =
  'LEGAL_INPUT_INVALID' | 'TIER_OUTSIDE_STATUTORY_RANGE' | 'VERSION_DATES_INVALID' | 'VERSIONS_OVERLAP' | 'FINE_OUTSIDE_RANGE';

/** The statute behind the rule IDs these errors carry (the letter rules cite theirs in LEGAL-RULES.md §10). */
export const LEGAL_INPUT_RULE_ARTICLES: Readonly<Record<string, string>> = {
  ART34: '行政处罚法 Art. 34',
  ART37: '行政处罚法 Art. 37',
  DEADLINE: '行政处罚法 Art. 85',
  B1: '行政处罚法 Art. 51',
  B4: '行政处罚法 Art. 68',
  C4: '行政处罚法 Art. 36',
  D4: '行政处罚法 Art. 63',
  E1: '行政处罚法 Art. 58',
  E2: '行政处罚法 Art. 57',
  E4: '行政处罚法 Art. 60',
  E6: '行政处罚法 Art. 29',
  E7: '行政处罚法 Art. 30',
  G2: '行政处罚法 Art. 72',
};

export class LegalInputError extends Error {
  /** The statute reference of the rule, '' when unknown. */
  readonly article: string;
  constructor(
    readonly code: LegalInputErrorCode,
    readonly field: string,
    readonly ruleId: string,
    message: string,
    /** What is wrong and what to do, in Chinese. */
    readonly messageZh: string = '输入不符合该规则的要求，请检查后重新填写',
  ) {
    super(`${field} (${ruleId}): ${message}`);
    this.name = 'LegalInputError';
    this.article = LEGAL_INPUT_RULE_ARTICLES[ruleId] ?? '';
  }
}

export function assertLegalInput(
  condition: boolean,
  field: string,
  ruleId: string,
  message: string,
  code: LegalInputErrorCode = 'LEGAL_INPUT_INVALID',
  messageZh?: string,
): asserts condition {
  if (!condition) throw new LegalInputError(code, field, ruleId, message, messageZh);
}

export function assertFen(value: number, field: string, ruleId: string): void {
  assertLegalInput(
    Number.isSafeInteger(value) && value >= 0,
    field,
    ruleId,
    `must be a non-negative amount in whole fen, got ${value}`,
    'LEGAL_INPUT_INVALID',
    '金额须为不小于零的数额（精确到分），请重新填写',
  );
}

/** An amount for an error message: 150.00 元. */
export function yuanForMessage(fen: number): string {
  return Number.isSafeInteger(fen) ? yuanText(fen, { unit: true }) : `${fen / 100} 元`;
}
