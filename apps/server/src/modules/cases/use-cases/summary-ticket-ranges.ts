import type { SummaryTicketRange, SummaryTicketRangeBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { teamOfficersOrFail } from '../case-loader.ts';
import { insertTicketRange, listTicketRanges, type TicketRangeRow } from '../cases.repository.ts';

function toRange(r: TicketRangeRow): SummaryTicketRange {
  return {
    id: r.id,
    orgId: r.org_id,
    officerId: r.officer_id,
    prefix: r.prefix,
    firstNumber: r.first_number,
    lastNumber: r.last_number,
    nextNumber: r.next_number,
    digits: r.digits,
    exhausted: r.next_number > r.last_number,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listSummaryTicketRanges(deps: Deps, actor: Actor): Promise<SummaryTicketRange[]> {
  assertPermission(actor, 'case:read');
  return (await listTicketRanges(deps.db, actor.jurisdictionPath)).map(toRange);
}

/** B2 (处罚法 Art. 52): a squad leader hands out a range of pre-numbered 当场处罚决定书 to his squad or an officer. */
export async function createSummaryTicketRange(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: SummaryTicketRangeBody,
): Promise<SummaryTicketRange> {
  assertPermission(actor, 'case:approve');
  if (body.lastNumber < body.firstNumber) throw fieldError('lastNumber', '号段终止号不能小于起始号', 'the last number is before the first');
  return deps.db.transaction().execute(async (trx) => {
    const org = await getOrgRowOrFail(trx, actor, body.orgId);
    if (body.officerId) await teamOfficersOrFail(trx, actor, [body.officerId], 'officerId');
    const id = deps.newId();
    await insertTicketRange(trx, {
      id,
      bureau_id: org.bureau_id ?? org.id,
      org_id: org.id,
      officer_id: body.officerId ?? null,
      prefix: body.prefix,
      first_number: body.firstNumber,
      last_number: body.lastNumber,
      next_number: body.firstNumber,
      digits: body.digits ?? 6,
      created_by: actor.id,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'case.ticket_range',
      entityType: 'summary_ticket_range',
      entityId: id,
      bureauId: org.bureau_id,
      data: body,
    });
    return toRange((await listTicketRanges(trx, org.path)).find((r) => r.id === id)!);
  });
}
