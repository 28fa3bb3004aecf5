// The process-wide font caches change no byte of a PDF: pdfkit drawing with the caching view of a font writes the
// same file as pdfkit drawing with the font as opened, on the first document and on the later ones that the caches
// serve; and a seal glyph's recorded outline is the operators pdfkit writes for its SVG path.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { cachingFont } from './font-cache.ts';
import { PRIMARY_BOLD, PRIMARY_REGULAR } from './fonts.ts';
import { outlineOps } from './marks.ts';

const AT = new Date('2026-03-02T08:00:00Z');
const open = (file: string) => fontkit.openSync(file) as fontkit.Font;

/** A PDF of `lines` in `font`, wrapped into a narrow column (words and whole lines are shaped), uncompressed. */
async function draw(font: fontkit.Font, lines: string[], compress = false): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', compress, font: null as unknown as string, info: { CreationDate: AT, ModDate: AT } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.registerFont('body', font as unknown as Buffer);
  doc.font('body').fontSize(14);
  for (const line of lines) doc.text(line, { width: 260, lineGap: 7 });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const TEXT = [
  '上海市浦东新区城市管理行政执法局',
  '当事人于2026年3月2日在陆家嘴东路 88 号经责令改正后仍混合投放生活垃圾。',
  'Article 51 of the Administrative Penalty Law — fine: ¥100.00 (壹佰元整)',
  '如不服本决定，应当先在收到本决定书之日起六十日内申请行政复议。',
];

describe('font caches (issuance speed: shaping and glyph records kept per process)', () => {
  it('a PDF drawn with the caching view equals the one drawn with the font as opened, also when served from the caches', async () => {
    const raw = open(PRIMARY_REGULAR);
    const view = cachingFont(raw);
    const expected = await draw(raw, TEXT);
    expect(await draw(view, TEXT)).toEqual(expected);
    expect(await draw(view, TEXT)).toEqual(expected);
    // Compressed, as the platform writes them, and another text through the same caches.
    const other = ['当场行政处罚决定书', '罚款人民币100.00元（人民币壹佰元整）。', ...TEXT.slice(1)];
    expect(await draw(view, other, true)).toEqual(await draw(raw, other, true));
  });

  it('the second document is shaped without fontkit and its glyph records are not read again', async () => {
    const raw = open(PRIMARY_BOLD);
    let shaped = 0;
    let decoded = 0;
    const layout = raw.layout.bind(raw);
    Object.defineProperty(raw, 'layout', { value: (...a: [string]) => (shaped++, layout(...a)) });
    type Glyph = { _decode(): unknown };
    const glyphProto = Object.getPrototypeOf((raw as unknown as { getGlyph(id: number): Glyph }).getGlyph(0)) as Glyph;
    const decode = glyphProto._decode;
    glyphProto._decode = function (this: Glyph) {
      decoded++;
      return decode.call(this);
    };
    const counting = cachingFont(raw);
    await draw(counting, TEXT);
    expect(shaped).toBeGreaterThan(10);
    expect(decoded).toBeGreaterThan(10);
    const [shapedFirst, decodedFirst] = [shaped, decoded];
    await draw(counting, TEXT);
    glyphProto._decode = decode;
    expect(shaped).toBe(shapedFirst);
    expect(decoded).toBe(decodedFirst);
  });

  it('forgets the oldest shaped texts past its limit and still draws the same file', async () => {
    const raw = open(PRIMARY_REGULAR);
    const expected = await draw(raw, TEXT);
    const view = cachingFont(raw, 3);
    expect(await draw(view, TEXT)).toEqual(expected);
    expect(await draw(view, TEXT)).toEqual(expected);
  });

  it('past its limit forgets the text used least recently, so the texts every document repeats stay shaped', () => {
    const raw = open(PRIMARY_REGULAR);
    const shaped: string[] = [];
    const layout = raw.layout.bind(raw);
    Object.defineProperty(raw, 'layout', { value: (text: string) => (shaped.push(text), layout(text)) });
    const view = cachingFont(raw, 2);
    // 当事人 repeats between passing texts (a case's names): each use keeps it; the older passing text goes.
    for (const text of ['当事人', '张三', '当事人', '李四', '当事人', '王五', '张三']) view.layout(text);
    expect(shaped).toEqual(['当事人', '张三', '李四', '王五', '张三']);
  });

  const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  // Noto Serif SC and the Debian fallbacks have no composite glyphs; DejaVu's accented letters are composites.
  it.skipIf(!fs.existsSync(DEJAVU))('composite glyphs keep their components renumbered in the subset', async () => {
    const raw = open(DEJAVU);
    const lines = ['Café déjà vu — Ångström, naïve, Œuvre', 'Ça coûte 100 €, à Pâques'];
    const view = cachingFont(raw);
    const expected = await draw(raw, lines);
    expect(await draw(view, lines)).toEqual(expected);
    expect(await draw(view, [...lines].reverse())).toEqual(await draw(raw, [...lines].reverse()));
  });

  it('a seal glyph outline is written with the operators of its SVG path', async () => {
    const font = open(PRIMARY_BOLD);
    const outlines = async (viaCache: boolean) => {
      const doc = new PDFDocument({ compress: false, info: { CreationDate: AT, ModDate: AT } });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise<void>((resolve) => doc.on('end', resolve));
      for (const ch of '行政执法专用章浦东') {
        const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
        if (viaCache) doc.addContent(outlineOps(doc, font, glyph)).fill('#d42020');
        else doc.path(glyph.path.toSVG()).fill('#d42020');
      }
      doc.end();
      await done;
      return Buffer.concat(chunks);
    };
    const expected = await outlines(false);
    expect(expected.toString('latin1')).toMatch(/\d m\n[\d. ]+ (l|c|v)\n/);
    expect(await outlines(true)).toEqual(expected);
    expect(await outlines(true)).toEqual(expected);
  });
});
