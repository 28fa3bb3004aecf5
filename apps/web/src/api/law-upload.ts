import type { ErrorBody, ImportReport, LawKind } from '@chengguan/contracts';
import { ApiError, buildUrl, NetworkError } from './client.ts';
import { authApi } from './endpoints.ts';
import { libraryApi } from './law.ts';

// The import upload goes through XMLHttpRequest, not fetch: only XHR reports upload progress
// (upload.onprogress). Same conventions as client.ts: session cookie, Accept-Language,
// Idempotency-Key, and an ApiError for every error body.

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

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';
}

function isReport(v: unknown): v is ImportReport {
  return typeof v === 'object' && v !== null && Array.isArray((v as { errors?: unknown }).errors) && 'ok' in v;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Sends the file as the raw body. A dry run answers 200 with the report; a real import answers 200 when
 * everything was written and 422 with the same report when nothing was: both resolve with the report.
 */
export function uploadImport(req: ImportRequest): Promise<ImportReport> {
  const url = buildUrl(libraryApi(req.kind).importPath, { dryRun: req.dryRun });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', req.lang);
    xhr.setRequestHeader('Content-Type', contentTypeOf(req.file));
    xhr.setRequestHeader('Idempotency-Key', req.idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) req.onPhase?.({ phase: 'upload', fraction: e.total > 0 ? e.loaded / e.total : 1 });
    };
    xhr.upload.onload = () => req.onPhase?.({ phase: 'waiting' });
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new NetworkError(new Error('upload aborted')));
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if ((xhr.status === 200 || xhr.status === 422) && isReport(body)) {
        resolve(body);
        return;
      }
      // A 401 here means the session is over: let the shared client notice it and send the user to the login page.
      if (xhr.status === 401) void authApi.me().catch(() => undefined);
      reject(
        new ApiError(
          xhr.status,
          isErrorBody(body)
            ? { ...body, message: body.message ?? '', messageEn: body.messageEn ?? body.message ?? '' }
            : { code: `HTTP_${xhr.status}`, message: `请求失败（HTTP ${xhr.status}）`, messageEn: `Request failed (HTTP ${xhr.status})` },
        ),
      );
    };
    req.onPhase?.({ phase: 'upload', fraction: 0 });
    xhr.send(req.file);
  });
}
