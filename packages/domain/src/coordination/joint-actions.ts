// 街镇统一指挥 / 联合行动 (seed 000: 杨浦 「首创街面全域协同指挥体系，形成区街一体、上下联动」; seed 002: 「战前周密部署、
// 战时统一调度、战后抽验巩固」): a commander launches an action over squads (and partners) within his scope; each
// participant reports back; the action shows its progress.

export const JOINT_ACTION_STATES = ['active', 'completed', 'cancelled'] as const;
export type JointActionState = (typeof JOINT_ACTION_STATES)[number];

export type ActionIssue = { field: string; messageZh: string; messageEn: string };

/** The longest action window (U: the seeds' 集中整治 run for days, not months; a longer one is a plan). */
export const MAX_ACTION_DAYS = 31;

/** The action's facts: a window that ends after it starts and lasts ≤ MAX_ACTION_DAYS, at least one participant, no
 * participant twice. */
export function checkJointAction(input: {
  startsAt: Date;
  endsAt: Date;
  orgIds: readonly string[];
  partnerIds: readonly string[];
}): ActionIssue[] {
  const issues: ActionIssue[] = [];
  if (input.endsAt.getTime() <= input.startsAt.getTime()) {
    issues.push({ field: 'endsAt', messageZh: '结束时间须晚于开始时间', messageEn: 'endsAt: must be after startsAt' });
  } else if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_ACTION_DAYS * 86_400_000) {
    issues.push({
      field: 'endsAt',
      messageZh: `行动时长不能超过${MAX_ACTION_DAYS}天`,
      messageEn: `endsAt: an action lasts at most ${MAX_ACTION_DAYS} days`,
    });
  }
  if (input.orgIds.length === 0) {
    issues.push({ field: 'tasks', messageZh: '至少指定一个参战中队', messageEn: 'tasks: name at least one squad' });
  }
  const ids = [...input.orgIds, ...input.partnerIds];
  if (new Set(ids).size !== ids.length) {
    issues.push({ field: 'tasks', messageZh: '同一单位不能重复分派任务', messageEn: 'tasks: a participant appears twice' });
  }
  return issues;
}

export type ActionProgress = { total: number; reported: number; percent: number; overdue: number };

/** Reported tasks over all tasks; tasks not reported once the window has closed count as overdue. */
export function actionProgress(tasks: readonly { state: 'pending' | 'reported' }[], endsAt: Date, now: Date): ActionProgress {
  const total = tasks.length;
  const reported = tasks.filter((t) => t.state === 'reported').length;
  const overdue = now.getTime() > endsAt.getTime() ? total - reported : 0;
  return { total, reported, percent: total === 0 ? 0 : Math.round((reported / total) * 100), overdue };
}

/** An action is completed only when every participant reported (or the commander says why not). */
export function canCompleteAction(progress: ActionProgress, note: string | undefined): ActionIssue | null {
  if (progress.reported === progress.total || note?.trim()) return null;
  return {
    field: 'summary',
    messageZh: '尚有参战单位未反馈，结束行动须写明情况',
    messageEn: 'summary: some participants have not reported; say why the action ends now',
  };
}
