// The PDF of a document: A4, margins close to GB/T 9704-2012 (上 37 mm, 下 35 mm, 左 28 mm, 右 26 mm), the agency
// name and title centered, the 文号 right-aligned, the blocks of the rendered template, the signature block with
// the seal, the QR code to the public verify page and page numbers on multi-page documents. Deterministic: the
// same input gives the same bytes (CreationDate from the caller's clock, file ID derived from the metadata).
import PDFDocument from 'pdfkit';
import type { RenderedBlock, RenderedDocument } from '@chengguan/domain';
import { fontChain, splitRuns, type LoadedFont } from './fonts.ts';
import { drawPlaceholderSeal, drawQr } from './marks.ts';

const MM = 72 / 25.4;
export const PAGE_MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const BODY = 14; // 四号
const SMALL = 10.5; // 五号
const LINE_GAP = 7;

export type PdfInput = {
  document: RenderedDocument;
  documentId: string;
  agencyName: string;
  number: string | null;
  createdAt: Date;
  verify: { url: string; code: string } | null;
  seal: { png: Buffer | null; name: string };
  leaderSignaturePng: Buffer | null;
  /** Preview: a diagonal 「样稿」 on every page. */
  watermark: string | null;
};

export type PdfOutput = { bytes: Buffer; pages: number; missingGlyphs: string[] };

type Doc = PDFKit.PDFDocument;
type TextOpts = { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; width?: number; color?: string; lineGap?: number };

class Writer {
  readonly missing = new Set<string>();
  private readonly registered = new Set<string>();
  readonly chain = fontChain();
  constructor(readonly doc: Doc) {}

  get left(): number {
    return PAGE_MARGINS.left;
  }
  get width(): number {
    return this.doc.page.width - PAGE_MARGINS.left - PAGE_MARGINS.right;
  }
  get maxY(): number {
    return this.doc.page.height - PAGE_MARGINS.bottom;
  }

  use(f: LoadedFont): void {
    if (!this.registered.has(f.key)) {
      // pdfkit accepts an opened fontkit font (it only needs `layout`): the 15 MB file is parsed once per process,
      // and its shaping and glyph records are kept for the process (font-cache.ts).
      this.doc.registerFont(f.key, f.pdf as unknown as Buffer);
      this.registered.add(f.key);
    }
    this.doc.font(f.key);
  }

  /** Text at (x, y) in the column of `width`, switching fonts per character run. Returns the y below it. */
  text(str: string, x: number, y: number, o: TextOpts = {}): number {
    const doc = this.doc;
    const primary = o.bold ? this.chain.bold : this.chain.regular;
    const runs = splitRuns(str, primary, this.missing);
    doc.fontSize(o.size ?? BODY).fillColor(o.color ?? 'black');
    const opts = { width: o.width ?? this.width, align: o.align ?? 'left', lineGap: o.lineGap ?? LINE_GAP };
    if (runs.length === 0) return y;
    runs.forEach((r, i) => {
      this.use(r.font);
      const continued = i < runs.length - 1;
      if (i === 0) doc.text(r.text, x, y, { ...opts, continued });
      else doc.text(r.text, { ...opts, continued });
    });
    return doc.y;
  }

  height(str: string, width: number, o: TextOpts = {}): number {
    this.use(o.bold ? this.chain.bold : this.chain.regular);
    this.doc.fontSize(o.size ?? BODY);
    return this.doc.heightOfString(str || ' ', { width, lineGap: o.lineGap ?? LINE_GAP });
  }

  /** Starts a new page when `needed` points do not fit below y. */
  ensure(y: number, needed: number): number {
    if (y + needed <= this.maxY) return y;
    this.doc.addPage();
    return PAGE_MARGINS.top;
  }
}

function header(w: Writer, input: PdfInput): number {
  let y = PAGE_MARGINS.top;
  y = w.text(input.agencyName, w.left, y, { size: 18, bold: true, align: 'center', lineGap: 4 });
  y = w.text(input.document.title, w.left, y + 6, { size: 22, bold: true, align: 'center', lineGap: 4 });
  if (input.number) y = w.text(input.number, w.left, y + 8, { size: 12, align: 'right', lineGap: 2 });
  return y + 16;
}

function paragraph(w: Writer, y: number, text: string, o: TextOpts & { indent?: boolean }): number {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const body = o.indent ? `\u3000\u3000${line.trim()}` : line.trim();
    // pdfkit flows a long paragraph onto the next page by itself; only avoid starting on the last line.
    y = w.ensure(y, (o.size ?? BODY) * 2 + (o.lineGap ?? LINE_GAP));
    y = w.text(body, w.left, y, o) + 4;
  }
  return y;
}

function fieldsGrid(w: Writer, y: number, b: Extract<RenderedBlock, { type: 'fields' }>): number {
  const doc = w.doc;
  const pad = 5;
  const cols = b.columns;
  const labelW = cols === 2 ? w.width * 0.16 : w.width * 0.24;
  const valueW = cols === 2 ? w.width * 0.34 : w.width * 0.76;
  for (let i = 0; i < b.rows.length; i += cols) {
    const cells = b.rows.slice(i, i + cols);
    const h =
      Math.max(
        ...cells.map((c) => Math.max(w.height(c.value, valueW - 2 * pad, { size: 12 }), w.height(c.label, labelW - 2 * pad, { size: 12 }))),
      ) +
      2 * pad;
    y = w.ensure(y, h);
    cells.forEach((c, j) => {
      const x = w.left + j * (labelW + valueW);
      doc.lineWidth(0.6).strokeColor('black').rect(x, y, labelW, h).stroke();
      doc.rect(x + labelW, y, valueW, h).stroke();
      w.text(c.label, x + pad, y + pad, { size: 12, width: labelW - 2 * pad, align: 'center', bold: true });
      w.text(c.value, x + labelW + pad, y + pad, { size: 12, width: valueW - 2 * pad });
    });
    if (cells.length < cols) doc.rect(w.left + labelW + valueW, y, labelW + valueW, h).stroke();
    y += h;
  }
  return y + 10;
}

function table(w: Writer, y: number, b: Extract<RenderedBlock, { type: 'table' }>): number {
  const doc = w.doc;
  const pad = 4;
  const total = b.widths.reduce((s, x) => s + x, 0);
  const widths = b.widths.map((x) => (x / total) * w.width);
  const row = (cells: string[], bold: boolean) => {
    const h = Math.max(...cells.map((c, j) => w.height(c, widths[j]! - 2 * pad, { size: 11, bold }))) + 2 * pad;
    y = w.ensure(y, h);
    let x = w.left;
    cells.forEach((c, j) => {
      doc.lineWidth(0.6).strokeColor('black').rect(x, y, widths[j]!, h).stroke();
      w.text(c, x + pad, y + pad, { size: 11, bold, width: widths[j]! - 2 * pad, align: bold ? 'center' : 'left', lineGap: 3 });
      x += widths[j]!;
    });
    y += h;
  };
  row(b.headers, true);
  if (b.rows.length === 0) row([b.empty, ...b.headers.slice(1).map(() => '')], false);
  for (const r of b.rows) row(r, false);
  return y + 10;
}

function signature(w: Writer, y: number, b: Extract<RenderedBlock, { type: 'signature' }>, input: PdfInput): number {
  w.use(w.chain.regular);
  w.doc.fontSize(BODY);
  const widest = Math.max(...[...b.lines, b.date].map((l) => w.doc.widthOfString(l)));
  const blockW = Math.min(w.width, Math.max(w.width * 0.42, widest + 24));
  const x = w.left + w.width - blockW - 12;
  y = w.ensure(y + 24, 120);
  const top = y;
  for (const line of b.lines) y = w.text(line, x, y, { align: 'center', width: blockW }) + 2;
  y = w.text(b.date, x, y + 4, { align: 'center', width: blockW }) + 4;
  const doc = w.doc;
  if (b.leaderSignature && input.leaderSignaturePng) {
    doc.image(input.leaderSignaturePng, w.left + w.width * 0.12, top - 6, { fit: [110, 50] });
  }
  if (b.seal) {
    const cx = x + blockW / 2;
    const cy = top + (y - top) / 2;
    if (input.seal.png) doc.image(input.seal.png, cx - 60, cy - 60, { fit: [120, 120] });
    else drawPlaceholderSeal(w.doc, cx, cy, 58, input.seal.name);
  }
  return Math.max(y, top + 70) + 10;
}

function signatureLines(w: Writer, y: number, labels: string[]): number {
  y += 12;
  for (const label of labels) {
    y = w.ensure(y, 30);
    w.text(`${label}：________________`, w.left, y, { size: 12, width: w.width * 0.55 });
    w.text('日期：______年____月____日', w.left + w.width * 0.55, y, { size: 12, width: w.width * 0.45, align: 'right' });
    y += 30;
  }
  return y;
}

function block(w: Writer, y: number, b: RenderedBlock, input: PdfInput): number {
  switch (b.type) {
    case 'heading':
      // Keep a heading with at least two lines of what follows.
      return paragraph(w, w.ensure(y + 4, BODY * 4 + LINE_GAP * 3), b.text, { bold: true, align: b.align }) + 2;
    case 'paragraph':
      return paragraph(w, y, b.text, { indent: b.indent, align: b.align, bold: b.bold });
    case 'note':
      return paragraph(w, y + 4, b.text, { size: SMALL, color: '#333333', lineGap: 3 });
    case 'fields':
      return fieldsGrid(w, y, b);
    case 'table':
      return table(w, y, b);
    case 'signature':
      return signature(w, y, b, input);
    case 'spacer':
      return y + b.size;
    case 'signatures':
      return signatureLines(w, y, b.labels);
  }
}

function footer(w: Writer, input: PdfInput, pageIndex: number, pages: number): void {
  const doc = w.doc;
  doc.page.margins.bottom = 0;
  const pageH = doc.page.height;
  const base = pageH - PAGE_MARGINS.bottom + 14;
  if (input.verify) {
    const size = 62;
    drawQr(doc, input.verify.url, w.left, base, size);
    const width = w.width - size - 8;
    w.text(`核验码：${input.verify.code}\u3000扫描二维码核验本文书`, w.left + size + 8, base + 8, { size: 9, width, lineGap: 2 });
    w.text(input.verify.url, w.left + size + 8, base + 24, { size: 6.5, width, lineGap: 1 });
  }
  if (pages > 1) w.text(`— ${pageIndex + 1} —`, w.left, base + 44, { size: 12, align: 'right', width: w.width, lineGap: 0 });
  if (input.watermark) {
    doc.save();
    doc.opacity(0.18);
    doc.rotate(-35, { origin: [doc.page.width / 2, pageH / 2] });
    w.text(input.watermark, 0, pageH / 2 - 70, {
      size: 120,
      bold: true,
      color: '#b0b0b0',
      align: 'center',
      width: doc.page.width,
      lineGap: 0,
    });
    doc.restore();
  }
}

export async function renderPdf(input: PdfInput): Promise<PdfOutput> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE_MARGINS,
    bufferPages: true,
    autoFirstPage: true,
    // No default font: pdfkit would parse Helvetica's metrics for every document, and the text never uses it.
    font: null as unknown as string,
    info: {
      Title: input.document.title,
      Author: input.agencyName,
      Subject: input.number ?? input.document.title,
      Keywords: input.documentId,
      Producer: 'chengguan',
      Creator: 'chengguan',
      CreationDate: input.createdAt,
      ModDate: input.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const w = new Writer(doc);
  let y = header(w, input);
  for (const b of input.document.blocks) y = block(w, y, b, input);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    footer(w, input, i - range.start, range.count);
  }
  doc.end();
  await done;
  return { bytes: Buffer.concat(chunks), pages: range.count, missingGlyphs: [...w.missing] };
}
