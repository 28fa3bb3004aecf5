// The sources 考核 items read (B7, docs/supervision.md §6). Each measures one thing for a set of officers or squads in a
// period and explains it; none measures fines or case numbers (assertScoreItemsValid refuses such a source). Training
// hours and 复议/诉讼 outcomes belong to other modules: they are declared here with "no data yet" and are wired by
// registering a function under the same name (registerScoreSource), with no change to the items or the scoring.
import type { Measure, ScoreLevel } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';

export type SourceQuery = { level: ScoreLevel; ids: readonly string[]; from: string; to: string };
export type ScoreSourceFn = (db: Executor, q: SourceQuery) => Promise<Map<string, Measure>>;
export type ScoreSourceEntry = { nameZh: string; nameEn: string; fn: ScoreSourceFn | null; noDataZh?: string; noDataEn?: string };

const SOURCES = new Map<string, ScoreSourceEntry>();

/** Registers (or replaces) the function of a source; other modules call it from their hooks at start-up. */
export function registerScoreSource(name: string, entry: ScoreSourceEntry): void {
  SOURCES.set(name, entry);
}

export function scoreSources(): ReadonlyMap<string, ScoreSourceEntry> {
  return SOURCES;
}

const none = (zh: string, en: string): Measure => ({ kind: 'none', value: null, detailZh: zh, detailEn: en });

/** The cases of each officer (case_officers) or squad (cases.org_id): the join every case-based source uses. */
function caseOwner(level: ScoreLevel) {
  return level === 'officer' ? sql`co.officer_id` : sql`c.org_id`;
}
function caseJoin(level: ScoreLevel) {
  return level === 'officer' ? sql`JOIN case_officers co ON co.case_id = c.id` : sql``;
}

/** File quality: the mean percentage of the reviewed samples (评查) of the subject's cases in the period. */
const fileQuality: ScoreSourceFn = async (db, q) => {
  if (q.ids.length === 0) return new Map();
  const rows = await sql<{ owner: string; n: number; pct: number }>`
    SELECT ${caseOwner(q.level)} AS owner, count(*)::int AS n, avg(s.total::float / nullif(s.max_total, 0)) AS pct
    FROM supervision_samples s JOIN cases c ON c.id = s.case_id ${caseJoin(q.level)}
    WHERE s.status = 'reviewed' AND s.max_total > 0 AND s.reviewed_on BETWEEN ${q.from} AND ${q.to}
      AND ${caseOwner(q.level)} IN (${sql.join(q.ids.map((id) => sql`${id}::uuid`))})
    GROUP BY 1`.execute(db);
  const by = new Map(rows.rows.map((r) => [r.owner, r]));
  return new Map(
    q.ids.map((id) => {
      const r = by.get(id);
      return [
        id,
        r
          ? {
              kind: 'ratio',
              value: Number(r.pct),
              detailZh: `评查案卷${r.n}件，平均得分率${Math.round(Number(r.pct) * 1000) / 10}%`,
              detailEn: `${r.n} files reviewed, mean ${Math.round(Number(r.pct) * 1000) / 10}%`,
            }
          : none('本期无评查案卷', 'no file reviewed in the period'),
      ] as const;
    }),
  );
};

/** Timeliness: legal deadlines of the subject's cases falling in the period that were missed (overdue or met late). */
const timeliness: ScoreSourceFn = async (db, q) => {
  if (q.ids.length === 0) return new Map();
  const rows = await sql<{ owner: string; due: number; missed: number }>`
    SELECT ${caseOwner(q.level)} AS owner, count(*)::int AS due,
      count(*) FILTER (WHERE d.state = 'overdue' OR (d.done_on IS NOT NULL AND d.done_on > d.due_date))::int AS missed
    FROM case_deadlines d JOIN cases c ON c.id = d.case_id ${caseJoin(q.level)}
    WHERE d.due_date BETWEEN ${q.from} AND ${q.to} AND ${caseOwner(q.level)} IN (${sql.join(q.ids.map((id) => sql`${id}::uuid`))})
    GROUP BY 1`.execute(db);
  const by = new Map(rows.rows.map((r) => [r.owner, r]));
  return new Map(
    q.ids.map((id) => {
      const r = by.get(id);
      const missed = r?.missed ?? 0;
      return [
        id,
        {
          kind: 'count',
          value: missed,
          detailZh: `本期到期的法定期限${r?.due ?? 0}个，逾期${missed}个`,
          detailEn: `${r?.due ?? 0} legal deadlines due, ${missed} missed`,
        },
      ] as const;
    }),
  );
};

/** Complaints about officers concluded in the period as substantiated (wholly or partly). */
const complaints: ScoreSourceFn = async (db, q) => {
  if (q.ids.length === 0) return new Map();
  const owner = q.level === 'officer' ? sql`k.officer_id` : sql`k.org_id`;
  const rows = await sql<{ owner: string; n: number }>`
    SELECT ${owner} AS owner, count(*)::int AS n FROM supervision_officer_complaints k
    WHERE k.status = 'handled' AND k.outcome IN ('substantiated', 'partly_substantiated') AND k.handled_on BETWEEN ${q.from} AND ${q.to}
      AND ${owner} IN (${sql.join(q.ids.map((id) => sql`${id}::uuid`))})
    GROUP BY 1`.execute(db);
  const by = new Map(rows.rows.map((r) => [r.owner, r.n]));
  return new Map(
    q.ids.map(
      (id) =>
        [
          id,
          {
            kind: 'count',
            value: by.get(id) ?? 0,
            detailZh: `投诉查实${by.get(id) ?? 0}件`,
            detailEn: `${by.get(id) ?? 0} substantiated complaints`,
          },
        ] as const,
    ),
  );
};

/** Problems found in the subject's recordings (全过程记录 sampling) in the period. */
const recordingProblems: ScoreSourceFn = async (db, q) => {
  if (q.ids.length === 0) return new Map();
  const owner = q.level === 'officer' ? sql`f.officer_id` : sql`f.org_id`;
  const rows = await sql<{ owner: string; n: number }>`
    SELECT ${owner} AS owner, count(*)::int AS n FROM supervision_findings f
    WHERE f.source = 'recording' AND (f.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from} AND ${q.to}
      AND ${owner} IN (${sql.join(q.ids.map((id) => sql`${id}::uuid`))})
    GROUP BY 1`.execute(db);
  const by = new Map(rows.rows.map((r) => [r.owner, r.n]));
  return new Map(
    q.ids.map(
      (id) =>
        [
          id,
          {
            kind: 'count',
            value: by.get(id) ?? 0,
            detailZh: `执法记录通报问题${by.get(id) ?? 0}个`,
            detailEn: `${by.get(id) ?? 0} recording problems`,
          },
        ] as const,
    ),
  );
};

/** Findings due in the period corrected on or before their day. */
const corrections: ScoreSourceFn = async (db, q) => {
  if (q.ids.length === 0) return new Map();
  const owner = q.level === 'officer' ? sql`f.officer_id` : sql`f.org_id`;
  const rows = await sql<{ owner: string; n: number; ok: number }>`
    SELECT ${owner} AS owner, count(*)::int AS n, count(*) FILTER (WHERE f.corrected_on IS NOT NULL AND f.corrected_on <= f.due_on)::int AS ok
    FROM supervision_findings f
    WHERE f.due_on BETWEEN ${q.from} AND ${q.to} AND ${owner} IN (${sql.join(q.ids.map((id) => sql`${id}::uuid`))})
    GROUP BY 1`.execute(db);
  const by = new Map(rows.rows.map((r) => [r.owner, r]));
  return new Map(
    q.ids.map((id) => {
      const r = by.get(id);
      return [
        id,
        r && r.n > 0
          ? {
              kind: 'ratio',
              value: r.ok / r.n,
              detailZh: `到期整改问题${r.n}个，按期整改${r.ok}个`,
              detailEn: `${r.ok} of ${r.n} findings corrected on time`,
            }
          : none('本期无到期整改问题', 'no finding due in the period'),
      ] as const;
    }),
  );
};

registerScoreSource('case_file_quality', { nameZh: '案卷评查得分率', nameEn: 'Case-file review score', fn: fileQuality });
registerScoreSource('timeliness', { nameZh: '法定期限逾期数', nameEn: 'Missed legal deadlines', fn: timeliness });
registerScoreSource('officer_complaints', { nameZh: '投诉查实数', nameEn: 'Substantiated complaints', fn: complaints });
registerScoreSource('recording_problems', { nameZh: '执法记录问题数', nameEn: 'Recording problems', fn: recordingProblems });
registerScoreSource('finding_corrections', { nameZh: '问题按期整改率', nameEn: 'Findings corrected on time', fn: corrections });
registerScoreSource('training', {
  nameZh: '教育培训学时学分',
  nameEn: 'Training hours and credits',
  fn: null,
  noDataZh: '教育培训数据尚未接入（学时、学分由教育培训模块登记后计分）',
  noDataEn: 'training data is not connected yet (scored once the training module records hours and credits)',
});
registerScoreSource('review_outcomes', {
  nameZh: '复议诉讼纠错败诉数',
  nameEn: 'Review and lawsuit outcomes',
  fn: null,
  noDataZh: '复议、诉讼结果尚未接入（由复议诉讼模块登记后计分）',
  noDataEn: 'review and lawsuit outcomes are not connected yet (scored once that module records them)',
});
