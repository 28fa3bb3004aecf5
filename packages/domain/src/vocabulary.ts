// The small, dependency-free part of the domain that the console and the API contracts import directly:
// case states and actions, the party identity checks (GB 11643 / GB 32100) and the audit checkpoint reasons. One definition serves
// server, contracts and browser.
export * from './cases/case-states.ts';
export * from './party/identity.ts';
export * from './cases/party-name.ts';
export * from './money.ts';
export { CHECKPOINT_REASONS, type CheckpointReason } from './audit/checkpoint-reasons.ts';
export * from './law/citation.ts';
export * from './text/ui-text.ts';
