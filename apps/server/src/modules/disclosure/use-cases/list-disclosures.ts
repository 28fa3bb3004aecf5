import {
  DISCLOSURE_CHANGE_ZH,
  DISCLOSURE_STATE_ZH,
  type DisclosureContent,
  type DisclosureItem,
  type DisclosureListQuery,
  type DisclosureWithdrawal,
  type PageOf,
} from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { listConsoleDisclosures, type DisclosureRow, type DisclosureListRow } from '../disclosure.repository.ts';

export function withdrawalOf(r: DisclosureRow): DisclosureWithdrawal | null {
  if (!r.change_kind || !r.change_on) return null;
  return {
    kind: r.change_kind,
    kindText: DISCLOSURE_CHANGE_ZH[r.change_kind],
    changeOn: r.change_on,
    body: r.change_body ?? '',
    reason: r.change_reason ?? '',
    withdrawnOn: r.withdrawn_on,
  };
}

/** I1 / I2 overdue as of today: still not done after the due day, or done after it. */
export function overdueOf(r: DisclosureRow, today: string): DisclosureItem['overdue'] {
  // The withdrawal is the later duty: once a change is recorded it is what counts.
  if (r.withdrawal_due_on && r.state === 'withdrawal_pending' && today > r.withdrawal_due_on) return 'withdrawal';
  if (r.withdrawal_due_on && r.withdrawn_on && r.withdrawn_on > r.withdrawal_due_on) return 'withdrawal';
  if (r.state === 'pending' && today > r.publish_due_on) return 'publish';
  if (r.published_on && r.published_on > r.publish_due_on) return 'publish';
  return null;
}

function toItem(r: DisclosureListRow, today: string): DisclosureItem {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    orgName: r.org_name,
    documentNumber: r.document_number,
    agencyName: r.agency_name,
    decidedOn: r.decided_on,
    state: r.state,
    publishDueOn: r.publish_due_on,
    publishedOn: r.published_on,
    publicUntil: r.public_until,
    withdrawalDueOn: r.withdrawal_due_on,
    withdrawnOn: r.withdrawn_on,
    overdue: overdueOf(r, today),
    content: r.content as DisclosureContent,
    withdrawal: withdrawalOf(r),
  };
}

/** 公示管理: entries of the actor's jurisdiction (by the handling squad), newest decision first. */
export async function listDisclosures(
  deps: Deps,
  actor: Actor,
  query: DisclosureListQuery,
  maxPageSize = 200,
): Promise<PageOf<DisclosureItem>> {
  assertPermission(actor, 'disclosure:read');
  if (query.fromDate && query.toDate && query.toDate < query.fromDate)
    throw fieldError('toDate', '结束日期早于开始日期', 'toDate is before fromDate');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const today = shanghaiDate(deps.clock.now());
  const { items, total } = await listConsoleDisclosures(
    deps.db,
    {
      jurisdictionPath: actor.jurisdictionPath,
      ...(query.state ? { state: query.state } : {}),
      ...(query.overdue ? { overdueOn: today } : {}),
      ...(query.fromDate ? { fromDate: query.fromDate } : {}),
      ...(query.toDate ? { toDate: query.toDate } : {}),
      ...(query.keyword?.trim() ? { keyword: query.keyword.trim() } : {}),
    },
    page,
    pageSize,
  );
  return { items: items.map((r) => toItem(r, today)), total, page, pageSize };
}

const OVERDUE_ZH = { publish: '公示逾期（I1）', withdrawal: '撤回逾期（I2）' } as const;

const COLUMNS: XlsxColumn<DisclosureItem>[] = [
  { header: '决定书文号', value: (d) => d.documentNumber, width: 32 },
  { header: '执法机关', value: (d) => d.agencyName, width: 30 },
  { header: '承办单位', value: (d) => d.orgName, width: 20 },
  { header: '决定日期', value: (d) => d.decidedOn, width: 12 },
  { header: '状态', value: (d) => DISCLOSURE_STATE_ZH[d.state], width: 10 },
  { header: '公示期限（I1）', value: (d) => d.publishDueOn, width: 14 },
  { header: '公示日期', value: (d) => d.publishedOn, width: 12 },
  { header: '公示截止', value: (d) => d.publicUntil, width: 12 },
  { header: '撤回期限（I2）', value: (d) => d.withdrawalDueOn, width: 14 },
  { header: '撤回日期', value: (d) => d.withdrawnOn, width: 12 },
  { header: '逾期', value: (d) => (d.overdue ? OVERDUE_ZH[d.overdue] : null), width: 16 },
  { header: '当事人（公示）', value: (d) => d.content.partyName, width: 24 },
  { header: '处罚内容', value: (d) => d.content.penalty, width: 24 },
  { header: '撤回原因', value: (d) => (d.withdrawal ? `${d.withdrawal.kindText}：${d.withdrawal.reason}` : null), width: 40 },
];

export async function exportDisclosures(deps: Deps, actor: Actor, query: DisclosureListQuery): Promise<Buffer> {
  const page = await listDisclosures(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('行政执法公示', COLUMNS, page.items);
}
