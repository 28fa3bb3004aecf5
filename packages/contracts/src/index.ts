// Request/response schemas shared by the server and the web console.
export * from './common.ts';
export * from './org.ts';
export * from './staff.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './law.ts';
export * from './cases.ts';
export * from './party-confirmations.ts';
