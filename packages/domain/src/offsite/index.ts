// Public entry of 非现场执法 (REQUIREMENTS.md R5): which device evidence may found a case (A5, E11) and the grouping of
// repeat events (处罚法 Art. 29). Pure: dates, instants and the rules are parameters.
export * from './devices.ts';
export * from './events.ts';
