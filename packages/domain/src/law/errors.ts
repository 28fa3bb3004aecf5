// Bad input to a legal rule names the field and the rule (ARCHITECTURE.md "Errors").
export type LegalInputErrorCode =
  'LEGAL_INPUT_INVALID' | 'TIER_OUTSIDE_STATUTORY_RANGE' | 'VERSION_DATES_INVALID' | 'VERSIONS_OVERLAP' | 'FINE_OUTSIDE_RANGE';

export class LegalInputError extends Error {
  constructor(
    readonly code: LegalInputErrorCode,
    readonly field: string,
    readonly ruleId: string,
    message: string,
  ) {
    super(`${field} (${ruleId}): ${message}`);
    this.name = 'LegalInputError';
  }
}

export function assertLegalInput(
  condition: boolean,
  field: string,
  ruleId: string,
  message: string,
  code: LegalInputErrorCode = 'LEGAL_INPUT_INVALID',
): asserts condition {
  if (!condition) throw new LegalInputError(code, field, ruleId, message);
}

export function assertFen(value: number, field: string, ruleId: string): void {
  assertLegalInput(Number.isSafeInteger(value) && value >= 0, field, ruleId, `must be a non-negative integer of fen, got ${value}`);
}
