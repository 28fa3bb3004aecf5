// A problem point of a 专项 ledger (挂图作战, 003/004; docs/campaigns.md §2): entered open (待整治); the squad reports
// it put right with photos after (待销项审批); a leader approves — it is closed (已销项) — or refuses with a reason and
// it is open again (rule CP1). The leader who approves is not the officer who asked (rule CP2: 销项 is checked by
// someone else, as the plans' "战后抽验巩固" requires).
export const POINT_ACTIONS = ['request_close', 'approve_close', 'refuse_close'] as const;
export type PointAction = (typeof POINT_ACTIONS)[number];
export type PointState = 'open' | 'pending_close' | 'closed';

const NEXT: Record<PointAction, { from: PointState; to: PointState }> = {
  request_close: { from: 'open', to: 'pending_close' },
  approve_close: { from: 'pending_close', to: 'closed' },
  refuse_close: { from: 'pending_close', to: 'open' },
};

/** CP1: the state after the action, or null when the action is not allowed in that state. */
export function pointStep(from: PointState, action: PointAction): PointState | null {
  const t = NEXT[action];
  return t.from === from ? t.to : null;
}

/** CP2: whether this leader may decide the request (not his own). */
export function mayDecideClose(requestedBy: string | null, deciderId: string): boolean {
  return requestedBy !== deciderId;
}
