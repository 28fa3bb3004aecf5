// Courses, the question bank, exams and the bureau's yearly requirement (the training administrator's pages), and
// an officer completing a course (docs/training.md §1–§3).
import type {
  CourseQuery,
  CourseView,
  ExamQuery,
  ExamView,
  PageOf,
  PutTrainingSettingsBody,
  QuestionQuery,
  QuestionView,
  SaveCourseBody,
  SaveExamBody,
  SaveQuestionBody,
  TrainingSettingsView,
} from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { assertPermission } from '../../shared/access.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { bureauOrFail, day, num, ownBureau, requirementOf } from './training.shared.ts';

const canLearnOrAdmin = (actor: Actor) => {
  if (!actor.permissions.has('training:learn') && !actor.permissions.has('training:admin') && !actor.permissions.has('training:read')) {
    throw new AppError('FORBIDDEN');
  }
};

export async function getTrainingSettings(deps: Deps, actor: Actor, q: { bureauId: string }): Promise<TrainingSettingsView> {
  canLearnOrAdmin(actor);
  await bureauOrFail(deps.db, actor, q.bureauId, true);
  const r = await requirementOf(deps.db, q.bureauId);
  return { bureauId: q.bureauId, hoursPerYear: r.hours, creditsPerYear: r.credits };
}

export async function putTrainingSettings(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: PutTrainingSettingsBody,
): Promise<TrainingSettingsView> {
  assertPermission(actor, 'training:admin');
  await bureauOrFail(deps.db, actor, body.bureauId);
  await deps.db.transaction().execute(async (trx) => {
    const values = {
      hours_per_year: body.hoursPerYear,
      credits_per_year: body.creditsPerYear,
      updated_by: actor.id,
      updated_at: deps.clock.now(),
    };
    await trx
      .insertInto('training_settings')
      .values({ bureau_id: body.bureauId, ...values })
      .onConflict((oc) => oc.column('bureau_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'training.settings',
      entityType: 'org',
      entityId: body.bureauId,
      bureauId: body.bureauId,
      data: body,
    });
  });
  return getTrainingSettings(deps, actor, { bureauId: body.bureauId });
}

function scopeBureau(actor: Actor, bureauId: string | undefined): string {
  return bureauId ?? ownBureau(actor);
}

export async function listCourses(deps: Deps, actor: Actor, q: CourseQuery): Promise<PageOf<CourseView>> {
  canLearnOrAdmin(actor);
  const bureauId = scopeBureau(actor, q.bureauId);
  await bureauOrFail(deps.db, actor, bureauId, true);
  const year = Number(shanghaiDate(deps.clock.now()).slice(0, 4));
  let query = deps.db.selectFrom('training_courses').where('bureau_id', '=', bureauId).where('active', '=', true);
  if (q.q) query = query.where('title', 'like', `%${q.q}%`);
  if (q.category) query = query.where('category', '=', q.category);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [total, rows, done] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    deps.db
      .selectFrom('training_completions')
      .select('source_id')
      .where('officer_id', '=', actor.id)
      .where('year', '=', year)
      .where('source', '=', 'course')
      .execute(),
  ]);
  const completed = new Set(done.map((d) => d.source_id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      bureauId: r.bureau_id,
      title: r.title,
      category: r.category,
      hours: num(r.hours),
      credits: num(r.credits),
      description: r.description,
      materialUrl: r.material_url,
      materialSm3: r.material_sm3,
      active: r.active,
      completed: completed.has(r.id),
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}

export async function createCourse(deps: Deps, actor: Actor, meta: RequestMeta, body: SaveCourseBody): Promise<CourseView> {
  assertPermission(actor, 'training:admin');
  await bureauOrFail(deps.db, actor, body.bureauId);
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('training_courses')
      .values({
        id,
        bureau_id: body.bureauId,
        title: body.title,
        category: body.category,
        hours: body.hours,
        credits: body.credits,
        description: body.description ?? null,
        material_url: body.materialUrl ?? null,
        material_sm3: body.materialSm3 ?? null,
        created_by: actor.id,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'training.course',
      entityType: 'training_course',
      entityId: id,
      bureauId: body.bureauId,
      data: body,
    });
  });
  return {
    id,
    bureauId: body.bureauId,
    title: body.title,
    category: body.category,
    hours: body.hours,
    credits: body.credits,
    description: body.description ?? null,
    materialUrl: body.materialUrl ?? null,
    materialSm3: body.materialSm3 ?? null,
    active: true,
    completed: false,
  };
}

/** The officer finished a course of his bureau: its hours and credits count in this year, once. */
export async function completeCourse(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  courseId: string,
): Promise<{ completed: boolean; year: number }> {
  assertPermission(actor, 'training:learn');
  const bureauId = ownBureau(actor);
  const today = shanghaiDate(deps.clock.now());
  const year = Number(today.slice(0, 4));
  await deps.db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('training_courses').selectAll().where('id', '=', courseId).executeTakeFirst();
    if (!c || c.bureau_id !== bureauId || !c.active) throw new AppError('NOT_FOUND');
    const r = await trx
      .insertInto('training_completions')
      .values({
        id: deps.newId(),
        officer_id: actor.id,
        bureau_id: bureauId,
        year,
        source: 'course',
        source_id: c.id,
        title: c.title,
        hours: num(c.hours),
        credits: num(c.credits),
        completed_on: today,
      })
      .onConflict((oc) => oc.columns(['officer_id', 'source', 'source_id', 'year']).where('source_id', 'is not', null).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) {
      await recordAudit(trx, deps, actor, meta, {
        action: 'training.course_completed',
        entityType: 'training_course',
        entityId: c.id,
        bureauId,
        data: { year },
      });
    }
  });
  return { completed: true, year };
}

const LETTERS = 'ABCDEFGH';

export async function createQuestion(deps: Deps, actor: Actor, meta: RequestMeta, body: SaveQuestionBody): Promise<QuestionView> {
  assertPermission(actor, 'training:admin');
  await bureauOrFail(deps.db, actor, body.bureauId);
  const answer = [...new Set(body.answer.map((a) => a.toUpperCase()))].sort();
  const valid = LETTERS.slice(0, body.options.length);
  if (answer.some((a) => !valid.includes(a)))
    throw fieldError('answer', `答案须为选项 ${valid.split('').join('、')} 之一`, `must be among the options ${valid}`);
  if (body.kind === 'judge' && body.options.length !== 2)
    throw fieldError('options', '判断题须有两个选项（正确、错误）', 'a true-false question has two options');
  if (body.kind !== 'multiple' && answer.length !== 1)
    throw fieldError('answer', '单选题和判断题只有一个答案', 'a single-choice or true-false question has one answer');
  if (body.kind === 'multiple' && answer.length < 2)
    throw fieldError('answer', '多选题至少两个答案', 'a multiple-choice question has at least two answers');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('training_questions')
      .values({
        id,
        bureau_id: body.bureauId,
        bank: body.bank,
        kind: body.kind,
        stem: body.stem,
        options: body.options,
        answer,
        explanation: body.explanation ?? null,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'training.question',
      entityType: 'training_question',
      entityId: id,
      bureauId: body.bureauId,
      data: { bank: body.bank },
    });
  });
  return { id, bank: body.bank, kind: body.kind, stem: body.stem, options: body.options, answer, explanation: body.explanation ?? null };
}

export async function listQuestions(deps: Deps, actor: Actor, q: QuestionQuery): Promise<PageOf<QuestionView>> {
  assertPermission(actor, 'training:admin');
  const bureauId = scopeBureau(actor, q.bureauId);
  await bureauOrFail(deps.db, actor, bureauId);
  let query = deps.db.selectFrom('training_questions').where('bureau_id', '=', bureauId).where('active', '=', true);
  if (q.bank) query = query.where('bank', '=', q.bank);
  if (q.q) query = query.where('stem', 'like', `%${q.q}%`);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      bank: r.bank,
      kind: r.kind as QuestionView['kind'],
      stem: r.stem,
      options: r.options,
      answer: r.answer,
      explanation: r.explanation,
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}

export type ExamRow = {
  id: string;
  bureau_id: string;
  title: string;
  kind: string;
  bank: string;
  question_count: number;
  duration_minutes: number;
  pass_score: number;
  max_attempts: number;
  hours: number;
  credits: number;
  opens_on: string;
  closes_on: string;
};

export const examView = (r: ExamRow): ExamView => ({
  id: r.id,
  bureauId: r.bureau_id,
  title: r.title,
  kind: r.kind as ExamView['kind'],
  bank: r.bank,
  questionCount: r.question_count,
  durationMinutes: r.duration_minutes,
  passScore: r.pass_score,
  maxAttempts: r.max_attempts,
  hours: num(r.hours),
  credits: num(r.credits),
  opensOn: day(r.opens_on),
  closesOn: day(r.closes_on),
});

export async function createExam(deps: Deps, actor: Actor, meta: RequestMeta, body: SaveExamBody): Promise<ExamView> {
  assertPermission(actor, 'training:admin');
  await bureauOrFail(deps.db, actor, body.bureauId);
  if (body.closesOn < body.opensOn) throw fieldError('closesOn', '截止日期早于开放日期', 'is before the opening date');
  const n = await deps.db
    .selectFrom('training_questions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('bureau_id', '=', body.bureauId)
    .where('bank', '=', body.bank)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  if (Number(n.n) < body.questionCount) {
    throw fieldError(
      'questionCount',
      `题库「${body.bank}」只有 ${n.n} 道题，少于组卷题数`,
      `the bank holds ${n.n} questions, fewer than the paper needs`,
    );
  }
  const id = deps.newId();
  const row: ExamRow = {
    id,
    bureau_id: body.bureauId,
    title: body.title,
    kind: body.kind,
    bank: body.bank,
    question_count: body.questionCount,
    duration_minutes: body.durationMinutes,
    pass_score: body.passScore,
    max_attempts: body.maxAttempts,
    hours: body.hours ?? 0,
    credits: body.credits ?? 0,
    opens_on: body.opensOn,
    closes_on: body.closesOn,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('training_exams')
      .values({ ...row, created_by: actor.id })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'training.exam',
      entityType: 'training_exam',
      entityId: id,
      bureauId: body.bureauId,
      data: body,
    });
  });
  return examView(row);
}

export async function listExams(deps: Deps, actor: Actor, q: ExamQuery): Promise<PageOf<ExamView>> {
  canLearnOrAdmin(actor);
  const bureauId = scopeBureau(actor, q.bureauId);
  await bureauOrFail(deps.db, actor, bureauId, true);
  let query = deps.db.selectFrom('training_exams').where('bureau_id', '=', bureauId);
  if (q.kind) query = query.where('kind', '=', q.kind);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    query
      .selectAll()
      .orderBy('opens_on', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: rows.map((r) => examView(r as ExamRow)), total: Number(total.n), page, pageSize };
}
