// 诉转案 (issue 13 §5): the handling squad registers a case from a ticket — its content, place, address and receipt
// (the time of discovery), its photos as evidence, the category's likely offence unless the officer chooses one, source
// 投诉举报 with the ticket number — and links both ways, in one transaction with the ticket's timeline event and audit
// row. The case's outcome comes back through the cases module's step hooks (tickets.hooks.ts).
import type { ConvertTicketBody, RegisterCaseBody, TicketDetail } from '@chengguan/contracts';
import { shanghaiDateOf, ticketStep, type TicketState } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { addEvidenceIn, registerCaseIn } from '../../cases/index.ts';
import { insertTicketEvent, type TicketRow } from '../tickets.repository.ts';
import { getTicket } from './read-tickets.ts';
import { lockedTicket } from './steps.ts';

const CHANNEL_SOURCE: Record<string, string> = {
  hotline_12345: '12345热线',
  city_ops: '城运平台',
  portal: '网上投诉',
  officer: '自行发现',
  workroom: '社区工作室',
  open311: 'Open311',
  joint_order: '联合工单',
};

/** 案件来源说明: the channel and the sender's number, with our ticket number. */
export function caseSourceRef(t: Pick<TicketRow, 'channel' | 'external_no' | 'number'>): string {
  const channel = CHANNEL_SOURCE[t.channel] ?? t.channel;
  return (t.external_no ? `${channel} ${t.external_no}（诉件 ${t.number}）` : `${channel}（诉件 ${t.number}）`).slice(0, 100);
}

function caseFacts(t: TicketRow): string {
  const at = new Date(t.received_at);
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const where = t.address ? `，地点：${t.address}` : '';
  return `${local} 受理${CHANNEL_SOURCE[t.channel] ?? t.channel}诉件（${t.number}）反映：${t.content}${where}。`;
}

async function likelyOffence(trx: Parameters<typeof lockedTicket>[0], code: string): Promise<string | null> {
  const cat = await trx.selectFrom('ticket_categories').select(['offence_code', 'parent_code']).where('code', '=', code).executeTakeFirst();
  if (cat?.offence_code) return cat.offence_code;
  if (!cat?.parent_code) return null;
  const parent = await trx.selectFrom('ticket_categories').select('offence_code').where('code', '=', cat.parent_code).executeTakeFirst();
  return parent?.offence_code ?? null;
}

export async function convertTicketToCase(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: ConvertTicketBody,
): Promise<TicketDetail> {
  // 403 before any record is read: the role must both handle tickets and register cases.
  assertPermission(actor, 'case:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const t = await lockedTicket(trx, actor, id, 'convertToCase', 'ticket:write');
    if (t.case_id) {
      throw new AppError('DUPLICATE', {
        message: '该诉件已转为案件',
        messageEn: 'The ticket was already converted into a case',
        details: [{ field: 'id', message: '已转为案件', messageEn: 'already converted' }],
      });
    }
    if (t.parent_id)
      throw new AppError('STATE_CONFLICT', {
        message: '该诉件已并入其他诉件，请在主件上转为案件',
        messageEn: 'Merged: convert the parent',
      });
    const step = ticketStep(t.state as TicketState, 'convertToCase', actor.roles);
    if (!step.ok) throw new AppError('STATE_CONFLICT', { message: step.refusal.messageZh, messageEn: step.refusal.messageEn });
    if (!t.org_id)
      throw new AppError('STATE_CONFLICT', { message: '诉件尚未派遣到中队，不能转为案件', messageEn: 'The ticket has no squad yet' });
    const offenceCode = body.offenceCode ?? (await likelyOffence(trx, t.category_code));
    if (!offenceCode) {
      throw fieldError('offenceCode', '该诉件分类没有配置对应的违法行为，请选择违法行为', 'offenceCode: choose the offence');
    }
    const receiptDay = shanghaiDateOf(new Date(t.received_at));
    const today = shanghaiDate(now);
    const registration: RegisterCaseBody = {
      date: today,
      discoveredOn: receiptDay,
      source: 'complaint',
      sourceRef: caseSourceRef(t),
      orgId: t.org_id,
      offenceCode,
      party: body.party,
      act: { actDate: body.actDate ?? receiptDay },
      location: (t.address ?? `诉件 ${t.number} 所报地点`).slice(0, 300),
      ...(t.point_lon !== null && t.point_lat !== null ? { point: { lon: t.point_lon, lat: t.point_lat, crs: 'wgs84' as const } } : {}),
      facts: body.facts ?? caseFacts(t),
      officerIds: body.officerIds ?? [t.officer_id ?? actor.id],
    };
    if (body.actDate && body.actDate > receiptDay) {
      throw fieldError('actDate', '违法行为日期不能晚于诉件受理日期', 'actDate: after the ticket was received');
    }
    const caseId = (await registerCaseIn(trx, deps, actor, meta, registration)).row.id;
    for (const [i, sm3] of t.photo_sm3s.entries()) {
      await addEvidenceIn(trx, deps, actor, meta, {
        caseId,
        body: { date: today, evidenceType: 'audio_visual', title: `诉件照片 ${i + 1}（${t.number}）`, fileSm3: sm3 },
      });
    }
    const res = await trx
      .updateTable('tickets')
      .set({ case_id: caseId, converted_at: now, updated_at: now })
      .where('id', '=', t.id)
      .where('case_id', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    await insertTicketEvent(trx, {
      id: deps.newId(),
      ticketId: t.id,
      action: 'convertToCase',
      from: t.state,
      to: t.state,
      actorId: actor.id,
      actorName: actor.name,
      note: `转为案件立案查处（${offenceCode}）`,
      data: { caseId, offenceCode, evidence: t.photo_sm3s.length },
      at: now,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'ticket.convertToCase',
      entityType: 'ticket',
      entityId: t.id,
      bureauId: t.bureau_id,
      data: { caseId, offenceCode, evidence: t.photo_sm3s.length, sourceRef: registration.sourceRef },
    });
  });
  return getTicket(deps, actor, id);
}
