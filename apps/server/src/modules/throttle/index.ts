// 访问频率限制: fixed-window counters of failed logins, portal codes and anonymous attempts, per client address,
// account name or phone, shared by every API process through the database.
import type { ServerModule } from '../../platform/server-module.ts';
import { THROTTLE_JOB_HANDLERS, scheduleThrottlePurge } from './throttle.jobs.ts';
import { throttleRoutes } from './throttle.routes.ts';

export { throttleGate } from './throttle-gate.ts';
export { accountKey, addressKey, partnerKeyKey, phoneKey, type ThrottleKey } from './throttle-keys.ts';
export { countAttemptIn, refundAttempt, throttledError } from './use-cases/count-attempt.ts';
export { clearAccountLimit } from './use-cases/clear-account-limit.ts';

export const throttleModule: ServerModule = {
  name: 'throttle',
  routes: throttleRoutes,
  jobs: THROTTLE_JOB_HANDLERS,
  schedule: scheduleThrottlePurge,
};
