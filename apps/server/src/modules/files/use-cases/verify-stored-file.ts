import type { Deps, Executor } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { fileStorageOf, sm3OfBytes } from '../file-storage.ts';
import { findFile, type FileRow } from '../files.repository.ts';

/**
 * A4 — 处罚法 Art. 46: 「证据必须经查证属实，方可作为认定案件事实的根据」. The hash declared at capture must name a stored
 * file whose bytes still hash to it; otherwise the evidence is refused (400 naming the field).
 */
export async function getVerifiedFileOrFail(deps: Pick<Deps, 'db' | 'config'>, db: Executor, sm3: string, field: string): Promise<FileRow> {
  const refuse = (zh: string, en: string) =>
    new AppError('VALIDATION_FAILED', {
      field,
      rule: 'A4 行政处罚法 Art. 46',
      message: `${field}：${zh}（行政处罚法第四十六条：证据必须经查证属实）`,
      messageEn: `${field}: ${en} (Administrative Penalty Law Art. 46: evidence must be verified)`,
      details: [{ field, message: zh, messageEn: en }],
    });
  const row = await findFile(db, sm3);
  const bytes = row ? await fileStorageOf(deps).get(sm3) : null;
  if (!row || !bytes) throw refuse('未找到该哈希值对应的已上传文件', 'no uploaded file has this SM3 hash');
  if (sm3OfBytes(bytes) !== sm3 || bytes.length !== row.size)
    throw refuse('文件内容与登记的 SM3 哈希值不符', 'the stored bytes do not match the declared SM3 hash');
  return row;
}
