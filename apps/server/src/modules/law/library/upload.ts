// The import file arrives as the raw body (xlsx / csv / octet-stream) or as multipart/form-data. Fastify hands
// the route a plain object (base64 data), which the idempotency hook can hash like any JSON body.
import type { FastifyInstance } from 'fastify';
import type { Upload } from './workbook.ts';

export type RawUpload = { contentType: string; fileName: string | null; data: string };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

/** An RFC 5987 file name; one whose percent-encoding is broken is kept as sent (it only tells CSV from xlsx). */
function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The first file part of a multipart/form-data body. */
function firstFilePart(body: Buffer, contentType: string): { fileName: string | null; bytes: Buffer } | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const headerStart = pos + delimiter.length + 2;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd === -1) return null;
    const next = body.indexOf(delimiter, headerEnd);
    if (next === -1) return null;
    const headers = body.subarray(headerStart, headerEnd).toString('utf8');
    const name = /filename\*?=(?:UTF-8'')?"?([^";\r\n]*)"?/i.exec(headers);
    if (name) return { fileName: decodedName(name[1] ?? ''), bytes: body.subarray(headerEnd + 4, next - 2) };
    pos = next;
  }
  return null;
}

const RAW_TYPES = [XLSX_TYPE, 'text/csv', 'application/octet-stream'];

/**
 * Installs the parsers in the (encapsulated) scope of the import route only, replacing any parser the parent
 * scope has for the same types (the files module takes application/octet-stream as a Buffer).
 */
export function installUploadParsers(app: FastifyInstance): void {
  for (const type of [...RAW_TYPES, 'multipart/form-data']) if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (req, body, done) => {
    const raw: RawUpload = {
      contentType: String(req.headers['content-type'] ?? ''),
      fileName: null,
      data: (body as Buffer).toString('base64'),
    };
    done(null, raw);
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (req, body, done) => {
    const contentType = String(req.headers['content-type'] ?? '');
    const part = firstFilePart(body as Buffer, contentType);
    const raw: RawUpload | null = part
      ? {
          contentType: part.fileName?.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_TYPE,
          fileName: part.fileName,
          data: part.bytes.toString('base64'),
        }
      : null;
    done(null, raw);
  });
}

/** The uploaded bytes and their format (a ZIP signature means xlsx, whatever the declared type). */
export function toUpload(body: unknown): Upload | null {
  const raw = body as Partial<RawUpload> | null | undefined;
  if (!raw || typeof raw.data !== 'string') return null;
  const bytes = Buffer.from(raw.data, 'base64');
  if (bytes.length === 0) return null;
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  return { format: isZip ? 'xlsx' : 'csv', bytes };
}
