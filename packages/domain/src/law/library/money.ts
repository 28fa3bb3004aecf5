// Money in published lists is written in 元 (yuan); the platform stores integer 分 (fen).
import type { Fen } from '../types.ts';

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
