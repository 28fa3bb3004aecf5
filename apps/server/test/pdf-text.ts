// The text of a PDF as poppler's pdftotext reads it, all white space removed: what a reader of the printed page sees,
// in one string a test can search. `dropFooters` leaves out the verification footer of every page (核验码, the QR
// link, the page number 「—1—」), so a paragraph that runs over a page break reads as one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FOOTER = /^(核验码：|https?:\/\/|—\s*\d+\s*—)/;

export function pdfText(bytes: Buffer, opts: { dropFooters?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, bytes);
    const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const lines = opts.dropFooters ? raw.split('\n').filter((l) => !FOOTER.test(l.trim())) : [raw];
    return lines.join('').replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
