// Hours and credits per officer per year against the bureau's requirement (60 / 24 by default), the officer's own
// page, offline sessions, the 执法资格考试 record, and T1: a credential is renewed only with the year's training.
import type {
  CompletionView,
  MyTraining,
  OfflineCompletionBody,
  PageOf,
  QualificationBody,
  QualificationQuery,
  QualificationView,
  TrainingProgressQuery,
  TrainingProgressView,
} from '@chengguan/contracts';
import { renewalTrainingCheck, T1_SOURCE, trainingProgress } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../shared/access.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { findOrg } from '../org/index.ts';
import { day, num, ownBureau, requirementOf, totalsByOfficer } from './training.shared.ts';

const canReadProgress = (actor: Actor) => {
  if (!actor.permissions.has('training:read') && !actor.permissions.has('training:admin')) throw new AppError('FORBIDDEN');
};

async function progressQuery(deps: Deps, actor: Actor, q: TrainingProgressQuery) {
  canReadProgress(actor);
  let prefix = actor.jurisdictionPath;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    assertInJurisdiction(actor, org?.path);
    prefix = org!.path;
  }
  const year = q.year;
  const sums = deps.db
    .selectFrom('training_completions')
    .select(['officer_id', (eb) => eb.fn.sum<string>('hours').as('hours'), (eb) => eb.fn.sum<string>('credits').as('credits')])
    .where('year', '=', year)
    .groupBy('officer_id')
    .as('t');
  let query = deps.db
    .selectFrom('officers as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .leftJoin('training_settings as s', 's.bureau_id', 'o.bureau_id')
    .leftJoin(sums, 't.officer_id', 'o.id')
    .where('o.active', '=', true)
    .where('g.path', 'like', `${prefix}%`);
  if (q.q) query = query.where('o.name', 'like', `%${q.q}%`);
  const hours = sql<number>`coalesce(t.hours, 0)`;
  const credits = sql<number>`coalesce(t.credits, 0)`;
  const reqH = sql<number>`coalesce(s.hours_per_year, 60)`;
  const reqC = sql<number>`coalesce(s.credits_per_year, 24)`;
  if (q.complete === true) query = query.where(sql<boolean>`${hours} >= ${reqH} AND ${credits} >= ${reqC}`);
  if (q.complete === false) query = query.where(sql<boolean>`(${hours} < ${reqH} OR ${credits} < ${reqC})`);
  return {
    query,
    select: <T extends typeof query>(qq: T) =>
      qq.select([
        'o.id as officer_id',
        'o.name as officer_name',
        'o.org_id',
        'g.name as org_name',
        hours.as('hours'),
        credits.as('credits'),
        reqH.as('req_hours'),
        reqC.as('req_credits'),
      ]),
  };
}

type ProgressRow = {
  officer_id: string;
  officer_name: string;
  org_id: string;
  org_name: string;
  hours: unknown;
  credits: unknown;
  req_hours: unknown;
  req_credits: unknown;
};
const toProgress = (r: ProgressRow, year: number): TrainingProgressView => {
  const p = trainingProgress({ hours: num(r.hours), credits: num(r.credits) }, { hours: num(r.req_hours), credits: num(r.req_credits) });
  return { officerId: r.officer_id, officerName: r.officer_name, orgId: r.org_id, orgName: r.org_name, year, ...p };
};

export async function listProgress(deps: Deps, actor: Actor, q: TrainingProgressQuery): Promise<PageOf<TrainingProgressView>> {
  const { query, select } = await progressQuery(deps, actor, q);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    select(query)
      .orderBy('g.path')
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: (rows as ProgressRow[]).map((r) => toProgress(r, q.year)), total: Number(total.n), page, pageSize };
}

export async function exportProgress(deps: Deps, actor: Actor, q: TrainingProgressQuery): Promise<Buffer> {
  const { query, select } = await progressQuery(deps, actor, q);
  const rows = (await select(query).orderBy('g.path').orderBy('o.name').limit(MAX_EXPORT_ROWS).execute()) as ProgressRow[];
  return toXlsx(
    `${q.year}年学时学分`,
    [
      { header: '姓名', value: (r: TrainingProgressView) => r.officerName },
      { header: '单位', value: (r: TrainingProgressView) => r.orgName, width: 24 },
      { header: '学时', value: (r: TrainingProgressView) => r.hours },
      { header: '应修学时', value: (r: TrainingProgressView) => r.requiredHours },
      { header: '学分', value: (r: TrainingProgressView) => r.credits },
      { header: '应修学分', value: (r: TrainingProgressView) => r.requiredCredits },
      { header: '完成度（%）', value: (r: TrainingProgressView) => r.percent },
      { header: '是否完成', value: (r: TrainingProgressView) => (r.complete ? '已完成' : '未完成') },
    ],
    rows.map((r) => toProgress(r, q.year)),
  );
}

export async function myTraining(deps: Deps, actor: Actor, q: { year?: number }): Promise<MyTraining> {
  assertPermission(actor, 'training:learn');
  const bureauId = ownBureau(actor);
  const today = shanghaiDate(deps.clock.now());
  const year = q.year ?? Number(today.slice(0, 4));
  const [req, totals, completions, exams, attempts, org] = await Promise.all([
    requirementOf(deps.db, bureauId),
    totalsByOfficer(deps.db, [actor.id], [year]),
    deps.db
      .selectFrom('training_completions')
      .selectAll()
      .where('officer_id', '=', actor.id)
      .where('year', '=', year)
      .orderBy('completed_on', 'desc')
      .execute(),
    deps.db
      .selectFrom('training_exams')
      .selectAll()
      .where('bureau_id', '=', bureauId)
      .where('closes_on', '>=', `${year}-01-01`)
      .where('opens_on', '<=', `${year}-12-31`)
      .orderBy('opens_on')
      .execute(),
    deps.db.selectFrom('training_attempts').selectAll().where('officer_id', '=', actor.id).execute(),
    findOrg(deps.db, actor.orgId),
  ]);
  const t = totals.get(actor.id)?.get(year) ?? { hours: 0, credits: 0 };
  const now = deps.clock.now();
  return {
    progress: {
      officerId: actor.id,
      officerName: actor.name,
      orgId: actor.orgId,
      orgName: org?.name ?? '',
      year,
      ...trainingProgress(t, req),
    },
    completions: completions.map((c): CompletionView => ({
      id: c.id,
      year: c.year,
      source: c.source as CompletionView['source'],
      title: c.title,
      hours: num(c.hours),
      credits: num(c.credits),
      completedOn: day(c.completed_on),
    })),
    exams: exams.map((e) => {
      const mine = attempts.filter((a) => a.exam_id === e.id);
      const scores = mine.map((a) => a.score).filter((s): s is number => s !== null);
      const open = mine.find((a) => a.status === 'open' && new Date(a.due_at) > now);
      return {
        id: e.id,
        title: e.title,
        kind: e.kind as 'regular',
        durationMinutes: e.duration_minutes,
        questionCount: e.question_count,
        passScore: e.pass_score,
        attemptsUsed: mine.length,
        maxAttempts: e.max_attempts,
        bestScore: scores.length ? Math.max(...scores) : null,
        passed: mine.some((a) => a.passed === true),
        openAttemptId: open?.id ?? null,
        opensOn: day(e.opens_on),
        closesOn: day(e.closes_on),
      };
    }),
  };
}

async function officerInJurisdiction(
  db: Executor,
  actor: Actor,
  officerId: string,
): Promise<{ id: string; bureau_id: string | null; name: string }> {
  const o = await db
    .selectFrom('officers as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select(['o.id', 'o.bureau_id', 'o.name', 'g.path'])
    .where('o.id', '=', officerId)
    .executeTakeFirst();
  assertInJurisdiction(actor, o?.path);
  if (!o!.bureau_id) throw fieldError('officerId', '须为区局及以下单位的队员', 'must be an officer of a district bureau');
  return o!;
}

/** An offline session (集中培训, 实训) recorded by the training administrator. */
export async function addOfflineCompletion(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: OfflineCompletionBody,
): Promise<CompletionView> {
  assertPermission(actor, 'training:admin');
  if (body.completedOn > shanghaiDate(deps.clock.now())) throw fieldError('completedOn', '不能晚于今天', 'cannot be after today');
  const id = deps.newId();
  const year = Number(body.completedOn.slice(0, 4));
  await deps.db.transaction().execute(async (trx) => {
    const o = await officerInJurisdiction(trx, actor, body.officerId);
    await trx
      .insertInto('training_completions')
      .values({
        id,
        officer_id: o.id,
        bureau_id: o.bureau_id!,
        year,
        source: 'offline',
        source_id: null,
        title: body.title,
        hours: body.hours,
        credits: body.credits,
        completed_on: body.completedOn,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'training.offline',
      entityType: 'officer',
      entityId: o.id,
      bureauId: o.bureau_id,
      data: body,
    });
  });
  return { id, year, source: 'offline', title: body.title, hours: body.hours, credits: body.credits, completedOn: body.completedOn };
}

async function qualificationQuery(deps: Deps, actor: Actor, q: QualificationQuery) {
  if (!actor.permissions.has('training:read') && !actor.permissions.has('training:admin')) throw new AppError('FORBIDDEN');
  let prefix = actor.jurisdictionPath;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    assertInJurisdiction(actor, org?.path);
    prefix = org!.path;
  }
  let query = deps.db
    .selectFrom('training_qualifications as t')
    .innerJoin('officers as o', 'o.id', 't.officer_id')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .where('g.path', 'like', `${prefix}%`);
  if (q.year) query = query.where('t.exam_date', '>=', `${q.year}-01-01`).where('t.exam_date', '<=', `${q.year}-12-31`);
  if (q.passed !== undefined) query = query.where('t.passed', '=', q.passed);
  return query;
}
const QCOLS = ['t.id', 't.officer_id', 'o.name as officer_name', 't.exam_date', 't.score', 't.passed', 't.attempt_id'] as const;
type QRow = {
  id: string;
  officer_id: string;
  officer_name: string;
  exam_date: string;
  score: number;
  passed: boolean;
  attempt_id: string | null;
};
const toQ = (r: QRow): QualificationView => ({
  id: r.id,
  officerId: r.officer_id,
  officerName: r.officer_name,
  examDate: day(r.exam_date),
  score: r.score,
  passed: r.passed,
  fromAttempt: r.attempt_id !== null,
});

export async function listQualifications(deps: Deps, actor: Actor, q: QualificationQuery): Promise<PageOf<QualificationView>> {
  const query = await qualificationQuery(deps, actor, q);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    query
      .select(QCOLS)
      .orderBy('t.exam_date', 'desc')
      .orderBy('t.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: (rows as QRow[]).map(toQ), total: Number(total.n), page, pageSize };
}

export async function exportQualifications(deps: Deps, actor: Actor, q: QualificationQuery): Promise<Buffer> {
  const query = await qualificationQuery(deps, actor, q);
  const rows = (await query.select(QCOLS).orderBy('t.exam_date', 'desc').limit(MAX_EXPORT_ROWS).execute()) as QRow[];
  return toXlsx(
    '执法资格考试',
    [
      { header: '姓名', value: (r: QualificationView) => r.officerName },
      { header: '考试日期', value: (r: QualificationView) => r.examDate },
      { header: '成绩', value: (r: QualificationView) => r.score },
      { header: '结果', value: (r: QualificationView) => (r.passed ? '合格' : '不合格') },
      { header: '来源', value: (r: QualificationView) => (r.fromAttempt ? '本平台考试' : '登记') },
    ],
    rows.map(toQ),
  );
}

/** A sitting of the city's 执法资格考试 recorded from its result list. */
export async function addQualification(deps: Deps, actor: Actor, meta: RequestMeta, body: QualificationBody): Promise<QualificationView> {
  assertPermission(actor, 'training:admin');
  if (body.examDate > shanghaiDate(deps.clock.now())) throw fieldError('examDate', '不能晚于今天', 'cannot be after today');
  const id = deps.newId();
  const o = await deps.db.transaction().execute(async (trx) => {
    const o = await officerInJurisdiction(trx, actor, body.officerId);
    await trx
      .insertInto('training_qualifications')
      .values({
        id,
        officer_id: o.id,
        bureau_id: o.bureau_id!,
        exam_date: body.examDate,
        score: body.score,
        passed: body.passed,
        created_by: actor.id,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'training.qualification',
      entityType: 'officer',
      entityId: o.id,
      bureauId: o.bureau_id,
      data: body,
    });
    return o;
  });
  return { id, officerId: o.id, officerName: o.name, examDate: body.examDate, score: body.score, passed: body.passed, fromAttempt: false };
}

// ---------------------------------------------------------------------------------------------------------------
// For other modules (考核, the officer's file, staff's credential renewal)

/** An officer's hours and credits in a year (考核 reads them). */
export async function officerTrainingTotals(
  db: Executor,
  officerId: string,
  year: number,
): Promise<{ hours: number; credits: number; requiredHours: number; requiredCredits: number; complete: boolean }> {
  const o = await db.selectFrom('officers').select('bureau_id').where('id', '=', officerId).executeTakeFirst();
  const [req, totals] = await Promise.all([requirementOf(db, o?.bureau_id ?? null), totalsByOfficer(db, [officerId], [year])]);
  const p = trainingProgress(totals.get(officerId)?.get(year) ?? { hours: 0, credits: 0 }, req);
  return { hours: p.hours, credits: p.credits, requiredHours: p.requiredHours, requiredCredits: p.requiredCredits, complete: p.complete };
}

/** The same for many officers at once (officer id → totals). */
export async function trainingTotalsByOfficer(
  db: Executor,
  officerIds: readonly string[],
  year: number,
): Promise<Map<string, { hours: number; credits: number }>> {
  const m = await totalsByOfficer(db, officerIds, [year]);
  return new Map(officerIds.map((id) => [id, m.get(id)?.get(year) ?? { hours: 0, credits: 0 }]));
}

/** The officer's file: his hours and credits per year and his 执法资格考试 sittings. */
export async function officerTrainingFile(db: Executor, officerId: string, years: readonly number[]) {
  const o = await db.selectFrom('officers').select('bureau_id').where('id', '=', officerId).executeTakeFirst();
  const [req, totals, quals] = await Promise.all([
    requirementOf(db, o?.bureau_id ?? null),
    totalsByOfficer(db, [officerId], years),
    db
      .selectFrom('training_qualifications')
      .select(['exam_date', 'score', 'passed'])
      .where('officer_id', '=', officerId)
      .orderBy('exam_date', 'desc')
      .execute(),
  ]);
  return {
    years: years.map((y) => {
      const p = trainingProgress(totals.get(officerId)?.get(y) ?? { hours: 0, credits: 0 }, req);
      return { year: y, hours: p.hours, credits: p.credits, percent: p.percent, complete: p.complete };
    }),
    qualifications: quals.map((q) => ({ examDate: day(q.exam_date), score: q.score, passed: q.passed })),
  };
}

/** T1 — refuses a credential renewal (validity extended) for an officer without the year's training (422, field validTo). */
export async function assertRenewalTraining(db: Executor, officerId: string, renewalDate: string): Promise<void> {
  const year = Number(renewalDate.slice(0, 4));
  const o = await db.selectFrom('officers').select('bureau_id').where('id', '=', officerId).executeTakeFirst();
  const [req, totals] = await Promise.all([requirementOf(db, o?.bureau_id ?? null), totalsByOfficer(db, [officerId], [year, year - 1])]);
  const check = renewalTrainingCheck(year, totals.get(officerId) ?? new Map(), req);
  if (check.ok) return;
  throw new AppError('RULE_VIOLATION', {
    field: 'validTo',
    rule: `T1 ${T1_SOURCE}`,
    message: `执法证换证须完成年度培训：${check.year} 年已修 ${check.totals.hours} 学时、${check.totals.credits} 学分，应修 ${check.required.hours} 学时、${check.required.credits} 学分`,
    messageEn: `Renewing the credential needs the year's training: ${check.totals.hours} hours / ${check.totals.credits} credits in ${check.year}, ${check.required.hours} / ${check.required.credits} required`,
  });
}
