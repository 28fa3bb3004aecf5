// Request/response schemas shared by the server and the web console.
export * from './common.ts';
export * from './formats.ts';
export * from './org.ts';
export * from './staff.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './law.ts';
export * from './cases.ts';
export * from './party-confirmations.ts';
export * from './messaging.ts';
export * from './portal.ts';
export * from './disclosure.ts';
export * from './payments.ts';
export * from './service.ts';
export * from './enforcement.ts';
export * from './documents.ts';
export * from './files.ts';
