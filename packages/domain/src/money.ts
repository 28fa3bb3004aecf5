// Money: the platform stores integer 分 (fen) and shows 元 (yuan). The one formatter of amounts for documents, notes,
// messages, exports and the console, and the one parser of yuan typed in a spreadsheet. Dependency-free (the console
// imports it through '@chengguan/domain/vocabulary').
type Fen = number;

const YUAN_TEXT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Yuan as written in a spreadsheet cell (a number, or text such as "5,000" or "200.50") → fen.
 * Anything else — words (五千), units (200元), negatives, a third decimal — is null: the caller names the cell.
 */
export function yuanToFen(value: number | string): Fen | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    const fen = Math.round(value * 100);
    if (Math.abs(fen - value * 100) > 1e-6) return null;
    return Number.isSafeInteger(fen) ? fen : null;
  }
  const m = YUAN_TEXT.exec(value.trim());
  if (!m) return null;
  const whole = Number((m[1] ?? '').replace(/,/g, ''));
  const cents = Number((m[2] ?? '').padEnd(2, '0'));
  const fen = whole * 100 + cents;
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Fen → yuan as a number for a spreadsheet cell (200.5 for 20050 fen). */
export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

export type YuanTextOptions = {
  /** 'always' (default): 2,000.00; 'whole-as-integer': 2,000 for a whole amount, 2,000.50 otherwise (documents, notices). */
  decimals?: 'always' | 'whole-as-integer';
  /** Append the unit: '1,000.00 元' (default: the bare number, as documents print it after 人民币 … 元). */
  unit?: boolean;
};

/** Fen as yuan for people: 100000 → '1,000.00' — thousands grouped with commas, two decimals (or none), 元 if asked. */
export function yuanText(fen: Fen, options: YuanTextOptions = {}): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  const decimals = options.decimals === 'whole-as-integer' && cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`;
  return `${negative ? '-' : ''}${whole}${decimals}${options.unit ? ' 元' : ''}`;
}
