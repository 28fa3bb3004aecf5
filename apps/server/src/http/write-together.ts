// Several requests' writes in one unit of work (group commit), for a route whose requests come in bursts and whose
// use-case can write a batch with set-based statements (ticket intake). The route opts out of the per-request unit
// (`config.ownUnitOfWork`), queues its requests with shared/coalesce.ts, and runs each batch through `writeTogether`,
// which keeps the per-request guarantees of http/unit-of-work.ts:
//
// - each request's Idempotency-Key is claimed inside the batch's transaction (one statement for the batch): a copy
//   of a request done before replays its stored answer, a different request under a used key is 422, and a copy
//   still running elsewhere is waited for;
// - a request refused with its own 4xx writes nothing and keeps no key; the others of its batch go on;
// - each successful answer is stored with its key in the same transaction as its rows;
// - if the batch fails as a whole (an error that is no single request's refusal, or the COMMIT), nothing of it is
//   kept and every request in it is run again alone, so one request's fault never costs the others their answers.
import type { FastifyReply } from 'fastify';
import type { Deps } from '../context.ts';
import { beginUnitOfWork } from '../db/unit-of-work.ts';
import { AppError } from '../errors/app-error.ts';
import { coalesce, type BatchOutcome, type Coalescer } from '../shared/coalesce.ts';
import { claimId, claimKeys, completeKeys, releaseKeys, type KeyClaim, type StoredResponse } from './idempotency.repository.ts';
import { IDEMPOTENCY_CLAIM_WAIT, replay, settleUnclaimed } from './unit-of-work.ts';

/** What the batch's writer says of one request: its answer (status and the JSON text sent), or its own refusal. */
export type WrittenItem = { ok: true; status: number; text: string } | { ok: false; error: AppError };

/** What the route sends: the answer written now, or the stored answer of the same request done before. */
export type TogetherAnswer = { status: number; text: string } | { replay: { status: number; stored: StoredResponse } };

export type TogetherOptions<I> = {
  /** Two requests with the same conflict key (besides the same Idempotency-Key) do not go in one batch. */
  conflictKeyOf?: (input: I) => string | null;
  /** A write deferred to the unit's end (`afterUnitOfWork`) that failed. */
  onDeferredError?: (err: unknown) => void;
};

export async function writeTogether<I>(
  deps: Deps,
  items: readonly { claim: KeyClaim | null; input: I }[],
  write: (inputs: readonly I[]) => Promise<readonly WrittenItem[]>,
  options: TogetherOptions<I> = {},
): Promise<BatchOutcome<TogetherAnswer>[]> {
  const out: BatchOutcome<TogetherAnswer>[] = new Array<BatchOutcome<TogetherAnswer>>(items.length);
  // A request that meets an earlier one of this batch (the same key, the same conflict key) waits for the next batch,
  // where it sees that one's outcome as it would have one after the other.
  const seen = new Set<string>();
  const live: number[] = [];
  items.forEach((item, k) => {
    const marks = [item.claim ? `key\n${claimId(item.claim)}` : null, options.conflictKeyOf?.(item.input) ?? null].filter(
      (m): m is string => m !== null,
    );
    if (marks.some((m) => seen.has(m))) out[k] = { later: true };
    else {
      for (const m of marks) seen.add(m);
      live.push(k);
    }
  });
  if (live.length === 0) return out;

  const uow = await beginUnitOfWork(deps.db);
  const answers = new Map<number, BatchOutcome<TogetherAnswer>>();
  try {
    await uow.run(async () => {
      const claims = live.flatMap((k) => (items[k]!.claim ? [items[k]!.claim!] : []));
      const claimed = await claimKeys(deps.db, claims, IDEMPOTENCY_CLAIM_WAIT);
      const run: number[] = [];
      for (const k of live) {
        const claim = items[k]!.claim;
        if (claim && !claimed.has(claimId(claim))) {
          try {
            const prior = await settleUnclaimed(deps, claim);
            if (prior) {
              answers.set(k, { ok: true, value: { replay: prior } });
              continue;
            }
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            answers.set(k, { ok: false, error: e });
            continue;
          }
        }
        run.push(k);
      }
      const written = run.length > 0 ? await write(run.map((k) => items[k]!.input)) : [];
      if (written.length !== run.length) throw new Error(`a batch of ${run.length} wrote ${written.length} answers`);
      const done: Parameters<typeof completeKeys>[1][number][] = [];
      const refused: KeyClaim[] = [];
      run.forEach((k, j) => {
        const w = written[j]!;
        const claim = items[k]!.claim;
        answers.set(k, w.ok ? { ok: true, value: { status: w.status, text: w.text } } : { ok: false, error: w.error });
        if (!claim) return;
        if (w.ok) done.push({ scope: claim.scope, key: claim.key, status: w.status, response: { json: JSON.parse(w.text) as unknown } });
        else refused.push(claim);
      });
      await releaseKeys(deps.db, refused);
      await completeKeys(deps.db, done);
    });
    await uow.commit();
  } catch (e) {
    await uow.rollback().catch(() => undefined);
    if (live.length === 1) {
      await runDeferred(uow, options.onDeferredError);
      out[live[0]!] = { ok: false, error: e };
      return out;
    }
    // Nothing of the batch was kept: each request again, alone. The batch's deferred writes are dropped — each request
    // run again defers its own, so none is written twice.
    uow.takeDeferred();
    for (const k of live) out[k] = (await writeTogether(deps, [items[k]!], write, options))[0]!;
    return out;
  }
  await runDeferred(uow, options.onDeferredError);
  for (const [k, a] of answers) out[k] = a;
  return out;
}

async function runDeferred(uow: Awaited<ReturnType<typeof beginUnitOfWork>>, onError?: (err: unknown) => void): Promise<void> {
  for (const fn of uow.takeDeferred()) await fn().catch((err: unknown) => onError?.(err));
}

/** Sends a request's answer from `writeTogether`: the JSON written for it, or the stored answer replayed. */
export function sendTogetherAnswer(reply: FastifyReply, answer: TogetherAnswer): FastifyReply {
  if ('replay' in answer) return replay(reply, answer.replay.status, answer.replay.stored);
  return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.text);
}

/** A route's queue of requests written together (at most `maxBatch` a transaction); `submit` answers each one. */
export function writeTogetherQueue<I>(
  deps: Deps,
  write: (inputs: readonly I[]) => Promise<readonly WrittenItem[]>,
  options: TogetherOptions<I> & { maxBatch: number },
): Coalescer<{ claim: KeyClaim | null; input: I }, TogetherAnswer> {
  return coalesce((items: readonly { claim: KeyClaim | null; input: I }[]) => writeTogether(deps, items, write, options), {
    maxBatch: options.maxBatch,
  });
}
