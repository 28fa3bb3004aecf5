import type { MessageItem, MessageListQuery, MessageProviderInfo, PageOf } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { listMessages, type MessageListRow } from '../messaging.repository.ts';
import { messageProviderOf } from '../send-message.ts';
import { shanghaiInstant } from '../../../shared/time.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

function toItem(r: MessageListRow): MessageItem {
  return {
    id: r.id,
    createdAt: iso(r.created_at),
    channel: r.channel,
    recipient: r.to_address,
    purpose: r.purpose,
    text: r.text,
    provider: r.provider,
    providerId: r.provider_id,
    status: r.status,
    error: r.error,
    deliveredAt: r.delivered_at ? iso(r.delivered_at) : null,
    caseId: r.case_id,
    caseNumber: r.case_number,
  };
}

/** The outbox of the administrator's jurisdiction, newest first. */
export async function listOutbox(deps: Deps, actor: Actor, query: MessageListQuery, maxPageSize = 200): Promise<PageOf<MessageItem>> {
  assertPermission(actor, 'message:read');
  if (query.fromDate && query.toDate && query.toDate < query.fromDate) {
    throw fieldError('toDate', '结束日期早于开始日期', 'toDate is before fromDate');
  }
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const { items, total } = await listMessages(
    deps.db,
    {
      jurisdictionPath: actor.jurisdictionPath,
      seesUnowned: actor.jurisdictionPath.split('/').filter(Boolean).length === 1,
      ...(query.purpose ? { purpose: query.purpose } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.recipient?.trim() ? { recipient: query.recipient.trim() } : {}),
      ...(query.caseId ? { caseId: query.caseId } : {}),
      ...(query.keyword?.trim() ? { keyword: query.keyword.trim() } : {}),
      ...(query.fromDate ? { from: shanghaiInstant(query.fromDate) } : {}),
      ...(query.toDate ? { to: new Date(shanghaiInstant(query.toDate).getTime() + 86_400_000) } : {}),
    },
    page,
    pageSize,
  );
  return { items: items.map(toItem), total, page, pageSize };
}

export function providerInfo(deps: Deps, actor: Actor): MessageProviderInfo {
  assertPermission(actor, 'message:read');
  const p = messageProviderOf(deps);
  return { name: p.name, local: p.local };
}

const PURPOSE: Record<MessageItem['purpose'], string> = { otp: '验证码', service: '电子送达', reminder: '提醒', notice: '通知' };
const STATUS: Record<MessageItem['status'], string> = { sent: '已发送（待回执）', delivered: '已送达', failed: '发送失败' };

const COLUMNS: XlsxColumn<MessageItem>[] = [
  { header: '时间', value: (m) => m.createdAt, width: 26 },
  { header: '通道', value: (m) => `${m.provider}（${m.channel === 'sms' ? '短信' : '电子邮件'}）`, width: 16 },
  { header: '收件人', value: (m) => m.recipient, width: 22 },
  { header: '用途', value: (m) => PURPOSE[m.purpose], width: 10 },
  { header: '内容', value: (m) => m.text, width: 60 },
  { header: '状态', value: (m) => STATUS[m.status], width: 14 },
  { header: '送达时间', value: (m) => m.deliveredAt, width: 26 },
  { header: '案件编号', value: (m) => m.caseNumber, width: 30 },
  { header: '通道消息号', value: (m) => m.providerId, width: 44 },
  { header: '失败原因', value: (m) => m.error, width: 30 },
];

export async function exportOutbox(deps: Deps, actor: Actor, query: MessageListQuery): Promise<Buffer> {
  const page = await listOutbox(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  const local = messageProviderOf(deps).local;
  return toXlsx(local ? '发件箱（本地通道，未实际发送）' : '发件箱', COLUMNS, page.items);
}
