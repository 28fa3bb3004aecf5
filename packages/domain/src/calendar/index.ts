// Legal dates and the working-day calendar (pure; the data is a parameter or loaded from the package).
export * from './legal-date.ts';
export * from './work-calendar.ts';
export * from './chinese-days.ts';
