// Public entry of 综合指挥 coordination (REQUIREMENTS.md R13; docs/coordination.md): joint work orders with partner
// departments, coordinated actions across squads, 移送 grounds. Pure: instants are parameters.
export * from './joint-order-machine.ts';
export * from './joint-order-clocks.ts';
export * from './joint-actions.ts';
export * from './transfer-basis.ts';
