// Every logical request the writers make, with every attempt and its answer. A logical request is one
// Idempotency-Key: the first attempt and all its retries carry the same key and the same bytes.
import type { ServerProcess } from './server-process.ts';

export type Answer = { status: number; code: string | null; replayed: boolean; json: unknown };

/** `ms`: from sending to the answer (or to the broken connection). */
export type Attempt = { at: number; ms: number; retry: boolean; answer: Answer | null; error: string | null };

/** Where the request's effect is found in the database afterwards, by the marker it carries. */
export type Effect =
  | { kind: 'file'; sm3: string }
  /** A new case (registration or summary ticket) whose `facts` end with 〔演练标记 <key>〕. */
  | { kind: 'case'; marker: string }
  /** A step on a case: its `case_events` row carries the key as the step's `note`. */
  | { kind: 'event'; marker: string; caseId: string; action: string };

export type LogicalRequest = {
  key: string;
  /** upload, register, summary, or the case action of a step. */
  label: string;
  writer: number;
  token: string;
  path: string;
  contentType: string;
  body: string | Buffer;
  effect: Effect;
  attempts: Attempt[];
  /** The answer that settled it: a 2xx, or a 4xx other than 409 IDEMPOTENCY_IN_PROGRESS. */
  final: Answer | null;
  /**
   * Set when the first attempt got no definitive answer. `from`: the (re)start after which retries began;
   * `waitedMs`: the time the server was up from then to the definitive answer (later restarts left out).
   */
  retry: { from: number; downtimeAtFrom: number; waitedMs: number | null; gaveUp: boolean } | null;
};

export const MARKER_PREFIX = '〔演练标记 ';
export const markerText = (key: string) => `${MARKER_PREFIX}${key}〕`;

export const isInProgress = (a: Answer) => a.status === 409 && a.code === 'IDEMPOTENCY_IN_PROGRESS';
/** No answer, a 5xx and 409 IDEMPOTENCY_IN_PROGRESS leave the client not knowing: it must retry. */
export const isDefinitive = (a: Answer | null): a is Answer => a !== null && a.status < 500 && !isInProgress(a);
export const isSuccess = (a: Answer | null) => a !== null && a.status >= 200 && a.status < 300;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function errorName(e: unknown): string {
  const cause = (e as { cause?: { code?: string } }).cause;
  if (cause?.code) return cause.code;
  return e instanceof Error ? e.name : String(e);
}

/** One HTTP attempt of a logical request. A broken connection or a timeout is an attempt without an answer. */
export async function sendOnce(baseUrl: string, req: LogicalRequest, opts: { timeoutMs: number; retry: boolean; now: () => number }) {
  const attempt: Attempt = { at: opts.now(), ms: 0, retry: opts.retry, answer: null, error: null };
  try {
    const res = await fetch(`${baseUrl}${req.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${req.token}`, 'content-type': req.contentType, 'idempotency-key': req.key },
      body: typeof req.body === 'string' ? req.body : new Uint8Array(req.body),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    const code = json && typeof json === 'object' && 'code' in json && typeof json.code === 'string' ? json.code : null;
    attempt.answer = { status: res.status, code, replayed: res.headers.get('idempotent-replayed') === 'true', json };
  } catch (e) {
    attempt.error = errorName(e);
  }
  attempt.ms = opts.now() - attempt.at;
  req.attempts.push(attempt);
  return attempt;
}

/**
 * Retries each request that lost its answer, as a phone would: same key, same body, until a definitive answer
 * or the retry timeout. Retries wait while the server is down and carry on across later crashes; the timeout and
 * the latency count the time the server was up since the first (re)start after the answer was lost, so the drill's
 * own later kills and restarts do not count against the server.
 */
export class Retrier {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly server: ServerProcess,
    private readonly opts: { retryTimeoutMs: number; requestTimeoutMs: number; now: () => number },
  ) {}

  /** Resolves once the request is settled (`req.final`) or given up. */
  adopt(req: LogicalRequest): Promise<void> {
    const p = this.retry(req, this.opts.now());
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  get inFlight(): number {
    return this.running.size;
  }

  private async retry(req: LogicalRequest, lostAt: number): Promise<void> {
    // Backing off to one try every 2 s, as a phone would; a fixed server answers the first retry after the restart.
    let pause = 250;
    for (;;) {
      await this.server.ready();
      const from = Math.max(this.server.upSince, lostAt);
      const retry = (req.retry ??= { from, downtimeAtFrom: this.server.downtime(from), waitedMs: null, gaveUp: false });
      const waited = () => this.opts.now() - retry.from - (this.server.downtime(this.opts.now()) - retry.downtimeAtFrom);
      if (waited() > this.opts.retryTimeoutMs) {
        retry.gaveUp = true;
        return;
      }
      const a = await sendOnce(this.server.baseUrl, req, { timeoutMs: this.opts.requestTimeoutMs, retry: true, now: this.opts.now });
      if (isDefinitive(a.answer)) {
        req.final = a.answer;
        retry.waitedMs = waited();
        return;
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 2000);
    }
  }

  /** Waits for every retry to settle or give up. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
