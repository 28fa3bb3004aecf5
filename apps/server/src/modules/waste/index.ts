// 建筑垃圾两点一线 (construction waste, issue 14 §3–5; docs/waste.md): the register and 处置核准 permits with their
// corridors (H3 cells), the signed GPS feed with its simulator, the day's analysis (one SQL definition, also run by
// the DuckDB baseline of the benchmark), clues confirmed into cases or dismissed, 扣押 of vehicles and the licence
// revoked by a decided case.
import type { ServerModule } from '../../platform/server-module.ts';
import { registerCaseStepHook } from '../cases/index.ts';
import { revokeOnDecision } from './use-cases/clues.ts';
import { registerWasteTheme } from './waste.cockpit.ts';
import { scheduleWasteDaily, WASTE_JOB_HANDLERS } from './waste.jobs.ts';
import { publicWasteRoutes, wasteRoutes } from './waste.routes.ts';

export type { WasteTables } from './waste.tables.ts';
/** For the benchmark and the city generator: the one analysis definition, the feed's cleaning and the simulated trucks. */
export {
  WASTE_ANALYSIS_SQL,
  WASTE_SUMMARY_SQL,
  analysisArgs,
  normaliseRows,
  type AnalysisParams,
  type AnalysisRow,
} from './analysis.sql.ts';
export {
  cleanBatch,
  ensurePartition,
  receiveGpsBatch,
  dropOldPartitions,
  pointPartitions,
  GPS_INBOUND_PATH,
  POINT_COLUMNS,
  summariseBatch,
} from './gps/gps-feed.ts';
export { CHUNK_COLUMNS, EDGE_COLUMNS } from './gps/track-summary.ts';
export { driveTruck, simulatedTrucks, spoilBatch, FIX_SECONDS, type SimFix, type SimPermit, type SimTruck } from './gps/gps-tracks.ts';
export { playGpsDay, setGpsTransport } from './gps/gps-simulator.ts';
export { WASTE_JOB_HANDLERS } from './waste.jobs.ts';
export {
  analyseDay,
  dayReading,
  DEFAULT_DEVIATION_MINUTES,
  DEFAULT_STOP_MINUTES,
  VISIT_SECONDS,
  type AnalysisReading,
} from './use-cases/analysis.ts';

export const wasteModule: ServerModule = {
  name: 'waste',
  routes: wasteRoutes,
  publicRoutes: publicWasteRoutes,
  hooks: () => {
    registerCaseStepHook('decide', revokeOnDecision);
    registerWasteTheme();
  },
  jobs: WASTE_JOB_HANDLERS,
  schedule: scheduleWasteDaily,
};
