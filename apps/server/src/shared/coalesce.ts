// Group commit: requests of one kind that arrive while a batch of them is being written wait, and go together in the
// next batch — one transaction of set-based statements instead of one transaction per request, so a burst costs a
// few round trips per batch rather than a dozen per request. A batch starts as soon as the one before it has ended
// (a request in a quiet moment goes alone, at once: nothing waits to fill a batch); `schedule` lets the requests that
// arrive in the same turn of the event loop join it.

/** What a batch says of each item: its value, its own error, or "take it in the next batch" (it conflicts with one in this). */
export type BatchOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown } | { later: true };

export type Coalescer<I, O> = {
  /** Queues the item for the next batch; settles with the item's own outcome. */
  submit(item: I): Promise<O>;
};

export function coalesce<I, O>(
  runBatch: (items: readonly I[]) => Promise<readonly BatchOutcome<O>[]>,
  options: { maxBatch: number; schedule?: (fn: () => void) => void },
): Coalescer<I, O> {
  const schedule = options.schedule ?? ((fn: () => void) => void setImmediate(fn));
  type Waiting = { item: I; resolve: (v: O) => void; reject: (e: unknown) => void };
  const queue: Waiting[] = [];
  let running = false;

  const flush = async () => {
    const batch = queue.splice(0, Math.max(1, options.maxBatch));
    let outcomes: readonly BatchOutcome<O>[];
    try {
      outcomes = await runBatch(batch.map((w) => w.item));
      if (outcomes.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${outcomes.length} outcomes`);
    } catch (e) {
      outcomes = batch.map(() => ({ ok: false, error: e }));
    }
    const later: Waiting[] = [];
    batch.forEach((w, i) => {
      const o = outcomes[i]!;
      if ('later' in o) later.push(w);
      else if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
    // Deferred items go first in the next batch; a batch that deferred everything would never end.
    if (later.length === batch.length) later.splice(0).forEach((w) => w.reject(new Error('a batch deferred every item')));
    queue.unshift(...later);
    running = false;
    start();
  };

  function start(): void {
    if (running || queue.length === 0) return;
    running = true;
    schedule(() => void flush());
  }

  return {
    submit: (item) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        start();
      }),
  };
}
