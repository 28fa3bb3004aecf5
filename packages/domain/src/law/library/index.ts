// Pure helpers of the legal standards library (storage-side validation; money is in ../../money.ts).
export * from './overlap.ts';
