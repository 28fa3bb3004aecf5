// The local simulator of the city's credit platform (CREDIT_PLATFORM=simulator; labelled 「模拟信用平台」 in the
// console). It checks the HMAC-SM3 signature, the timestamp window and the nonce (shared/connector-signing.ts), and
// applies each idempotency key once (credit_sim_applied counts the deliveries). Faults for the contract test (connector.ts):
// the next answers may be refused (nothing applied) or lost on the way back (applied), so the retries are exercised.
import type { CreditPlatformMessage } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { useNonce, verifyExchangeSignature } from '../../shared/connector-signing.ts';
import { creditAdapter, creditSecret, nextCreditFault } from './connector.ts';

const LABEL = { zh: '信用平台报文', en: 'credit platform message' };

export async function receiveCreditMessage(
  deps: Deps,
  headers: Partial<Record<string, string | string[] | undefined>>,
  body: CreditPlatformMessage,
): Promise<{ applied: boolean; deliveries: number }> {
  if (!creditAdapter(deps.config)) throw new AppError('NOT_FOUND');
  const now = deps.clock.now();
  const { nonce } = verifyExchangeSignature(creditSecret(deps.config), headers, body as unknown as Record<string, unknown>, now, LABEL);
  if (nextCreditFault('refuse')) throw new AppError('NOT_SAVED');
  const result = await deps.db.transaction().execute(async (trx) => {
    await useNonce(trx, deps, 'credit_platform_sim', nonce);
    const prior = await trx
      .selectFrom('credit_sim_applied')
      .selectAll()
      .where('idempotency_key', '=', body.idempotencyKey)
      .forUpdate()
      .executeTakeFirst();
    if (prior) {
      await trx
        .updateTable('credit_sim_applied')
        .set({ deliveries: prior.deliveries + 1 })
        .where('idempotency_key', '=', body.idempotencyKey)
        .execute();
      return { applied: false, deliveries: prior.deliveries + 1 };
    }
    await trx
      .insertInto('credit_sim_applied')
      .values({ idempotency_key: body.idempotencyKey, op: body.op, record_ref: body.recordId, deliveries: 1, applied_at: now })
      .execute();
    return { applied: true, deliveries: 1 };
  });
  return result;
}

/** What the simulated platform holds for a record: one row per idempotency key. */
export async function simulatorApplied(deps: Deps, recordId: string): Promise<{ op: string; deliveries: number }[]> {
  const rows = await deps.db
    .selectFrom('credit_sim_applied')
    .select(['op', 'deliveries'])
    .where('record_ref', '=', recordId)
    .orderBy('applied_at')
    .execute();
  return rows;
}
