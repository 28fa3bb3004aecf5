/**
 * SM3 on the server: OpenSSL's (node:crypto) against the domain's TypeScript fallback, on a 1 MB file and on inputs
 * the size of an audit row's canonical form, the same fixed inputs for both.
 *
 *   npm run sm3 -w @chengguan/bench          (BENCH_SM3_ROWS: rows hashed per run, default 20000)
 */
import { performance } from 'node:perf_hooks';
import { auditRowHashInput, canonicalize, GENESIS_HASH, mulberry32 } from '@chengguan/domain';
import { SM3_IMPLEMENTATION, SM3_IMPLEMENTATIONS, type Sm3Implementation } from '../../apps/server/src/shared/sm3.ts';

const ROWS = Number(process.env.BENCH_SM3_ROWS ?? 20_000);
const rand = mulberry32(20260315);

const oneMb = Uint8Array.from({ length: 1024 * 1024 }, () => Math.floor(rand() * 256));
// What the chain hashes per row: the previous hash, a newline and the canonical row (a case step's audit row).
const rows = Array.from(
  { length: 64 },
  (_, i) =>
    GENESIS_HASH +
    '\n' +
    canonicalize(
      auditRowHashInput({
        hashVersion: 2,
        seq: 100_000 + i,
        id: `01950f3a-7c1e-7000-8000-${String(i).padStart(12, '0')}`,
        at: '2026-03-02T02:00:00.000Z',
        actorId: '01950f3a-7c1e-7000-8000-00000000aaaa',
        bureauId: '01950f3a-7c1e-7000-8000-00000000bbbb',
        action: 'case.step.decide',
        entityType: 'case',
        entityId: '01950f3a-7c1e-7000-8000-00000000cccc',
        data: {
          action: 'decide',
          fromState: 'collective_deliberation',
          toState: 'decided',
          fineFen: 500_000 + i,
          number: `沪浦城管罚字〔2026〕第${i}号`,
        },
        ip: '10.12.0.7',
        correlationId: '5b7c4b70-3f3c-4d36-9d1f-8c2f1b0e6a11',
      }),
    ),
);

function time(fn: () => void, repeat: number): number {
  fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) fn();
  return (performance.now() - t0) / repeat;
}

const report: Record<string, string>[] = [];
for (const name of ['openssl', 'typescript'] as Sm3Implementation[]) {
  const sm3 = SM3_IMPLEMENTATIONS[name];
  const mbMs = time(() => sm3.hex(oneMb), name === 'openssl' ? 50 : 5);
  const rowMs = time(() => {
    for (let i = 0; i < ROWS; i++) sm3.hex(rows[i % rows.length]!);
  }, 3);
  report.push({
    implementation: name,
    '1 MB (ms)': mbMs.toFixed(2),
    'MB/s': (1000 / mbMs).toFixed(0),
    'audit row (µs)': ((rowMs * 1000) / ROWS).toFixed(2),
    'rows/s': Math.round((ROWS * 1000) / rowMs).toLocaleString('en'),
  });
}
console.log(`server SM3 in this process: ${SM3_IMPLEMENTATION}; audit row input ${Buffer.byteLength(rows[0]!)} bytes`);
console.table(report);
