// The one way to hand out a stored file's bytes: read them, hash them again, compare with the name. Bytes that no
// longer hash to their name — a flipped bit on disk, an edited file — or a file that is gone are never handed out:
// the read is refused (FILE_INTEGRITY_FAILED), the file is flagged for the administrators and the finding audited.
import type { Deps, Executor, RequestMeta } from '../../../context.ts';
import { afterUnitOfWork, inUnitOfWork } from '../../../db/unit-of-work.ts';
import { AppError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { fileStorageOf, readChecked, type StoredFileCheck } from '../file-storage.ts';
import { findFile, flagFile } from '../files.repository.ts';

/** Who read the file and through which object: the audit row of a failed check names them. */
export type FileReader = {
  actor: { id: string | null; bureauId: string | null } | null;
  meta: RequestMeta;
  /** What referred to the file: 'case_evidence', 'document', 'service', 'verify_page' … */
  objectType: string;
  objectId: string | null;
  /** A reader with no officer: the party's portal, the public verify page, the worker. */
  channel?: 'portal' | 'public' | 'worker';
};

type Failure = Exclude<StoredFileCheck, { state: 'intact' }>;

/** Flags the file and audits the finding, in one transaction of its own, or in the caller's (see below). */
export async function recordIntegrityFailure(
  deps: Deps,
  db: Executor,
  sm3: string,
  found: Failure,
  foundBy: 'read' | 'scrub',
  reader: FileReader,
): Promise<void> {
  const write = async (trx: Executor) => {
    const file = await findFile(trx, sm3);
    if (!file) return;
    const at = deps.clock.now();
    const mismatch = found.state === 'mismatch' ? found : null;
    const isNew = await flagFile(trx, {
      id: deps.newId(),
      sm3,
      bureau_id: file.bureau_id,
      kind: found.state,
      found_by: foundBy,
      actual_sm3: mismatch?.actualSm3 ?? null,
      actual_size: mismatch?.actualSize ?? null,
      at,
    });
    await recordAudit(trx, deps, reader.actor, reader.meta, {
      action: 'file.integrity_failure',
      entityType: 'file',
      entityId: sm3,
      bureauId: file.bureau_id,
      data: {
        kind: found.state,
        foundBy,
        firstFinding: isNew,
        actualSm3: mismatch?.actualSm3 ?? null,
        actualSize: mismatch?.actualSize ?? null,
        expectedSize: file.size,
        objectType: reader.objectType,
        objectId: reader.objectId,
        ...(reader.channel ? { channel: reader.channel } : {}),
      },
    });
  };
  // A request's unit of work records the finding after its own end, so the refusal that rolls the request back keeps
  // it. Outside one, a transaction of the caller (the worker's scrub batch) takes it along — a second transaction
  // beside it would wait for the embedded database's one connection for ever; a plain read gets its own.
  if (inUnitOfWork()) {
    await afterUnitOfWork(() => deps.db.transaction().execute(write));
    return;
  }
  if (db.isTransaction) await write(db);
  else await deps.db.transaction().execute(write);
}

/** What a failed check answers: a clear error, never the bytes. */
export function integrityError(sm3: string, found: Failure): AppError {
  return new AppError('FILE_INTEGRITY_FAILED', {
    message:
      found.state === 'missing'
        ? `存储的文件已缺失（SM3 ${sm3.slice(0, 16)}…），已登记并通知管理员`
        : `存储的文件内容与其 SM3 哈希值不符，可能已损坏或被篡改（SM3 ${sm3.slice(0, 16)}…），已登记并通知管理员，请勿使用`,
    messageEn:
      found.state === 'missing'
        ? `The stored file is missing (SM3 ${sm3.slice(0, 16)}…); it was flagged for the administrators`
        : `The stored file no longer matches its SM3 (${sm3.slice(0, 16)}…): damaged or altered; it was flagged for the administrators`,
  });
}

/**
 * The bytes of a stored file, checked against their SM3. `db` is the executor the caller runs in (a worker's
 * transaction); requests and plain reads leave it out.
 */
export async function readStoredFileOrFail(deps: Deps, sm3: string, reader: FileReader, db: Executor = deps.db): Promise<Buffer> {
  const found = await readChecked(fileStorageOf(deps), sm3);
  if (found.state === 'intact') return found.bytes;
  await recordIntegrityFailure(deps, db, sm3, found, 'read', reader);
  throw integrityError(sm3, found);
}

/** Like readStoredFileOrFail, but a failed check answers null (after flagging): the verify page says "not genuine". */
export async function readStoredFileOrNull(deps: Deps, sm3: string, reader: FileReader, db: Executor = deps.db): Promise<Buffer | null> {
  const found = await readChecked(fileStorageOf(deps), sm3);
  if (found.state === 'intact') return found.bytes;
  await recordIntegrityFailure(deps, db, sm3, found, 'read', reader);
  return null;
}
