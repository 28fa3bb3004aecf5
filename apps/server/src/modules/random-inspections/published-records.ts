// What the daily signed digest (modules/data-sharing, docs/data-sharing.md §3) reads of 双随机, through ./index.ts:
// the draws made public on a day — the commitment, the input digest, the revealed seed and the drawn targets.
import type { Executor } from '../../context.ts';

export async function drawsPublishedBetween(db: Executor, from: Date, to: Date): Promise<{ id: string; record: unknown }[]> {
  const plans = await db
    .selectFrom('inspection_plans')
    .select(['id', 'bureau_id', 'title', 'period_from', 'period_to', 'commitment', 'input_digest', 'seed_hex', 'drawn_at'])
    .where('status', '=', 'drawn')
    .where('drawn_at', '>=', from)
    .where('drawn_at', '<', to)
    .orderBy('id')
    .execute();
  if (plans.length === 0) return [];
  const drawn = await db
    .selectFrom('inspection_plan_drawn')
    .select(['plan_id', 'draw_order', 'subject_id', 'team_no'])
    .where(
      'plan_id',
      'in',
      plans.map((p) => p.id),
    )
    .orderBy('plan_id')
    .orderBy('draw_order')
    .execute();
  return plans.map((p) => ({
    id: p.id,
    record: {
      bureauId: p.bureau_id,
      title: p.title,
      periodFrom: String(p.period_from).slice(0, 10),
      periodTo: String(p.period_to).slice(0, 10),
      commitment: p.commitment,
      inputDigest: p.input_digest,
      seed: p.seed_hex,
      drawnAt: p.drawn_at ? new Date(p.drawn_at).toISOString() : null,
      targets: drawn.filter((d) => d.plan_id === p.id).map((d) => ({ order: d.draw_order, subjectId: d.subject_id, team: d.team_no })),
    },
  }));
}
