// Public entry of the legal engine (LEGAL-RULES.md §10). Pure functions: dates, the working-day calendar
// and the LegalConfig are parameters. Other modules and outside tools import from here.

/** Shared types: party types, penalty types, rule lines (每行注明规则编号与法条), money in fen. */
export * from './types.ts';
/** LegalInputError: bad input names the field and the rule; assertLegalInput / assertFen throw it. */
export * from './errors.ts';
/** LegalConfig and SHANGHAI_DEFAULTS: every P/U value with its source and verification mark. */
export * from './config.ts';
/** deadline(start, period, calendar): working-day and calendar periods (处罚法 Art. 85; 民法典 Arts. 201–203). */
export * from './deadlines.ts';
/** Named deadlines: B4, C2, C3, D2, D5, D6, E4, F1, F4, H3, I1, I2, I4, I5, I6. */
export * from './procedure-deadlines.ts';
/** G1 payment deadline, G2 surcharge (3%/day, capped, paused in review/litigation), G3 court-enforcement window. */
export * from './enforcement.ts';
/** B1 summary procedure allowed, B4 on-the-spot collection. */
export * from './summary-procedure.ts';
/** B3 review-first remedy text, J1 ordinary remedy clause and review body, J2 missing-notice flag. */
export * from './remedy.ts';
/** C4 limitation period (2 / 5 years, continuing violations from their end). */
export * from './limitation.ts';
/** D3 no heavier penalty after a statement, D4 hearing right. */
export * from './pre-decision.ts';
/** E1 legal review, E2 collective deliberation, E3 outcomes, E6 one fine per act / highest-fine norm. */
export * from './decision.ts';
/** E7 mandatory no-penalty, E8 first-violation exemption and exemption-list matching, E9 mitigation, E10 education first. */
export * from './exemptions.ts';
/** Art. 37 从旧兼从轻: applicable rule version between act date and decision date. */
export * from './versions.ts';
/** 裁量基准 tiers: validation against the statutory range and selection. */
export * from './discretion-tiers.ts';
/** The discretion calculator combining all of the above. */
export * from './discretion.ts';
/** Statute citations in the Chinese form: formatCitationZh, parseArticleRef, lawFullName (docs/ui-text.md). */
export * from './citation.ts';
/** E12 the legal basis of a decision is verified law, or confirmed for the case by a legal reviewer. */
export * from './verified-basis.ts';
