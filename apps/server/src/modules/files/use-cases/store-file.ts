import type { Deps, Executor } from '../../../context.ts';
import { fileStorageOf } from '../file-storage.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { insertFile } from '../files.repository.ts';

/**
 * Stores bytes the platform made itself (a document PDF, the court package, the party's drawn signature, a seal
 * image) under their SM3 and records the file in the caller's transaction; answers the SM3. Bytes first: a row never
 * points at a file that is not there.
 */
export async function storeFile(
  deps: Pick<Deps, 'db' | 'config'>,
  trx: Executor,
  file: { bytes: Buffer; mime: string; bureauId: string | null; createdBy: string | null },
): Promise<string> {
  const sm3 = sm3Hex(file.bytes);
  await fileStorageOf(deps).put(sm3, file.bytes);
  await insertFile(trx, { sm3, size: file.bytes.length, mime: file.mime, bureau_id: file.bureauId, created_by: file.createdBy });
  return sm3;
}
