// Findings (docs/supervision.md §2–3): a problem in a reviewed file, a recording or an automated check, sent to the
// squad to correct by a day; the squad leader reports the correction, the supervisor accepts it or returns it.
import type { AcceptFindingBody, CorrectFindingBody, Finding, FindingQuery, PageOf } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import {
  assertAnyPermission,
  assertNotAfterToday,
  dateOrNull,
  dateText,
  iso,
  page,
  pageOf,
  READ_ANY,
  scopePath,
  today,
} from '../supervision.shared.ts';

export type FindingInput = { description: string; rule?: string | undefined; officerId?: string | undefined; dueOn: string };
export type FindingContext = {
  source: 'review' | 'recording' | 'check';
  orgId: string;
  bureauId: string | null;
  sampleId?: string | null;
  caseId?: string | null;
  recordingId?: string | null;
  officerId: string | null;
  issuedOn: string;
};

export async function insertFindings(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  inputs: readonly FindingInput[],
  c: FindingContext,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, f] of inputs.entries()) {
    if (f.dueOn <= c.issuedOn) throw fieldError(`findings.${i}.dueOn`, `整改期限须晚于${c.issuedOn}`, `must be after ${c.issuedOn}`);
    let officerId = c.officerId;
    if (f.officerId) {
      const o = await trx
        .selectFrom('officers as o')
        .innerJoin('orgs as g', 'g.id', 'o.org_id')
        .select(['o.id', 'g.path'])
        .where('o.id', '=', f.officerId)
        .executeTakeFirst();
      if (!o || !o.path.startsWith(actor.jurisdictionPath))
        throw fieldError(`findings.${i}.officerId`, '执法人员不存在或不在本辖区', 'no such officer in your jurisdiction');
      officerId = o.id;
    }
    const id = deps.newId();
    await trx
      .insertInto('supervision_findings')
      .values({
        id,
        bureau_id: c.bureauId,
        org_id: c.orgId,
        source: c.source,
        sample_id: c.sampleId ?? null,
        recording_id: c.recordingId ?? null,
        case_id: c.caseId ?? null,
        officer_id: officerId,
        description: f.description,
        rule: f.rule ?? null,
        due_on: f.dueOn,
        status: 'open',
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

function findingQuery(db: Executor) {
  return db
    .selectFrom('supervision_findings as f')
    .innerJoin('orgs as g', 'g.id', 'f.org_id')
    .leftJoin('cases as c', 'c.id', 'f.case_id')
    .leftJoin('officers as o', 'o.id', 'f.officer_id')
    .selectAll('f')
    .select(['g.name as org_name', 'g.path as org_path', 'c.case_number', 'o.name as officer_name']);
}
type FindingRow = Awaited<ReturnType<ReturnType<typeof findingQuery>['executeTakeFirstOrThrow']>>;

function toFinding(r: FindingRow, day: string): Finding {
  const due = dateText(r.due_on);
  return {
    id: r.id,
    source: r.source as Finding['source'],
    orgId: r.org_id,
    orgName: r.org_name,
    caseId: r.case_id,
    caseNumber: r.case_number ?? null,
    officerId: r.officer_id,
    officerName: r.officer_name ?? null,
    description: r.description,
    rule: r.rule,
    dueOn: due,
    overdue: (r.status === 'open' || r.status === 'returned') && due < day,
    status: r.status as Finding['status'],
    correction: r.correction,
    correctedOn: dateOrNull(r.corrected_on),
    acceptedOn: dateOrNull(r.accepted_on),
    createdAt: iso(r.created_at),
  };
}

async function filtered(deps: Deps, actor: Actor, q: FindingQuery) {
  assertAnyPermission(actor, READ_ANY);
  const path = await scopePath(deps.db, actor, q.orgId);
  let query = findingQuery(deps.db).where('g.path', 'like', `${path}%`);
  if (q.status) query = query.where('f.status', '=', q.status);
  if (q.source) query = query.where('f.source', '=', q.source);
  if (q.overdue) query = query.where('f.status', 'in', ['open', 'returned']).where('f.due_on', '<', today(deps));
  return query;
}

export async function listFindings(deps: Deps, actor: Actor, q: FindingQuery): Promise<PageOf<Finding>> {
  const p = pageOf(q);
  const base = await filtered(deps, actor, q);
  const [rows, count] = await Promise.all([
    base.orderBy('f.due_on').orderBy('f.id').limit(p.pageSize).offset(p.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const day = today(deps);
  return page(
    rows.map((r) => toFinding(r, day)),
    Number(count.n),
    p,
  );
}

const STATUS_ZH: Record<Finding['status'], string> = {
  open: '待整改',
  corrected: '已整改待验收',
  accepted: '已验收',
  returned: '退回重改',
};
const SOURCE_ZH: Record<Finding['source'], string> = { review: '案卷评查', recording: '全过程记录', check: '自动评查' };

export async function exportFindings(deps: Deps, actor: Actor, q: FindingQuery): Promise<Buffer> {
  const day = today(deps);
  const rows = (await (await filtered(deps, actor, q)).orderBy('f.due_on').limit(MAX_EXPORT_ROWS).execute()).map((r) => toFinding(r, day));
  return toXlsx(
    '整改问题',
    [
      { header: '来源', value: (f: Finding) => SOURCE_ZH[f.source] },
      { header: '单位', width: 20, value: (f) => f.orgName },
      { header: '案号', width: 28, value: (f) => f.caseNumber },
      { header: '执法人员', value: (f) => f.officerName },
      { header: '问题', width: 40, value: (f) => f.description },
      { header: '依据', width: 24, value: (f) => f.rule },
      { header: '整改期限', value: (f) => f.dueOn },
      { header: '状态', value: (f) => STATUS_ZH[f.status] + (f.overdue ? '（逾期）' : '') },
      { header: '整改情况', width: 40, value: (f) => f.correction },
    ],
    rows,
  );
}

async function findingRowOrFail(db: Executor, actor: Actor, id: string): Promise<FindingRow> {
  const row = await findingQuery(db).where('f.id', '=', id).forUpdate('f').executeTakeFirst();
  assertInJurisdiction(actor, row?.org_path);
  return row!;
}

export async function findingById(deps: Deps, id: string): Promise<Finding> {
  return toFinding(await findingQuery(deps.db).where('f.id', '=', id).executeTakeFirstOrThrow(), today(deps));
}

/** The squad reports what it corrected. */
export async function correctFinding(deps: Deps, actor: Actor, meta: RequestMeta, id: string, body: CorrectFindingBody): Promise<Finding> {
  assertPermission(actor, 'supervision:answer');
  await deps.db.transaction().execute(async (trx) => {
    const r = await findingRowOrFail(trx, actor, id);
    assertNotAfterToday(deps, 'date', body.date);
    if (r.status !== 'open' && r.status !== 'returned')
      throw new AppError('STATE_CONFLICT', { message: '该问题不在待整改状态', messageEn: 'The finding is not awaiting correction' });
    if (body.date < iso(r.created_at).slice(0, 10)) throw fieldError('date', '整改日期早于问题发出日期', 'before the finding was issued');
    await trx
      .updateTable('supervision_findings')
      .set({ status: 'corrected', correction: body.correction, corrected_on: body.date, corrected_by: actor.id })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.finding.correct',
      entityType: 'supervision_finding',
      entityId: id,
      bureauId: r.bureau_id,
      data: { date: body.date },
    });
  });
  return findingById(deps, id);
}

/** The supervisor accepts the correction, or returns it to be corrected again. */
export async function acceptFinding(deps: Deps, actor: Actor, meta: RequestMeta, id: string, body: AcceptFindingBody): Promise<Finding> {
  assertPermission(actor, 'supervision:write');
  await deps.db.transaction().execute(async (trx) => {
    const r = await findingRowOrFail(trx, actor, id);
    assertNotAfterToday(deps, 'date', body.date);
    if (r.status !== 'corrected')
      throw new AppError('STATE_CONFLICT', { message: '该问题尚未报送整改情况', messageEn: 'No correction was reported' });
    await trx
      .updateTable('supervision_findings')
      .set(body.accepted ? { status: 'accepted', accepted_on: body.date, accepted_by: actor.id } : { status: 'returned' })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: body.accepted ? 'supervision.finding.accept' : 'supervision.finding.return',
      entityType: 'supervision_finding',
      entityId: id,
      bureauId: r.bureau_id,
      data: { date: body.date, comment: body.comment ?? null },
    });
  });
  return findingById(deps, id);
}
