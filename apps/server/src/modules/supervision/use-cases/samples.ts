// The review workspace (docs/supervision.md §2): the drawn files with their automated check (B5), scored on the plan's
// sheet — a score outside the sheet is refused naming the item — and findings sent back to the squad with a deadline.
import type { PageOf, ReviewSheet, Sample, SampleDetail, SampleQuery, ScoreSampleBody } from '@chengguan/contracts';
import { ReviewScoreError, scoreAgainstSheet, type ReviewSheetItem } from '@chengguan/domain';
import { sql } from 'kysely';
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
  page,
  pageOf,
  READ_ANY,
  scopePath,
} from '../supervision.shared.ts';
import { insertFindings } from './findings.ts';
import { latestCheck } from './case-check.ts';

function sampleQuery(db: Executor) {
  return db
    .selectFrom('supervision_samples as s')
    .innerJoin('supervision_plans as p', 'p.id', 's.plan_id')
    .innerJoin('orgs as g', 'g.id', 's.org_id')
    .leftJoin('cases as c', 'c.id', 's.case_id')
    .leftJoin('officers as rv', 'rv.id', 's.reviewer_id')
    .selectAll('s')
    .select([
      'p.name as plan_name',
      'p.kind',
      'p.due_on',
      'p.sheet_id',
      'g.name as org_name',
      'g.path as org_path',
      'c.case_number',
      'rv.name as reviewer_name',
      sql<number | null>`(SELECT k.score FROM supervision_checks k WHERE k.case_id = s.case_id ORDER BY k.seq DESC LIMIT 1)`.as(
        'check_score',
      ),
      sql<number | null>`(SELECT k.max_score FROM supervision_checks k WHERE k.case_id = s.case_id ORDER BY k.seq DESC LIMIT 1)`.as(
        'check_max',
      ),
    ]);
}
type SampleRow = Awaited<ReturnType<ReturnType<typeof sampleQuery>['executeTakeFirstOrThrow']>>;

function toSample(r: SampleRow): Sample {
  return {
    id: r.id,
    planId: r.plan_id,
    planName: r.plan_name,
    kind: r.kind as Sample['kind'],
    orgId: r.org_id,
    orgName: r.org_name,
    caseId: r.case_id,
    caseNumber: r.case_number ?? null,
    recordingId: r.recording_id,
    drawOrder: r.draw_order,
    status: r.status as Sample['status'],
    dueOn: dateText(r.due_on),
    reviewerName: r.reviewer_name ?? null,
    total: r.total,
    maxTotal: r.max_total,
    scores: (r.scores as Sample['scores'] | null) ?? [],
    comment: r.comment,
    reviewedOn: dateOrNull(r.reviewed_on),
    checkScore: r.check_score === null ? null : Number(r.check_score),
    checkMaxScore: r.check_max === null ? null : Number(r.check_max),
  };
}

async function sampleRowOrFail(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<SampleRow> {
  const q = sampleQuery(db).where('s.id', '=', id);
  const row = await (forUpdate ? q.forUpdate('s') : q).executeTakeFirst();
  assertInJurisdiction(actor, row?.org_path);
  return row!;
}

export async function sheetById(db: Executor, id: string | null): Promise<ReviewSheet | null> {
  if (!id) return null;
  const s = await db.selectFrom('supervision_review_sheets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return null;
  const items = s.items as ReviewSheetItem[];
  return { id: s.id, bureauId: s.bureau_id, name: s.name, items, maxTotal: items.reduce((n, i) => n + i.maxPoints, 0), active: s.active };
}

export async function getSample(deps: Deps, actor: Actor, id: string): Promise<SampleDetail> {
  assertAnyPermission(actor, READ_ANY);
  const r = await sampleRowOrFail(deps.db, actor, id);
  return {
    sample: toSample(r),
    sheet: await sheetById(deps.db, r.sheet_id),
    check: r.case_id ? await latestCheck(deps.db, r.case_id) : null,
  };
}

async function filtered(deps: Deps, actor: Actor, q: SampleQuery) {
  assertAnyPermission(actor, READ_ANY);
  const path = await scopePath(deps.db, actor, q.orgId);
  let query = sampleQuery(deps.db).where('g.path', 'like', `${path}%`);
  if (q.planId) query = query.where('s.plan_id', '=', q.planId);
  if (q.status) query = query.where('s.status', '=', q.status);
  return query;
}

export async function listSamples(deps: Deps, actor: Actor, q: SampleQuery): Promise<PageOf<Sample>> {
  const p = pageOf(q);
  const base = await filtered(deps, actor, q);
  const [rows, count] = await Promise.all([
    base.orderBy('p.due_on').orderBy('s.plan_id').orderBy('s.draw_order').limit(p.pageSize).offset(p.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return page(rows.map(toSample), Number(count.n), p);
}

export async function exportSamples(deps: Deps, actor: Actor, q: SampleQuery): Promise<Buffer> {
  const rows = (await (await filtered(deps, actor, q)).orderBy('p.due_on').orderBy('s.draw_order').limit(MAX_EXPORT_ROWS).execute()).map(
    toSample,
  );
  return toXlsx(
    '评查样本',
    [
      { header: '计划', width: 24, value: (s: Sample) => s.planName },
      { header: '序号', value: (s) => s.drawOrder },
      { header: '单位', width: 20, value: (s) => s.orgName },
      { header: '案号', width: 28, value: (s) => s.caseNumber },
      { header: '自动评查得分', value: (s) => (s.checkScore === null ? null : `${s.checkScore}/${s.checkMaxScore}`) },
      { header: '状态', value: (s) => (s.status === 'reviewed' ? '已评查' : '待评查') },
      { header: '评查得分', value: (s) => (s.total === null ? null : `${s.total}/${s.maxTotal}`) },
      { header: '评查人', value: (s) => s.reviewerName },
      { header: '评查日期', value: (s) => s.reviewedOn },
      { header: '完成期限', value: (s) => s.dueOn },
    ],
    rows,
  );
}

export async function scoreSample(deps: Deps, actor: Actor, meta: RequestMeta, id: string, body: ScoreSampleBody): Promise<SampleDetail> {
  assertPermission(actor, 'supervision:write');
  await deps.db.transaction().execute(async (trx) => {
    const r = await sampleRowOrFail(trx, actor, id, true);
    assertNotAfterToday(deps, 'date', body.date);
    if (r.status !== 'pending')
      throw new AppError('STATE_CONFLICT', { message: '该样本已评查', messageEn: 'The sample was reviewed already' });
    const sheet = await sheetById(trx, r.sheet_id);
    let total: number | null = null;
    let max: number | null = null;
    if (sheet) {
      try {
        ({ total, max } = scoreAgainstSheet(sheet.items, body.scores));
      } catch (e) {
        if (e instanceof ReviewScoreError) throw fieldError(e.field, e.messageZh, e.message);
        throw e;
      }
    } else if (body.scores.length > 0) {
      throw fieldError('scores', '该抽查计划没有评查表，不能按项目评分', 'the plan has no review sheet to score on');
    }
    const updated = await trx
      .updateTable('supervision_samples')
      .set({
        status: 'reviewed',
        reviewer_id: actor.id,
        scores: JSON.stringify(body.scores),
        total,
        max_total: max,
        comment: body.comment ?? null,
        reviewed_on: body.date,
        reviewed_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    let officerId: string | null = null;
    if (r.case_id) {
      const lead = await trx
        .selectFrom('case_officers')
        .select('officer_id')
        .where('case_id', '=', r.case_id)
        .where('role', '=', 'lead')
        .executeTakeFirst();
      officerId = lead?.officer_id ?? null;
    } else if (r.recording_id) {
      officerId =
        (await trx.selectFrom('supervision_recordings').select('officer_id').where('id', '=', r.recording_id).executeTakeFirst())
          ?.officer_id ?? null;
    }
    const findings = await insertFindings(trx, deps, actor, body.findings ?? [], {
      source: r.kind === 'recording' ? 'recording' : 'review',
      orgId: r.org_id,
      bureauId: r.bureau_id,
      sampleId: r.id,
      caseId: r.case_id,
      recordingId: r.recording_id,
      officerId,
      issuedOn: body.date,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.sample.score',
      entityType: 'supervision_sample',
      entityId: id,
      bureauId: r.bureau_id,
      data: { total, max, findings: findings.length, caseId: r.case_id, recordingId: r.recording_id },
    });
  });
  return getSample(deps, actor, id);
}
