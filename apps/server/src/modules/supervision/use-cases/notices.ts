// 两单两书 (docs/supervision.md §4): 督察通知单, 整改单, 执法建议书 and 告诫书, numbered per bureau, year and kind,
// frozen by the SM3 of their text, followed until the recipient answers; overdue when the answer day has passed.
import type { AnswerBody, IssueNoticeBody, NoticeKind, NoticeQuery, PageOf, SupervisionNotice } from '@chengguan/contracts';
import { canonicalize } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { recordAudit } from '../../audit/index.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { nextSequence } from '../supervision.repository.ts';
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

export const NOTICE_KIND_NAMES: Record<NoticeKind, { zh: string; mark: string }> = {
  inspection_notice: { zh: '督察通知单', mark: '督通' },
  rectification_order: { zh: '整改单', mark: '督改' },
  suggestion_letter: { zh: '执法建议书', mark: '督建' },
  warning_letter: { zh: '告诫书', mark: '督诫' },
};

function noticeQuery(db: Executor) {
  return db
    .selectFrom('supervision_notices as n')
    .innerJoin('orgs as g', 'g.id', 'n.org_id')
    .selectAll('n')
    .select(['g.name as org_name', 'g.path as org_path']);
}
type NoticeRow = Awaited<ReturnType<ReturnType<typeof noticeQuery>['executeTakeFirstOrThrow']>>;

function toNotice(r: NoticeRow, day: string): SupervisionNotice {
  const kind = r.kind as NoticeKind;
  const due = dateText(r.answer_due);
  return {
    id: r.id,
    kind,
    kindName: NOTICE_KIND_NAMES[kind].zh,
    number: r.number,
    orgId: r.org_id,
    orgName: r.org_name,
    recipient: r.recipient,
    officerId: r.officer_id,
    caseId: r.case_id,
    subject: r.subject,
    body: r.body,
    contentSm3: r.content_sm3,
    issuedOn: dateText(r.issued_on),
    answerDue: due,
    overdue: r.status === 'issued' && due < day,
    status: r.status as SupervisionNotice['status'],
    answer: r.answer,
    answeredOn: dateOrNull(r.answered_on),
  };
}

export async function issueNotice(deps: Deps, actor: Actor, meta: RequestMeta, body: IssueNoticeBody): Promise<SupervisionNotice> {
  assertPermission(actor, 'supervision:write');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const org = await orgInJurisdiction(trx, actor, body.orgId);
    assertNotAfterToday(deps, 'issuedOn', body.issuedOn);
    if (body.answerDue <= body.issuedOn)
      throw fieldError('answerDue', `回复期限须晚于发出日期（${body.issuedOn}）`, 'must be after issuedOn');
    if (body.caseId) {
      const c = await getCaseRowOrFail(trx, actor, body.caseId);
      if (!c.org_path.startsWith(org.path)) throw fieldError('caseId', '案件不属于收件单位', 'the case is not one of the recipient unit');
    }
    if (body.officerId) {
      const o = await trx
        .selectFrom('officers as o')
        .innerJoin('orgs as g', 'g.id', 'o.org_id')
        .select('g.path')
        .where('o.id', '=', body.officerId)
        .executeTakeFirst();
      if (!o || !o.path.startsWith(org.path))
        throw fieldError('officerId', '执法人员不属于收件单位', 'the officer is not of the recipient unit');
    }
    const bureauId = org.bureau_id ?? org.id;
    const bureau = await trx.selectFrom('orgs').select(['name', 'short_name']).where('id', '=', bureauId).executeTakeFirstOrThrow();
    const year = Number(body.issuedOn.slice(0, 4));
    const seq = await nextSequence(trx, bureauId, year, body.kind);
    const number = `${bureau.short_name ?? bureau.name}${NOTICE_KIND_NAMES[body.kind].mark}〔${year}〕${seq}号`;
    const content = canonicalize({
      kind: body.kind,
      number,
      recipient: body.recipient,
      subject: body.subject,
      body: body.body,
      issuedOn: body.issuedOn,
      answerDue: body.answerDue,
    });
    await trx
      .insertInto('supervision_notices')
      .values({
        id,
        bureau_id: bureauId,
        org_id: org.id,
        kind: body.kind,
        number,
        recipient: body.recipient,
        officer_id: body.officerId ?? null,
        case_id: body.caseId ?? null,
        subject: body.subject,
        body: body.body,
        content_sm3: sm3Hex(content),
        issued_on: body.issuedOn,
        answer_due: body.answerDue,
        status: 'issued',
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.notice.issue',
      entityType: 'supervision_notice',
      entityId: id,
      bureauId,
      data: { kind: body.kind, number, orgId: org.id },
    });
  });
  return toNotice(await noticeQuery(deps.db).where('n.id', '=', id).executeTakeFirstOrThrow(), today(deps));
}

async function filtered(deps: Deps, actor: Actor, q: NoticeQuery) {
  assertAnyPermission(actor, READ_ANY);
  const path = await scopePath(deps.db, actor, q.orgId);
  let query = noticeQuery(deps.db).where('g.path', 'like', `${path}%`);
  if (q.kind) query = query.where('n.kind', '=', q.kind);
  if (q.status) query = query.where('n.status', '=', q.status);
  if (q.overdue) query = query.where('n.status', '=', 'issued').where('n.answer_due', '<', today(deps));
  return query;
}

export async function listNotices(deps: Deps, actor: Actor, q: NoticeQuery): Promise<PageOf<SupervisionNotice>> {
  const p = pageOf(q);
  const base = await filtered(deps, actor, q);
  const [rows, count] = await Promise.all([
    base.orderBy('n.issued_on', 'desc').orderBy('n.id', 'desc').limit(p.pageSize).offset(p.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const day = today(deps);
  return page(
    rows.map((r) => toNotice(r, day)),
    Number(count.n),
    p,
  );
}

export async function exportNotices(deps: Deps, actor: Actor, q: NoticeQuery): Promise<Buffer> {
  const day = today(deps);
  const rows = (await (await filtered(deps, actor, q)).orderBy('n.issued_on', 'desc').limit(MAX_EXPORT_ROWS).execute()).map((r) =>
    toNotice(r, day),
  );
  return toXlsx(
    '两单两书',
    [
      { header: '文号', width: 28, value: (n: SupervisionNotice) => n.number },
      { header: '种类', value: (n) => n.kindName },
      { header: '收件单位', width: 20, value: (n) => n.orgName },
      { header: '收件人', value: (n) => n.recipient },
      { header: '事由', width: 30, value: (n) => n.subject },
      { header: '发出日期', value: (n) => n.issuedOn },
      { header: '回复期限', value: (n) => n.answerDue },
      { header: '状态', value: (n) => (n.status === 'answered' ? '已回复' : n.overdue ? '逾期未回复' : '待回复') },
      { header: '回复日期', value: (n) => n.answeredOn },
    ],
    rows,
  );
}

/** The recipient squad answers (its leader), once. */
export async function answerNotice(deps: Deps, actor: Actor, meta: RequestMeta, id: string, body: AnswerBody): Promise<SupervisionNotice> {
  assertAnyPermission(actor, ['supervision:answer', 'supervision:write']);
  await deps.db.transaction().execute(async (trx) => {
    const r = await noticeQuery(trx).where('n.id', '=', id).forUpdate('n').executeTakeFirst();
    assertInJurisdiction(actor, r?.org_path);
    assertNotAfterToday(deps, 'date', body.date);
    if (r!.status !== 'issued')
      throw new AppError('STATE_CONFLICT', { message: '该文书已回复', messageEn: 'The notice was answered already' });
    if (body.date < dateText(r!.issued_on))
      throw fieldError('date', `回复日期早于发出日期（${dateText(r!.issued_on)}）`, 'before the notice was issued');
    await trx
      .updateTable('supervision_notices')
      .set({ status: 'answered', answer: body.answer, answered_on: body.date, answered_by: actor.id })
      .where('id', '=', id)
      .where('status', '=', 'issued')
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.notice.answer',
      entityType: 'supervision_notice',
      entityId: id,
      bureauId: r!.bureau_id,
      data: { date: body.date },
    });
  });
  return toNotice(await noticeQuery(deps.db).where('n.id', '=', id).executeTakeFirstOrThrow(), today(deps));
}
