// The shared bulk writer of the generators: rows are encoded once in PostgreSQL's COPY text format, buffered per
// table and sent in batches with COPY (Database.copyIn). Tables flush in the order they were declared (a table's
// foreign keys point to tables declared before it), one batch in flight while the next is built, so generation and
// loading overlap and memory stays flat whatever the size of the city.
import type { Database } from '../db/database.ts';
import { sm3Hex } from '../shared/sm3.ts';

import { type CopyValue, copyField } from '../db/copy-text.ts';

export { type CopyValue, copyField };

export type TableStats = {
  table: string;
  rows: number;
  bytes: number;
  batches: number;
  /** Time spent in this table's COPY statements (the database's side of the load). */
  copyMs: number;
  /** SM3 over the SM3s of the batches in order: equal for equal rows (the determinism check). */
  digest: string;
};

export type Progress = (line: string) => void;

export class TableWriter {
  readonly columns: readonly string[];
  rows = 0;
  /** Rows committed so far (progress). */
  loaded = 0;
  bytes = 0;
  batches = 0;
  copyMs = 0;
  digest = '';
  /** The first batch as sent, kept for the bare-COPY comparison. */
  sample: { text: string; rows: number } | null = null;
  pending: string[] = [];
  pendingRows = 0;
  pendingBytes = 0;

  constructor(
    readonly table: string,
    columns: readonly string[],
  ) {
    this.columns = columns;
  }

  add(values: readonly CopyValue[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`COPY ${this.table}: ${values.length} values for ${this.columns.length} columns`);
    }
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyField(values[i]!);
    line += '\n';
    this.pending.push(line);
    this.pendingRows += 1;
    this.pendingBytes += line.length;
  }

  stats(): TableStats {
    return { table: this.table, rows: this.rows, bytes: this.bytes, batches: this.batches, copyMs: this.copyMs, digest: this.digest };
  }
}

type Batch = { t: TableWriter; text: string; rows: number; sm3: string; firstRow: number };

export type BatchLoaded = { table: string; rows: number; sm3: string; firstRow: number };

export type CopyWriterOptions = {
  /** A table is sent when its buffer reaches this many characters (and at every flush). */
  batchChars?: number;
  progress?: Progress;
  /** Called for each committed batch, in flush order, from the caller's next flush (the audit row of the batch). */
  onBatch?: (batch: BatchLoaded) => Promise<void>;
  /** How many flushes may load at once (PostgreSQL: separate connections; PGlite runs them one after another). */
  parallel?: number;
};

export class CopyWriter {
  private readonly tables = new Map<string, TableWriter>();
  /** Flushes in flight (each on its own connection; batches never refer to each other's rows). */
  private inflight: Promise<void>[] = [];
  private failure: unknown = null;
  /** Loaded batches by flush number, reported to onBatch by the caller's flow in flush order (deterministic). */
  private readonly loaded = new Map<number, BatchLoaded[]>();
  private flushes = 0;
  private reported = 0;
  private readonly batchChars: number;
  private lastProgress = 0;
  readonly startedAt = performance.now();
  /** Expected total of a table's rows (for the ETA), when known. */
  readonly expected = new Map<string, number>();

  constructor(
    private readonly database: Pick<Database, 'copyIn'>,
    private readonly options: CopyWriterOptions = {},
  ) {
    this.batchChars = options.batchChars ?? 8_000_000;
  }

  /** Declares a table (once); declaration order is load order. */
  table(name: string, columns: readonly string[]): TableWriter {
    const existing = this.tables.get(name);
    if (existing) {
      if (existing.columns.join(',') !== columns.join(',')) throw new Error(`COPY ${name}: declared twice with other columns`);
      return existing;
    }
    const t = new TableWriter(name, columns);
    this.tables.set(name, t);
    return t;
  }

  /** True when some table's buffer is full: the caller should flush at the next consistent point. */
  get full(): boolean {
    for (const t of this.tables.values()) if (t.pendingBytes >= this.batchChars) return true;
    return false;
  }

  /**
   * Sends every buffered row, tables in declaration order. Waits while `parallel` flushes are in flight, so the caller
   * builds the next batch while earlier ones load. Call only at a point where every row
   * buffered refers to rows buffered with it or before (a whole case, never half of one).
   */
  async flush(): Promise<void> {
    const batches: Batch[] = [];
    for (const t of this.tables.values()) {
      if (t.pendingRows === 0) continue;
      // Counted and hashed here, in call order, so the digests do not depend on which parallel load ends first.
      const text = t.pending.join('');
      const batch: Batch = { t, text, rows: t.pendingRows, sm3: sm3Hex(text), firstRow: t.rows + 1 };
      t.sample ??= { text, rows: batch.rows };
      t.digest = sm3Hex(`${t.digest}${batch.sm3}`);
      t.rows += batch.rows;
      t.bytes += t.pendingBytes;
      t.batches += 1;
      t.pending = [];
      t.pendingRows = 0;
      t.pendingBytes = 0;
      batches.push(batch);
    }
    while (this.inflight.length >= (this.options.parallel ?? 1)) await Promise.race(this.inflight);
    this.throwIfFailed();
    await this.reportLoaded();
    if (batches.length === 0) return;
    const sent: Promise<void> = this.send(this.flushes++, batches)
      .catch((e: unknown) => {
        this.failure ??= e;
      })
      .finally(() => {
        this.inflight = this.inflight.filter((p) => p !== sent);
      });
    this.inflight.push(sent);
  }

  /** Flushes and waits until the rows buffered so far are loaded (later parts may read them). */
  async drain(): Promise<void> {
    await this.flush();
    while (this.inflight.length > 0) await Promise.all(this.inflight);
    this.throwIfFailed();
    await this.reportLoaded();
  }

  /**
   * onBatch runs here, in the caller's flow and in flush order, never beside it: on the embedded database a
   * transaction of the caller's would otherwise wait for the load's statements and they for it.
   */
  private async reportLoaded(): Promise<void> {
    for (let done = this.loaded.get(this.reported); done; done = this.loaded.get(this.reported)) {
      this.loaded.delete(this.reported);
      this.reported++;
      for (const b of done) await this.options.onBatch?.(b);
    }
  }

  /** Flushes and waits until everything is loaded. */
  async finish(): Promise<TableStats[]> {
    await this.drain();
    this.report(true);
    return [...this.tables.values()].map((t) => t.stats());
  }

  samples(): { table: string; columns: readonly string[]; text: string; rows: number }[] {
    return [...this.tables.values()].filter((t) => t.sample).map((t) => ({ table: t.table, columns: t.columns, ...t.sample! }));
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  private async send(flush: number, batches: Batch[]): Promise<void> {
    const done: BatchLoaded[] = [];
    for (const b of batches) {
      const started = performance.now();
      await this.database.copyIn(b.t.table, b.t.columns, b.text);
      b.t.copyMs += performance.now() - started;
      b.t.loaded += b.rows;
      done.push({ table: b.t.table, rows: b.rows, sm3: b.sm3, firstRow: b.firstRow });
    }
    this.loaded.set(flush, done);
    this.report(false);
  }

  private report(final: boolean): void {
    const progress = this.options.progress;
    if (!progress) return;
    const now = performance.now();
    if (!final && now - this.lastProgress < 2_000) return;
    this.lastProgress = now;
    const seconds = (now - this.startedAt) / 1000;
    const parts: string[] = [];
    for (const t of this.tables.values()) {
      if (t.loaded === 0) continue;
      const expected = this.expected.get(t.table);
      const rate = t.loaded / Math.max(seconds, 0.001);
      let eta = '';
      if (expected && !final && t.loaded < expected) eta = ` ETA ${formatSeconds((expected - t.loaded) / Math.max(rate, 1))}`;
      const share = expected ? ` (${Math.min(100, Math.round((t.loaded / expected) * 100))}%)` : '';
      parts.push(`${t.table} ${t.loaded.toLocaleString('en-US')}${share} ${Math.round(rate).toLocaleString('en-US')}/s${eta}`);
    }
    progress(`[${formatSeconds(seconds)}] ${parts.join(' · ')}`);
  }
}

export function formatSeconds(s: number): string {
  const total = Math.max(0, Math.round(s));
  const m = Math.floor(total / 60);
  return m > 0 ? `${m}m${String(total % 60).padStart(2, '0')}s` : `${total}s`;
}
