// Public entry of the case state machines (LEGAL-RULES.md §10 A–J applied to the case workflow).
// Pure: `today`, the working-day calendar and the LegalConfig are parameters (CaseContext).

/** States, actions and the named sets (CLOSABLE_CASE_STATES, DEADLINE_PAUSING_STATES, TERMINAL_CASE_STATES, ACTIVE_CASE_STATES …). */
export * from './case-states.ts';
/** The console's warning when a 自然人 is entered under an organisation's name. */
export * from './party-name.ts';
/** CaseSnapshot: the plain data the guards read (the server rebuilds it from its tables); CaseContext. */
export * from './case-snapshot.ts';
/** The typed input of every action (CaseActionInputs), evidence types, case sources. */
export * from './case-inputs.ts';
/** BlockReason and the typed CaseRuleError thrown by assertCanTransition. */
export * from './case.errors.ts';
/** Shared guards (chronology, A1–A5, A8, C4, E6, E7, statutory range and 裁量基准 tier). */
export * from './case.guards.ts';
/** Guards of 事先告知, 陈述申辩 and 听证 (D1, D3–D6). */
export * from './case.guards.hearing.ts';
/** Guards of the decision (C1, D1–D3, D5, D7, E1–E4, E7, E8, E10). */
export * from './case.guards.decision.ts';
/** Guards of the summary procedure (B1–B4). */
export * from './case.guards.summary.ts';
/** Guards after the decision: service, payment, enforcement, closing, archiving (F, G, A6). */
export * from './case.guards.closing.ts';
/** Guards of the F2 consent and of a pending 复议 / 诉讼 (Art. 73). */
export * from './case.guards.service.ts';
/** Guards of filing, end of investigation, legal reviewer, extension and transfer. */
export * from './case.guards.steps.ts';
/** E12: the decision's basis verified or confirmed for the case (confirmLegalBasis). */
export * from './case.guards.basis.ts';
/** CASE_MACHINE: the transition table (from, to, guards, roles, records, deadlines started). */
export * from './case.machine.ts';
/** allowedActions, actionsAllowedNow, evaluateAction, assertCanTransition, nextCaseState. */
export * from './case.evaluate.ts';
/** runningDeadlines and the E4 decision clock (pauses while suspended, extensions). */
export * from './case.deadlines.ts';
/** enforcementView: 待催告 / 已催告 / court window (G1–G3) and the surcharge paused during 复议 / 诉讼. */
export * from './case.enforcement.ts';
/** newCaseSnapshot and applyCaseAction: the reference reducer of what each step writes. */
export * from './case.reducer.ts';
/** 「还需完成」: one sentence and Chinese citation per blocking rule (RULE_SENTENCES), grouped by stillNeeded. */
export * from './case.needs.ts';
/** caseProgress: the procedure's stages with the day each was reached, and the running clocks. */
export * from './case.progress.ts';
