// Fonts of the PDFs: Noto Serif SC (npm, SIL OFL) for the text, and a per-character fallback chain over system fonts
// for rare characters in names — Noto Serif SC covers CJK Ext-A (䶮) but not Ext-B (𠮷). The chain is
// PDF_FALLBACK_FONTS (paths separated by ':' or ',', a collection member as `file.ttc#PostScriptName`) or, when
// unset, the Debian fonts present (fonts-noto-cjk, fonts-hanazono). Characters no font has are reported, not fatal.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { cachingFont } from './font-cache.ts';

const require = createRequire(import.meta.url);
const NOTO_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));

export const PRIMARY_REGULAR = path.join(NOTO_DIR, '400Regular/NotoSerifSC_400Regular.ttf');
export const PRIMARY_BOLD = path.join(NOTO_DIR, '700Bold/NotoSerifSC_700Bold.ttf');

const DEFAULT_FALLBACKS = [
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular',
  '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf',
  '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf',
];

/** `font` is the font as opened; `pdf` the view pdfkit is given, which keeps shaping and glyph records for the process. */
export type LoadedFont = { key: string; source: string; font: fontkit.Font; pdf: fontkit.Font };

const CACHE = new Map<string, LoadedFont | null>();

function openFont(spec: string, key: string): LoadedFont | null {
  if (CACHE.has(spec)) return CACHE.get(spec)!;
  const [file, member] = spec.split('#') as [string, string | undefined];
  let loaded: LoadedFont | null = null;
  if (fs.existsSync(file)) {
    const opened = fontkit.openSync(file, member);
    const font = 'fonts' in opened ? opened.fonts[0] : opened;
    if (font) loaded = { key, source: spec, font, pdf: cachingFont(font) };
  }
  CACHE.set(spec, loaded);
  return loaded;
}

/** The fallback specs in force (env PDF_FALLBACK_FONTS or the Debian defaults). */
export function fallbackSpecs(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.PDF_FALLBACK_FONTS;
  if (raw !== undefined && raw.trim() !== '') {
    return raw
      .split(/[,:](?!\/\/)/)
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return DEFAULT_FALLBACKS;
}

export type FontChain = { regular: LoadedFont; bold: LoadedFont; fallbacks: LoadedFont[] };

let chain: FontChain | null = null;

export function fontChain(): FontChain {
  if (chain) return chain;
  const regular = openFont(PRIMARY_REGULAR, 'body');
  const bold = openFont(PRIMARY_BOLD, 'bold');
  if (!regular || !bold) throw new Error(`Noto Serif SC not found under ${NOTO_DIR}`);
  const fallbacks = fallbackSpecs()
    .map((spec, i) => openFont(spec, `fallback${i}`))
    .filter((f): f is LoadedFont => f !== null);
  chain = { regular, bold, fallbacks };
  return chain;
}

export type TextRun = { font: LoadedFont; text: string };

const isControl = (cp: number) => cp < 0x20 || cp === 0x7f;

/**
 * Splits a text into runs by the first font of the chain that draws each character (the bold or regular primary
 * first). Characters no font draws stay in the primary font's run (printed as a box) and are added to `missing`.
 */
export function splitRuns(text: string, primary: LoadedFont, missing: Set<string>): TextRun[] {
  const { fallbacks } = fontChain();
  const runs: TextRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let font = primary;
    if (!isControl(cp) && !/\s/.test(ch) && !primary.font.hasGlyphForCodePoint(cp)) {
      const fb = fallbacks.find((f) => f.font.hasGlyphForCodePoint(cp));
      if (fb) font = fb;
      else missing.add(ch);
    }
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}
