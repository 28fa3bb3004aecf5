// 考核's training line (docs/supervision.md §6): for an officer, how much of the year's required hours and credits he
// has done (the lower of the two shares, as the training page shows it); for a squad, the share of its serving officers
// who completed the year. The year is the one the period ends in; the requirement is the officer's bureau's setting.
import { trainingProgress, type Measure } from '@chengguan/domain';
import type { ScoreSourceFn } from '../supervision/index.ts';
import { requirementOf, totalsByOfficer } from './training.shared.ts';

export const trainingScoreSource: ScoreSourceFn = async (db, q) => {
  if (q.ids.length === 0) return new Map();
  const year = Number(q.to.slice(0, 4));
  let officers = db.selectFrom('officers').select(['id', 'org_id', 'bureau_id']);
  officers = q.level === 'officer' ? officers.where('id', 'in', q.ids) : officers.where('org_id', 'in', q.ids).where('active', '=', true);
  const rows = await officers.execute();
  const bureaus = [...new Set(rows.map((r) => r.bureau_id))];
  const [requirements, totals] = await Promise.all([
    Promise.all(bureaus.map(async (b) => [b, await requirementOf(db, b)] as const)).then((e) => new Map(e)),
    totalsByOfficer(
      db,
      rows.map((r) => r.id),
      [year],
    ),
  ]);
  const progressOf = (r: (typeof rows)[number]) =>
    trainingProgress(totals.get(r.id)?.get(year) ?? { hours: 0, credits: 0 }, requirements.get(r.bureau_id)!);

  if (q.level === 'officer') {
    return new Map(
      rows.map((r) => {
        const p = progressOf(r);
        const m: Measure = {
          kind: 'ratio',
          value: p.percent / 100,
          detailZh: `${year}年学时${p.hours}/${p.requiredHours}，学分${p.credits}/${p.requiredCredits}`,
          detailEn: `${year}: ${p.hours}/${p.requiredHours} hours, ${p.credits}/${p.requiredCredits} credits`,
        };
        return [r.id, m] as const;
      }),
    );
  }
  return new Map(
    q.ids.map((squad) => {
      const members = rows.filter((r) => r.org_id === squad);
      const done = members.filter((r) => progressOf(r).complete).length;
      const m: Measure =
        members.length === 0
          ? { kind: 'none', value: null, detailZh: '本中队无在岗队员', detailEn: 'no serving officer in the squad' }
          : {
              kind: 'ratio',
              value: done / members.length,
              detailZh: `${year}年${members.length}名队员中${done}名完成学时学分要求`,
              detailEn: `${year}: ${done} of ${members.length} officers completed their hours and credits`,
            };
      return [squad, m] as const;
    }),
  );
};
