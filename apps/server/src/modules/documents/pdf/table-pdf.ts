// A printable report of tables (通报): a title, lines under it, then sections each with a heading and a table whose
// rows break across pages with the header repeated. Set in the documents' primary font (A4, vector text), so it prints
// as the Excel export reads. Used by the supervision bulletins (评查通报, 纠错/败诉通报).
import PDFDocument from 'pdfkit';
import { PRIMARY_BOLD, PRIMARY_REGULAR } from './fonts.ts';

export type PdfCell = string | number | null;
export type PdfTable = {
  heading: string;
  /** Column headers with their share of the page width (relative weights). */
  columns: readonly { header: string; weight?: number }[];
  rows: readonly PdfCell[][];
  /** Said in place of the table when it has no rows. */
  empty?: string;
};

const LEFT = 56;
const WIDTH = 595.28 - 2 * LEFT;
const BOTTOM = 780;

export async function renderTablePdf(title: string, lines: readonly string[], tables: readonly PdfTable[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: LEFT, info: { Title: title } });
  doc.registerFont('r', PRIMARY_REGULAR);
  doc.registerFont('b', PRIMARY_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font('b').fontSize(18).text(title, { align: 'center' });
  doc.moveDown(0.4).font('r').fontSize(10);
  for (const l of lines) doc.text(l, { align: 'center' });
  doc.moveDown();
  const cell = (v: PdfCell) => (v === null || v === undefined ? '—' : String(v));
  for (const t of tables) {
    if (doc.y > BOTTOM - 60) doc.addPage();
    doc.x = LEFT;
    doc.font('b').fontSize(13).text(t.heading).moveDown(0.3);
    if (t.rows.length === 0) {
      doc
        .font('r')
        .fontSize(10.5)
        .text(t.empty ?? '无')
        .moveDown();
      continue;
    }
    const total = t.columns.reduce((s, c) => s + (c.weight ?? 1), 0);
    const widths = t.columns.map((c) => ((c.weight ?? 1) / total) * WIDTH);
    const drawRow = (values: readonly string[], bold: boolean) => {
      doc.font(bold ? 'b' : 'r').fontSize(9);
      const height = Math.max(...values.map((v, i) => doc.heightOfString(v, { width: widths[i]! - 4 }))) + 4;
      if (doc.y + height > BOTTOM) {
        doc.addPage();
        if (!bold)
          drawRow(
            t.columns.map((c) => c.header),
            true,
          );
        doc.font(bold ? 'b' : 'r').fontSize(9);
      }
      const y = doc.y;
      let x = LEFT;
      values.forEach((v, i) => {
        doc.text(v, x + 2, y + 2, { width: widths[i]! - 4 });
        x += widths[i]!;
      });
      doc
        .moveTo(LEFT, y + height)
        .lineTo(LEFT + WIDTH, y + height)
        .lineWidth(0.5)
        .stroke('#999999');
      doc.x = LEFT;
      doc.y = y + height;
    };
    drawRow(
      t.columns.map((c) => c.header),
      true,
    );
    for (const r of t.rows) drawRow(r.map(cell), false);
    doc.moveDown();
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
