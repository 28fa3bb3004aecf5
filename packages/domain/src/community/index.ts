export * from './renovation.ts';
export * from './stalls.ts';
