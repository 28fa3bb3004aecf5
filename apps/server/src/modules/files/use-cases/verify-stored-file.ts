import type { Deps, Executor, RequestMeta, StepActor } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { fileStorageOf, readChecked } from '../file-storage.ts';
import { findFile, heldBy, type FileRow } from '../files.repository.ts';
import type { FileHolderKind } from '../files.tables.ts';
import { recordIntegrityFailure } from './read-stored-file.ts';

/** Who refers to a file, from which case: an officer (his bureau must hold the file) or the portal (the case must). */
export type FileReference = { actor: StepActor; meta: RequestMeta; caseId?: string };

export function holderOf(ref: FileReference): { kind: FileHolderKind; id: string } | null {
  if (ref.actor.channel === 'portal') return ref.caseId ? { kind: 'case', id: ref.caseId } : null;
  return ref.actor.bureauId ? { kind: 'bureau', id: ref.actor.bureauId } : null;
}

/**
 * A4 — 处罚法 Art. 46: 「证据必须经查证属实，方可作为认定案件事实的根据」. The hash declared at capture must name a file the
 * referring bureau uploaded itself (content addressing stores bytes once; knowing a hash gives no right to them) whose
 * stored bytes still hash to it; otherwise the reference is refused (400 naming the field). Stored bytes that no longer
 * match are flagged and audited besides.
 */
export async function getVerifiedFileOrFail(deps: Deps, db: Executor, sm3: string, field: string, ref: FileReference): Promise<FileRow> {
  const refuse = (zh: string, en: string) =>
    new AppError('VALIDATION_FAILED', {
      field,
      rule: 'A4 行政处罚法 Art. 46',
      message: `${field}：${zh}（行政处罚法第四十六条：证据必须经查证属实）`,
      messageEn: `${field}: ${en} (Administrative Penalty Law Art. 46: evidence must be verified)`,
      details: [{ field, message: zh, messageEn: en }],
    });
  const row = await findFile(db, sm3);
  const holder = holderOf(ref);
  const held = row && holder ? await heldBy(db, [sm3], holder.kind, holder.id) : new Set<string>();
  // An unknown hash and one uploaded by someone else answer the same: the refusal reveals no file.
  if (!row || !held.has(sm3)) throw refuse('未找到该哈希值对应的本单位已上传文件', 'no file with this SM3 was uploaded by your unit');
  const found = await readChecked(fileStorageOf(deps), sm3);
  if (found.state !== 'intact' || found.bytes.length !== row.size) {
    if (found.state !== 'intact') {
      await recordIntegrityFailure(deps, db, sm3, found, 'read', {
        actor: ref.actor.channel ? null : { id: ref.actor.id, bureauId: ref.actor.bureauId },
        meta: ref.meta,
        objectType: 'reference',
        objectId: ref.caseId ?? null,
        ...(ref.actor.channel === 'portal' ? { channel: 'portal' as const } : {}),
      });
    }
    throw refuse('文件内容与登记的 SM3 哈希值不符', 'the stored bytes do not match the declared SM3 hash');
  }
  return row;
}
