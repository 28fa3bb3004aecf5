// 重大案件督办 (docs/supervision.md §4): a case put under supervision with its own clock (the days left to the 督办
// deadline, negative when overdue), closed with the result; one open 督办 per case.
import type { CloseMajorCaseBody, MajorCase, MajorCaseQuery, OpenMajorCaseBody, PageOf } from '@chengguan/contracts';
import { daysBetween } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import {
  assertAnyPermission,
  assertNotAfterToday,
  dateOrNull,
  dateText,
  page,
  pageOf,
  READ_ANY,
  scopePath,
  today,
} from '../supervision.shared.ts';

export function majorCaseQuery(db: Executor) {
  return db
    .selectFrom('supervision_major_cases as m')
    .innerJoin('orgs as g', 'g.id', 'm.org_id')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .selectAll('m')
    .select(['g.name as org_name', 'g.path as org_path', 'c.case_number', 'c.state as case_state']);
}
type Row = Awaited<ReturnType<ReturnType<typeof majorCaseQuery>['executeTakeFirstOrThrow']>>;

export function toMajorCase(r: Row, day: string): MajorCase {
  const due = dateText(r.due_on);
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseState: r.case_state,
    orgId: r.org_id,
    orgName: r.org_name,
    reason: r.reason,
    openedOn: dateText(r.opened_on),
    dueOn: due,
    daysLeft: r.status === 'open' ? daysBetween(day, due) : null,
    status: r.status as MajorCase['status'],
    result: r.result,
    closedOn: dateOrNull(r.closed_on),
  };
}

export async function openMajorCase(deps: Deps, actor: Actor, meta: RequestMeta, body: OpenMajorCaseBody): Promise<MajorCase> {
  assertPermission(actor, 'supervision:write');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const c = await getCaseRowOrFail(trx, actor, body.caseId);
    assertNotAfterToday(deps, 'openedOn', body.openedOn);
    if (body.dueOn <= body.openedOn) throw fieldError('dueOn', `督办期限须晚于立项日期（${body.openedOn}）`, 'must be after openedOn');
    const open = await trx
      .selectFrom('supervision_major_cases')
      .select('id')
      .where('case_id', '=', c.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) throw fieldError('caseId', '该案件已在督办中', 'the case is under supervision already', 'STATE_CONFLICT');
    await trx
      .insertInto('supervision_major_cases')
      .values({
        id,
        bureau_id: c.bureau_id,
        org_id: c.org_id,
        case_id: c.id,
        reason: body.reason,
        opened_on: body.openedOn,
        due_on: body.dueOn,
        status: 'open',
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.major_case.open',
      entityType: 'case',
      entityId: c.id,
      bureauId: c.bureau_id,
      data: { majorCaseId: id, dueOn: body.dueOn },
    });
  });
  return toMajorCase(await majorCaseQuery(deps.db).where('m.id', '=', id).executeTakeFirstOrThrow(), today(deps));
}

export async function closeMajorCase(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: CloseMajorCaseBody,
): Promise<MajorCase> {
  assertPermission(actor, 'supervision:write');
  await deps.db.transaction().execute(async (trx) => {
    const r = await majorCaseQuery(trx).where('m.id', '=', id).forUpdate('m').executeTakeFirst();
    assertInJurisdiction(actor, r?.org_path);
    assertNotAfterToday(deps, 'date', body.date);
    if (r!.status !== 'open')
      throw new AppError('STATE_CONFLICT', { message: '该督办已办结', messageEn: 'The supervision was closed already' });
    if (body.date < dateText(r!.opened_on))
      throw fieldError('date', `办结日期早于立项日期（${dateText(r!.opened_on)}）`, 'before the supervision opened');
    await trx
      .updateTable('supervision_major_cases')
      .set({ status: 'closed', result: body.result, closed_on: body.date })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.major_case.close',
      entityType: 'case',
      entityId: r!.case_id,
      bureauId: r!.bureau_id,
      data: { majorCaseId: id, date: body.date },
    });
  });
  return toMajorCase(await majorCaseQuery(deps.db).where('m.id', '=', id).executeTakeFirstOrThrow(), today(deps));
}

async function filtered(deps: Deps, actor: Actor, q: MajorCaseQuery) {
  assertAnyPermission(actor, READ_ANY);
  const path = await scopePath(deps.db, actor, q.orgId);
  let query = majorCaseQuery(deps.db).where('g.path', 'like', `${path}%`);
  if (q.status) query = query.where('m.status', '=', q.status);
  return query;
}

export async function listMajorCases(deps: Deps, actor: Actor, q: MajorCaseQuery): Promise<PageOf<MajorCase>> {
  const p = pageOf(q);
  const base = await filtered(deps, actor, q);
  const [rows, count] = await Promise.all([
    base.orderBy('m.status', 'desc').orderBy('m.due_on').orderBy('m.id').limit(p.pageSize).offset(p.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const day = today(deps);
  return page(
    rows.map((r) => toMajorCase(r, day)),
    Number(count.n),
    p,
  );
}

export async function exportMajorCases(deps: Deps, actor: Actor, q: MajorCaseQuery): Promise<Buffer> {
  const day = today(deps);
  const rows = (await (await filtered(deps, actor, q)).orderBy('m.due_on').limit(MAX_EXPORT_ROWS).execute()).map((r) =>
    toMajorCase(r, day),
  );
  return toXlsx(
    '重大案件督办',
    [
      { header: '案号', width: 28, value: (m: MajorCase) => m.caseNumber },
      { header: '单位', width: 20, value: (m) => m.orgName },
      { header: '督办事由', width: 40, value: (m) => m.reason },
      { header: '立项日期', value: (m) => m.openedOn },
      { header: '督办期限', value: (m) => m.dueOn },
      { header: '剩余天数', value: (m) => m.daysLeft },
      { header: '状态', value: (m) => (m.status === 'open' ? '督办中' : '已办结') },
      { header: '办结结果', width: 40, value: (m) => m.result },
    ],
    rows,
  );
}
