// 缴款: payment orders and 缴款码, provider callbacks booked once, deferral and instalments, cash receipts, reconciliation.
import type { ServerModule } from '../../platform/server-module.ts';
import { installPaymentHooks } from './payments.hooks.ts';
import { PAYMENT_JOB_HANDLERS, schedulePaymentReconciliation } from './payments.jobs.ts';
import { paymentRoutes, publicPaymentRoutes } from './payments.routes.ts';

export { applyForDeferral, paymentSummary, startCheckout } from './payments.api.ts';
export { paymentBannerLine } from './providers/registry.ts';

export const paymentsModule: ServerModule = {
  name: 'payments',
  routes: paymentRoutes,
  publicRoutes: publicPaymentRoutes,
  hooks: installPaymentHooks,
  jobs: PAYMENT_JOB_HANDLERS,
  schedule: (deps) => schedulePaymentReconciliation(deps),
};
