// The file of an evidence item or of a 笔录, served only through the item and its case: the case must be in the
// reader's jurisdiction (else 404, like a case that does not exist), and the bytes must still hash to the SM3 recorded
// at capture (A4, 处罚法 Art. 46) — otherwise they are refused and flagged, never handed out.
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { fileNameFor, findFile, readStoredFileOrFail, type ServedFile } from '../../files/index.ts';
import { getCaseRowOrFail } from '../case-loader.ts';
import { findEvidence, findRecord } from '../cases.repository.ts';

export async function getEvidenceFile(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  caseId: string,
  evidenceId: string,
): Promise<ServedFile> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const e = await findEvidence(deps.db, row.id, evidenceId);
  if (!e) throw new AppError('NOT_FOUND');
  const bytes = await readStoredFileOrFail(deps, e.file_sm3, { actor, meta, objectType: 'case_evidence', objectId: e.id });
  return { bytes, mime: e.mime, sm3: e.file_sm3, filename: fileNameFor(`${e.title}-${e.collected_on}`, e.mime) };
}

export async function getRecordFile(deps: Deps, actor: Actor, meta: RequestMeta, caseId: string, recordId: string): Promise<ServedFile> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const r = await findRecord(deps.db, row.id, recordId);
  if (!r?.file_sm3) throw new AppError('NOT_FOUND');
  const bytes = await readStoredFileOrFail(deps, r.file_sm3, { actor, meta, objectType: 'case_record', objectId: r.id });
  const file = (await findFile(deps.db, r.file_sm3))!;
  const label = r.kind === 'inspection' ? '检查（勘验）笔录' : '询问笔录';
  return { bytes, mime: file.mime, sm3: r.file_sm3, filename: fileNameFor(`${label}-${r.recorded_on}`, file.mime) };
}
