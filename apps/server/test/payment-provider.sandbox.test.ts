// The local sandbox provider passes the provider contract (payment-provider.contract.ts), driven through its own
// cashier (the payer's confirmation) and its notification as the worker sends it.
import { afterAll, beforeAll } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { paymentProviderContract } from './payment-provider.contract.ts';
import { shanghaiDate } from '../src/shared/time.ts';
import { findSandboxCheckout } from '../src/modules/payments/providers/sandbox.repository.ts';
import { sandboxMerchant, sandboxNotification, sandboxPay, sandboxProvider } from '../src/modules/payments/providers/sandbox-provider.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(async () => ctx?.close());

paymentProviderContract('local sandbox', {
  deps: () => ctx.deps,
  provider: sandboxProvider,
  async payerPays(created) {
    const r = await sandboxPay(ctx.deps.db, ctx.deps, created.providerCheckoutId);
    return typeof r === 'object' && r.status === 'paid';
  },
  async notification(created) {
    const c = (await findSandboxCheckout(ctx.deps.db, created.providerCheckoutId))!;
    return sandboxNotification(await sandboxMerchant(ctx.deps.db), c, ctx.deps.newId());
  },
  today: () => shanghaiDate(ctx.clock.now()),
});
