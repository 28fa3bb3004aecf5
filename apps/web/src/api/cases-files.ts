import type { StoredFile } from '@chengguan/contracts';
import { NetworkError } from './client.ts';
import { xhrUpload } from './xhr-upload.ts';

// Evidence and photo upload: POST /api/v1/files with the raw bytes; the server stores them content-addressed and
// answers their SM3 hash. Progress comes from xhrUpload.

export const FILES_PATH = '/api/v1/files';

export type FileUpload = {
  file: Blob;
  lang: string;
  idempotencyKey: string;
  /** Bytes sent so far, 0–1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
};

function isStoredFile(v: unknown): v is StoredFile {
  return typeof v === 'object' && v !== null && typeof (v as { sm3?: unknown }).sm3 === 'string';
}

/** The server takes images, video, audio and PDF under their own type; anything else as octet-stream. */
function contentTypeOf(file: Blob): string {
  return /^(image|video|audio)\/|^application\/pdf$/.test(file.type) ? file.type : 'application/octet-stream';
}

/**
 * Where a stored file is opened: always through the object that refers to it (the server checks the case's
 * jurisdiction there and the bytes against their SM3), never by hash.
 */
export const caseFileUrls = {
  evidence: (caseId: string, evidenceId: string) => `/api/v1/cases/${caseId}/evidence/${evidenceId}/file`,
  record: (caseId: string, recordId: string) => `/api/v1/cases/${caseId}/records/${recordId}/file`,
  service: (caseId: string, serviceId: string, part: 'signature' | 'media') =>
    `/api/v1/cases/${caseId}/services/${serviceId}/files/${part}`,
  consent: (caseId: string, consentId: string) => `/api/v1/cases/${caseId}/service-consents/${consentId}/file`,
  submission: (caseId: string, submissionId: string, sm3: string) =>
    `/api/v1/cases/${caseId}/portal-submissions/${submissionId}/files/${sm3}`,
};

function uploadOnce(req: FileUpload): Promise<StoredFile> {
  return xhrUpload({
    url: FILES_PATH,
    body: req.file,
    contentType: contentTypeOf(req.file),
    lang: req.lang,
    idempotencyKey: req.idempotencyKey,
    accept: (status, body): body is StoredFile => status >= 200 && status < 300 && isStoredFile(body),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
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
