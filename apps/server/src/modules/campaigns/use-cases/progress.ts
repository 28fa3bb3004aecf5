// Progress of campaigns (docs/campaigns.md §3): per campaign, per area and per round, the points open, waiting for
// 销项 approval and closed — inside a jurisdiction, so a number shown is one the viewer may see. This is what the
// cockpit shows (exported from index.ts as campaignProgress).
import type { CampaignProgress } from '@chengguan/contracts';
import { sql } from 'kysely';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { prefixPattern } from '../../../db/like.ts';
import { assertPermission } from '../../../shared/access.ts';
import { orgNames, pointCounts, roundsOf } from '../campaigns.repository.ts';
import { campaignOrFail, countsOf, dateText } from './campaigns.ts';

export type CampaignProgressScope = {
  /** The viewer's jurisdiction (an org path): only its campaigns and points are counted. */
  jurisdictionPath: string;
  /** Only these campaigns. */
  campaignIds?: readonly string[];
  /** Only campaigns running on this date (YYYY-MM-DD). */
  activeOn?: string;
};

/**
 * The progress of every campaign visible in the jurisdiction (its org inside it, or covering it), newest first, at
 * most 200. Counts are of the points inside the jurisdiction.
 */
export async function campaignProgress(db: Executor, scope: CampaignProgressScope): Promise<CampaignProgress[]> {
  const jp = scope.jurisdictionPath;
  let q = db
    .selectFrom('special_campaigns as c')
    .select(['c.id', 'c.title', 'c.period_from', 'c.period_to', 'c.target_points', 'c.target_rounds', 'c.area_org_ids'])
    .where(sql<boolean>`(c.org_path LIKE ${prefixPattern(jp)} OR ${jp} LIKE c.org_path || '%')`);
  if (scope.campaignIds) {
    if (scope.campaignIds.length === 0) return [];
    q = q.where('c.id', 'in', [...scope.campaignIds]);
  }
  if (scope.activeOn) q = q.where('c.period_from', '<=', scope.activeOn).where('c.period_to', '>=', scope.activeOn);
  const campaigns = await q.orderBy('c.period_from', 'desc').orderBy('c.id', 'desc').limit(200).execute();
  const ids = campaigns.map((c) => c.id);
  const [byArea, byRound, rounds, names] = await Promise.all([
    pointCounts(db, ids, jp, 'area_org_id'),
    pointCounts(db, ids, jp, 'round_id'),
    roundsOf(db, ids),
    orgNames(db, [...new Set(campaigns.flatMap((c) => c.area_org_ids))]),
  ]);
  const today = scope.activeOn;
  return campaigns.map((c) => {
    const area = byArea.filter((r) => r.campaign_id === c.id);
    const round = byRound.filter((r) => r.campaign_id === c.id);
    const own = rounds.filter((r) => r.campaign_id === c.id);
    // Areas the viewer may see: inside his jurisdiction, or covering it.
    const areas = c.area_org_ids.filter((id) => {
      const p = names.get(id)?.path ?? '';
      return p.startsWith(jp) || jp.startsWith(p);
    });
    return {
      campaignId: c.id,
      title: c.title,
      periodFrom: dateText(c.period_from),
      periodTo: dateText(c.period_to),
      targetPoints: c.target_points,
      targetRounds: c.target_rounds,
      roundsHeld: today ? own.filter((r) => dateText(r.starts_on) <= today).length : own.length,
      counts: countsOf(area),
      byArea: areas.map((id) => ({ orgId: id, orgName: names.get(id)?.name ?? '', ...countsOf(area.filter((r) => r.key === id)) })),
      byRound: [
        ...own.map((r) => ({ roundId: r.id, roundNo: r.round_no, title: r.title, ...countsOf(round.filter((x) => x.key === r.id)) })),
        ...(round.some((x) => x.key === null)
          ? [{ roundId: null, roundNo: null, title: '常态（未分轮次）', ...countsOf(round.filter((x) => x.key === null)) }]
          : []),
      ],
    };
  });
}

export async function getCampaignProgress(deps: Deps, actor: Actor, id: string): Promise<CampaignProgress> {
  assertPermission(actor, 'campaign:read');
  await campaignOrFail(deps.db, actor, id);
  const [p] = await campaignProgress(deps.db, { jurisdictionPath: actor.jurisdictionPath, campaignIds: [id] });
  return p!;
}
