// Public entry of 建筑垃圾 supervision (REQUIREMENTS.md R14): cleaning a truck's GPS batch, stops, and the 处置核准
// that ties site, carrier, vehicles, disposal site and route (两点一线). Pure: thresholds are parameters.
export * from './track.ts';
export * from './permits.ts';
export * from './cells.ts';
