import type { ImportReport, LawKind } from '@chengguan/contracts';
import { buildUrl } from './client.ts';
import { libraryApi } from './law.ts';
import { xhrUpload } from './xhr-upload.ts';

// The import upload: the file as the raw body, with progress from xhrUpload.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** upload: bytes sent so far (0–1); waiting: all sent, the server is checking / writing. */
export type UploadPhase = { phase: 'upload'; fraction: number } | { phase: 'waiting' };

export type ImportRequest = {
  kind: LawKind;
  file: File;
  dryRun: boolean;
  lang: string;
  idempotencyKey: string;
  onPhase?: (p: UploadPhase) => void;
};

function contentTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  return 'application/octet-stream';
}

function isReport(v: unknown): v is ImportReport {
  return typeof v === 'object' && v !== null && Array.isArray((v as { errors?: unknown }).errors) && 'ok' in v;
}

/**
 * Sends the file as the raw body. A dry run answers 200 with the report; a real import answers 200 when
 * everything was written and 422 with the same report when nothing was: both resolve with the report.
 */
export function uploadImport(req: ImportRequest): Promise<ImportReport> {
  return xhrUpload({
    url: buildUrl(libraryApi(req.kind).importPath, { dryRun: req.dryRun }),
    body: req.file,
    contentType: contentTypeOf(req.file),
    lang: req.lang,
    idempotencyKey: req.idempotencyKey,
    accept: (status, body): body is ImportReport => (status === 200 || status === 422) && isReport(body),
    onProgress: (fraction) => req.onPhase?.({ phase: 'upload', fraction }),
    onSent: () => req.onPhase?.({ phase: 'waiting' }),
  });
}
