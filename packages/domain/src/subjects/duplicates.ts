// Duplicate check for subject records (「一店一档」: one record per subject). Returns candidates with the reason; a
// person decides whether to merge. Reasons: the same credit code within the same kind (a company owns vehicles that
// carry its code, so vehicles compare by plate instead), the same plate, or the same normalised address and name.
import { normalizeAddress, normalizeSubjectName, SHANGHAI_ADDRESS_DISTRICTS, type AddressDistricts } from './address.ts';
import type { Subject } from './subject.ts';
import { normalizePlate } from './subject-validation.ts';

export type DuplicateReason = 'same_credit_code' | 'same_plate' | 'same_address_and_name';

export type DuplicateCandidate = { id: string; reasons: DuplicateReason[] };

export type DuplicateCheckSubject = Pick<Subject, 'id' | 'kind' | 'name' | 'address' | 'creditCode' | 'plateNumber'>;

const REASON_ZH: Readonly<Record<DuplicateReason, string>> = {
  same_credit_code: '统一社会信用代码相同',
  same_plate: '车牌号码相同',
  same_address_and_name: '名称和地址相同',
};

export function duplicateReasonZh(reason: DuplicateReason): string {
  return REASON_ZH[reason];
}

/** Districts agree when both are named and equal, or when one record does not name its district. */
function districtsAgree(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

/**
 * The existing records that may be the same subject as `candidate`, sorted by id, each with every reason that applies.
 * A record with the candidate's own id is skipped (editing a record does not find itself).
 */
export function findDuplicateSubjects(
  candidate: DuplicateCheckSubject,
  existing: readonly DuplicateCheckSubject[],
  districts: AddressDistricts = SHANGHAI_ADDRESS_DISTRICTS,
): DuplicateCandidate[] {
  const credit = candidate.creditCode?.trim().toUpperCase() ?? '';
  const plate = candidate.plateNumber ? normalizePlate(candidate.plateNumber) : '';
  const address = normalizeAddress(candidate.address, districts);
  const name = normalizeSubjectName(candidate.name);
  const out: DuplicateCandidate[] = [];
  for (const other of existing) {
    if (other.id === candidate.id) continue;
    const reasons: DuplicateReason[] = [];
    const isVehicle = candidate.kind === 'waste_transport_vehicle';
    if (!isVehicle && credit !== '' && other.kind === candidate.kind && other.creditCode?.trim().toUpperCase() === credit) {
      reasons.push('same_credit_code');
    }
    if (plate !== '' && other.plateNumber && normalizePlate(other.plateNumber) === plate) reasons.push('same_plate');
    const otherAddress = normalizeAddress(other.address, districts);
    if (
      name !== '' &&
      address.key !== '' &&
      otherAddress.key === address.key &&
      districtsAgree(otherAddress.district, address.district) &&
      normalizeSubjectName(other.name) === name
    ) {
      reasons.push('same_address_and_name');
    }
    if (reasons.length > 0) out.push({ id: other.id, reasons });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
