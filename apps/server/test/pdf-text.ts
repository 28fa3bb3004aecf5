// The text of a PDF as poppler's pdftotext reads it, all white space removed: what a reader of the printed page sees,
// in one string a test can search. `dropFooters` leaves out the verification footer of every page (核验码, the QR
// link, the page number 「—1—」), so a paragraph that runs over a page break reads as one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { TestContext } from './harness.ts';

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

/** The text of an issued document as its officer downloads it (200, application/pdf), read with pdfText. */
export async function issuedDocumentText(ctx: Pick<TestContext, 'app'>, token: string, documentId: string): Promise<string> {
  const r = await ctx.app.inject({
    method: 'GET',
    url: `/api/v1/documents/${documentId}/pdf`,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toBe('application/pdf');
  return pdfText(r.rawPayload);
}
