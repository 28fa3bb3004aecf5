// All SQL of the enforcement feature: the derived case_enforcement rows and the list of the 「强制执行」 page.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../context.ts';
import type { CaseEnforcementTable } from './enforcement.tables.ts';

export type EnforcementRow = Selectable<CaseEnforcementTable>;
export type EnforcementListRow = EnforcementRow & {
  case_number: string | null;
  party_name: string;
  party_type: string;
  offence_name: string;
  org_name: string;
};

export async function findEnforcement(db: Executor, caseId: string): Promise<EnforcementRow | undefined> {
  return db.selectFrom('case_enforcement').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function upsertEnforcement(db: Executor, row: Insertable<CaseEnforcementTable>): Promise<void> {
  const { case_id: _c, ...update } = row;
  await db
    .insertInto('case_enforcement')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doUpdateSet(update))
    .execute();
}

export async function updateEnforcement(db: Executor, caseId: string, patch: Updateable<CaseEnforcementTable>): Promise<void> {
  await db.updateTable('case_enforcement').set(patch).where('case_id', '=', caseId).execute();
}

/**
 * Cases the check looks at: a fine decided, the decision received, not closed (optionally one subtree). With `due`,
 * only those whose enforcement row is due (`recheck_on` on or before that day), was computed under another calendar
 * (`calendarKey`), or does not exist yet: the others' view is the same as when their row was written.
 */
export async function enforcementCandidateIds(
  db: Executor,
  opts: { jurisdictionPath?: string; due?: { on: string; calendarKey: string } } = {},
): Promise<string[]> {
  let q = db
    .selectFrom('cases as c')
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .select('c.id')
    .where('c.fine_fen', '>', 0)
    .where('c.state', 'in', ['decision_served', 'enforcing', 'summary_decided', 'suspended']);
  if (opts.jurisdictionPath) q = q.where('g.path', 'like', `${opts.jurisdictionPath}%`);
  if (opts.due) {
    const { on, calendarKey } = opts.due;
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_enforcement as e')
            .whereRef('e.case_id', '=', 'c.id')
            .where((w) => w.or([w('e.recheck_on', 'is', null), w('e.recheck_on', '>', on)]))
            .where('e.calendar_key', '=', calendarKey),
        ),
      ),
    );
  }
  return (await q.orderBy('c.id').execute()).map((r) => r.id);
}

export type EnforcementFilter = {
  jurisdictionPath: string;
  statuses: readonly string[];
  orgPath?: string;
  from?: string;
  to?: string;
};

function listQuery(db: Executor, f: EnforcementFilter) {
  let q = db
    .selectFrom('case_enforcement as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .where('g.path', 'like', `${f.jurisdictionPath}%`)
    .where('e.status', 'in', [...f.statuses]);
  if (f.orgPath) q = q.where('g.path', 'like', `${f.orgPath}%`);
  if (f.from) q = q.where('e.payment_due', '>=', f.from);
  if (f.to) q = q.where('e.payment_due', '<=', f.to);
  return q;
}

export async function listEnforcement(
  db: Executor,
  f: EnforcementFilter,
  limit: number,
  offset: number,
): Promise<{ items: EnforcementListRow[]; total: number }> {
  const [items, count] = await Promise.all([
    listQuery(db, f)
      .selectAll('e')
      .select(['c.case_number', 'c.party_name', 'c.party_type', 'c.offence_name', 'g.name as org_name'])
      // The nearest last day to file first, then the longest overdue.
      .orderBy('e.court_closes_on', 'asc')
      .orderBy('e.payment_due', 'asc')
      .orderBy('e.case_id')
      .limit(limit)
      .offset(offset)
      .execute(),
    listQuery(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function orgPathOf(db: Executor, orgId: string): Promise<string | null> {
  return (await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst())?.path ?? null;
}
