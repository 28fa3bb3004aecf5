/**
 * What a load run measures: a latency histogram per request kind and overall (HDR, microsecond resolution), the
 * answers that were errors (any non-2xx but a 409) and the 409 conflicts apart, and the server's resident memory.
 */
import fs from 'node:fs';
import * as hdr from 'hdr-histogram-js';
import { median } from './median.ts';

export type LatencyFigures = { requests: number; perSec: number; p50: number; p95: number; p99: number; max: number; mean: number };
export type KindFigures = LatencyFigures & { errors: number; conflicts: number };

function newHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
}

/**
 * Counts and latencies per kind, of the requests that end inside the timed window (`window`, performance.now() times;
 * none before it is set). The window is checked on the clock, not by timers: with the embedded engine in the same
 * process (the ceiling on PGlite), its queries can keep the event loop busy long past a timer's due time.
 */
export class LoadStats<K extends string> {
  window: { from: number; to: number } | null = null;
  private get recording(): boolean {
    const now = performance.now();
    return this.window !== null && now >= this.window.from && now < this.window.to;
  }
  private readonly hist = new Map<K | 'all', hdr.Histogram>();
  private readonly errors = new Map<K, number>();
  private readonly conflicts = new Map<K, number>();
  readonly errorSamples: string[] = [];

  record(kind: K, status: number, ms: number): void {
    if (!this.recording) return;
    const us = Math.max(1, Math.round(ms * 1000));
    for (const key of [kind, 'all'] as const) {
      let h = this.hist.get(key);
      if (!h) this.hist.set(key, (h = newHistogram()));
      h.recordValue(us);
    }
    if (status === 409) this.conflicts.set(kind, (this.conflicts.get(kind) ?? 0) + 1);
    else if (status < 200 || status >= 300) this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  /** A few of the errors, to say what went wrong (not every one of thousands). */
  sample(line: string): void {
    if (this.recording && this.errorSamples.length < 20) this.errorSamples.push(line);
  }

  figures(seconds: number): Record<string, KindFigures> {
    const out: Record<string, KindFigures> = {};
    for (const [key, h] of this.hist) {
      const ms = (v: number) => Math.round(v / 10) / 100;
      const errs = key === 'all' ? [...this.errors.values()].reduce((a, b) => a + b, 0) : (this.errors.get(key) ?? 0);
      const confl = key === 'all' ? [...this.conflicts.values()].reduce((a, b) => a + b, 0) : (this.conflicts.get(key) ?? 0);
      out[key] = {
        requests: h.totalCount,
        perSec: Math.round((h.totalCount / seconds) * 10) / 10,
        p50: ms(h.getValueAtPercentile(50)),
        p95: ms(h.getValueAtPercentile(95)),
        p99: ms(h.getValueAtPercentile(99)),
        max: ms(h.maxValue),
        mean: ms(h.mean),
        errors: errs,
        conflicts: confl,
      };
    }
    return out;
  }
}

/** VmRSS of a process in MiB (Linux /proc), null when it is gone. */
export function residentMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

export type MemoryFigures = {
  startMiB: number;
  afterWarmupMiB: number;
  endMiB: number;
  maxMiB: number;
  /** End over after-warm-up, in percent: two single samples, each anywhere in the heap's collection cycle. */
  growthPercent: number;
  /**
   * The median of the last third of the samples after the warm-up over the median of the first third, in percent:
   * the trend, which the collector's sawtooth (V8 lets garbage reach several times the live heap between two full
   * collections) does not decide. Null with fewer than 3 samples after the warm-up.
   */
  trendPercent: number | null;
  samples: { atSeconds: number; rssMiB: number }[];
};

/** Last third's median over the first third's, in percent (see `MemoryFigures.trendPercent`). */
export function trendPercent(values: readonly number[]): number | null {
  const third = Math.floor(values.length / 3);
  if (third === 0) return null;
  const first = median(values.slice(0, third));
  const last = median(values.slice(-third));
  return first > 0 ? Math.round(((last - first) / first) * 1000) / 10 : null;
}

/** Samples a process's resident memory every `everyMs`; marks where the warm-up ended. */
export class RssSampler {
  private readonly samples: { atSeconds: number; rssMiB: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private t0 = 0;
  private warm: number | null = null;
  private warmIndex = 0;
  constructor(
    private readonly pid: number,
    private readonly everyMs = 2000,
  ) {}

  start(now: number): void {
    this.t0 = now;
    this.take(now);
    this.timer = setInterval(() => this.take(Date.now()), this.everyMs);
  }

  private take(now: number): number | null {
    const rss = residentMiB(this.pid);
    if (rss !== null) this.samples.push({ atSeconds: Math.round((now - this.t0) / 100) / 10, rssMiB: rss });
    return rss;
  }

  warmedUp(now: number): void {
    this.warmIndex = this.samples.length;
    this.warm = this.take(now);
  }

  stop(now: number): MemoryFigures {
    if (this.timer) clearInterval(this.timer);
    const end = this.take(now) ?? this.samples.at(-1)?.rssMiB ?? 0;
    const start = this.samples[0]?.rssMiB ?? 0;
    const warm = this.warm ?? start;
    return {
      startMiB: start,
      afterWarmupMiB: warm,
      endMiB: end,
      maxMiB: Math.max(...this.samples.map((s) => s.rssMiB)),
      growthPercent: warm > 0 ? Math.round(((end - warm) / warm) * 1000) / 10 : 0,
      trendPercent: trendPercent(this.samples.slice(this.warmIndex).map((s) => s.rssMiB)),
      samples: this.samples,
    };
  }
}
