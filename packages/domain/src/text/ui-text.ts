// The checks of docs/ui-text.md on a text shown to a Chinese reader: what must never appear in a zh-CN string. Used by
// the tests that load every zh-CN message catalogue (console and server) and by the browser checks of the pages.
import { LAW_FULL_NAMES } from '../law/citation.ts';

/**
 * ASCII words that may stand in Chinese text (docs/ui-text.md "Allowed Latin words"): file formats and standards a
 * user must recognise, and abbreviations Chinese civil servants use as they are.
 */
export const UI_TEXT_ALLOWED_WORDS: ReadonlySet<string> = new Set([
  'PDF',
  'Excel',
  'SM2',
  'SM3',
  'QR',
  'ID',
  'IP',
  'ZIP',
  'PNG',
  'JPG',
  'JPEG',
  'CSV',
  'csv',
  'xlsx',
  'UTF',
  'GBK',
  'GB',
  'TOTP',
  'MB',
  'KB',
  'App',
  'APP',
  'WGS',
  'GCJ',
  'GPS',
]);

export type UiTextProblem = { kind: string; match: string };

const LAW_SHORT_NAMES = Object.keys(LAW_FULL_NAMES).sort((a, b) => b.length - a.length);

const CHECKS: { kind: string; pattern: RegExp }[] = [
  { kind: 'file name', pattern: /[\w-]+\.(?:md|ts|tsx|js|json|sql)\b/g },
  { kind: 'amount in fen', pattern: /\bfen\b/gi },
  { kind: 'machine article reference', pattern: /\bArts?\.|\bpara\.\s?\d/g },
  { kind: 'snake_case key', pattern: /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g },
  { kind: 'dotted key', pattern: /\b[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9_]*)+\b/g },
  { kind: 'camelCase name', pattern: /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g },
  { kind: 'constant name', pattern: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g },
];

// A rule ID (D2, E10, ART34) for machines; a reader gets the citation (the ID at most as a hover).
const RULE_ID = /(?<![A-Za-z0-9])(?:[A-L]\d{1,2}|ART\d{1,3})(?![A-Za-z0-9])/g;
const CITATION = /《[^》]+》第[零一二三四五六七八九十百千]+条/;

/**
 * What in `text` breaks the convention of docs/ui-text.md: file names, fen, machine article references, keys and
 * constant names, rule IDs without a Chinese citation, short-form citations without 《》, other English words.
 * Placeholders ({name}) are not text and are skipped.
 */
export function uiTextProblems(text: string): UiTextProblem[] {
  const out: UiTextProblem[] = [];
  const body = text.replace(/\{\w+\}/g, ' ');
  for (const { kind, pattern } of CHECKS) {
    for (const m of body.matchAll(pattern)) out.push({ kind, match: m[0] });
  }
  if (!CITATION.test(body)) {
    for (const m of body.matchAll(RULE_ID)) out.push({ kind: 'rule ID without its citation', match: m[0] });
  }
  // 行政处罚法第四十四条 → 《中华人民共和国行政处罚法》第四十四条: names outside 《》 followed by an article.
  const outside = body.replace(/《[^》]*》/g, '《》');
  for (const name of LAW_SHORT_NAMES) {
    if (outside.includes(`${name}第`)) {
      out.push({ kind: 'citation without the law’s full name in 《》', match: `${name}第` });
      break;
    }
  }
  const flagged = new Set(out.map((p) => p.match));
  for (const m of body.matchAll(/[A-Za-z][A-Za-z0-9]*/g)) {
    const w = m[0];
    if (w.length < 2 || UI_TEXT_ALLOWED_WORDS.has(w) || flagged.has(w) || /^[A-L]\d{1,2}$|^ART\d+$/.test(w)) continue;
    // A reference number with letters in it (索引号 MB2F300040) is an identifier the reader copies, not a word.
    if (/\d.*\d/.test(w)) continue;
    if ([...flagged].some((f) => f.includes(w))) continue;
    out.push({ kind: 'English word', match: w });
  }
  return out;
}
