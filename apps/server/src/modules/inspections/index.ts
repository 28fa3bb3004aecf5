// 检查: the 检查事项清单 with its checklists, inspection tasks, visits (综合查一次) and what a failed item leads to.
import type { ServerModule } from '../../platform/server-module.ts';
import { inspectionRoutes } from './inspections.routes.ts';

export {
  insertInspectionTasks,
  insertInspectionTasksFrom,
  mattersByCode,
  type InspectionMatterRow,
  type NewInspectionTask,
  type TaskRowsSpec,
} from './inspections.shared.ts';
/** The starter 检查事项清单, loaded with the reference data (idempotent). */
export { seedInspectionMatters } from './use-cases/matters.ts';
/** A squad's inspection progress for the leader's home. */
export { squadInspectionProgress } from './use-cases/progress.ts';

export const inspectionsModule: ServerModule = { name: 'inspections', routes: inspectionRoutes };
export { planTaskProgress, planVisitResults, type PlanTaskProgress, type PlanVisitResult } from './plan-progress.ts';
/** For 勤务 (modules/duty): an officer's open tasks, a squad's tasks by origin, and the visits as they are submitted. */
export {
  officerOpenInspectionTasks,
  onVisitSubmitted,
  squadTaskCounts,
  type OfficerInspectionTask,
  type OriginCounts,
  type SubmittedVisit,
} from './duty-reads.ts';
