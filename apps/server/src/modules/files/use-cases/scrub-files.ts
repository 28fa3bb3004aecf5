// The daily scrub: every stored file read and hashed again, in batches of files in SM3 order. A batch reads its files
// outside any transaction (minutes of disk reading must not hold the embedded database's one connection), then
// records its findings, its counts and the cursor in one short transaction on the run's locked row — a batch the
// worker retries after a crash starts again from the cursor. A file that no longer hashes to its name, or is gone,
// is flagged and audited; a flagged file found intact again (restored from a backup) is resolved.
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { shanghaiDate, tomorrowInShanghaiAt } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { enqueueJob } from '../../scheduler/index.ts';
import { fileStorageOf, readChecked, type StoredFileCheck } from '../file-storage.ts';
import * as repo from '../files.repository.ts';
import { recordIntegrityFailure } from './read-stored-file.ts';

export const JOB_SCRUB_DAILY = 'files.scrub.daily';
export const JOB_SCRUB_BATCH = 'files.scrub.batch';

/** One batch: at most this many files or bytes (about a second of native SM3 at the upper bound). */
export const SCRUB_BATCH_FILES = 200;
export const SCRUB_BATCH_BYTES = 256 * 1024 * 1024;

async function enqueueBatch(deps: Deps, runId: string, cursor: string | null): Promise<void> {
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_SCRUB_BATCH,
    runAt: deps.clock.now(),
    payload: { runId },
    dedupeKey: `${JOB_SCRUB_BATCH}:${runId}:${cursor ?? ''}`,
  });
}

/** Starts a run (the daily job, or an administrator's 「立即巡检」); its batches follow as jobs. */
export async function startScrubRun(
  deps: Deps,
  trigger: 'job' | 'manual',
  actor: Actor | null,
  meta: RequestMeta,
): Promise<repo.ScrubRunRow> {
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const running = await trx.selectFrom('file_scrub_runs').select('id').where('status', '=', 'running').forUpdate().executeTakeFirst();
    if (running) {
      throw new AppError('STATE_CONFLICT', {
        message: '文件巡检正在进行中，请待本轮完成后再试',
        messageEn: 'A file scrub is running; wait until it has finished',
      });
    }
    await repo.insertScrubRun(trx, { id, trigger, started_by: actor?.id ?? null, started_at: deps.clock.now() });
    await recordAudit(trx, deps, actor, meta, {
      action: 'file.scrub_start',
      entityType: 'file_scrub_run',
      entityId: id,
      data: { trigger },
    });
  });
  await enqueueBatch(deps, id, null);
  return (await repo.findScrubRun(deps.db, id))!;
}

type Checked = { file: repo.FileRow; found: StoredFileCheck };

/** Checks the next batch of a running run; answers whether the run is finished. */
export async function runScrubBatch(deps: Deps, runId: string, meta: RequestMeta): Promise<{ done: boolean }> {
  const run = await repo.findScrubRun(deps.db, runId);
  if (!run || run.status !== 'running') return { done: true };
  const files = await repo.filesAfter(deps.db, run.cursor, SCRUB_BATCH_FILES);
  const store = fileStorageOf(deps);
  const checked: Checked[] = [];
  let bytes = 0;
  for (const file of files) {
    const found = await readChecked(store, file.sm3);
    checked.push({ file, found });
    bytes += found.state === 'intact' ? found.bytes.length : 0;
    if (bytes >= SCRUB_BATCH_BYTES) break;
  }
  const done = checked.length < SCRUB_BATCH_FILES && checked.length === files.length;
  const cursor = checked.at(-1)?.file.sm3 ?? run.cursor;
  const finished = await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRunningScrubRun(trx, runId);
    // Another worker recorded this batch meanwhile: nothing more to do here.
    if (!locked || locked.cursor !== run.cursor) return null;
    const failures = checked.filter((c) => c.found.state !== 'intact');
    for (const c of failures) {
      await recordIntegrityFailure(deps, trx, c.file.sm3, c.found as Exclude<StoredFileCheck, { state: 'intact' }>, 'scrub', {
        actor: null,
        meta,
        objectType: 'file_scrub_run',
        objectId: runId,
        channel: 'worker',
      });
    }
    const intact = checked.filter((c) => c.found.state === 'intact').map((c) => c.file.sm3);
    const restored = await repo.resolveIssues(trx, intact, deps.clock.now());
    const counts = {
      files: checked.length,
      bytes,
      mismatched: failures.filter((c) => c.found.state === 'mismatch').length,
      missing: failures.filter((c) => c.found.state === 'missing').length,
      restored,
    };
    await repo.recordScrubBatch(trx, runId, { cursor, ...counts, finishedAt: done ? deps.clock.now() : null });
    if (done) {
      const total = (await repo.findScrubRun(trx, runId))!;
      await recordAudit(trx, deps, null, meta, {
        action: 'file.scrub_done',
        entityType: 'file_scrub_run',
        entityId: runId,
        data: {
          filesChecked: total.files_checked,
          bytesChecked: Number(total.bytes_checked),
          mismatched: total.mismatched,
          missing: total.missing,
          restored: total.restored,
        },
      });
    }
    return true;
  });
  if (finished && !done) await enqueueBatch(deps, runId, cursor);
  return { done };
}

/** 03:00 Asia/Shanghai of the day after `now`: after the night's reconciliation, before the working day. */
export function nextScrubAt(now: Date): Date {
  return tomorrowInShanghaiAt(now, '03:00');
}

export async function scheduleDailyScrub(deps: Deps, at: Date): Promise<void> {
  const day = shanghaiDate(at);
  await enqueueJob(deps.db, { id: deps.newId(), kind: JOB_SCRUB_DAILY, runAt: at, dedupeKey: `${JOB_SCRUB_DAILY}:${day}` });
}
