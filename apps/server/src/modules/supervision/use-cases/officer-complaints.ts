// Complaints about officers (投诉执法人员, docs/supervision.md §4): received with a handling deadline — a working-day
// period that is configuration (default 15 working days, U: no statute fixes it) — concluded with an outcome that
// feeds 考核 (substantiated complaints).
import type { ComplaintQuery, HandleComplaintBody, OfficerComplaint, PageOf, ReceiveComplaintBody } from '@chengguan/contracts';
import { addWorkingDays } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import {
  assertAnyPermission,
  assertNotAfterToday,
  dateOrNull,
  dateText,
  orgInJurisdiction,
  page,
  pageOf,
  READ_ANY,
  scopePath,
  today,
} from '../supervision.shared.ts';

/** Working days to conclude a complaint about an officer (configuration; docs/supervision.md). */
export const COMPLAINT_HANDLING_WORKING_DAYS = 15;

function complaintQuery(db: Executor) {
  return db
    .selectFrom('supervision_officer_complaints as k')
    .innerJoin('orgs as g', 'g.id', 'k.org_id')
    .leftJoin('officers as o', 'o.id', 'k.officer_id')
    .selectAll('k')
    .select(['g.name as org_name', 'g.path as org_path', 'o.name as officer_name']);
}
type Row = Awaited<ReturnType<ReturnType<typeof complaintQuery>['executeTakeFirstOrThrow']>>;

function toComplaint(r: Row, day: string): OfficerComplaint {
  const due = dateText(r.due_on);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    officerId: r.officer_id,
    officerName: r.officer_name ?? null,
    channel: r.channel,
    complainant: r.complainant,
    content: r.content,
    receivedOn: dateText(r.received_on),
    dueOn: due,
    overdue: r.status === 'received' && due < day,
    status: r.status as OfficerComplaint['status'],
    outcome: r.outcome as OfficerComplaint['outcome'],
    handling: r.handling,
    handledOn: dateOrNull(r.handled_on),
  };
}

export async function receiveComplaint(deps: Deps, actor: Actor, meta: RequestMeta, body: ReceiveComplaintBody): Promise<OfficerComplaint> {
  assertPermission(actor, 'supervision:write');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const org = await orgInJurisdiction(trx, actor, body.orgId);
    assertNotAfterToday(deps, 'receivedOn', body.receivedOn);
    if (body.officerId) {
      const o = await trx
        .selectFrom('officers as o')
        .innerJoin('orgs as g', 'g.id', 'o.org_id')
        .select('g.path')
        .where('o.id', '=', body.officerId)
        .executeTakeFirst();
      if (!o || !o.path.startsWith(org.path)) throw fieldError('officerId', '执法人员不属于该单位', 'the officer is not of this unit');
    }
    const due = addWorkingDays(await loadWorkCalendar(trx), body.receivedOn, COMPLAINT_HANDLING_WORKING_DAYS);
    await trx
      .insertInto('supervision_officer_complaints')
      .values({
        id,
        bureau_id: org.bureau_id ?? org.id,
        org_id: org.id,
        officer_id: body.officerId ?? null,
        channel: body.channel,
        complainant: body.complainant,
        content: body.content,
        received_on: body.receivedOn,
        due_on: due,
        status: 'received',
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.complaint.receive',
      entityType: 'supervision_complaint',
      entityId: id,
      bureauId: org.bureau_id ?? org.id,
      data: { orgId: org.id, officerId: body.officerId ?? null },
    });
  });
  return toComplaint(await complaintQuery(deps.db).where('k.id', '=', id).executeTakeFirstOrThrow(), today(deps));
}

export async function handleComplaint(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: HandleComplaintBody,
): Promise<OfficerComplaint> {
  assertPermission(actor, 'supervision:write');
  await deps.db.transaction().execute(async (trx) => {
    const r = await complaintQuery(trx).where('k.id', '=', id).forUpdate('k').executeTakeFirst();
    assertInJurisdiction(actor, r?.org_path);
    assertNotAfterToday(deps, 'date', body.date);
    if (r!.status !== 'received')
      throw new AppError('STATE_CONFLICT', { message: '该投诉已办结', messageEn: 'The complaint was concluded already' });
    if (body.date < dateText(r!.received_on))
      throw fieldError('date', `办结日期早于收到日期（${dateText(r!.received_on)}）`, 'before the complaint was received');
    await trx
      .updateTable('supervision_officer_complaints')
      .set({ status: 'handled', outcome: body.outcome, handling: body.handling, handled_on: body.date, handled_by: actor.id })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.complaint.handle',
      entityType: 'supervision_complaint',
      entityId: id,
      bureauId: r!.bureau_id,
      data: { outcome: body.outcome },
    });
  });
  return toComplaint(await complaintQuery(deps.db).where('k.id', '=', id).executeTakeFirstOrThrow(), today(deps));
}

async function filtered(deps: Deps, actor: Actor, q: ComplaintQuery) {
  assertAnyPermission(actor, READ_ANY);
  const path = await scopePath(deps.db, actor, q.orgId);
  let query = complaintQuery(deps.db).where('g.path', 'like', `${path}%`);
  if (q.status) query = query.where('k.status', '=', q.status);
  if (q.officerId) query = query.where('k.officer_id', '=', q.officerId);
  return query;
}

export async function listComplaints(deps: Deps, actor: Actor, q: ComplaintQuery): Promise<PageOf<OfficerComplaint>> {
  const p = pageOf(q);
  const base = await filtered(deps, actor, q);
  const [rows, count] = await Promise.all([
    base.orderBy('k.received_on', 'desc').orderBy('k.id', 'desc').limit(p.pageSize).offset(p.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const day = today(deps);
  return page(
    rows.map((r) => toComplaint(r, day)),
    Number(count.n),
    p,
  );
}

const OUTCOME_ZH = { substantiated: '属实', partly_substantiated: '部分属实', unsubstantiated: '不属实' } as const;

export async function exportComplaints(deps: Deps, actor: Actor, q: ComplaintQuery): Promise<Buffer> {
  const day = today(deps);
  const rows = (await (await filtered(deps, actor, q)).orderBy('k.received_on', 'desc').limit(MAX_EXPORT_ROWS).execute()).map((r) =>
    toComplaint(r, day),
  );
  return toXlsx(
    '投诉执法人员',
    [
      { header: '收到日期', value: (k: OfficerComplaint) => k.receivedOn },
      { header: '渠道', value: (k) => k.channel },
      { header: '单位', width: 20, value: (k) => k.orgName },
      { header: '被投诉人', value: (k) => k.officerName },
      { header: '内容', width: 40, value: (k) => k.content },
      { header: '办理期限', value: (k) => k.dueOn },
      { header: '状态', value: (k) => (k.status === 'handled' ? '已办结' : k.overdue ? '逾期' : '办理中') },
      { header: '结论', value: (k) => (k.outcome ? OUTCOME_ZH[k.outcome] : null) },
    ],
    rows,
  );
}
