import type { OrgKind } from '@chengguan/contracts';

/** Which kinds of unit may sit under which: 市局 → 区局/专门单位 → 大队 → 中队. */
export const ALLOWED_CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  city_bureau: ['district_bureau', 'special_unit'],
  district_bureau: ['brigade', 'squad'],
  special_unit: ['brigade', 'squad'],
  brigade: ['squad'],
  squad: [],
};

/** Kinds that own their cases: the distribution key `bureau_id` of a record is the nearest such unit. */
export const BUREAU_KINDS: ReadonlySet<OrgKind> = new Set<OrgKind>(['city_bureau', 'district_bureau', 'special_unit']);

export function canContain(parent: OrgKind, child: OrgKind): boolean {
  return ALLOWED_CHILD_KINDS[parent].includes(child);
}

export const ORG_KIND_LABELS: Record<OrgKind, { zh: string; en: string }> = {
  city_bureau: { zh: '市局', en: 'City bureau' },
  district_bureau: { zh: '区局', en: 'District bureau' },
  special_unit: { zh: '专门执法单位', en: 'Special unit' },
  brigade: { zh: '大队', en: 'Brigade' },
  squad: { zh: '中队', en: 'Squad' },
};
