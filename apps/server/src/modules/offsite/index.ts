// 非现场执法 off-site enforcement (REQUIREMENTS.md R5; docs/offsite.md): the device register with rule A5 (处罚法
// Art. 41) and E11, the signed device intake with its simulator, and the review queue (技术与法律二审合一) whose
// confirmation registers an off-site case with the images as evidence and tells the party.
import type { ServerModule } from '../../platform/server-module.ts';
import { registerOffsiteTheme } from './offsite.cockpit.ts';
import { offsiteRoutes, publicOffsiteRoutes } from './offsite.routes.ts';

export type { OffsiteTables } from './offsite.tables.ts';
/** The intake and the signed fields, for the generator, the bench and the contract test of an outside device. */
export { INTAKE_PATH, partyKeyOf, receiveDeviceEvent, signedFieldsOf } from './intake.ts';
export { playSimulator, type DeviceTransport } from './simulator.ts';

export const offsiteModule: ServerModule = {
  name: 'offsite',
  routes: offsiteRoutes,
  publicRoutes: publicOffsiteRoutes,
  hooks: registerOffsiteTheme,
};
