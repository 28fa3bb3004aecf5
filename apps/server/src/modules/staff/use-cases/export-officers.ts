import type { Officer, OfficerListQuery } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { ROLE_LABELS } from '../../auth/index.ts';
import { listOfficers } from './list-officers.ts';

const STATUS_ZH: Record<Officer['credentialStatus'], string> = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期',
  not_yet_valid: '未生效',
  revoked: '已吊销',
  missing: '无执法证',
};

const COLUMNS: XlsxColumn<Officer>[] = [
  { header: '姓名', value: (o) => o.name, width: 12 },
  { header: '工号', value: (o) => o.employeeNo },
  { header: '所属机构', value: (o) => o.orgName, width: 30 },
  { header: '职务', value: (o) => o.title },
  { header: '角色', value: (o) => o.roles.map((r) => ROLE_LABELS[r].name).join('、'), width: 24 },
  { header: '手机（脱敏）', value: (o) => o.phone },
  { header: '登录名', value: (o) => o.username },
  { header: '执法证状态', value: (o) => STATUS_ZH[o.credentialStatus] },
  { header: '执法证号', value: (o) => o.credentials.map((c) => c.number).join('、'), width: 24 },
  { header: '有效期至', value: (o) => o.credentials.map((c) => c.validTo).join('、'), width: 24 },
  { header: '在岗', value: (o) => (o.active ? '是' : '否'), width: 8 },
];

/** The whole filtered list (not just one page) as an Excel workbook. */
export async function exportOfficers(deps: Deps, actor: Actor, query: OfficerListQuery): Promise<Buffer> {
  const page = await listOfficers(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('人员与执法证', COLUMNS, page.items);
}
