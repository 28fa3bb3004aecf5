// 送达: service by every lawful method, the 送达回证 from the record; 复议/诉讼 records.
import type { ServerModule } from '../../platform/server-module.ts';
import { registerMessageDeliveredHook } from '../messaging/index.ts';
import { onServiceMessageDelivered, SERVICE_JOB_HANDLERS } from './service.jobs.ts';
import { serviceRoutes } from './service.routes.ts';

export { recordPostedNoticeIn, type PostedNotice } from './postal-notice.ts';
export { recordServiceConsent } from './record-service-consent.ts';
export { completeDueDeemedServices } from './service.jobs.ts';
export { assertServiceWrite } from './service.mapper.ts';
export {
  endReviewLitigation,
  findReviewLitigation,
  insertReviewLitigation,
  listReviewLitigations,
  listServices,
  type ServiceRow,
} from './service.repository.ts';

export const serviceModule: ServerModule = {
  name: 'service',
  routes: serviceRoutes,
  jobs: SERVICE_JOB_HANDLERS,
  // Electronic service is complete on the message's delivery receipt.
  hooks: () => registerMessageDeliveredHook(onServiceMessageDelivered),
};
