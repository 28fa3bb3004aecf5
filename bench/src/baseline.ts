/**
 * Raw-SQL baseline helpers shared by the workloads: the hash-chained audit append the platform does, continuing
 * the chain from its current head, serialized with the same transaction-scoped advisory lock.
 */
import { sql, type Transaction } from 'kysely';
import { auditRowHash, CURRENT_AUDIT_HASH_VERSION, GENESIS_HASH } from '@chengguan/domain';
import { sm3Hex } from '../../apps/server/src/shared/sm3.ts';
import type { TestContext } from '../../apps/server/test/harness.ts';
import type { DB } from '../../apps/server/src/db/schema.ts';

/**
 * How a workload reaches the platform: the HTTP requests each operation makes, and whether they carry a session
 * (`public`: a payment provider's callback does not). The request floor (bench/src/floor.ts) is charged per request.
 */
export type Requests = { perOp: number; public?: boolean };

export type BenchResult = {
  workload: string;
  n: number;
  platformPerSec: number;
  baselinePerSec: number;
  ratio: number;
  requests: Requests;
  /**
   * Platform time / (raw-SQL time + the request floor of the same run × the requests): how far the platform is from
   * the baseline once the least any request costs (HTTP, routing, the session's statement, JSON) is granted.
   */
  ratioWithFloor?: number;
  platformMs: number;
  baselineMs: number;
};

export function benchResult(workload: string, n: number, platformMs: number, baselineMs: number, requests: Requests): BenchResult {
  return {
    workload,
    n,
    platformPerSec: (n * 1000) / platformMs,
    baselinePerSec: (n * 1000) / baselineMs,
    ratio: platformMs / baselineMs,
    requests,
    platformMs,
    baselineMs,
  };
}

export type AuditChain = {
  /** Re-reads the head of the chain (call before a baseline run: the platform appended meanwhile). */
  sync(): Promise<void>;
  append(
    trx: Transaction<DB>,
    a: { action: string; entityType: string; entityId: string; bureauId: string | null; data?: object },
  ): Promise<void>;
};

export function auditChain(ctx: TestContext): AuditChain {
  let seq = 0;
  let prev = GENESIS_HASH;
  return {
    async sync() {
      const last = await ctx.deps.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      seq = last?.seq ?? 0;
      prev = last?.hash ?? GENESIS_HASH;
    },
    async append(trx, a) {
      await sql`SELECT pg_advisory_xact_lock(7301002)`.execute(trx);
      seq += 1;
      const at = new Date().toISOString();
      const data = a.data ?? {};
      const id = ctx.deps.newId();
      const hash = auditRowHash(
        prev,
        {
          hashVersion: CURRENT_AUDIT_HASH_VERSION,
          seq,
          id,
          at,
          actorId: null,
          bureauId: a.bureauId,
          action: a.action,
          entityType: a.entityType,
          entityId: a.entityId,
          data,
          ip: null,
          correlationId: null,
        },
        sm3Hex,
      );
      await sql`INSERT INTO audit_log (seq, id, at, bureau_id, action, entity_type, entity_id, data, hash_version, prev_hash, hash)
        VALUES (${seq}, ${id}, ${at}, ${a.bureauId}, ${a.action}, ${a.entityType}, ${a.entityId}, ${JSON.stringify(data)}::jsonb,
                ${CURRENT_AUDIT_HASH_VERSION}, ${prev}, ${hash})`.execute(trx);
      prev = hash;
    },
  };
}
