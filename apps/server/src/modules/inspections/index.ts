// 检查: the 检查事项清单 with its checklists, inspection tasks, visits (综合查一次) and what a failed item leads to.
export { insertInspectionTasks, mattersByCode, type InspectionMatterRow, type NewInspectionTask } from './inspections.shared.ts';
export { planTaskProgress, type PlanTaskProgress } from './plan-progress.ts';
