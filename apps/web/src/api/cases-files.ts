import type { ErrorBody, StoredFile } from '@chengguan/contracts';
import { ApiError, NetworkError } from './client.ts';
import { authApi } from './endpoints.ts';

// Evidence and photo upload: POST /api/v1/files with the raw bytes; the server stores them content-addressed and
// answers their SM3 hash. XMLHttpRequest, not fetch, because only XHR reports upload progress — on a phone in
// the street a photo can take a while. Same conventions as client.ts: session cookie, Accept-Language,
// Idempotency-Key (reused by the caller on retry), an ApiError for every error body.

export const FILES_PATH = '/api/v1/files';

export type FileUpload = {
  file: Blob;
  lang: string;
  idempotencyKey: string;
  /** Bytes sent so far, 0–1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
};

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';
}

function isStoredFile(v: unknown): v is StoredFile {
  return typeof v === 'object' && v !== null && typeof (v as { sm3?: unknown }).sm3 === 'string';
}

/** The server takes images, video, audio and PDF under their own type; anything else as octet-stream. */
function contentTypeOf(file: Blob): string {
  return /^(image|video|audio)\/|^application\/pdf$/.test(file.type) ? file.type : 'application/octet-stream';
}

/** Where a stored file can be opened (GET, session cookie). */
export function fileUrl(sm3: string): string {
  return `${FILES_PATH}/${sm3}`;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function uploadOnce(req: FileUpload): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', FILES_PATH);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', req.lang);
    xhr.setRequestHeader('Content-Type', contentTypeOf(req.file));
    xhr.setRequestHeader('Idempotency-Key', req.idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) req.onProgress?.(e.total > 0 ? e.loaded / e.total : 1);
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new NetworkError(new Error('upload aborted')));
    req.signal?.addEventListener('abort', () => xhr.abort());
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && isStoredFile(body)) {
        resolve(body);
        return;
      }
      // A 401 means the session is over: let the shared client notice it and send the user to the login page.
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
    req.onProgress?.(0);
    xhr.send(req.file);
  });
}

const RETRIES_ON_NETWORK_ERROR = 2;

/** Uploads once and, when no answer came back, retries with the same Idempotency-Key (the bytes are stored by hash anyway). */
export async function uploadFile(req: FileUpload): Promise<StoredFile> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await uploadOnce(req);
    } catch (e) {
      if (!(e instanceof NetworkError) || req.signal?.aborted || attempt >= RETRIES_ON_NETWORK_ERROR) throw e;
      await new Promise((r) => setTimeout(r, 600 * (attempt + 1)));
    }
  }
}
