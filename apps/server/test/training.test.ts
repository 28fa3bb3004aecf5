// 教育培训 through the API (docs/training.md): courses counted once a year into the 60 / 24 requirement, progress with
// filters and Excel, the question bank, an exam drawn by seed (reproducible), timed, graded, retaken, the late answer
// sheet refused and kept (T2), the 执法资格考试 record, T1 credential renewal; and the forbidden paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptView, ExamView, MyTraining, PageOf, QuestionView, TrainingProgressView } from '@chengguan/contracts';
import { drawPaper } from '@chengguan/domain';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_admin', 'pd_ljz_01', 'pd_ljz_leader', 'pd_super', 'qp_admin', 'qp_zjj_01'];
const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}
async function at(instant: string): Promise<void> {
  ctx.clock.set(instant);
  for (const u of USERS) tokens[u] = await ctx.login(u);
}
let pd: string;
let officer: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await at('2026-03-02T02:00:00.000Z');
  pd = ctx.seed.ids.orgs.get('pd')!;
  officer = (await ctx.deps.db.selectFrom('officers').select('id').where('username', '=', 'pd_ljz_01').executeTakeFirstOrThrow()).id;
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('courses and progress', () => {
  it('a course completed counts once in the year; progress against 60 / 24 lists, filters and exports', async () => {
    const course = await ok<{ id: string }>(
      call('pd_admin', 'POST', '/api/v1/training/courses', {
        bureauId: pd,
        title: '行政处罚法精讲',
        category: '法律法规',
        hours: 40,
        credits: 16,
      }),
    );
    expect(
      (await call('pd_ljz_01', 'POST', '/api/v1/training/courses', { bureauId: pd, title: '课程', category: '法律', hours: 1, credits: 1 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('qp_admin', 'POST', '/api/v1/training/courses', { bureauId: pd, title: '课程', category: '法律', hours: 1, credits: 1 }))
        .statusCode,
    ).toBe(404);
    const courses = await ok<PageOf<{ id: string; completed: boolean }>>(call('pd_ljz_01', 'GET', '/api/v1/training/courses'));
    expect(courses.items.find((c) => c.id === course.id)?.completed).toBe(false);
    await ok(call('pd_ljz_01', 'POST', `/api/v1/training/courses/${course.id}/complete`));
    await ok(call('pd_ljz_01', 'POST', `/api/v1/training/courses/${course.id}/complete`));
    expect((await call('qp_zjj_01', 'POST', `/api/v1/training/courses/${course.id}/complete`)).statusCode).toBe(404);
    const me = await ok<MyTraining>(call('pd_ljz_01', 'GET', '/api/v1/training/me'));
    expect(me.progress).toMatchObject({ hours: 40, credits: 16, requiredHours: 60, requiredCredits: 24, percent: 66, complete: false });
    const ljz = ctx.seed.ids.orgs.get('pd-ljz')!;
    const open = await ok<PageOf<TrainingProgressView>>(
      call('pd_ljz_leader', 'GET', `/api/v1/training/progress?year=2026&orgId=${ljz}&complete=false`),
    );
    expect(open.items.find((p) => p.officerId === officer)?.hours).toBe(40);
    expect((await call('pd_ljz_01', 'GET', '/api/v1/training/progress?year=2026')).statusCode).toBe(403);
    const qp = await ok<PageOf<TrainingProgressView>>(call('qp_admin', 'GET', '/api/v1/training/progress?year=2026'));
    expect(qp.items.some((p) => p.officerId === officer)).toBe(false);
    const xlsx = await call('pd_super', 'GET', '/api/v1/training/progress/export.xlsx?year=2026');
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('exams', () => {
  let exam: ExamView;
  it('the bank refuses a wrong answer letter; an exam needs enough questions', async () => {
    const bad = await call('pd_admin', 'POST', '/api/v1/training/questions', {
      bureauId: pd,
      bank: '法规',
      kind: 'single',
      stem: '题目一',
      options: ['甲', '乙'],
      answer: ['C'],
    });
    expect(errorBody(bad).field).toBe('answer');
    for (let i = 0; i < 12; i++) {
      await ok<QuestionView>(
        call('pd_admin', 'POST', '/api/v1/training/questions', {
          bureauId: pd,
          bank: '法规',
          kind: 'single',
          stem: `第${i + 1}题：行政处罚的种类`,
          options: ['甲', '乙', '丙'],
          answer: ['A'],
        }),
      );
    }
    const body = {
      bureauId: pd,
      title: '2026年度执法资格考试',
      kind: 'qualification',
      bank: '法规',
      questionCount: 10,
      durationMinutes: 30,
      passScore: 60,
      maxAttempts: 2,
      hours: 20,
      credits: 8,
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
    };
    expect(errorBody(await call('pd_admin', 'POST', '/api/v1/training/exams', { ...body, questionCount: 50 })).field).toBe('questionCount');
    exam = await ok<ExamView>(call('pd_admin', 'POST', '/api/v1/training/exams', body));
  });

  it('a paper drawn by its seed, timed: late answers refused and kept; the retake graded, hours added, qualification recorded', async () => {
    const first = await ok<AttemptView>(call('pd_ljz_01', 'POST', `/api/v1/training/exams/${exam.id}/attempts`));
    expect(first.questions).toHaveLength(10);
    expect(first.questions[0]!.answer).toBeUndefined();
    const bank = await ctx.deps.db.selectFrom('training_questions').select('id').where('bank', '=', '法规').execute();
    expect(first.questions.map((q) => q.id)).toEqual(
      drawPaper(
        bank.map((b) => b.id),
        10,
        first.seed,
      ),
    );
    expect((await ok<AttemptView>(call('pd_ljz_01', 'POST', `/api/v1/training/exams/${exam.id}/attempts`))).id).toBe(first.id);
    expect((await call('pd_ljz_leader', 'GET', `/api/v1/training/attempts/${first.id}`)).statusCode).toBe(404);
    const answers = Object.fromEntries(first.questions.map((q) => [q.id, ['A']]));
    await ok(call('pd_ljz_01', 'PUT', `/api/v1/training/attempts/${first.id}/answers`, { answers: { [first.questions[0]!.id]: ['A'] } }));
    await at('2026-03-02T02:31:00.000Z');
    const late = await call('pd_ljz_01', 'POST', `/api/v1/training/attempts/${first.id}/submit`, { answers });
    expect(late.statusCode).toBe(422);
    expect(errorBody(late).field).toBe('answers');
    const kept = await ctx.deps.db.selectFrom('training_attempts').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(kept.status).toBe('expired');
    expect(Object.keys(typeof kept.late_answers === 'string' ? JSON.parse(kept.late_answers) : (kept.late_answers as object))).toHaveLength(
      10,
    );

    const retake = await ok<AttemptView>(call('pd_ljz_01', 'POST', `/api/v1/training/exams/${exam.id}/attempts`));
    expect(retake.attemptNo).toBe(2);
    const graded = await ok<AttemptView>(
      call('pd_ljz_01', 'POST', `/api/v1/training/attempts/${retake.id}/submit`, {
        answers: Object.fromEntries(retake.questions.map((q) => [q.id, ['A']])),
      }),
    );
    expect(graded).toMatchObject({ status: 'graded', score: 100, passed: true });
    expect(graded.questions[0]!.answer).toEqual(['A']);
    const me = await ok<MyTraining>(call('pd_ljz_01', 'GET', '/api/v1/training/me'));
    expect(me.progress).toMatchObject({ hours: 60, credits: 24, complete: true });
    const quals = await ok<PageOf<{ officerId: string; passed: boolean }>>(
      call('pd_super', 'GET', '/api/v1/training/qualifications?year=2026'),
    );
    expect(quals.items.find((q) => q.officerId === officer)?.passed).toBe(true);
    expect((await call('pd_ljz_01', 'POST', `/api/v1/training/exams/${exam.id}/attempts`)).statusCode).toBe(409);
  });

  it('T1: a credential is renewed only with the year’s training', async () => {
    const other = (await ctx.deps.db.selectFrom('officers').select('id').where('username', '=', 'pd_ljz_leader').executeTakeFirstOrThrow())
      .id;
    const credOf = async (id: string) =>
      await ctx.deps.db.selectFrom('credentials').select(['id', 'valid_to']).where('officer_id', '=', id).executeTakeFirstOrThrow();
    const c = await credOf(other);
    const refused = await call('pd_admin', 'PATCH', `/api/v1/credentials/${c.id}`, { validTo: '2031-12-31' });
    expect(refused.statusCode).toBe(422);
    expect(errorBody(refused).field).toBe('validTo');
    expect((refused.json() as { rule?: string }).rule).toMatch(/^T1/);
    const mine = await credOf(officer);
    expect((await call('pd_admin', 'PATCH', `/api/v1/credentials/${mine.id}`, { validTo: '2031-12-31' })).statusCode).toBe(200);
  });
});
