// The contracts repeat the domain's case vocabularies (the contracts package has no dependency on the domain);
// these lines stop compiling when the two lists drift apart (a medium test also compares their order).
import type {
  CaseActionCode,
  CaseDeadlineKindCode,
  CaseDeadlineStateCode,
  CaseSourceCode,
  CaseStateCode,
  DecisionOutcomeCode,
  EvidenceTypeCode,
  ProcedureCode,
  ServiceMethodCode,
} from '@chengguan/contracts';
import type {
  CaseAction,
  CaseDeadlineKind,
  CaseDeadlineState,
  CaseSource,
  CaseState,
  DecisionOutcome,
  EvidenceType,
  Procedure,
  ServiceMethod,
} from '@chengguan/domain';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const CASE_VOCABULARIES_AGREE: [
  Same<CaseState, CaseStateCode>,
  Same<CaseAction, CaseActionCode>,
  Same<Procedure, ProcedureCode>,
  Same<CaseSource, CaseSourceCode>,
  Same<EvidenceType, EvidenceTypeCode>,
  Same<DecisionOutcome, DecisionOutcomeCode>,
  Same<ServiceMethod, ServiceMethodCode>,
  Same<CaseDeadlineKind, CaseDeadlineKindCode>,
  Same<CaseDeadlineState, CaseDeadlineStateCode>,
] = [true, true, true, true, true, true, true, true, true];
