import { maskPhone } from '@chengguan/domain';
import type { Officer } from '@chengguan/contracts';

/** What an audit row keeps of an officer: everything but secrets, with the phone masked. */
export function auditView(o: Officer) {
  return {
    orgId: o.orgId,
    name: o.name,
    employeeNo: o.employeeNo,
    gender: o.gender,
    phone: o.phone === null ? null : maskPhone(o.phone),
    title: o.title,
    legalQualification: o.legalQualification,
    username: o.username,
    roles: o.roles,
    active: o.active,
  };
}
