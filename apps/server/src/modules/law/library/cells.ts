// Reading and writing one spreadsheet cell of the library's import/export layout.
import { formatLegalDate, isValidLegalDate, yuanToFen, fenToYuan } from '@chengguan/domain';

export type CellValue = string | number | boolean | Date | null;

/** A cell that cannot be read; the import report names its row and column. */
export class CellError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const isEmpty = (v: CellValue): v is null => v === null || (typeof v === 'string' && v.trim() === '');

export function readText(v: CellValue): string | undefined {
  if (isEmpty(v)) return undefined;
  if (v instanceof Date) return readDate(v);
  return String(v).trim();
}

export function readInt(v: CellValue): number | undefined {
  if (isEmpty(v)) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new CellError(`「${String(v)}」不是整数`, `"${String(v)}" is not a whole number`);
  return n;
}

/** Money in 元 → fen; text such as 五千 or 200元 is refused. */
export function readYuan(v: CellValue): number | undefined {
  if (isEmpty(v)) return undefined;
  const fen = typeof v === 'number' || typeof v === 'string' ? yuanToFen(v) : null;
  if (fen === null) {
    throw new CellError(
      `金额列只能填写数字（元，最多两位小数），不能是「${String(v)}」`,
      `a money column takes a number of yuan, not "${String(v)}"`,
    );
  }
  return fen;
}

export function writeYuan(fen: number | null): CellValue {
  return fen === null ? null : fenToYuan(fen);
}

const SLASHED = /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/;

/** A date cell (a real Excel date, or text YYYY-MM-DD / YYYY/M/D); a day that does not exist is refused. */
export function readDate(v: CellValue): string | undefined {
  if (isEmpty(v)) return undefined;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new CellError('日期无效', 'invalid date');
    // exceljs gives Excel dates as UTC midnight.
    return formatLegalDate({ year: v.getUTCFullYear(), month: v.getUTCMonth() + 1, day: v.getUTCDate() });
  }
  const text = String(v).trim();
  const m = SLASHED.exec(text);
  const normalised = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
  if (!isValidLegalDate(normalised)) {
    throw new CellError(`日期「${text}」不存在或格式错误（应为 YYYY-MM-DD）`, `"${text}" is not an existing date (YYYY-MM-DD)`);
  }
  return normalised;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×']);

export function readBool(v: CellValue): boolean | undefined {
  if (isEmpty(v)) return undefined;
  if (typeof v === 'boolean') return v;
  const t = String(v).trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  throw new CellError(`「${String(v)}」应为“是”或“否”`, `"${String(v)}" must be 是 (yes) or 否 (no)`);
}

export const writeBool = (b: boolean | undefined | null): CellValue => (b === undefined || b === null ? null : b ? '是' : '否');

/** A list written in one cell, separated by 、，,；; or line breaks (or only line breaks). */
export function readList(v: CellValue, linesOnly = false): string[] | undefined {
  const text = readText(v);
  if (text === undefined) return undefined;
  return text
    .split(linesOnly ? /\r?\n/ : /[、，,；;\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export const writeList = (items: readonly string[] | undefined, linesOnly = false): CellValue =>
  items && items.length > 0 ? items.join(linesOnly ? '\n' : '、') : null;

/** A code from a closed set, written either as the code or as its Chinese label. */
export function readEnum<T extends string>(v: CellValue, labels: Record<T, string>): T | undefined {
  const text = readText(v);
  if (text === undefined) return undefined;
  for (const [code, label] of Object.entries(labels) as [T, string][]) if (text === code || text === label) return code;
  const allowed = Object.values(labels).join('、');
  throw new CellError(`「${text}」不在可选值中（${allowed}）`, `"${text}" is not one of: ${Object.keys(labels).join(', ')}`);
}

export function readEnumList<T extends string>(v: CellValue, labels: Record<T, string>): T[] | undefined {
  const items = readList(v);
  return items?.map((i) => readEnum(i, labels)!);
}

export const writeEnumList = <T extends string>(codes: readonly T[] | undefined, labels: Record<T, string>): CellValue =>
  writeList(codes?.map((c) => labels[c]));
