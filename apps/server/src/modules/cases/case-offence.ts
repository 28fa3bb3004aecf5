// The offence of a case from the law library: the version in force on the act date, with every version of its code
// so the case rules apply 处罚法 Art. 37 on the day of the notice or decision (a lighter later version, or a repeal
// with no successor: not punishable).
import type { CaseFlagsBody, EnforcementDomain } from '@chengguan/contracts';
import type { CaseFlags, CaseOffence, CaseOffenceVersion, LawMark, PenaltyType } from '@chengguan/domain';
import type { Executor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { type OffenceVersionRow, offenceVersionsByCode } from '../law/index.ts';

export type CaseOffenceRow = { row: OffenceVersionRow; offence: CaseOffence };

/** The library's versions of one offence as the case rules read them (Art. 37). */
export function caseOffenceVersions(rows: readonly OffenceVersionRow[]): CaseOffenceVersion[] {
  return rows.map((r) => ({
    versionId: r.id,
    effectiveFrom: r.effective_from,
    ...(r.effective_to ? { effectiveUntil: r.effective_to } : {}),
    illegal: r.illegal,
    minFineFen: r.min_fine_fen ?? 0,
    maxFineFen: r.max_fine_fen ?? 0,
    provision: r.penalty_provision,
    penaltyTypes: r.penalty_types as PenaltyType[],
    ...(r.min_fine_fen !== null && r.max_fine_fen !== null ? { statutoryRange: { minFen: r.min_fine_fen, maxFen: r.max_fine_fen } } : {}),
    // E12: what a decision would print, with the marks the library gives it.
    basis: {
      offenceCode: r.code,
      offenceName: r.name,
      offenceMark: r.verification as LawMark,
      violatedProvision: r.violated_provision,
      violatedMark: r.violated_mark as LawMark | null,
      penaltyProvision: r.penalty_provision,
      penaltyMark: r.penalty_mark as LawMark | null,
    },
  }));
}

/**
 * Every version of the offence now in the library (read on each load, so a repeal recorded later is seen; with the
 * law revision read with the case row, as this process read them at that revision).
 */
export async function offenceVersionsOf(db: Executor, code: string, lawRevision?: string): Promise<CaseOffenceVersion[]> {
  return caseOffenceVersions(await offenceVersionsByCode(db, code, lawRevision));
}

export async function offenceOnOrFail(db: Executor, code: string, actDate: string, field = 'offenceCode'): Promise<CaseOffenceRow> {
  const versions = await offenceVersionsByCode(db, code);
  const inForce = versions.filter((v) => v.effective_from <= actDate && (v.effective_to === null || v.effective_to >= actDate)).at(-1);
  if (!inForce) {
    const known = versions.length > 0;
    throw new AppError('VALIDATION_FAILED', {
      field,
      rule: known ? 'LEGALITY 行政处罚法 Art. 37, Art. 38' : undefined,
      message: known ? `${field}：案由 ${code} 在违法行为发生日 ${actDate} 没有有效版本` : `${field}：案由 ${code} 不存在`,
      messageEn: known ? `${field}: offence ${code} has no version in force on ${actDate}` : `${field}: no offence ${code}`,
      details: [
        { field, message: known ? '违法行为发生时无有效规定' : '案由不存在', messageEn: known ? 'no version in force' : 'unknown offence' },
      ],
    });
  }
  return {
    row: inForce,
    offence: {
      code: inForce.code,
      domain: inForce.domain as EnforcementDomain,
      provision: inForce.penalty_provision,
      penaltyTypes: inForce.penalty_types as PenaltyType[],
      ...(inForce.min_fine_fen !== null && inForce.max_fine_fen !== null
        ? { statutoryRange: { minFen: inForce.min_fine_fen, maxFen: inForce.max_fine_fen } }
        : {}),
      finesOnlyAfterRefusal: inForce.fines_only_after_refusal,
      requiresDirectPenalty: false,
      versions: caseOffenceVersions(versions),
    },
  };
}

/** What the officers judged; unstated facts default to the ordinary case (facts certain, legal basis present, no harm). */
export const DEFAULT_FLAGS: CaseFlags = {
  factsCertain: true,
  legalBasisPresent: true,
  involvesLifeHealthOrFinancialSafety: false,
  harmfulConsequence: false,
  majorPublicInterest: false,
  majorRightsOfPartyOrThirdParty: false,
  complexMultipleLegalRelationships: false,
  complex: false,
  reducedPenalty: false,
  minorViolation: false,
  correctedPromptly: false,
  harm: 'none',
  firstViolation: false,
  provenNoFault: false,
  mentalIncapacityAtAct: false,
  minorOrCurable: false,
  correctionOrdered: false,
  refusedToCorrect: false,
  otherSeriousPenalty: false,
};

export function mergeFlags(base: CaseFlags, body: CaseFlagsBody | undefined): CaseFlags {
  if (!body) return base;
  const defined = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<CaseFlags>;
  return { ...base, ...defined };
}
