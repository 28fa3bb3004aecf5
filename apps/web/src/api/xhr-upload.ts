import type { ErrorBody } from '@chengguan/contracts';
import { ApiError, NetworkError } from './client.ts';
import { authApi } from './endpoints.ts';

// Uploads go through XMLHttpRequest, not fetch: only XHR reports upload progress (upload.onprogress) — on a
// phone in the street a photo or a spreadsheet can take a while. Same conventions as client.ts: session
// cookie, Accept-Language, Idempotency-Key (reused by the caller on retry), an ApiError for every error body.

export type XhrUpload<T> = {
  url: string;
  body: Blob;
  contentType: string;
  lang: string;
  idempotencyKey: string;
  /** Which answers carry the expected body (e.g. an import report also comes back with 422). */
  accept: (status: number, body: unknown) => body is T;
  /** Bytes sent so far, 0–1. */
  onProgress?: (fraction: number) => void;
  /** Every byte is sent; the server is working. */
  onSent?: () => void;
  signal?: AbortSignal;
};

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function xhrUpload<T>(req: XhrUpload<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', req.url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', req.lang);
    xhr.setRequestHeader('Content-Type', req.contentType);
    xhr.setRequestHeader('Idempotency-Key', req.idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) req.onProgress?.(e.total > 0 ? e.loaded / e.total : 1);
    };
    xhr.upload.onload = () => req.onSent?.();
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new NetworkError(new Error('upload aborted')));
    req.signal?.addEventListener('abort', () => xhr.abort());
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (req.accept(xhr.status, body)) {
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
    xhr.send(req.body);
  });
}
