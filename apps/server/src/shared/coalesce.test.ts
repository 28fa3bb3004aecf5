import { describe, expect, it } from 'vitest';
import { coalesce, type BatchOutcome } from './coalesce.ts';

/** A schedule run by hand: the test says when the next batch starts. */
function manualSchedule() {
  const waiting: (() => void)[] = [];
  return {
    schedule: (fn: () => void) => void waiting.push(fn),
    /** Starts the scheduled batch and lets it settle. */
    async step() {
      const fn = waiting.shift();
      if (!fn) throw new Error('no batch scheduled');
      fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
    get pending() {
      return waiting.length;
    },
  };
}

describe('coalesce (group commit)', () => {
  it('items that arrive while a batch runs go together in the next one; each gets its own outcome', async () => {
    const clock = manualSchedule();
    const batches: number[][] = [];
    const q = coalesce(
      async (items: readonly number[]): Promise<BatchOutcome<number>[]> => {
        batches.push([...items]);
        return items.map((n) => (n < 0 ? { ok: false, error: new Error(`negative ${n}`) } : { ok: true, value: n * 10 }));
      },
      { maxBatch: 3, schedule: clock.schedule },
    );
    const first = q.submit(1);
    expect(clock.pending).toBe(1);
    const rest = [q.submit(2), q.submit(-3), q.submit(4), q.submit(5)];
    // One batch is scheduled at a time.
    expect(clock.pending).toBe(1);
    await clock.step();
    expect(batches).toEqual([[1, 2, -3]]);
    await clock.step();
    expect(batches).toEqual([
      [1, 2, -3],
      [4, 5],
    ]);
    expect(clock.pending).toBe(0);
    expect(await first).toBe(10);
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([20, 'negative -3', 40, 50]);
  });

  it('an item the batch defers goes first in the next batch', async () => {
    const clock = manualSchedule();
    const batches: string[][] = [];
    const q = coalesce(
      async (items: readonly string[]): Promise<BatchOutcome<string>[]> => {
        batches.push([...items]);
        const seen = new Set<string>();
        return items.map((s) => {
          if (seen.has(s)) return { later: true };
          seen.add(s);
          return { ok: true, value: `${s}#${batches.length}` };
        });
      },
      { maxBatch: 10, schedule: clock.schedule },
    );
    const answers = Promise.all([q.submit('a'), q.submit('b'), q.submit('a')]);
    await clock.step();
    const later = q.submit('c');
    await clock.step();
    expect(batches).toEqual([
      ['a', 'b', 'a'],
      ['a', 'c'],
    ]);
    expect(await answers).toEqual(['a#1', 'b#1', 'a#2']);
    expect(await later).toBe('c#2');
  });

  it('a batch that throws fails each of its items with that error, and the queue goes on', async () => {
    const clock = manualSchedule();
    let calls = 0;
    const q = coalesce(
      async (items: readonly number[]): Promise<BatchOutcome<number>[]> => {
        calls++;
        if (calls === 1) throw new Error('connection lost');
        return items.map((n) => ({ ok: true, value: n }));
      },
      { maxBatch: 10, schedule: clock.schedule },
    );
    const failed = [q.submit(1), q.submit(2)];
    await clock.step();
    const next = q.submit(3);
    await clock.step();
    expect((await Promise.allSettled(failed)).map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(await next).toBe(3);
  });

  it('a batch that answers the wrong number of outcomes fails its items instead of answering them wrongly', async () => {
    const clock = manualSchedule();
    const q = coalesce(async (): Promise<BatchOutcome<number>[]> => [{ ok: true, value: 1 }], { maxBatch: 10, schedule: clock.schedule });
    const both = Promise.allSettled([q.submit(1), q.submit(2)]);
    await clock.step();
    expect((await both).map((s) => s.status)).toEqual(['rejected', 'rejected']);
  });
});
