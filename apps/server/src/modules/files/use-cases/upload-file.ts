import type { StoredFile } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { fileStorageOf } from '../file-storage.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { acceptedFileType, type AllowedFileType } from '../file-types.ts';
import { addHolder, findFile, insertFile } from '../files.repository.ts';

/** 20 MB: a photo, a short video clip or a scanned 笔录. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Stores the bytes under their SM3, computed here at upload (the hash later checked for every evidence item), once the
 * declared type and the bytes' own magic number agree on a type the platform takes. The uploader's bureau becomes a
 * holder of the file: only a holder may refer to it from its records.
 */
export async function uploadFile(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  bytes: Buffer,
  declaredType: string,
  /** The SM3 the phone computed at capture (header X-Content-SM3): the bytes must still hash to it. */
  capturedSm3?: string,
): Promise<StoredFile> {
  assertPermission(actor, 'case:write');
  if (bytes.length === 0) throw fieldError('body', '文件为空', 'the file is empty');
  if (bytes.length > MAX_FILE_BYTES) throw fieldError('body', '文件超过 20 MB', 'the file exceeds 20 MB', 'PAYLOAD_TOO_LARGE');
  const mime: AllowedFileType = acceptedFileType(bytes, declaredType);
  const sm3 = sm3Hex(bytes);
  if (capturedSm3 !== undefined && capturedSm3.trim().toLowerCase() !== sm3) {
    throw new AppError('FILE_HASH_MISMATCH', {
      field: 'x-content-sm3',
      message: `文件内容的 SM3（${sm3.slice(0, 12)}…）与拍摄时计算的（${capturedSm3.slice(0, 12)}…）不符：照片在拍摄后被改动或传输损坏，未保存`,
      messageEn: `x-content-sm3: the bytes hash to ${sm3.slice(0, 12)}…, not to the ${capturedSm3.slice(0, 12)}… computed at capture; nothing was stored`,
      details: [{ field: 'x-content-sm3', message: '文件与拍摄时的 SM3 不符', messageEn: 'The file does not match its SM3 from capture' }],
    });
  }
  // Bytes first: a row never points at a file that is not there.
  await fileStorageOf(deps).put(sm3, bytes);
  return deps.db.transaction().execute(async (trx) => {
    await insertFile(trx, { sm3, size: bytes.length, mime, bureau_id: actor.bureauId, created_by: actor.id });
    // His 区局 (the unit itself for the 市局 and special units), as references are checked (holderOf).
    if (actor.bureauId) await addHolder(trx, sm3, 'bureau', actor.bureauId);
    const row = (await findFile(trx, sm3))!;
    await recordAudit(trx, deps, actor, meta, {
      action: 'file.upload',
      entityType: 'file',
      entityId: null,
      data: { sm3, size: bytes.length, mime },
    });
    return { sm3: row.sm3, size: row.size, mime: row.mime, createdAt: new Date(row.created_at).toISOString() };
  });
}
