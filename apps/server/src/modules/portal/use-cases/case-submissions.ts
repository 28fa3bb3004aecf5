// The party's portal submissions as the officers of the case read them: his statements with their attachments, his
// hearing requests, his signed e-service consent. Files are opened through the submission and its case (in the
// reader's jurisdiction), never by hash.
import type { CasePortalSubmission } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { fileNameFor, readStoredFileOrFail, type ServedFile } from '../../files/index.ts';
import { caseSubmissions, filesBySm3, findSubmission } from '../portal.repository.ts';

export async function listCaseSubmissions(deps: Deps, actor: Actor, caseId: string): Promise<CasePortalSubmission[]> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const rows = await caseSubmissions(deps.db, row.id);
  const all = rows.flatMap((r) => [...r.attachments, ...(r.signature_sm3 ? [r.signature_sm3] : [])]);
  const files = await filesBySm3(deps.db, all);
  const fileOf = (sm3: string, role: 'attachment' | 'signature') => {
    const f = files.get(sm3);
    return f ? [{ sm3, size: f.size, mime: f.mime, role }] : [];
  };
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    legalDate: r.legal_date,
    content: r.content,
    files: [...r.attachments.flatMap((s) => fileOf(s, 'attachment')), ...(r.signature_sm3 ? fileOf(r.signature_sm3, 'signature') : [])],
    signerName: r.signer_name,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function getSubmissionFile(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  o: { caseId: string; submissionId: string; sm3: string },
): Promise<ServedFile> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, o.caseId);
  const s = await findSubmission(deps.db, row.id, o.submissionId);
  const index = s ? s.attachments.indexOf(o.sm3) : -1;
  if (!s || (index < 0 && s.signature_sm3 !== o.sm3)) throw new AppError('NOT_FOUND');
  const file = (await filesBySm3(deps.db, [o.sm3])).get(o.sm3);
  if (!file) throw new AppError('NOT_FOUND');
  const bytes = await readStoredFileOrFail(deps, o.sm3, { actor, meta, objectType: 'portal_submission', objectId: s.id });
  const name = index >= 0 ? `当事人附件${index + 1}-${s.legal_date}` : `当事人签名-${s.legal_date}`;
  return { bytes, mime: file.mime, sm3: o.sm3, filename: fileNameFor(name, file.mime) };
}
