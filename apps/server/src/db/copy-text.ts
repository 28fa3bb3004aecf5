// PostgreSQL's COPY text format, shared by every bulk load (the city generator's writer, the import of the city's
// lists): one value per column, tab-separated, one row a line.

export type CopyValue = string | number | boolean | null | Date | readonly string[];

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeText(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : s;
}

/** One value in COPY text format (NULL is \N; arrays are text[] literals). */
export function copyField(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`COPY: not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  return escapeText(`{${v.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}

/** One row as a COPY text line (tab-separated, newline-terminated). */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyField(values[i]!);
  return `${line}\n`;
}
