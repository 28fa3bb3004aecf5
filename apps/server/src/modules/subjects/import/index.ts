// 导入执法对象: the city's lists from a spreadsheet into the registry (checked first, committed on request).
import type { ServerModule } from '../../../platform/server-module.ts';
import { checkImportBatch } from './check-import.ts';
import { subjectImportRoutes } from './import.routes.ts';
import { CHECK_JOB, COMMIT_JOB, commitImportBatch } from './import.use-cases.ts';

export { subjectImportRoutes } from './import.routes.ts';
export { IMPORT_COLUMNS } from './import-columns.ts';
export { CHECK_JOB, COMMIT_JOB } from './import.use-cases.ts';

const batchIdOf = (payload: unknown): string => (payload as { batchId: string }).batchId;

export const subjectImportModule: ServerModule = {
  name: 'subject-import',
  routes: subjectImportRoutes,
  jobs: {
    [CHECK_JOB]: (deps, job) => checkImportBatch(deps, batchIdOf(job.payload)),
    [COMMIT_JOB]: (deps, job) => commitImportBatch(deps, batchIdOf(job.payload)),
  },
};
