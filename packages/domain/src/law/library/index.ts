// Pure helpers of the legal standards library (storage-side validation and spreadsheet money).
export * from './overlap.ts';
export * from './money.ts';
