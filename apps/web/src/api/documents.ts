import type {
  CaseDocumentsAnswer,
  DocumentComparison,
  DocumentSettings,
  DocumentSettingsBody,
  DocumentVerification,
  IssueDocumentBody,
  IssuedDocumentCreated,
  PreviewTemplateBody,
  RevertTemplateBody,
  SaveTemplateBody,
  TemplateDetail,
  TemplateScopeQuery,
  TemplateList,
  IssuedDocumentInfo,
  WithdrawDocumentBody,
} from '@chengguan/contracts';
import { api, ApiError, buildUrl, download, fetchFile, newIdempotencyKey, request, SAME_ORIGIN_REFERRER } from './client.ts';

// 执法文书 (apps/server/src/modules/documents): case documents, templates, seal settings, and the public verify page.

async function binary(
  method: 'GET' | 'POST',
  path: string,
  body: BodyInit | null,
  contentType: string | null,
  key?: string,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/pdf, application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  if (method !== 'GET') headers['Idempotency-Key'] = key ?? newIdempotencyKey();
  const res = await fetch(path, { method, headers, body, credentials: 'include', referrerPolicy: SAME_ORIGIN_REFERRER });
  if (!res.ok) {
    let parsed: unknown = null;
    try {
      parsed = await res.json();
    } catch {
      parsed = null;
    }
    const b = parsed as { code?: string; message?: string; messageEn?: string } | null;
    throw new ApiError(res.status, {
      ...(b ?? {}),
      code: b?.code ?? `HTTP_${res.status}`,
      message: b?.message ?? `请求失败（HTTP ${res.status}）`,
      messageEn: b?.messageEn ?? `Request failed (HTTP ${res.status})`,
    });
  }
  return res;
}

/** A PDF answered by a POST (previews), as an object URL the caller opens and revokes. */
async function pdfUrl(path: string, body: unknown): Promise<string> {
  const res = await binary('POST', path, JSON.stringify(body), 'application/json');
  return URL.createObjectURL(await res.blob());
}

export const documentsApi = {
  ofCase: (caseId: string, signal?: AbortSignal) => api.get<CaseDocumentsAnswer>(`/api/v1/cases/${caseId}/documents`, undefined, signal),
  issue: (caseId: string, body: IssueDocumentBody, idempotencyKey: string) =>
    api.post<IssuedDocumentCreated>(`/api/v1/cases/${caseId}/documents`, body, { idempotencyKey }),
  previewUrl: (caseId: string, body: IssueDocumentBody) => pdfUrl(`/api/v1/cases/${caseId}/documents/preview`, body),
  download: (id: string, name: string) => download(`/api/v1/documents/${id}/pdf`, {}, name),
  /** Opens the frozen PDF in a new window (to read or print), fetched with the session. */
  open: async (id: string): Promise<void> => {
    const { blob } = await fetchFile(`/api/v1/documents/${id}/pdf`, 'document.pdf');
    const url = URL.createObjectURL(blob);
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  withdraw: (id: string, body: WithdrawDocumentBody, idempotencyKey: string) =>
    api.post<IssuedDocumentInfo>(`/api/v1/documents/${id}/withdraw`, body, { idempotencyKey }),

  templates: (q: TemplateScopeQuery = {}, signal?: AbortSignal) => api.get<TemplateList>('/api/v1/document-templates', q, signal),
  template: (kind: string, q: TemplateScopeQuery, signal?: AbortSignal) =>
    api.get<TemplateDetail>(`/api/v1/document-templates/${kind}`, q, signal),
  saveTemplate: (kind: string, body: SaveTemplateBody, idempotencyKey: string) =>
    api.post<TemplateDetail>(`/api/v1/document-templates/${kind}`, body, { idempotencyKey }),
  revertTemplate: (kind: string, body: RevertTemplateBody) => api.post<TemplateDetail>(`/api/v1/document-templates/${kind}/revert`, body),
  templatePreviewUrl: (kind: string, body: PreviewTemplateBody) => pdfUrl(`/api/v1/document-templates/${kind}/preview`, body),

  settings: (bureauId?: string, signal?: AbortSignal) => api.get<DocumentSettings>('/api/v1/document-settings', { bureauId }, signal),
  saveSettings: (body: DocumentSettingsBody, idempotencyKey: string) =>
    request<DocumentSettings>('PUT', '/api/v1/document-settings', { body, idempotencyKey }),
  uploadImage: async (file: File, bureauId?: string): Promise<{ sm3: string; size: number }> => {
    const res = await binary('POST', buildUrl('/api/v1/document-settings/images', { bureauId }), file, 'image/png');
    return (await res.json()) as { sm3: string; size: number };
  },
  /** The seal or signature the saved settings of the bureau refer to (an upload not saved yet is shown from the file picked). */
  imageUrl: (sm3: string, bureauId?: string) => buildUrl(`/api/v1/document-settings/images/${sm3}`, { bureauId }),

  verify: (id: string, code: string) =>
    api.get<DocumentVerification>(`/api/public/documents/${encodeURIComponent(id)}/verify`, { c: code }),
  compare: async (id: string, code: string, file: File): Promise<DocumentComparison> => {
    const res = await binary(
      'POST',
      buildUrl(`/api/public/documents/${encodeURIComponent(id)}/verify`, { c: code }),
      file,
      'application/pdf',
    );
    return (await res.json()) as DocumentComparison;
  },
};
