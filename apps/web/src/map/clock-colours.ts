// The command map's colours by clock (CommandMap draws them, the page's legend names them without loading the map).
export const MAP_CLOCKS = ['received', 'running', 'warning', 'overdue', 'paused'] as const;
export type MapClock = (typeof MAP_CLOCKS)[number];
export const CLOCK_LEGEND: readonly (readonly [MapClock, string])[] = [
  ['received', '#1677ff'],
  ['running', '#52c41a'],
  ['warning', '#fa8c16'],
  ['overdue', '#cf1322'],
  ['paused', '#8c8c8c'],
];
