// 教育培训 (issue 15 §9; docs/training.md): courses and materials, hours and credits per officer per year with progress,
// the question bank, exams with seeded random papers (timed, auto-graded, retakes), the 执法资格考试 record.
import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Sm3Hex, Text, Uuid } from './common.ts';

export const QUESTION_KINDS = ['single', 'multiple', 'judge'] as const;
export const EXAM_KINDS = ['regular', 'qualification'] as const;
export const ATTEMPT_STATUSES = ['open', 'graded', 'expired'] as const;
const Hours = Type.Number({ minimum: 0, maximum: 1000, multipleOf: 0.5 });
const Year = Int(2000, 2100);
const OptionLetter = Code('^[A-Ha-h]$', 1, 'an option letter A–H');

export const TrainingSettingsView = Type.Object({ bureauId: Uuid, hoursPerYear: Type.Number(), creditsPerYear: Type.Number() });
export type TrainingSettingsView = Static<typeof TrainingSettingsView>;
export const PutTrainingSettingsBody = Type.Object({ bureauId: Uuid, hoursPerYear: Hours, creditsPerYear: Hours });
export type PutTrainingSettingsBody = Static<typeof PutTrainingSettingsBody>;

export const CourseView = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  title: Type.String(),
  category: Type.String(),
  hours: Type.Number(),
  credits: Type.Number(),
  description: Nullable(Type.String()),
  materialUrl: Nullable(Type.String()),
  materialSm3: Nullable(Type.String()),
  active: Type.Boolean(),
  /** For the caller: completed this year. */
  completed: Type.Boolean(),
});
export type CourseView = Static<typeof CourseView>;

export const SaveCourseBody = Type.Object({
  bureauId: Uuid,
  title: Text(100, { minLength: 2 }),
  category: Text(30, { minLength: 1 }),
  hours: Type.Number({ minimum: 0.5, maximum: 200, multipleOf: 0.5 }),
  credits: Type.Number({ minimum: 0, maximum: 100, multipleOf: 0.5 }),
  description: Type.Optional(Nullable(MultilineText(2000))),
  materialUrl: Type.Optional(Nullable(Text(500, { pattern: '^https?://' }))),
  materialSm3: Type.Optional(Nullable(Sm3Hex)),
});
export type SaveCourseBody = Static<typeof SaveCourseBody>;

export const CourseQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  q: Type.Optional(Text(60)),
  category: Type.Optional(Text(30)),
  ...PageQuery,
});
export type CourseQuery = Static<typeof CourseQuery>;

export const TrainingProgressView = Type.Object({
  officerId: Uuid,
  officerName: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  year: Type.Integer(),
  hours: Type.Number(),
  credits: Type.Number(),
  requiredHours: Type.Number(),
  requiredCredits: Type.Number(),
  percent: Type.Integer(),
  complete: Type.Boolean(),
});
export type TrainingProgressView = Static<typeof TrainingProgressView>;

export const TrainingProgressQuery = Type.Object({
  orgId: Type.Optional(Uuid),
  year: Year,
  complete: Type.Optional(Type.Boolean()),
  q: Type.Optional(Text(60)),
  ...PageQuery,
});
export type TrainingProgressQuery = Static<typeof TrainingProgressQuery>;

export const CompletionView = Type.Object({
  id: Uuid,
  year: Type.Integer(),
  source: literals(['course', 'exam', 'offline'] as const),
  title: Type.String(),
  hours: Type.Number(),
  credits: Type.Number(),
  completedOn: IsoDate,
});
export type CompletionView = Static<typeof CompletionView>;

export const MyTraining = Type.Object({
  progress: TrainingProgressView,
  completions: Type.Array(CompletionView),
  exams: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      kind: literals(EXAM_KINDS),
      durationMinutes: Type.Integer(),
      questionCount: Type.Integer(),
      passScore: Type.Integer(),
      attemptsUsed: Type.Integer(),
      maxAttempts: Type.Integer(),
      bestScore: Nullable(Type.Integer()),
      passed: Type.Boolean(),
      openAttemptId: Nullable(Uuid),
      opensOn: IsoDate,
      closesOn: IsoDate,
    }),
  ),
});
export type MyTraining = Static<typeof MyTraining>;

export const OfflineCompletionBody = Type.Object({
  officerId: Uuid,
  title: Text(100, { minLength: 2 }),
  hours: Type.Number({ minimum: 0.5, maximum: 200, multipleOf: 0.5 }),
  credits: Type.Number({ minimum: 0, maximum: 100, multipleOf: 0.5 }),
  completedOn: IsoDate,
});
export type OfflineCompletionBody = Static<typeof OfflineCompletionBody>;

export const QuestionView = Type.Object({
  id: Uuid,
  bank: Type.String(),
  kind: literals(QUESTION_KINDS),
  stem: Type.String(),
  options: Type.Array(Type.String()),
  answer: Type.Array(Type.String()),
  explanation: Nullable(Type.String()),
});
export type QuestionView = Static<typeof QuestionView>;

export const SaveQuestionBody = Type.Object({
  bureauId: Uuid,
  bank: Text(30, { minLength: 1 }),
  kind: literals(QUESTION_KINDS),
  stem: MultilineText(1000, { minLength: 2 }),
  options: Type.Array(Text(300, { minLength: 1 }), { minItems: 2, maxItems: 8 }),
  answer: Type.Array(OptionLetter, { minItems: 1, maxItems: 8 }),
  explanation: Type.Optional(Nullable(MultilineText(1000))),
});
export type SaveQuestionBody = Static<typeof SaveQuestionBody>;

export const QuestionQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  bank: Type.Optional(Text(30)),
  q: Type.Optional(Text(60)),
  ...PageQuery,
});
export type QuestionQuery = Static<typeof QuestionQuery>;

export const ExamView = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  title: Type.String(),
  kind: literals(EXAM_KINDS),
  bank: Type.String(),
  questionCount: Type.Integer(),
  durationMinutes: Type.Integer(),
  passScore: Type.Integer(),
  maxAttempts: Type.Integer(),
  hours: Type.Number(),
  credits: Type.Number(),
  opensOn: IsoDate,
  closesOn: IsoDate,
});
export type ExamView = Static<typeof ExamView>;

export const SaveExamBody = Type.Object({
  bureauId: Uuid,
  title: Text(100, { minLength: 2 }),
  kind: literals(EXAM_KINDS),
  bank: Text(30, { minLength: 1 }),
  questionCount: Int(1, 200),
  durationMinutes: Int(1, 600),
  passScore: Int(0, 100),
  maxAttempts: Int(1, 10),
  hours: Type.Optional(Hours),
  credits: Type.Optional(Hours),
  opensOn: IsoDate,
  closesOn: IsoDate,
});
export type SaveExamBody = Static<typeof SaveExamBody>;

export const ExamQuery = Type.Object({ bureauId: Type.Optional(Uuid), kind: Type.Optional(literals(EXAM_KINDS)), ...PageQuery });
export type ExamQuery = Static<typeof ExamQuery>;

/** A sitting as the officer sees it: the questions without their answers until graded. */
export const AttemptView = Type.Object({
  id: Uuid,
  examId: Uuid,
  examTitle: Type.String(),
  attemptNo: Type.Integer(),
  seed: Type.Integer(),
  startedAt: IsoDateTime,
  dueAt: IsoDateTime,
  status: literals(ATTEMPT_STATUSES),
  submittedAt: Nullable(IsoDateTime),
  score: Nullable(Type.Integer()),
  passed: Nullable(Type.Boolean()),
  answers: Type.Record(Type.String(), Type.Array(Type.String())),
  questions: Type.Array(
    Type.Object({
      id: Uuid,
      kind: literals(QUESTION_KINDS),
      stem: Type.String(),
      options: Type.Array(Type.String()),
      /** Only once graded. */
      answer: Type.Optional(Type.Array(Type.String())),
    }),
  ),
});
export type AttemptView = Static<typeof AttemptView>;

export const AttemptAnswersBody = Type.Object({
  answers: Type.Record(Type.String({ format: 'uuid' }), Type.Array(OptionLetter, { maxItems: 8 }), { maxProperties: 200 }),
});
export type AttemptAnswersBody = Static<typeof AttemptAnswersBody>;

export const QualificationView = Type.Object({
  id: Uuid,
  officerId: Uuid,
  officerName: Type.String(),
  examDate: IsoDate,
  score: Type.Integer(),
  passed: Type.Boolean(),
  fromAttempt: Type.Boolean(),
});
export type QualificationView = Static<typeof QualificationView>;

export const QualificationBody = Type.Object({
  officerId: Uuid,
  examDate: IsoDate,
  score: Int(0, 100),
  passed: Type.Boolean(),
});
export type QualificationBody = Static<typeof QualificationBody>;

export const QualificationQuery = Type.Object({
  orgId: Type.Optional(Uuid),
  year: Type.Optional(Year),
  passed: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
export type QualificationQuery = Static<typeof QualificationQuery>;
