import {
  ENFORCEMENT_STATUS_ZH,
  type EnforcementListItem,
  type EnforcementListQuery,
  type EnforcementStatusCode,
  type PageOf,
} from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { handlesCase, maskPartyName } from '../../cases/index.ts';
import { type EnforcementListRow, listEnforcement as listRows, orgPathOf } from '../enforcement.repository.ts';
import { fenToYuan } from '@chengguan/domain';

/** Without a status filter: every case still to be enforced. */
export const OPEN_ENFORCEMENT_STATUSES: readonly EnforcementStatusCode[] = [
  'awaiting_reminder',
  'reminded',
  'court_window_open',
  'court_deadline_near',
  'review_pending',
];

function toItem(r: EnforcementListRow, unmasked: boolean): EnforcementListItem {
  const status = r.status as EnforcementStatusCode;
  return {
    caseId: r.case_id,
    caseNumber: r.case_number,
    partyName: unmasked ? r.party_name : maskPartyName(r.party_type, r.party_name),
    orgId: r.org_id,
    orgName: r.org_name,
    offenceName: r.offence_name,
    status,
    statusZh: ENFORCEMENT_STATUS_ZH[status],
    fineFen: r.fine_fen,
    surchargeFen: r.surcharge_fen,
    paymentDue: r.payment_due,
    awaitingReminderSince: r.awaiting_reminder_since,
    reminderServedOn: r.reminder_served_on,
    courtOpensOn: r.court_opens_on,
    courtClosesOn: r.court_closes_on,
    courtAppliedOn: r.court_applied_on,
    refreshedOn: r.refreshed_on,
  };
}

/** The 「强制执行」 list of the actor's jurisdiction, paged on the server; the party's name masked unless he handles cases (handlesCase) or it is the export. */
export async function listEnforcementCases(
  deps: Deps,
  actor: Actor,
  query: EnforcementListQuery,
  maxPageSize = 200,
  masked = false,
): Promise<PageOf<EnforcementListItem>> {
  assertPermission(actor, 'case:read');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  // A squad outside the jurisdiction filters to nothing (its path does not start with the actor's).
  const orgPath = query.orgId ? ((await orgPathOf(deps.db, query.orgId)) ?? '/none/') : undefined;
  const { items, total } = await listRows(
    deps.db,
    {
      jurisdictionPath: actor.jurisdictionPath,
      statuses: query.status ? [query.status] : OPEN_ENFORCEMENT_STATUSES,
      ...(orgPath ? { orgPath } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    },
    pageSize,
    (page - 1) * pageSize,
  );
  const unmasked = !masked && handlesCase(actor);
  return { items: items.map((r) => toItem(r, unmasked)), total, page, pageSize };
}

const COLUMNS: XlsxColumn<EnforcementListItem>[] = [
  { header: '案件编号', value: (c) => c.caseNumber, width: 30 },
  { header: '执行状态', value: (c) => c.statusZh, width: 16 },
  { header: '承办单位', value: (c) => c.orgName, width: 20 },
  { header: '当事人（脱敏）', value: (c) => c.partyName },
  { header: '案由', value: (c) => c.offenceName, width: 36 },
  { header: '罚款（元）', value: (c) => fenToYuan(c.fineFen), width: 12 },
  { header: '加处罚款（元）', value: (c) => fenToYuan(c.surchargeFen), width: 14 },
  { header: '缴款期限', value: (c) => c.paymentDue, width: 12 },
  { header: '待催告起', value: (c) => c.awaitingReminderSince, width: 12 },
  { header: '催告书送达', value: (c) => c.reminderServedOn, width: 12 },
  { header: '可申请起', value: (c) => c.courtOpensOn, width: 12 },
  { header: '申请期限届满', value: (c) => c.courtClosesOn, width: 14 },
  { header: '已申请', value: (c) => c.courtAppliedOn, width: 12 },
];

export async function exportEnforcementCases(deps: Deps, actor: Actor, query: EnforcementListQuery): Promise<Buffer> {
  const page = await listEnforcementCases(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS, true);
  return toXlsx('强制执行', COLUMNS, page.items);
}
