// Reads an uploaded .xlsx or .csv into header + rows; writes the export workbook in the same layout.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue } from './cells.ts';

export type UploadFormat = 'xlsx' | 'csv';
export type Upload = { format: UploadFormat; bytes: Buffer };

export type SheetRow = { rowNumber: number; cells: Map<number, CellValue> };
export type SheetData = {
  headers: Map<number, string>;
  rows: SheetRow[];
  /** Merged ranges, e.g. 'A3:B3'. */
  merges: string[];
};

export class UnreadableFileError extends Error {}

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return plain((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** UTF-8 (with or without BOM), else GB18030 — Excel in a Chinese locale saves CSV in GBK. */
function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function loadWorksheet(upload: Upload): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  try {
    if (upload.format === 'csv') {
      return await wb.csv.read(Readable.from([decodeCsv(upload.bytes)]), { map: (d: string) => (d === '' ? null : d) } as never);
    }
    await wb.xlsx.load(upload.bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new UnreadableFileError((err as Error).message);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new UnreadableFileError('the workbook has no worksheet');
  return ws;
}

export async function readUpload(upload: Upload): Promise<SheetData> {
  const ws = await loadWorksheet(upload);
  const headers = new Map<number, string>();
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells = new Map<number, CellValue>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const v = plain(cell.value);
      if (v !== null && !(typeof v === 'string' && v.trim() === '')) cells.set(col, v);
    });
    if (row.number === 1) {
      for (const [col, v] of cells) headers.set(col, String(v).trim());
    } else if (cells.size > 0) {
      rows.push({ rowNumber: row.number, cells });
    }
  });
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).slice();
  return { headers, rows, merges };
}

/** Column number (1-based) → letters, for messages (3 → C). */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 'B3:C4' → the top-left cell's row and column. */
export function mergeOrigin(range: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)/.exec(range) ?? ['', 'A', '1'];
  const letters = m[1] ?? 'A';
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

export type ExportColumn = { header: string; width?: number };

export async function writeWorkbook(sheetName: string, columns: readonly ExportColumn[], rows: readonly CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chengguan';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
