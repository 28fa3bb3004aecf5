// 执法监督 (issue 15): the automated case-file check (B5), sampling, the review sheet, 考核 (B7), proportionality alerts,
// recording coverage. Pure: time and randomness are parameters.
export * from './case-file-check.ts';
export * from './sampling.ts';
export * from './review-sheet.ts';
export * from './scoring.ts';
export * from './proportionality.ts';
export * from './recording-coverage.ts';
