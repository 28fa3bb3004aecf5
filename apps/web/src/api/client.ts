import type { ErrorBody } from '@chengguan/contracts';

// The one way the console talks to the API: JSON over fetch with the session cookie,
// Accept-Language from the chosen UI language, an Idempotency-Key on every write,
// and every error body turned into a typed ApiError.

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;
export type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** One key per form submission; pass the same key when retrying that submission. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Do not treat a 401 as "session over" (the login call answers 401 for a wrong password). */
  noAuthRedirect?: boolean;
};

let acceptLanguage = 'zh-CN';
export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

let unauthorizedHandler: (() => void) | null = null;
/** 401s about a credential just submitted (a wrong TOTP code on the settings page), not about the session. */
const NOT_SESSION_401 = new Set(['AUTH_INVALID_CREDENTIALS', 'AUTH_TOTP_REQUIRED', 'AUTH_TOTP_INVALID']);
function sessionOver(err: ApiError): boolean {
  return err.status === 401 && !NOT_SESSION_401.has(err.code);
}
/** Called on any 401 outside the login call: the session expired or was revoked. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  constructor(status: number, body: ErrorBody) {
    super(`${body.code}: ${body.messageEn || body.message}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
  get code(): string {
    return this.body.code;
  }
  /** The server's message in the UI language. */
  text(lang: string): string {
    return lang.startsWith('en') ? this.body.messageEn || this.body.message : this.body.message || this.body.messageEn;
  }
}

/** Thrown when no answer came back at all; a retry with the same idempotency key is safe. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

export function newIdempotencyKey(): string {
  // crypto.randomUUID exists only in secure contexts; consoles on an intranet are often plain http.
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';
}

async function toApiError(res: Response): Promise<ApiError> {
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  if (isErrorBody(parsed)) {
    return new ApiError(res.status, {
      ...parsed,
      message: parsed.message ?? '',
      messageEn: parsed.messageEn ?? parsed.message ?? '',
    });
  }
  return new ApiError(res.status, {
    code: `HTTP_${res.status}`,
    message: `请求失败（HTTP ${res.status}）`,
    messageEn: `Request failed (HTTP ${res.status})`,
  });
}

const RETRIES_ON_NETWORK_ERROR = 2;

/** For every fetch of the console: our own origin on our own requests, nothing to any other site. */
export const SAME_ORIGIN_REFERRER: ReferrerPolicy = 'same-origin';

async function send(method: Method, url: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const isWrite = method !== 'GET';
  if (isWrite) headers['Idempotency-Key'] = opts.idempotencyKey ?? newIdempotencyKey();
  const init: RequestInit = {
    method,
    headers,
    credentials: 'include',
    // The portal and verify pages are served with `Referrer-Policy: no-referrer`, under which the Fetch standard labels
    // even a same-origin write `Origin: null`; the server refuses cookie-authenticated writes that do not name its origin.
    referrerPolicy: SAME_ORIGIN_REFERRER,
    body: opts.body === undefined ? null : JSON.stringify(opts.body),
    signal: opts.signal ?? null,
  };
  // Reads are always safe to repeat; writes are safe because the same Idempotency-Key goes with them.
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (e) {
      if (opts.signal?.aborted || attempt >= RETRIES_ON_NETWORK_ERROR) throw new NetworkError(e);
      await new Promise((r) => setTimeout(r, 400 * (attempt + 1)));
    }
  }
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, buildUrl(path, opts.query), opts);
  if (!res.ok) {
    const err = await toApiError(res);
    if (!opts.noAuthRedirect && sessionOver(err)) unauthorizedHandler?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...opts, body }),
  del: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
};

function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Fetches a file with the session cookie: its bytes and the name the server gives it (else `fallbackName`). */
export async function fetchFile(path: string, fallbackName: string, query?: Query): Promise<{ blob: Blob; name: string }> {
  const res = await send('GET', buildUrl(path, query), {});
  if (!res.ok) {
    const err = await toApiError(res);
    if (sessionOver(err)) unauthorizedHandler?.();
    throw err;
  }
  return { blob: await res.blob(), name: filenameFrom(res.headers.get('content-disposition'), fallbackName) };
}

/** Saves bytes the console holds under a name (the browser's download). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a file (e.g. an Excel export) with the session cookie and saves it under the server's name. */
export async function download(path: string, query: Query, fallbackName: string): Promise<string> {
  const { blob, name } = await fetchFile(path, fallbackName, query);
  saveBlob(blob, name);
  return name;
}
