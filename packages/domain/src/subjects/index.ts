// Public entry of 执法对象监管 and 双随机一公开 (REQUIREMENTS.md R9, R10). Pure functions: dates and the draw's seed are
// parameters. docs/random-inspections.md describes the draw byte by byte, the risk rule data and the checklist model.

/** Subject kinds (沿街商户 … 物业服务企业), the identity and licences each needs (local defaults), the record type. */
export * from './subject.ts';
/** validateSubject (credit code, ID number, plate, licences — each issue names its field), licence states. */
export * from './subject-validation.ts';
/** normalizeAddress / normalizeSubjectName for de-duplication; Shanghai districts and former districts as data. */
export * from './address.ts';
/** findDuplicateSubjects: same credit code (same kind), same plate, or same normalised address and name. */
export * from './duplicates.ts';
/** Risk rule data: scales (三色, A/B/C/D), conditions, DEFAULT_RISK_RULE_SET (local default, U), checkRiskRuleSet. */
export * from './risk-rules.ts';
/** gradeSubject (level + fired rule + evidence), diffRiskGradings, manual overrides with reason and approver. */
export * from './risk-grading.ts';
/** Draw seed commitment and reveal check, the SM3 counter-mode generator, Fisher–Yates. */
export * from './draw-random.ts';
/** Canonical order of the draw's pools (FNV-1a 32, then id) and DrawInputError. */
export * from './canonical-order.ts';
/** runDraw: targets per risk level, two-person teams, assignment; refusals name the shortage. */
export * from './draw.ts';
/** checkPublishedDraw: the public page's checks (input digest, seed against commitment, re-run) on published data. */
export * from './draw-verify.ts';
/** Checklists per inspection matter, combineVisit (综合查一次), scoreVisit. */
export * from './checklist.ts';
