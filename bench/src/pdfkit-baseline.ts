/**
 * The bare-pdfkit baseline of issuing a document: pdfkit alone drawing the same 当场行政处罚决定书 as the platform —
 * the same rendered template blocks (taken once, untimed, from the platform's own data and template), the same fonts
 * (Noto Serif SC regular and bold, opened once per process), A4 with the same margins, sizes and line gaps, the
 * grids of the field blocks, the placeholder seal, the QR code of the verify link — with no database, no template
 * rendering, no SM3, no signature and no storage. It is the ceiling of the document workload: the platform's
 * throughput is reported as a share of it.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { RenderedBlock, RenderedDocument } from '@chengguan/domain';
import type { DocumentKind } from '@chengguan/contracts';
import { fontChain } from '../../apps/server/src/modules/documents/pdf/fonts.ts';
import { drawPlaceholderSeal } from '../../apps/server/src/modules/documents/pdf/marks.ts';
import { PAGE_MARGINS } from '../../apps/server/src/modules/documents/pdf/render-pdf.ts';
import { loadCaseOrFail } from '../../apps/server/src/modules/cases/case-loader.ts';
import { assembleDocumentData } from '../../apps/server/src/modules/documents/document-data.ts';
import { templateInForce } from '../../apps/server/src/modules/documents/document-templates.ts';
import { documentSources } from '../../apps/server/src/modules/documents/issue-document.ts';
import { renderTemplate } from '@chengguan/domain';
import type { TestContext } from '../../apps/server/test/harness.ts';

export type BareDocument = { rendered: RenderedDocument; agencyName: string; number: string | null };

/** The rendered blocks of a ticket's 当场决定书, as the platform makes them (untimed setup of the baseline). */
export function renderedSummaryDecision(ctx: TestContext, caseId: string): Promise<BareDocument> {
  return renderedCaseDocument(ctx, caseId, 'summary_decision');
}

/** The rendered blocks of a case's document of `kind` as the platform makes them, with its number and date. */
export async function renderedCaseDocument(ctx: TestContext, caseId: string, kind: DocumentKind): Promise<BareDocument> {
  const loaded = await loadCaseOrFail(ctx.deps, ctx.deps.db, { jurisdictionPath: '' }, caseId);
  const { rows, reference } = await documentSources(ctx.deps.db, loaded, kind);
  const template = templateInForce(kind, reference.own, reference.city);
  const numbers = new Map(rows.documents.map((d) => [d.doc_type, d.number]));
  const number = numbers.get(kind) ?? null;
  const data = assembleDocumentData({
    kind,
    loaded,
    rows,
    reference,
    issuedOn: rows.documents.find((d) => d.doc_type === kind)?.issued_on ?? loaded.ctx.today,
    number,
    extra: {},
    numbers,
    verify: { url: `${ctx.deps.config.publicBaseUrl}/verify/x?c=ABCDE23456`, code: 'ABCDE-23456' },
  });
  return { rendered: renderTemplate(template.body, data), agencyName: data.agency.name, number };
}

const BODY = 14;
const LINE_GAP = 7;

/** pdfkit alone: the same document, into a buffer. */
export async function bareRender(input: BareDocument, verifyUrl: string, createdAt: Date): Promise<Buffer> {
  const { regular, bold } = fontChain();
  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE_MARGINS,
    bufferPages: true,
    info: {
      Title: input.rendered.title,
      Author: input.agencyName,
      Subject: input.number ?? input.rendered.title,
      Keywords: verifyUrl,
      Producer: 'chengguan',
      Creator: 'chengguan',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('body', regular.font as unknown as Buffer);
  doc.registerFont('bold', bold.font as unknown as Buffer);
  const left = PAGE_MARGINS.left;
  const width = doc.page.width - PAGE_MARGINS.left - PAGE_MARGINS.right;
  const maxY = doc.page.height - PAGE_MARGINS.bottom;
  const ensure = (y: number, needed: number) => {
    if (y + needed <= maxY) return y;
    doc.addPage();
    return PAGE_MARGINS.top;
  };
  type O = { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; width?: number; lineGap?: number; color?: string };
  const text = (s: string, x: number, y: number, o: O = {}) => {
    doc
      .font(o.bold ? 'bold' : 'body')
      .fontSize(o.size ?? BODY)
      .fillColor(o.color ?? 'black');
    doc.text(s, x, y, { width: o.width ?? width, align: o.align ?? 'left', lineGap: o.lineGap ?? LINE_GAP });
    return doc.y;
  };
  const height = (s: string, w: number, o: O = {}) => {
    doc.font(o.bold ? 'bold' : 'body').fontSize(o.size ?? BODY);
    return doc.heightOfString(s || ' ', { width: w, lineGap: o.lineGap ?? LINE_GAP });
  };
  const paragraph = (y: number, s: string, o: O & { indent?: boolean }) => {
    for (const line of s.split('\n')) {
      if (line.trim() === '') continue;
      y = ensure(y, (o.size ?? BODY) * 2 + (o.lineGap ?? LINE_GAP));
      y = text(o.indent ? `\u3000\u3000${line.trim()}` : line.trim(), left, y, o) + 4;
    }
    return y;
  };
  const block = (y: number, b: RenderedBlock): number => {
    switch (b.type) {
      case 'heading':
        return paragraph(ensure(y + 4, BODY * 4 + LINE_GAP * 3), b.text, { bold: true, align: b.align }) + 2;
      case 'paragraph':
        return paragraph(y, b.text, { indent: b.indent, align: b.align, bold: b.bold });
      case 'note':
        return paragraph(y + 4, b.text, { size: 10.5, color: '#333333', lineGap: 3 });
      case 'spacer':
        return y + b.size;
      case 'fields': {
        const pad = 5;
        const labelW = b.columns === 2 ? width * 0.16 : width * 0.24;
        const valueW = b.columns === 2 ? width * 0.34 : width * 0.76;
        for (let i = 0; i < b.rows.length; i += b.columns) {
          const cells = b.rows.slice(i, i + b.columns);
          const h =
            Math.max(
              ...cells.map((c) =>
                Math.max(height(c.value, valueW - 2 * pad, { size: 12 }), height(c.label, labelW - 2 * pad, { size: 12 })),
              ),
            ) +
            2 * pad;
          y = ensure(y, h);
          cells.forEach((c, j) => {
            const x = left + j * (labelW + valueW);
            doc.lineWidth(0.6).strokeColor('black').rect(x, y, labelW, h).stroke();
            doc.rect(x + labelW, y, valueW, h).stroke();
            text(c.label, x + pad, y + pad, { size: 12, width: labelW - 2 * pad, align: 'center', bold: true });
            text(c.value, x + labelW + pad, y + pad, { size: 12, width: valueW - 2 * pad });
          });
          if (cells.length < b.columns) doc.rect(left + labelW + valueW, y, labelW + valueW, h).stroke();
          y += h;
        }
        return y + 10;
      }
      case 'table': {
        const pad = 4;
        const total = b.widths.reduce((s, x) => s + x, 0);
        const widths = b.widths.map((x) => (x / total) * width);
        const row = (cells: string[], isHead: boolean) => {
          const h = Math.max(...cells.map((c, j) => height(c, widths[j]! - 2 * pad, { size: 11, bold: isHead }))) + 2 * pad;
          y = ensure(y, h);
          let x = left;
          cells.forEach((c, j) => {
            doc.lineWidth(0.6).strokeColor('black').rect(x, y, widths[j]!, h).stroke();
            text(c, x + pad, y + pad, {
              size: 11,
              bold: isHead,
              width: widths[j]! - 2 * pad,
              align: isHead ? 'center' : 'left',
              lineGap: 3,
            });
            x += widths[j]!;
          });
          y += h;
        };
        row(b.headers, true);
        if (b.rows.length === 0) row([b.empty, ...b.headers.slice(1).map(() => '')], false);
        for (const r of b.rows) row(r, false);
        return y + 10;
      }
      case 'signature': {
        doc.font('body').fontSize(BODY);
        const widest = Math.max(...[...b.lines, b.date].map((l) => doc.widthOfString(l)));
        const blockW = Math.min(width, Math.max(width * 0.42, widest + 24));
        const x = left + width - blockW - 12;
        y = ensure(y + 24, 120);
        const top = y;
        for (const line of b.lines) y = text(line, x, y, { align: 'center', width: blockW }) + 2;
        y = text(b.date, x, y + 4, { align: 'center', width: blockW }) + 4;
        if (b.seal) drawPlaceholderSeal(doc, x + blockW / 2, top + (y - top) / 2, 58, input.agencyName);
        return Math.max(y, top + 70) + 10;
      }
      case 'signatures':
        y += 12;
        for (const label of b.labels) {
          y = ensure(y, 30);
          text(`${label}：________________`, left, y, { size: 12, width: width * 0.55 });
          text('日期：______年____月____日', left + width * 0.55, y, { size: 12, width: width * 0.45, align: 'right' });
          y += 30;
        }
        return y;
    }
  };
  let y = text(input.agencyName, left, PAGE_MARGINS.top, { size: 18, bold: true, align: 'center', lineGap: 4 });
  y = text(input.rendered.title, left, y + 6, { size: 22, bold: true, align: 'center', lineGap: 4 });
  if (input.number) y = text(input.number, left, y + 8, { size: 12, align: 'right', lineGap: 2 });
  y += 16;
  for (const b of input.rendered.blocks) y = block(y, b);
  // The verify QR code and its text at the foot of each page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    const base = doc.page.height - PAGE_MARGINS.bottom + 14;
    const qr = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const cell = 62 / n;
    doc.save();
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(left + c * cell, base + r * cell, cell, cell);
    doc.fillColor('black').fill();
    doc.restore();
    text('核验码：ABCDE-23456\u3000扫描二维码核验本文书', left + 70, base + 8, { size: 9, width: width - 70, lineGap: 2 });
    text(verifyUrl, left + 70, base + 24, { size: 6.5, width: width - 70, lineGap: 1 });
    if (range.count > 1) text(`— ${i - range.start + 1} —`, left, base + 44, { size: 12, align: 'right', width, lineGap: 0 });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
