// The string formats of every request. Each string a client sends declares one of them (or is an enum): the server
// registers these checks with its validator and refuses to start when a request schema leaves a string, a number or
// a list unbounded (apps/server/src/http/validation.ts). Pure functions, so the console may use them as well.

/** Legal dates accepted from a client: old enough for a birth date, far enough for any deadline. */
export const INPUT_DATE_MIN = '1900-01-01';
export const INPUT_DATE_MAX = '2999-12-31';

// C0 controls, DEL and C1 controls, and UTF-16 surrogates without their pair: PostgreSQL stores none of them in text
// or jsonb (NUL, \ud800), and none belongs in a name, an address or a statement.
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const LINE_FORBIDDEN = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F]|${LONE_SURROGATE}`);
// Paragraphs keep tab, line feed and carriage return.
const MULTILINE_FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]|${LONE_SURROGATE}`);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 with its offset: 2026-03-02T08:30:00+08:00, 2026-03-02T00:30:00.000Z.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A day that exists on the calendar (no 2025-02-29, no 2026-13-01, no 0000-00-00) within the accepted years. */
export function isInputDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m || value < INPUT_DATE_MIN || value > INPUT_DATE_MAX) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

export function isInputDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isInputDate(m[1]!)) return false;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const offsetOk = m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
  return hour <= 23 && minute <= 59 && second <= 59 && offsetOk;
}

export function isSingleLineText(value: string): boolean {
  return !LINE_FORBIDDEN.test(value);
}

export function isMultilineText(value: string): boolean {
  return !MULTILINE_FORBIDDEN.test(value);
}

/** Format name → check, for the validator of every request (and the OpenAPI document's `format`). */
export const INPUT_FORMATS = {
  text: isSingleLineText,
  'multiline-text': isMultilineText,
  uuid: (value: string) => UUID.test(value),
  date: isInputDate,
  'date-time': isInputDateTime,
} as const satisfies Record<string, (value: string) => boolean>;

export type InputFormat = keyof typeof INPUT_FORMATS;
