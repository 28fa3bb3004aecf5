// E12 on the case: a decision (ordinary or 当场) rests on verified law, or on the article a legal reviewer confirmed for
// this case (confirmLegalBasis). The offence's basis is read live from the library with its versions.
import { versionInForce } from '../law/versions.ts';
import { confirmationTextCheck, decisionBasisCheck, unverifiedBasis, type BasisCheck } from '../law/verified-basis.ts';
import type { CaseOffenceVersion, CaseSnapshot } from './case-snapshot.ts';
import { block, blockFromLines } from './case.errors.ts';
import type { CaseGuard } from './case.guards.ts';
import { decisionOutcome } from './case.guards.decision.ts';

/** The offence version the case's act is judged under (in force on the act date): its basis is what is printed. */
export function actVersion(s: CaseSnapshot): CaseOffenceVersion | undefined {
  return versionInForce(s.offence.versions ?? [], s.act.actDate);
}

/**
 * What a decision would print: null when the library gave no basis for the version (a snapshot built without the
 * library, as in the domain's own fixtures), else E12's answer with the case's confirmation.
 */
export function caseBasisCheck(s: CaseSnapshot): BasisCheck | null {
  const v = actVersion(s);
  if (!v?.basis) return null;
  return decisionBasisCheck(v.basis, v.versionId, s.lawBasisConfirmation);
}

function basisVerified(s: CaseSnapshot) {
  const r = caseBasisCheck(s);
  return !r || r.ok ? null : blockFromLines([r.line], 'E12', 'lawBasisConfirmation');
}

/** E12 — 处罚法 Arts. 38, 59: the 决定书 states its legal basis; an unverified one only once confirmed for the case. */
export const decisionBasisVerified: CaseGuard<'decide'> = (s, input) =>
  decisionOutcome(s, input) === 'transfer_judicial' ? null : basisVerified(s);

/** E12 for the 当场处罚决定书 (Art. 52 「行政处罚的种类和依据」). */
export const summaryBasisVerified: CaseGuard<'issueSummaryDecision'> = (s) => basisVerified(s);

/** confirmLegalBasis: there is something unverified to confirm, and the texts name an article. */
export const confirmationNeeded: CaseGuard<'confirmLegalBasis'> = (s, input) => {
  const v = actVersion(s);
  if (!v?.basis || unverifiedBasis(v.basis).length === 0) {
    return block(
      'E12',
      '行政处罚法 Art. 58, Art. 59',
      '本案案由的违则、罚则均已核实，无需法制审核确认条文',
      'The offence of this case rests on verified law: there is nothing to confirm',
      'offenceCode',
    );
  }
  if (s.lawBasisConfirmation?.offenceVersionId === v.versionId) {
    return block(
      'E12',
      '行政处罚法 Art. 58, Art. 59',
      `法制审核人员已于 ${s.lawBasisConfirmation.confirmedOn} 确认本案条文`,
      `A legal reviewer confirmed the articles of this case on ${s.lawBasisConfirmation.confirmedOn}`,
      'lawBasisConfirmation',
    );
  }
  if (!input) return null;
  const t = confirmationTextCheck(input);
  return t.ok ? null : blockFromLines([t.line], 'E12', t.field);
};
