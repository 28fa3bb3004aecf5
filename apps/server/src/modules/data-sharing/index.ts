// 数据资源目录与共享 (issue 16 §4; docs/data-sharing.md): the data catalogue, partner keys scoped to assets and a
// jurisdiction for the standard sharing interfaces (CSV / JSON lines, keyset-paged, rate-limited, every call audited),
// and the daily SM2-signed SM3 Merkle digest of everything published, with proofs and a public verify endpoint.
import type { ServerModule } from '../../platform/server-module.ts';
import { DATA_SHARING_JOB_HANDLERS, scheduleDigest } from './data-sharing.jobs.ts';
import { dataSharingRoutes, publicDataSharingRoutes } from './data-sharing.routes.ts';

export type { DataSharingTables } from './data-sharing.tables.ts';
/** For the worker and tests: make the digest of a day (once). */
export { makeDigest } from './use-cases/digest.ts';
export { JOB_PUBLICATION_DIGEST } from './data-sharing.jobs.ts';

export const dataSharingModule: ServerModule = {
  name: 'data-sharing',
  routes: dataSharingRoutes,
  publicRoutes: publicDataSharingRoutes,
  jobs: DATA_SHARING_JOB_HANDLERS,
  schedule: scheduleDigest,
};
