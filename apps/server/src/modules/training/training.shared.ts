// What the training use-cases share: the bureau's requirement, an officer's totals per year, number columns.
import { DEFAULT_TRAINING_REQUIREMENT, type TrainingRequirement, type TrainingTotals } from '@chengguan/domain';
import type { Actor, Executor } from '../../context.ts';
import { fieldError } from '../../errors/app-error.ts';
import { assertInJurisdiction } from '../../shared/access.ts';
import { findOrg } from '../org/index.ts';

export const num = (v: unknown): number => Number(v ?? 0);
export const day = (d: unknown): string =>
  d instanceof Date
    ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    : String(d).slice(0, 10);

export async function requirementOf(db: Executor, bureauId: string | null): Promise<TrainingRequirement> {
  if (!bureauId) return DEFAULT_TRAINING_REQUIREMENT;
  const row = await db.selectFrom('training_settings').selectAll().where('bureau_id', '=', bureauId).executeTakeFirst();
  return row ? { hours: num(row.hours_per_year), credits: num(row.credits_per_year) } : DEFAULT_TRAINING_REQUIREMENT;
}

/** Hours and credits of the officers in each year (officer id → year → totals). */
export async function totalsByOfficer(
  db: Executor,
  officerIds: readonly string[],
  years: readonly number[],
): Promise<Map<string, Map<number, TrainingTotals>>> {
  const out = new Map<string, Map<number, TrainingTotals>>();
  if (officerIds.length === 0 || years.length === 0) return out;
  const rows = await db
    .selectFrom('training_completions')
    .select(['officer_id', 'year', (eb) => eb.fn.sum<string>('hours').as('hours'), (eb) => eb.fn.sum<string>('credits').as('credits')])
    .where('officer_id', 'in', officerIds)
    .where('year', 'in', years)
    .groupBy(['officer_id', 'year'])
    .execute();
  for (const r of rows) {
    const m = out.get(r.officer_id) ?? new Map<number, TrainingTotals>();
    m.set(Number(r.year), { hours: num(r.hours), credits: num(r.credits) });
    out.set(r.officer_id, m);
  }
  return out;
}

export async function bureauOrFail(
  db: Executor,
  actor: Actor,
  bureauId: string,
  ownAllowed = false,
): Promise<{ id: string; path: string }> {
  const org = await findOrg(db, bureauId);
  // An officer learns in his own bureau (its courses and exams), which lies above his squad's jurisdiction.
  if (!(ownAllowed && org && org.id === actor.bureauId)) assertInJurisdiction(actor, org?.path);
  if (org!.bureau_id !== org!.id) throw fieldError('bureauId', '须为区局', 'must be a district bureau');
  return { id: org!.id, path: org!.path };
}

/** The caller's own bureau for his learning (an officer of the city bureau has none: 400). */
export function ownBureau(actor: Actor): string {
  if (!actor.bureauId)
    throw fieldError('bureauId', '只有区局及以下单位的队员参加本平台培训', 'only officers of a district bureau train here');
  return actor.bureauId;
}
