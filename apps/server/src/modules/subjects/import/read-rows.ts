// Reads an uploaded list row by row without holding the rows: .xlsx through exceljs' streaming reader (the first
// worksheet), .csv line by line (UTF-8 with or without BOM, else GB18030 — Excel in a Chinese locale saves CSV in
// GBK). Each row arrives as its cells' text by column number (1-based); row 1 is the header.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type ImportFormat = 'xlsx' | 'csv';

export class UnreadableImportError extends Error {}

/** A cell's value as text: dates as YYYY-MM-DD (Excel stores a date cell as a UTC midnight), numbers as written. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (v.richText)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result);
    if ('error' in v) return '';
  }
  return String(value).trim();
}

function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** One record that holds quotes or a lone carriage return, from `start`: RFC 4180 character by character. */
function quotedRecord(text: string, start: number): { record: string[]; next: number } {
  let field = '';
  const record: string[] = [];
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      return { record, next: i + 1 };
    } else field += c;
  }
  record.push(field);
  return { record, next: text.length };
}

/**
 * CSV records (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks). A line without a quote or a lone
 * carriage return — nearly every line of the city's lists — is split as a whole; any other goes character by character.
 */
function* csvRecords(text: string): Generator<string[]> {
  let i = 0;
  while (i < text.length) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    let line = text.slice(i, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.includes('"') || line.includes('\r')) {
      const { record, next } = quotedRecord(text, i);
      yield record;
      i = next;
      continue;
    }
    yield line.split(',');
    i = end + 1;
  }
}

export type ImportRow = { rowNo: number; cells: string[] };

/** The rows of the file in order (cells[0] is column 1), empty rows skipped. */
export async function* readImportRows(format: ImportFormat, bytes: Buffer): AsyncGenerator<ImportRow> {
  if (format === 'csv') {
    let rowNo = 0;
    for (const record of csvRecords(decodeCsv(bytes))) {
      rowNo++;
      const cells = record.map((c) => c.trim());
      if (cells.some((c) => c !== '')) yield { rowNo, cells };
    }
    return;
  }
  // exceljs keeps a worksheet stored before the shared strings (Excel's own order) in a temporary file until they are
  // read: a failure there (the temporary directory) before the first row is tried once more from the bytes in hand.
  let yielded = 0;
  try {
    for await (const row of xlsxRows(bytes)) {
      yielded++;
      yield row;
    }
  } catch (err) {
    if (yielded > 0 || !(err instanceof UnreadableImportError)) throw err;
    yield* xlsxRows(bytes);
  }
}

async function* xlsxRows(bytes: Buffer): AsyncGenerator<ImportRow> {
  let reader: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    });
  } catch (err) {
    throw new UnreadableImportError((err as Error).message);
  }
  let first = true;
  try {
    for await (const worksheet of reader) {
      if (!first) continue;
      first = false;
      for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
        if (cells.some((c) => c !== '')) yield { rowNo: row.number, cells };
      }
    }
  } catch (err) {
    if (err instanceof UnreadableImportError) throw err;
    throw new UnreadableImportError((err as Error).message);
  }
  if (first) throw new UnreadableImportError('the workbook has no worksheet');
}
