// The shared bulk writer of the generators: rows are encoded once in PostgreSQL's COPY text format, buffered per
// table and sent in batches with COPY (Database.copyIn). Tables flush in the order they were declared (a table's
// foreign keys point to tables declared before it), one batch in flight while the next is built, so generation and
// loading overlap and memory stays flat whatever the size of the city.
import type { Database } from '../db/database.ts';
import { sm3Hex } from '../shared/sm3.ts';

export type CopyValue = string | number | boolean | null | Date | readonly string[];

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeText(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : s;
}

/** One value in COPY text format (NULL is \N; arrays are text[] literals). */
export function copyField(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`COPY: not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  return escapeText(`{${v.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}

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

export type BatchLoaded = { table: string; rows: number; sm3: string; firstRow: number };

export type CopyWriterOptions = {
  /** A table is sent when its buffer reaches this many characters (and at every flush). */
  batchChars?: number;
  progress?: Progress;
  /** Called after each batch is committed (the audit row of the batch). */
  onBatch?: (batch: BatchLoaded) => Promise<void>;
};

export class CopyWriter {
  private readonly tables = new Map<string, TableWriter>();
  private inflight: Promise<void> = Promise.resolve();
  private failure: unknown = null;
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
   * Sends every buffered row, tables in declaration order. Waits for the previous flush first (at most one in
   * flight), so the caller can build the next batch while this one loads. Call only at a point where every row
   * buffered refers to rows buffered with it or before (a whole case, never half of one).
   */
  async flush(): Promise<void> {
    const batches: { t: TableWriter; text: string[]; rows: number; bytes: number }[] = [];
    for (const t of this.tables.values()) {
      if (t.pendingRows === 0) continue;
      batches.push({ t, text: t.pending, rows: t.pendingRows, bytes: t.pendingBytes });
      t.pending = [];
      t.pendingRows = 0;
      t.pendingBytes = 0;
    }
    await this.inflight;
    this.throwIfFailed();
    if (batches.length === 0) return;
    this.inflight = this.send(batches).catch((e: unknown) => {
      this.failure = e;
    });
  }

  /** Flushes and waits until the rows buffered so far are loaded (later parts may read them). */
  async drain(): Promise<void> {
    await this.flush();
    await this.inflight;
    this.throwIfFailed();
  }

  /** Flushes and waits until everything is loaded. */
  async finish(): Promise<TableStats[]> {
    await this.flush();
    await this.inflight;
    this.throwIfFailed();
    this.report(true);
    return [...this.tables.values()].map((t) => t.stats());
  }

  samples(): { table: string; columns: readonly string[]; text: string; rows: number }[] {
    return [...this.tables.values()].filter((t) => t.sample).map((t) => ({ table: t.table, columns: t.columns, ...t.sample! }));
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  private async send(batches: { t: TableWriter; text: string[]; rows: number; bytes: number }[]): Promise<void> {
    for (const b of batches) {
      const started = performance.now();
      await this.database.copyIn(b.t.table, b.t.columns, b.text);
      b.t.copyMs += performance.now() - started;
      const joined = b.t.sample === null || this.options.onBatch ? b.text.join('') : '';
      if (b.t.sample === null) b.t.sample = { text: joined, rows: b.rows };
      const sm3 = sm3Hex(joined || b.text.join(''));
      const firstRow = b.t.rows + 1;
      b.t.digest = sm3Hex(`${b.t.digest}${sm3}`);
      b.t.rows += b.rows;
      b.t.bytes += b.bytes;
      b.t.batches += 1;
      await this.options.onBatch?.({ table: b.t.table, rows: b.rows, sm3, firstRow });
    }
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
      if (t.rows === 0) continue;
      const expected = this.expected.get(t.table);
      const rate = t.rows / Math.max(seconds, 0.001);
      let eta = '';
      if (expected && !final && t.rows < expected) eta = ` ETA ${formatSeconds((expected - t.rows) / Math.max(rate, 1))}`;
      const share = expected ? ` (${Math.min(100, Math.round((t.rows / expected) * 100))}%)` : '';
      parts.push(`${t.table} ${t.rows.toLocaleString('en-US')}${share} ${Math.round(rate).toLocaleString('en-US')}/s${eta}`);
    }
    progress(`[${formatSeconds(seconds)}] ${parts.join(' · ')}`);
  }
}

export function formatSeconds(s: number): string {
  const total = Math.max(0, Math.round(s));
  const m = Math.floor(total / 60);
  return m > 0 ? `${m}m${String(total % 60).padStart(2, '0')}s` : `${total}s`;
}
