// Worker jobs of the payments module: the sandbox provider delivering its signed notification (a failed delivery
// throws, and the worker retries it with exponential backoff), and the daily reconciliation of yesterday's
// statement of every provider, which schedules the next day's run itself.
import type { Deps } from '../../context.ts';
import { shanghaiDate, tomorrowInShanghaiAt } from '../../shared/time.ts';
import { addDays } from '@chengguan/domain';
import { enqueueJob } from '../scheduler/index.ts';
import type { JobHandlers } from '../scheduler/index.ts';
import { configuredProviders } from './providers/registry.ts';
import { findSandboxCheckout } from './providers/sandbox.repository.ts';
import { JOB_SANDBOX_DELIVER, sandboxMerchant, sandboxNotification } from './providers/sandbox-provider.ts';
import { reconcile } from './use-cases/reconcile.ts';

export const JOB_RECONCILE_DAILY = 'payments.reconcile.daily';

/** How a notification reaches the merchant's callback URL: HTTP by default; tests inject the app. */
export type CallbackTransport = (path: string, body: Record<string, unknown>) => Promise<{ status: number; body: string }>;

function httpTransport(deps: Deps): CallbackTransport {
  // Where this installation's public API is reachable from the worker (default: this process's port).
  const base = deps.config.paymentCallbackBaseUrl ?? `http://127.0.0.1:${deps.config.port}`;
  return async (path, body) => {
    const r = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: r.status, body: await r.text() };
  };
}

let transportOverride: CallbackTransport | null = null;

export function setCallbackTransport(t: CallbackTransport | null): void {
  transportOverride = t;
}

/** Delivers the sandbox's notification for one paid checkout; anything but a 2xx is a failure to retry. */
export async function deliverSandboxNotification(deps: Deps, checkoutId: string): Promise<{ status: number; body: string }> {
  // Switched off since the payment (PAYMENT_SANDBOX=false): nobody would accept it; the job fails visibly.
  if (!deps.config.paymentSandbox) throw new Error('the sandbox provider is off (PAYMENT_SANDBOX=false)');
  const c = await findSandboxCheckout(deps.db, checkoutId);
  if (!c || c.status !== 'paid') throw new Error(`sandbox checkout ${checkoutId} is not paid`);
  const merchant = await sandboxMerchant(deps.db, deps.config.paymentSandboxSecret);
  const body = sandboxNotification(merchant, c, deps.newId());
  const send = transportOverride ?? httpTransport(deps);
  const r = await send(merchant.notify_url, body as Record<string, unknown>);
  if (r.status < 200 || r.status >= 300) throw new Error(`callback answered ${r.status}: ${r.body.slice(0, 300)}`);
  return r;
}

export async function schedulePaymentReconciliation(deps: Deps, at: Date = tomorrowInShanghaiAt(deps.clock.now(), '02:00')): Promise<void> {
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_RECONCILE_DAILY,
    runAt: at,
    dedupeKey: `${JOB_RECONCILE_DAILY}:${shanghaiDate(at)}`,
  });
}

export const PAYMENT_JOB_HANDLERS: JobHandlers = {
  [JOB_SANDBOX_DELIVER]: async (deps, job) => {
    await deliverSandboxNotification(deps, (job.payload as { checkoutId: string }).checkoutId);
  },
  [JOB_RECONCILE_DAILY]: async (deps) => {
    const yesterday = addDays(shanghaiDate(deps.clock.now()), -1);
    for (const p of configuredProviders(deps.config))
      await reconcile(deps, { provider: p.name, date: yesterday, trigger: 'job', actor: null });
    await schedulePaymentReconciliation(deps);
  },
};
