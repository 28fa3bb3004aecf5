// The cockpit's 示范化 / 规范化中队 numbers (staff theme; docs/cockpit.md, docs/squads.md): per child unit, the active
// squads, those rated for the year (规范化 or better) and those rated 示范 or 星级 — read live (249 squads at most).
import { sql } from 'kysely';
import { lastMonthOf, liveChildCounts, registerCockpitSource } from '../cockpit/index.ts';

export function registerSquadNumbers(): void {
  registerCockpitSource('staff', 'squads', {
    metrics: ['staff.squads', 'staff.standard_squads', 'staff.model_squads'],
    live: async (q) => {
      const month = lastMonthOf(q.to);
      const year = Number(month.slice(0, 4));
      const r = await sql<Record<string, unknown>>`
        SELECT split_part(o.path, '/', ${q.childPart}) AS child, count(*) AS squads,
               count(r.id) AS standard, count(*) FILTER (WHERE r.rating IN ('model', 'star')) AS model
          FROM orgs o LEFT JOIN squad_ratings r ON r.org_id = o.id AND r.year = ${year}
         WHERE o.path LIKE ${`${q.scopePath}%`} AND o.kind = 'squad' AND o.active
         GROUP BY 1`.execute(q.db);
      return liveChildCounts(month, r.rows, { squads: 'staff.squads', standard: 'staff.standard_squads', model: 'staff.model_squads' });
    },
    describe: {
      'staff.model_squads': {
        definition: '当年评定为示范化（含星级）的中队占在册中队总数的比例；按所看月份所在年度的评定计。',
        definitionEn: 'Share of the active squads rated 示范 (or 星级) for the year of the month shown.',
        source: 'squad_ratings.rating',
        list: () => '/squads',
      },
      'staff.standard_squads': {
        definition: '当年评定为规范化及以上（规范化、示范化、星级）的中队占在册中队总数的比例；按所看月份所在年度的评定计。',
        definitionEn: 'Share of the active squads rated 规范化 or better for the year of the month shown.',
        source: 'squad_ratings',
        list: () => '/squads',
      },
    },
  });
}
