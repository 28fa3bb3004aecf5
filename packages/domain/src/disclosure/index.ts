/** I1 publication rule, I2 withdrawal grounds, redaction of published decisions. */
export * from './publication.ts';
export * from './redaction.ts';
