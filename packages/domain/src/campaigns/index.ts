export * from './point.machine.ts';
