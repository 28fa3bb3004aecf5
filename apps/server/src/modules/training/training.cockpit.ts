// The cockpit's 参训率 (staff theme; docs/cockpit.md, docs/training.md): per child unit, the serving officers and those
// with at least one training completion in the year up to the end of the month shown — read live.
import { sql } from 'kysely';
import { lastMonthOf, liveChildCounts, registerCockpitSource } from '../cockpit/index.ts';
import { shanghaiDate } from '../../shared/time.ts';

export function registerTrainingNumbers(): void {
  registerCockpitSource('staff', 'training', {
    metrics: ['staff.trained', 'staff.to_train'],
    live: async (q) => {
      const month = lastMonthOf(q.to);
      const r = await sql<Record<string, unknown>>`
        SELECT split_part(o.path, '/', ${q.childPart}) AS child, count(*) AS to_train,
               count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM training_completions c
                  WHERE c.officer_id = f.id AND c.year = ${Number(month.slice(0, 4))} AND c.completed_on < ${shanghaiDate(q.to)}::date)) AS trained
          FROM officers f JOIN orgs o ON o.id = f.org_id
         WHERE o.path LIKE ${`${q.scopePath}%`} AND f.active
         GROUP BY 1`.execute(q.db);
      return liveChildCounts(month, r.rows, { to_train: 'staff.to_train', trained: 'staff.trained' });
    },
    describe: {
      'staff.training': {
        definition: '在岗执法人员中，当年至所看月份月末有培训记录（课程、考试或线下培训）的人数所占比例。',
        definitionEn:
          'Share of the serving officers with a training completion (course, exam or offline) in the year up to the end of the month shown.',
        source: 'training_completions',
        list: () => '/training/admin',
      },
    },
  });
}
