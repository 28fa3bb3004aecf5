// The drill's figures: per kind of request and in total, with the definitions printed beside them.
import { isDefinitive, isInProgress, isSuccess } from './ledger.ts';
import type { Verdict } from './verify.ts';

export type EngineResult = {
  engine: string;
  database: string;
  seed: number;
  kills: number;
  restartMs: number[];
  verdicts: Verdict[];
  elapsedMs: number;
};

export type Totals = {
  requests: number;
  retried: number;
  retriedOk: number;
  retriedRefused: number;
  unresolved: number;
  replayed: number;
  inProgressAnswers: number;
  requestsSeeingInProgress: number;
  serverErrors: number;
  lost: number;
  doubled: number;
  wrongAnswers: number;
  keyReused: number;
  latencyMs: { p50: number; p95: number; max: number } | null;
  /** How busy the server was: answer time of first attempts that got an answer. */
  firstAnswerMs: { p50: number; p95: number } | null;
};

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function totals(verdicts: Verdict[]): Totals {
  const retried = verdicts.filter((v) => v.req.retry);
  const retryAttempts = retried.flatMap((v) => v.req.attempts.filter((a) => a.retry));
  const latencies = retried
    .map((v) => v.req.retry?.waitedMs ?? null)
    .filter((x): x is number => x !== null)
    .sort((a, b) => a - b);
  const firstAnswers = verdicts
    .map((v) => v.req.attempts[0])
    .filter((a) => a?.answer)
    .map((a) => a!.ms)
    .sort((a, b) => a - b);
  return {
    requests: verdicts.length,
    retried: retried.length,
    retriedOk: retried.filter((v) => isSuccess(v.req.final)).length,
    retriedRefused: retried.filter((v) => v.req.final && !isSuccess(v.req.final)).length,
    unresolved: retried.filter((v) => !isDefinitive(v.req.final)).length,
    replayed: verdicts.filter((v) => v.req.final?.replayed).length,
    inProgressAnswers: retryAttempts.filter((a) => a.answer && isInProgress(a.answer)).length,
    requestsSeeingInProgress: retried.filter((v) => v.req.attempts.some((a) => a.answer && isInProgress(a.answer))).length,
    serverErrors: verdicts.flatMap((v) => v.req.attempts).filter((a) => a.answer && a.answer.status >= 500).length,
    lost: verdicts.filter((v) => v.lost).length,
    doubled: verdicts.filter((v) => v.doubled).length,
    wrongAnswers: verdicts.filter((v) => v.wrongAnswer).length,
    keyReused: verdicts.filter((v) => v.req.final?.code === 'IDEMPOTENCY_KEY_REUSED').length,
    latencyMs: latencies.length
      ? { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies[latencies.length - 1]! }
      : null,
    firstAnswerMs: firstAnswers.length ? { p50: percentile(firstAnswers, 50), p95: percentile(firstAnswers, 95) } : null,
  };
}

const seconds = (ms: number) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);

function attemptsText(v: Verdict): string {
  return v.req.attempts
    .map((a) =>
      a.answer
        ? `${a.answer.status}${a.answer.code ? ` ${a.answer.code}` : ''}${a.answer.replayed ? ' (replayed)' : ''}`
        : `no answer (${a.error})`,
    )
    .reduce<string[]>((out, s) => {
      const last = out[out.length - 1];
      const m = last ? /^(.*?)(?: ×(\d+))?$/.exec(last) : null;
      if (m && m[1] === s) out[out.length - 1] = `${s} ×${Number(m[2] ?? 1) + 1}`;
      else out.push(s);
      return out;
    }, [])
    .join(' → ');
}

export function printEngineReport(r: EngineResult): Totals {
  const labels = [...new Set(r.verdicts.map((v) => v.req.label))];
  const rows = labels.map((label) => {
    const vs = r.verdicts.filter((v) => v.req.label === label);
    const t = totals(vs);
    const first = vs.map((v) => v.req.attempts[0]?.answer ?? null);
    return {
      request: label,
      sent: t.requests,
      '2xx first': first.filter((a) => isSuccess(a)).length,
      '4xx first': vs.filter((v) => !v.req.retry && v.req.final && !isSuccess(v.req.final)).length,
      retried: t.retried,
      'retry 2xx': t.retriedOk,
      replayed: t.replayed,
      'retry 4xx': t.retriedRefused,
      unresolved: t.unresolved,
      '409 answers': t.inProgressAnswers,
      '5xx': t.serverErrors,
      lost: t.lost,
      doubled: t.doubled,
      'wrong answer': t.wrongAnswers,
    };
  });
  const t = totals(r.verdicts);
  console.log(`\n=== crash drill: ${r.engine} — ${r.database}`);
  console.log(
    `seed ${r.seed}, ${r.kills} kill -9 and restarts (restart to healthy: mean ${seconds(
      r.restartMs.reduce((a, b) => a + b, 0) / Math.max(1, r.restartMs.length),
    )}, max ${seconds(Math.max(0, ...r.restartMs))}), ${(r.elapsedMs / 1000).toFixed(0)} s in all`,
  );
  console.table(rows);
  console.log(
    [
      `logical requests ${t.requests}; retried after losing their answer ${t.retried}: ${t.retriedOk} answered 2xx (${t.replayed} replayed), ` +
        `${t.retriedRefused} answered 4xx, ${t.unresolved} without a definitive answer at the retry timeout`,
      `409 IDEMPOTENCY_IN_PROGRESS answers to retries: ${t.inProgressAnswers} (on ${t.requestsSeeingInProgress} requests); 5xx answers: ${t.serverErrors}`,
      `retry latency (restart → definitive answer, server up-time): p50 ${seconds(t.latencyMs?.p50 ?? NaN)}, p95 ${seconds(
        t.latencyMs?.p95 ?? NaN,
      )}, max ${seconds(t.latencyMs?.max ?? NaN)} (first attempts answered in p50 ${seconds(t.firstAnswerMs?.p50 ?? NaN)}, ` +
        `p95 ${seconds(t.firstAnswerMs?.p95 ?? NaN)})`,
      `LOST ${t.lost}   DOUBLED ${t.doubled}   WRONG ANSWER ${t.wrongAnswers}`,
    ].join('\n'),
  );
  const refusals = new Map<string, number>();
  for (const v of r.verdicts) {
    if (v.req.final && !isSuccess(v.req.final)) {
      const k = `${v.req.label} ${v.req.final.status} ${v.req.final.code ?? ''}`.trim();
      refusals.set(k, (refusals.get(k) ?? 0) + 1);
    }
  }
  if (refusals.size > 0) {
    console.log(`refusals (4xx that settled a request): ${[...refusals].map(([k, n]) => `${k} ×${n}`).join('; ')}`);
  }
  // Failures first, then the retries left without a definitive answer (what they were last told).
  const unresolved = (v: Verdict) => v.req.retry !== null && !isDefinitive(v.req.final);
  const listed = [
    ...r.verdicts.filter((v) => v.lost || v.doubled || v.wrongAnswer),
    ...r.verdicts.filter((v) => !(v.lost || v.doubled || v.wrongAnswer) && unresolved(v)),
  ];
  for (const v of listed.slice(0, 20)) {
    const what = [v.lost && 'LOST', v.doubled && 'DOUBLED', v.wrongAnswer && 'WRONG ANSWER', unresolved(v) && 'UNRESOLVED']
      .filter(Boolean)
      .join('+');
    console.log(`  ${what} ${v.req.label} ${v.req.key}: ${v.detail}; attempts: ${attemptsText(v)}`);
  }
  if (listed.length > 20) console.log(`  … and ${listed.length - 20} more`);
  return t;
}

export const DEFINITIONS = `definitions:
  logical request  one Idempotency-Key: the first attempt and every retry, same key, same bytes
  retried          the first attempt got no definitive answer (no answer, a 5xx, or 409 IDEMPOTENCY_IN_PROGRESS)
  lost             answered 2xx, yet its effect (marked case, step event, stored file) is not in the database
  doubled          its effect is in the database more than once (cases with its marker, events with its note,
                   payment orders of its decision)
  wrong answer     its effect is in the database but the answer that settled it was a 4xx or named another case
  retry latency    from the first restart after the answer was lost to the definitive answer, counting the time
                   the server was up (the drill's own later kills and restarts left out); also the retry budget`;
