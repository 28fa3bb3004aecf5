import { CASE_SOURCE_ZH, ENFORCEMENT_DOMAIN_ZH, type CaseListItem, type CaseListQuery } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { listCases } from './list-cases.ts';
import { fenToYuan } from '@chengguan/domain';

const COLUMNS: XlsxColumn<CaseListItem>[] = [
  { header: '案件编号', value: (c) => c.caseNumber, width: 30 },
  { header: '程序', value: (c) => (c.procedure === 'summary' ? '简易程序' : '普通程序'), width: 10 },
  { header: '状态', value: (c) => c.stateLabelZh, width: 14 },
  { header: '来源', value: (c) => CASE_SOURCE_ZH[c.source], width: 12 },
  { header: '承办单位', value: (c) => c.orgName, width: 20 },
  { header: '案由编码', value: (c) => c.offenceCode },
  { header: '案由', value: (c) => c.offenceName, width: 36 },
  { header: '执法领域', value: (c) => (c.domain ? ENFORCEMENT_DOMAIN_ZH[c.domain] : null) },
  { header: '当事人（脱敏）', value: (c) => c.partyName },
  { header: '地点', value: (c) => c.location, width: 30 },
  { header: '发现日期', value: (c) => c.discoveredOn, width: 12 },
  { header: '立案日期', value: (c) => c.filedOn, width: 12 },
  { header: '决定日期', value: (c) => c.decidedOn, width: 12 },
  { header: '结案日期', value: (c) => c.closedOn, width: 12 },
  { header: '主办人', value: (c) => c.leadOfficerName, width: 10 },
  { header: '罚款（元）', value: (c) => (c.fineFen === null ? null : fenToYuan(c.fineFen)), width: 12 },
  { header: '逾期', value: (c) => (c.hasOverdue ? '是' : '否'), width: 8 },
  { header: '最近期限', value: (c) => c.nextDeadline?.dueDate ?? null, width: 12 },
];

/** The whole filtered list (not just one page) as an Excel workbook; personal data masked. */
export async function exportCases(deps: Deps, actor: Actor, query: CaseListQuery): Promise<Buffer> {
  const page = await listCases(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS, true);
  return toXlsx('案件', COLUMNS, page.items);
}
