// The local simulator of the city's credit platform (CREDIT_PLATFORM=simulator; labelled 「模拟信用平台」 in the
// console). It checks the HMAC-SM3 signature, the timestamp window and the nonce (shared/connector-signing.ts), and
// applies each idempotency key once (credit_sim_applied counts the deliveries). Faults for the contract test (connector.ts):
// the next answers may be refused (nothing applied) or lost on the way back (applied), so the retries are exercised.
import type { CreditPlatformMessage } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { receiveAsSimulator } from '../../shared/connector-link.ts';
import { creditAdapter, creditLink, creditSecret } from './connector.ts';

const LABEL = { zh: '信用平台报文', en: 'credit platform message' };

export async function receiveCreditMessage(
  deps: Deps,
  headers: Partial<Record<string, string | string[] | undefined>>,
  body: CreditPlatformMessage,
): Promise<{ applied: boolean; deliveries: number }> {
  if (!creditAdapter(deps.config)) throw new AppError('NOT_FOUND');
  return receiveAsSimulator(deps, {
    link: creditLink,
    secret: creditSecret(deps.config),
    label: LABEL,
    channel: 'credit_platform_sim',
    headers,
    body: body as unknown as Record<string, unknown> & { idempotencyKey: string },
    receipts: {
      deliveries: async (trx, key) =>
        (await trx.selectFrom('credit_sim_applied').select('deliveries').where('idempotency_key', '=', key).forUpdate().executeTakeFirst())
          ?.deliveries ?? null,
      count: async (trx, key, deliveries) => {
        await trx.updateTable('credit_sim_applied').set({ deliveries }).where('idempotency_key', '=', key).execute();
      },
      apply: async (trx, now) => {
        await trx
          .insertInto('credit_sim_applied')
          .values({ idempotency_key: body.idempotencyKey, op: body.op, record_ref: body.recordId, deliveries: 1, applied_at: now })
          .execute();
      },
    },
  });
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
