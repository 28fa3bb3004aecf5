// SQL of the working-day calendar overrides and the legal configuration versions.
import type { Executor } from '../../context.ts';

export type CalendarOverrideRow = { date: string; kind: string; note: string; updated_at: Date };

export async function listCalendarOverrides(db: Executor, range?: { from: string; to: string }): Promise<CalendarOverrideRow[]> {
  let q = db.selectFrom('law_calendar_overrides').select(['date', 'kind', 'note', 'updated_at']);
  if (range) q = q.where('date', '>=', range.from).where('date', '<=', range.to);
  return q.orderBy('date').execute();
}

export async function findCalendarOverride(db: Executor, date: string): Promise<CalendarOverrideRow | undefined> {
  return db.selectFrom('law_calendar_overrides').select(['date', 'kind', 'note', 'updated_at']).where('date', '=', date).executeTakeFirst();
}

export async function upsertCalendarOverride(
  db: Executor,
  row: { date: string; kind: string; note: string; updated_by: string; updated_at: Date },
) {
  await db
    .insertInto('law_calendar_overrides')
    .values(row)
    .onConflict((oc) =>
      oc.column('date').doUpdateSet({ kind: row.kind, note: row.note, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

export async function deleteCalendarOverride(db: Executor, date: string): Promise<boolean> {
  const r = await db.deleteFrom('law_calendar_overrides').where('date', '=', date).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export type ConfigVersionRow = {
  id: string;
  effective_from: string;
  config: unknown;
  note: string | null;
  created_at: Date;
  created_by_name: string | null;
};

export async function listConfigVersions(db: Executor): Promise<ConfigVersionRow[]> {
  return db
    .selectFrom('law_config_versions as v')
    .leftJoin('officers as o', 'o.id', 'v.created_by')
    .select(['v.id', 'v.effective_from', 'v.config', 'v.note', 'v.created_at', 'o.name as created_by_name'])
    .orderBy('v.effective_from')
    .execute();
}

export async function insertConfigVersion(
  db: Executor,
  row: { id: string; effective_from: string; config: string; note: string | null; created_by: string | null },
) {
  await db.insertInto('law_config_versions').values(row).execute();
}

export async function countConfigVersions(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('law_config_versions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
