import type {
  DiscretionStandard,
  EventCategory,
  ExemptionItem,
  Guidance,
  GuidingCase,
  Offence,
  Provision,
  TierConditions,
} from '@chengguan/contracts';
import type { EnforcementDomain } from '@chengguan/contracts';
import type { OffenceRow, ProvisionRow, TierRow } from './law-library.repository.ts';
import type { ExemptionRow, GuidanceRow, GuidingCaseRow } from './law-guidance.repository.ts';

type Mark = 'V' | 'P' | 'U';
const iso = (d: Date) => new Date(d).toISOString();
const provenance = (r: { verification: string; source: string; note: string | null; created_at: Date; updated_at: Date }) => ({
  verification: r.verification as Mark,
  source: r.source,
  note: r.note,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** 《上海市生活垃圾管理条例》第57条第2款第1项 */
export function citationOf(p: { law_title: string; article: number; paragraph: number | null; item: number | null }): string {
  return `《${p.law_title}》第${p.article}条${p.paragraph ? `第${p.paragraph}款` : ''}${p.item ? `第${p.item}项` : ''}`;
}

export function toProvision(r: ProvisionRow): Provision {
  return {
    id: r.id,
    lawTitle: r.law_title,
    level: r.level as Provision['level'],
    issuer: r.issuer,
    article: r.article,
    paragraph: r.paragraph,
    item: r.item,
    citation: citationOf(r),
    text: r.text,
    effectiveFrom: r.effective_from,
    repealedOn: r.repealed_on,
    ...provenance(r),
  };
}

export function toOffence(r: OffenceRow): Offence {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    domain: r.domain as EnforcementDomain,
    violatedProvision: r.violated_provision,
    violatedProvisionId: r.violated_provision_id,
    penaltyProvision: r.penalty_provision,
    penaltyProvisionId: r.penalty_provision_id,
    penaltyTypes: r.penalty_types as Offence['penaltyTypes'],
    minFineFen: r.min_fine_fen,
    maxFineFen: r.max_fine_fen,
    finesOnlyAfterRefusal: r.fines_only_after_refusal,
    illegal: r.illegal,
    offsiteEligible: r.offsite_eligible,
    eventCategory: r.event_category as EventCategory | null,
    keywords: r.keywords,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    ...provenance(r),
  };
}

export function toDiscretionStandard(r: TierRow): DiscretionStandard {
  return {
    id: r.id,
    offenceId: r.offence_id,
    offenceCode: r.offence_code,
    offenceName: r.offence_name,
    offenceEffectiveFrom: r.offence_effective_from,
    level: r.level as DiscretionStandard['level'],
    label: r.label,
    conditionsText: r.conditions_text,
    conditions: (r.conditions ?? {}) as TierConditions,
    minFen: r.min_fen,
    maxFen: r.max_fen,
    sortOrder: r.sort_order,
    ...provenance(r),
  };
}

export function toExemptionItem(r: ExemptionRow): ExemptionItem {
  return {
    id: r.id,
    listName: r.list_name,
    itemNo: r.item_no,
    provision: r.provision,
    provisionId: r.provision_id,
    offenceCode: r.offence_code,
    behaviour: r.behaviour,
    conditionsText: r.conditions_text,
    conditions: r.conditions as ExemptionItem['conditions'],
    effect: r.effect as ExemptionItem['effect'],
    keywords: r.keywords,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    ...provenance(r),
  };
}

const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function toGuidance(r: GuidanceRow): Guidance {
  return {
    id: r.id,
    offenceCode: r.offence_code,
    title: r.title,
    steps: texts(r.steps),
    evidence: texts(r.evidence),
    documents: texts(r.documents),
    checklist: texts(r.checklist),
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    ...provenance(r),
  };
}

export function toGuidingCase(r: GuidingCaseRow): GuidingCase {
  return {
    id: r.id,
    title: r.title,
    offenceCode: r.offence_code,
    caseNumber: r.case_number,
    publishedOn: r.published_on,
    withdrawnOn: r.withdrawn_on,
    facts: r.facts,
    outcome: r.outcome,
    keyPoints: r.key_points,
    ...provenance(r),
  };
}
