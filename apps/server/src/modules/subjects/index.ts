// 执法对象 (regulated subjects): the registry, its timeline, 一店一码, risk grading.
import type { ServerModule } from '../../platform/server-module.ts';
import { installSubjectHooks } from './subjects.hooks.ts';
import { scheduleNightlyRegrade, SUBJECT_JOB_HANDLERS } from './subjects.jobs.ts';
import { publicSubjectRoutes, subjectRoutes } from './subjects.routes.ts';

export {
  recordSubjectEvents,
  RISK_EVENT_KINDS,
  subjectBriefs,
  subjectPool,
  squadOfPoint,
  squadAreasIn,
  subjectPoolQuery,
  type SubjectBrief,
  type SubjectEventInput,
  type SubjectEventKind,
  type SubjectPoolEntry,
  type SubjectPoolFilter,
} from './subjects.shared.ts';
/** For the demo seed, generated data and the import: registration codes, squads from service areas, regrading. */
export { newSubjectCode } from './use-cases/write-subject.ts';
export { rederiveSquads } from './use-cases/governance.ts';
export { regradeAll, regradeSubjects } from './use-cases/grading.ts';

export const subjectsModule: ServerModule = {
  name: 'subjects',
  routes: subjectRoutes,
  publicRoutes: publicSubjectRoutes,
  hooks: installSubjectHooks,
  jobs: SUBJECT_JOB_HANDLERS,
  schedule: (deps, firstRunAt) => scheduleNightlyRegrade(deps, firstRunAt),
};

/** 导入: the city's lists from a spreadsheet — dry-run report, then a bulk load (its own routes and jobs). */
export { subjectImportModule } from './import/index.ts';

/** The stored licence state of the list's filter, and the next inspection date from the level's frequency (the generator writes both as grading would). */
export { licenceFilterState, nextInspectionOn } from './use-cases/grading.ts';
