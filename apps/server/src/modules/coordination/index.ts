// 综合指挥 coordination (REQUIREMENTS.md R13; docs/coordination.md): partner departments and their accounts, joint work
// orders (联合工单) with their clocks, street-wide coordinated actions (联合行动), and the record of every 移送 taken by
// the case machine's transfer step.
import type { ServerModule } from '../../platform/server-module.ts';
import { installCoordinationHooks } from './coordination.hooks.ts';
import { coordinationRoutes } from './coordination.routes.ts';
import { publicPartnerConnectorRoutes } from './connector/connector.routes.ts';
import { PARTNER_JOB_HANDLERS } from './connector/partner-connector.ts';
import { PARTNER_SIM_JOB_HANDLERS } from './connector/simulator.ts';
import { JOINT_ORDER_ALERT_SCAN } from './use-cases/joint-order-alerts.ts';

export type { CoordinationTables } from './coordination.tables.ts';

export const coordinationModule: ServerModule = {
  name: 'coordination',
  routes: coordinationRoutes,
  // A partner department's system files joint orders through the signed connector (docs/coordination.md §5).
  publicRoutes: publicPartnerConnectorRoutes,
  jobs: { ...PARTNER_JOB_HANDLERS, ...PARTNER_SIM_JOB_HANDLERS, ...JOINT_ORDER_ALERT_SCAN.jobs },
  // Overdue alerts of joint orders (docs/coordination.md §3a), every TICKET_ALERT_SCAN_MINUTES.
  schedule: JOINT_ORDER_ALERT_SCAN.schedule,
  hooks: installCoordinationHooks,
};

/** The partner connector, for tests and the start banner. */
export {
  failNextPartnerAnswers,
  partnerAdapter,
  partnerSecret,
  setPartnerTransport,
  PARTNER_INBOUND_PATH,
  PARTNER_SIM_CALLBACK_PATH,
} from './connector/partner-connector.ts';
export { simulatorCallbacks } from './connector/simulator.ts';

export { JOB_JOINT_ORDER_ALERTS, scanJointOrderAlerts } from './use-cases/joint-order-alerts.ts';
