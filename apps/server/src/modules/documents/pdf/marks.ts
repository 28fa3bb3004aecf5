// Vector marks of a document: the QR code to the verify page (modules drawn as rectangles, so it stays sharp
// when printed) and the placeholder seal used until a bureau uploads its seal image. The placeholder is plainly
// a drawing — a red ring, a star, the bureau's name along the arc, 「行政执法专用章」 and 「系统示意章」 — and must not
// be taken for (or made to imitate) a real seal impression.
import QRCode from 'qrcode';
import type { Font } from 'fontkit';
import { fontChain } from './fonts.ts';

// The last QR code made: every page of a document bears the same one.
let lastQr: { text: string; qr: QRCode.QRCode } | null = null;

export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  if (lastQr?.text !== text) lastQr = { text, qr: QRCode.create(text, { errorCorrectionLevel: 'M' }) };
  const qr = lastQr.qr;
  const n = qr.modules.size;
  const cell = size / n;
  doc.save();
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + c * cell, y + r * cell, cell, cell);
    }
  }
  doc.fillColor('black').fill();
  doc.restore();
}

const RED = '#d42020';

function starPath(doc: PDFKit.PDFDocument, cx: number, cy: number, outer: number): void {
  const inner = outer * 0.382;
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  doc.polygon(...pts);
}

/**
 * Characters drawn as filled outlines (not text): the placeholder seal is a drawing, and its letters do not mix
 * into the text a reader or `pdftotext` extracts. (x, y) is the centre of the glyph box.
 */
function glyphAt(doc: PDFKit.PDFDocument, font: Font, ch: string, x: number, y: number, size: number, rotate = 0): void {
  const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
  const s = size / font.unitsPerEm;
  doc.save();
  doc.translate(x, y);
  if (rotate) doc.rotate(rotate);
  doc.translate((-glyph.advanceWidth * s) / 2, size * 0.38);
  doc.scale(s, -s);
  doc.addContent(outlineOps(doc, font, glyph)).fill(RED);
  doc.restore();
}

const OUTLINES = new WeakMap<Font, Map<number, string>>();

/**
 * The path operators pdfkit writes for a glyph's outline (in font units: the glyph is placed by the transform), made
 * once per process: pdfkit would parse the outline's SVG text again for every seal.
 */
export function outlineOps(doc: PDFKit.PDFDocument, font: Font, glyph: { id: number; path: { toSVG(): string } }): string {
  let byGlyph = OUTLINES.get(font);
  if (!byGlyph) OUTLINES.set(font, (byGlyph = new Map()));
  let ops = byGlyph.get(glyph.id);
  if (ops === undefined) {
    const written: string[] = [];
    // pdfkit's own `path` drawn on a view of the document whose content is recorded instead of written.
    const recorder = Object.create(doc, {
      addContent: {
        value(data: string) {
          written.push(data);
          return recorder;
        },
      },
    }) as PDFKit.PDFDocument;
    recorder.path(glyph.path.toSVG());
    ops = written.join('\n');
    byGlyph.set(glyph.id, ops);
  }
  return ops;
}

function lineAt(doc: PDFKit.PDFDocument, font: Font, text: string, cx: number, y: number, size: number): void {
  const chars = [...text];
  const total = chars.reduce((sum, ch) => sum + (font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth * size) / font.unitsPerEm, 0);
  let x = cx - total / 2;
  for (const ch of chars) {
    const adv = (font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth * size) / font.unitsPerEm;
    glyphAt(doc, font, ch, x + adv / 2, y, size);
    x += adv;
  }
}

export function drawPlaceholderSeal(doc: PDFKit.PDFDocument, cx: number, cy: number, r: number, name: string): void {
  const font = fontChain().bold.font;
  doc.save();
  doc.opacity(0.85);
  doc.lineWidth(2.6).strokeColor(RED).circle(cx, cy, r).stroke();
  starPath(doc, cx, cy - r * 0.02, r * 0.26);
  doc.fillColor(RED).fill();
  // The name along the upper arc, each character upright towards the rim.
  const chars = [...name].filter((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0)!));
  const span = Math.min(250, Math.max(chars.length, 2) * 26);
  const fs = Math.min(15, (((r - 6) * span * Math.PI) / 180 / Math.max(chars.length, 1)) * 0.86);
  const radius = r - fs * 0.72 - 4;
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  chars.forEach((ch, i) => {
    const deg = 90 + span / 2 - i * step;
    const rad = (deg * Math.PI) / 180;
    glyphAt(doc, font, ch, cx + radius * Math.cos(rad), cy - radius * Math.sin(rad), fs, 90 - deg);
  });
  lineAt(doc, font, '行政执法专用章', cx, cy + r * 0.4, Math.min(11, r * 0.17));
  lineAt(doc, font, '系统示意章', cx, cy + r * 0.62, Math.min(7, r * 0.11));
  doc.restore();
}
