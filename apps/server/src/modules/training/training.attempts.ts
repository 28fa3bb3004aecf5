// Taking an exam (docs/training.md §4): a paper drawn from the bank by a seed kept with the sitting (the same seed
// gives the same paper), a deadline of the exam's minutes, answers saved as the officer goes, graded on submission;
// retakes up to the exam's limit. An answer sheet that arrives after the deadline is refused (T2) and kept — nothing
// the officer wrote is lost. A passed exam adds its hours and credits; a 执法资格考试 is recorded.
import { randomInt } from 'node:crypto';
import type { AttemptAnswersBody, AttemptView } from '@chengguan/contracts';
import { drawPaper, gradePaper } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../context.ts';
import { keepWritesOnRefusal } from '../../db/unit-of-work.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { assertPermission } from '../../shared/access.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { day, num, ownBureau } from './training.shared.ts';

type AttemptRow = {
  id: string;
  exam_id: string;
  officer_id: string;
  attempt_no: number;
  seed: number;
  question_ids: string[];
  started_at: Date;
  due_at: Date;
  answers: unknown;
  status: string;
  submitted_at: Date | null;
  score: number | null;
  passed: boolean | null;
};

const parse = (v: unknown): Record<string, string[]> => (typeof v === 'string' ? JSON.parse(v) : ((v ?? {}) as Record<string, string[]>));

async function view(db: Executor, a: AttemptRow): Promise<AttemptView> {
  const [exam, qs] = await Promise.all([
    db.selectFrom('training_exams').select('title').where('id', '=', a.exam_id).executeTakeFirstOrThrow(),
    db.selectFrom('training_questions').select(['id', 'kind', 'stem', 'options', 'answer']).where('id', 'in', a.question_ids).execute(),
  ]);
  const byId = new Map(qs.map((q) => [q.id, q]));
  const graded = a.status !== 'open';
  return {
    id: a.id,
    examId: a.exam_id,
    examTitle: exam.title,
    attemptNo: a.attempt_no,
    seed: Number(a.seed),
    startedAt: new Date(a.started_at).toISOString(),
    dueAt: new Date(a.due_at).toISOString(),
    status: a.status as AttemptView['status'],
    submittedAt: a.submitted_at ? new Date(a.submitted_at).toISOString() : null,
    score: a.score,
    passed: a.passed,
    answers: parse(a.answers),
    questions: a.question_ids.map((id) => {
      const q = byId.get(id)!;
      return { id, kind: q.kind as 'single', stem: q.stem, options: q.options, ...(graded ? { answer: q.answer } : {}) };
    }),
  };
}

async function ownAttempt(db: Executor, actor: Actor, id: string, lock = false): Promise<AttemptRow> {
  let q = db.selectFrom('training_attempts').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const a = await q.executeTakeFirst();
  if (!a || a.officer_id !== actor.id) throw new AppError('NOT_FOUND');
  return a as AttemptRow;
}

/** Starts a sitting, or answers the one still open (a second tap never starts a second paper). */
export async function startAttempt(deps: Deps, actor: Actor, meta: RequestMeta, examId: string, seed?: number): Promise<AttemptView> {
  assertPermission(actor, 'training:learn');
  const bureauId = ownBureau(actor);
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const row = await deps.db.transaction().execute(async (trx) => {
    const exam = await trx.selectFrom('training_exams').selectAll().where('id', '=', examId).forUpdate().executeTakeFirst();
    if (!exam || exam.bureau_id !== bureauId) throw new AppError('NOT_FOUND');
    const prior = await trx
      .selectFrom('training_attempts')
      .selectAll()
      .where('exam_id', '=', examId)
      .where('officer_id', '=', actor.id)
      .orderBy('attempt_no', 'desc')
      .execute();
    const open = prior.find((p) => p.status === 'open' && new Date(p.due_at) > now);
    if (open) return open as AttemptRow;
    // A sitting left open past its deadline closes unscored; its answers stay.
    for (const p of prior.filter((x) => x.status === 'open')) {
      await trx.updateTable('training_attempts').set({ status: 'expired' }).where('id', '=', p.id).execute();
    }
    if (today < day(exam.opens_on) || today > day(exam.closes_on)) {
      throw new AppError('RULE_VIOLATION', {
        field: 'examId',
        rule: 'T2 考试开放期间',
        message: `考试开放期间为 ${day(exam.opens_on)} 至 ${day(exam.closes_on)}`,
        messageEn: `The exam is open from ${day(exam.opens_on)} to ${day(exam.closes_on)}`,
      });
    }
    if (prior.some((p) => p.passed))
      throw new AppError('STATE_CONFLICT', { message: '已通过该考试，无需补考', messageEn: 'You passed this exam already' });
    if (prior.length >= exam.max_attempts) {
      throw new AppError('RULE_VIOLATION', {
        field: 'examId',
        rule: 'T2 考试次数',
        message: `已考 ${prior.length} 次，达到该考试的次数上限`,
        messageEn: `All ${exam.max_attempts} attempts are used`,
      });
    }
    const bank = await trx
      .selectFrom('training_questions')
      .select('id')
      .where('bureau_id', '=', exam.bureau_id)
      .where('bank', '=', exam.bank)
      .where('active', '=', true)
      .execute();
    if (bank.length < exam.question_count) {
      throw new AppError('RULE_VIOLATION', {
        field: 'examId',
        message: '题库题量不足，无法组卷，请联系培训管理员',
        messageEn: 'The bank is too small for the paper; ask the training administrator',
      });
    }
    const s = seed ?? randomInt(1, 2 ** 31 - 1);
    const a = {
      id: deps.newId(),
      exam_id: exam.id,
      officer_id: actor.id,
      bureau_id: bureauId,
      attempt_no: (prior[0]?.attempt_no ?? 0) + 1,
      seed: s,
      question_ids: drawPaper(
        bank.map((b) => b.id),
        exam.question_count,
        s,
      ),
      started_at: now,
      due_at: new Date(now.getTime() + exam.duration_minutes * 60_000),
    };
    await trx.insertInto('training_attempts').values(a).execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'training.exam_started',
      entityType: 'training_attempt',
      entityId: a.id,
      bureauId,
      data: { examId, attemptNo: a.attempt_no, seed: s },
    });
    return { ...a, answers: {}, status: 'open', submitted_at: null, score: null, passed: null } as AttemptRow;
  });
  return view(deps.db, row);
}

export async function getAttempt(deps: Deps, actor: Actor, id: string): Promise<AttemptView> {
  assertPermission(actor, 'training:learn');
  return view(deps.db, await ownAttempt(deps.db, actor, id));
}

function checkAnswers(a: AttemptRow, answers: Record<string, string[]>): void {
  const ids = new Set(a.question_ids);
  for (const k of Object.keys(answers))
    if (!ids.has(k)) throw fieldError('answers', '含有不属于本试卷的题目', 'names a question not on this paper');
}

/** Saves the answers so far (before the deadline). */
export async function saveAnswers(deps: Deps, actor: Actor, id: string, body: AttemptAnswersBody): Promise<AttemptView> {
  assertPermission(actor, 'training:learn');
  const now = deps.clock.now();
  const a = await deps.db.transaction().execute(async (trx) => {
    const a = await ownAttempt(trx, actor, id, true);
    checkAnswers(a, body.answers);
    if (a.status !== 'open') throw new AppError('STATE_CONFLICT', { message: '本次考试已结束', messageEn: 'This sitting is over' });
    if (now > new Date(a.due_at)) {
      await trx
        .updateTable('training_attempts')
        .set({ late_answers: JSON.stringify(body.answers) })
        .where('id', '=', id)
        .execute();
      return null;
    }
    const answers = { ...parse(a.answers), ...body.answers };
    await trx
      .updateTable('training_attempts')
      .set({ answers: JSON.stringify(answers) })
      .where('id', '=', id)
      .execute();
    return { ...a, answers };
  });
  if (!a) {
    keepWritesOnRefusal();
    throw lateRefusal();
  }
  return view(deps.db, a);
}

function lateRefusal(): AppError {
  return new AppError('RULE_VIOLATION', {
    field: 'answers',
    rule: 'T2 考试限时',
    message: '已超过考试时间，本次交卷不予受理；所填答案已保存备查，可在次数内补考',
    messageEn: 'The time is over: the answers are refused for grading and kept on record; you may retake within the limit',
  });
}

/** Hands the paper in: graded now; after the deadline refused (T2), the answers kept. */
export async function submitAttempt(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: AttemptAnswersBody,
): Promise<AttemptView> {
  assertPermission(actor, 'training:learn');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const result = await deps.db.transaction().execute(async (trx) => {
    const a = await ownAttempt(trx, actor, id, true);
    checkAnswers(a, body.answers);
    if (a.status === 'graded') return a; // handed in already: the same answer
    if (a.status === 'expired' || now > new Date(a.due_at)) {
      await trx
        .updateTable('training_attempts')
        .set({ status: 'expired', late_answers: JSON.stringify(body.answers), submitted_at: now })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, deps, actor, meta, {
        action: 'training.exam_late',
        entityType: 'training_attempt',
        entityId: id,
        bureauId: actor.bureauId,
        data: { dueAt: new Date(a.due_at).toISOString() },
      });
      return null;
    }
    const answers = { ...parse(a.answers), ...body.answers };
    const [exam, qs] = await Promise.all([
      trx.selectFrom('training_exams').selectAll().where('id', '=', a.exam_id).executeTakeFirstOrThrow(),
      trx.selectFrom('training_questions').select(['id', 'answer']).where('id', 'in', a.question_ids).execute(),
    ]);
    const score = gradePaper(qs, answers);
    const passed = score >= exam.pass_score;
    await trx
      .updateTable('training_attempts')
      .set({ answers: JSON.stringify(answers), status: 'graded', submitted_at: now, score, passed })
      .where('id', '=', id)
      .execute();
    if (passed && (num(exam.hours) > 0 || num(exam.credits) > 0)) {
      await trx
        .insertInto('training_completions')
        .values({
          id: deps.newId(),
          officer_id: actor.id,
          bureau_id: exam.bureau_id,
          year: Number(today.slice(0, 4)),
          source: 'exam',
          source_id: exam.id,
          title: exam.title,
          hours: num(exam.hours),
          credits: num(exam.credits),
          completed_on: today,
        })
        .onConflict((oc) => oc.columns(['officer_id', 'source', 'source_id', 'year']).where('source_id', 'is not', null).doNothing())
        .execute();
    }
    if (exam.kind === 'qualification') {
      await trx
        .insertInto('training_qualifications')
        .values({
          id: deps.newId(),
          officer_id: actor.id,
          bureau_id: exam.bureau_id,
          exam_date: today,
          score,
          passed,
          attempt_id: id,
          created_by: actor.id,
        })
        .execute();
    }
    await recordAudit(trx, deps, actor, meta, {
      action: 'training.exam_graded',
      entityType: 'training_attempt',
      entityId: id,
      bureauId: exam.bureau_id,
      data: { score, passed },
    });
    return { ...a, answers, status: 'graded', submitted_at: now, score, passed };
  });
  if (!result) {
    // The refusal keeps what the officer wrote (late_answers): nothing is lost.
    keepWritesOnRefusal();
    throw lateRefusal();
  }
  return view(deps.db, result);
}
