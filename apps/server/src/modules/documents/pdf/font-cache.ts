// What pdfkit recomputes for every PDF although it depends only on the font, kept once per process: the shaping of
// a text (fontkit `layout`: cmap, GSUB and GPOS lookups for each word and each line) and the bytes of each glyph a
// subset copies (fontkit decodes every glyph's outline only to learn whether it is composite). The PDF is the same
// byte for byte: pdfkit receives the same glyphs and positions, and the subset the same glyph records.
import type { Font } from 'fontkit';

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
type Glyph = { id: number; advanceWidth: number; codePoints: number[] };
type Run = { glyphs: Glyph[]; positions: Position[] };

/**
 * Most distinct texts kept shaped per font (a word is one entry, a line another); the least recently used are
 * forgotten first. The texts every document repeats (headings, labels, legal wording) stay; a case's own texts (names,
 * numbers, addresses) mostly pass once. At 50,000 entries kept in the order they were first shaped, a paced load of
 * tickets grew the server's live heap by ~23 MB in 4 minutes on those passing texts alone.
 */
export const LAYOUT_CACHE_LIMIT = 5_000;

/** A glyph run as pdfkit reads it; pdfkit scales the positions in place, so each run gets its own copies. */
class CachedRun {
  constructor(
    readonly glyphs: Glyph[],
    readonly positions: Position[],
  ) {}
  get advanceWidth(): number {
    let w = 0;
    for (const p of this.positions) w += p.xAdvance;
    return w;
  }
}

type GlyphRecord = { bytes: Uint8Array; components: { glyphID: number; pos: number }[] | null; advance: number; bearing: number };

// The few fontkit internals a TrueType subset uses (fontkit's TTFSubset: `_addGlyph` appends one glyph record).
type TtfSubset = {
  font: TtfFont;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
};
type TtfFont = {
  directory: { tables: Record<string, unknown> };
  _variationProcessor: unknown;
  loca: { offsets: number[] };
  getGlyph(gid: number): {
    _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
    advanceWidth: number;
    _getMetrics(): { leftBearing: number };
  };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  createSubset(): TtfSubset;
  layout(text: string, features?: unknown): Run;
};

/** The glyph record fontkit's TTFSubset copies for `gid`, as it reads it (bytes, composite components, metrics). */
function readGlyph(font: TtfFont, gid: number): GlyphRecord {
  const glyph = font.getGlyph(gid);
  const glyf = glyph._decode();
  const start = font.loca.offsets[gid]!;
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  const bytes = stream.readBuffer(font.loca.offsets[gid + 1]! - start);
  return {
    bytes,
    components: glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null,
    advance: glyph.advanceWidth,
    bearing: glyph._getMetrics().leftBearing,
  };
}

/**
 * A view of an opened fontkit font for pdfkit (registerFont accepts any object with `layout`): the font itself for
 * everything pdfkit reads, with shaping results and TrueType glyph records cached for the process.
 */
export function cachingFont(raw: Font, limit = LAYOUT_CACHE_LIMIT): Font {
  const font = raw as unknown as TtfFont;
  const runs = new Map<string, Run>();
  const glyphs = new Map<number, GlyphRecord>();
  const layout = (text: string, features?: unknown): Run | CachedRun => {
    if (features !== undefined) return font.layout(text, features);
    let run = runs.get(text);
    if (run) {
      // Used again: to the end of the Map's order, which is the order of last use.
      runs.delete(text);
    } else {
      const fresh = font.layout(text);
      run = { glyphs: fresh.glyphs, positions: fresh.positions.map((p) => ({ ...p })) };
      if (runs.size >= limit) runs.delete(runs.keys().next().value!);
    }
    runs.set(text, run);
    return new CachedRun(
      run.glyphs.slice(),
      run.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })),
    );
  };
  const ttf = 'glyf' in font.directory.tables && !('CFF ' in font.directory.tables) && !font._variationProcessor;
  const createSubset = (): TtfSubset => {
    const subset = font.createSubset();
    if (!ttf) return subset;
    // fontkit's TTFSubset._addGlyph, with the glyph's record read once per process.
    subset._addGlyph = function (this: TtfSubset, gid: number): number {
      let rec = glyphs.get(gid);
      if (!rec) glyphs.set(gid, (rec = readGlyph(font, gid)));
      let bytes = rec.bytes;
      if (rec.components) {
        bytes = new Uint8Array(rec.bytes);
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (const c of rec.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
      }
      this.glyf.push(bytes);
      this.loca.offsets.push(this.offset);
      this.hmtx.metrics.push({ advance: rec.advance, bearing: rec.bearing });
      this.offset += bytes.length;
      return this.glyf.length - 1;
    };
    return subset;
  };
  return Object.create(raw, { layout: { value: layout }, createSubset: { value: createSubset } }) as Font;
}
