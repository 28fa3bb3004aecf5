import type { SubjectListItem } from '@chengguan/contracts';
import type { SubjectRow } from './subjects.repository.ts';

export const dateText = (d: unknown): string | null =>
  d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

export function toListItem(r: SubjectRow): SubjectListItem {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind as SubjectListItem['kind'],
    name: r.name,
    creditCode: r.credit_code,
    plateNumber: r.plate,
    address: r.address,
    district: r.district,
    orgId: r.org_id,
    orgName: r.org_name,
    bureauId: r.bureau_id,
    riskLevel: r.risk_level,
    licenceState: r.licence_state,
    verified: r.verified,
    lon: r.point_lon,
    lat: r.point_lat,
    status: r.status as SubjectListItem['status'],
    tags: r.tags,
    lastInspectedOn: dateText(r.last_inspected_on),
    nextInspectionOn: dateText(r.next_inspection_on),
    version: r.version,
  };
}
