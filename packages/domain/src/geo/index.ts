export * from './coordinates.ts';
export * from './districts.ts';
