// 执法对象 (regulated subjects): the registry, its timeline, 一店一码, risk grading.
export {
  recordSubjectEvents,
  RISK_EVENT_KINDS,
  subjectBriefs,
  subjectPool,
  type SubjectBrief,
  type SubjectEventInput,
  type SubjectEventKind,
  type SubjectPoolEntry,
  type SubjectPoolFilter,
} from './subjects.shared.ts';
