// Public entry of the domain rules. Every export here is pure: no I/O, time and randomness are parameters.
export * from './org/org-kinds.ts';
export * from './crypto/sm3.ts';
export * from './audit/chain.ts';
export * from './ids/uuid7.ts';
export * from './party/identity.ts';
export * from './staff/credential.ts';
export * from './auth/password-policy.ts';
export * from './org/jurisdiction.ts';
export * from './calendar/index.ts';
export * from './law/index.ts';
export * from './law/library/index.ts';
export * from './cases/index.ts';
export * from './documents/index.ts';
export * from './disclosure/index.ts';
export * from './portal/index.ts';
export * from './payments/index.ts';
export * from './random/prng.ts';
