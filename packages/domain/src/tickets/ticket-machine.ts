// The 诉件 state machine as data (ARCHITECTURE.md "Workflows": transition table + guards; the server runs each row as
// guard → conditional UPDATE … WHERE state = <from> → append the ticket event, in one transaction).
// The loop follows 集中受理、分类处理、限时办理、协调督办、反馈回访 (LEGAL-RULES.md §5.8.3, P) and the 数字城管 loop
// 上报 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价 (L4, P):
//   received → accepted (签收) → dispatched → handling → replied → closed,
// with side steps: 退单 with reason (returned; the sender may send it back), transfer to another squad, referral
// outside the remit (I4), escalation to 督办, extension request and decision, first contact, 回访, merge into a parent.
import type { Role } from '@chengguan/contracts';

export const TICKET_STATES = [
  'received', // 已接收（待签收）
  'accepted', // 已签收（待派遣）
  'dispatched', // 已派遣（待处置）
  'handling', // 处置中
  'replied', // 已回复（待回访 / 结案）
  'closed', // 已结案
  'returned', // 已退单
  'referred', // 已移送其他部门（I4）
  'merged', // 已并入其他诉件
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const OPEN_TICKET_STATES: readonly TicketState[] = ['received', 'accepted', 'dispatched', 'handling'];
export const FINAL_TICKET_STATES: readonly TicketState[] = ['closed', 'referred', 'merged'];

export const TICKET_ACTIONS = [
  'accept',
  'dispatch',
  'startHandling',
  'recordContact',
  'reply',
  'close',
  'recordCallback',
  'returnTicket',
  'reopen',
  'transfer',
  'refer',
  'escalate',
  'requestExtension',
  'decideExtension',
  'merge',
  'convertToCase',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export type TicketTransition = {
  action: TicketAction;
  labelZh: string;
  labelEn: string;
  from: readonly TicketState[];
  /** null: the step writes an event and leaves the state as it is. */
  to: TicketState | null;
  roles: readonly Role[];
  /** The input must carry a non-empty reason (退单, 移送, 转派, 督办, 延期). */
  needsReason: boolean;
};

const COMMAND: readonly Role[] = ['commander', 'squad_leader'];
const HANDLERS: readonly Role[] = ['field_officer', 'squad_leader'];
const ALL_HANDLING: readonly Role[] = ['field_officer', 'squad_leader', 'commander'];
const ACTIVE: readonly TicketState[] = ['received', 'accepted', 'dispatched', 'handling'];
const t = (
  action: TicketAction,
  labelZh: string,
  labelEn: string,
  from: readonly TicketState[],
  to: TicketState | null,
  roles: readonly Role[],
  needsReason = false,
): TicketTransition => ({ action, labelZh, labelEn, from, to, roles, needsReason });

export const TICKET_MACHINE: { readonly [A in TicketAction]: TicketTransition } = {
  accept: t('accept', '签收', 'Accept', ['received'], 'accepted', COMMAND),
  dispatch: t('dispatch', '派遣', 'Dispatch', ['accepted'], 'dispatched', COMMAND),
  startHandling: t('startHandling', '开始处置', 'Start handling', ['dispatched'], 'handling', HANDLERS),
  // 24小时先行联系: the first call to the reporter, at any step before the reply.
  recordContact: t('recordContact', '先行联系', 'Contact the reporter', ['accepted', 'dispatched', 'handling'], null, ALL_HANDLING),
  reply: t('reply', '回复', 'Reply', ['dispatched', 'handling'], 'replied', HANDLERS),
  close: t('close', '结案', 'Close', ['replied'], 'closed', ['commander', 'supervisor']),
  // 回访: the satisfaction callback, after the reply (before or after closing).
  recordCallback: t('recordCallback', '回访', 'Callback', ['replied', 'closed'], null, ['commander', 'supervisor']),
  returnTicket: t(
    'returnTicket',
    '退单',
    'Return to sender',
    ['received', 'accepted', 'dispatched', 'handling'],
    'returned',
    COMMAND,
    true,
  ),
  // The sender (12345 / 城运) sends a returned ticket back, or a 回访复核 reopens a replied one.
  reopen: t('reopen', '重新受理', 'Reopen', ['returned', 'replied'], 'received', ['commander'], true),
  transfer: t('transfer', '转派', 'Transfer to another squad', ['accepted', 'dispatched', 'handling'], 'dispatched', ['commander'], true),
  refer: t('refer', '移送其他部门', 'Refer outside the remit', ['received', 'accepted'], 'referred', ['commander'], true),
  escalate: t('escalate', '督办', 'Escalate', ACTIVE, null, ['commander', 'supervisor', 'bureau_leader'], true),
  requestExtension: t('requestExtension', '申请延期', 'Request an extension', ['accepted', 'dispatched', 'handling'], null, HANDLERS, true),
  decideExtension: t('decideExtension', '审批延期', 'Decide on an extension', ['accepted', 'dispatched', 'handling'], null, [
    'commander',
    'bureau_leader',
  ]),
  merge: t('merge', '合并重复件', 'Merge into a parent', ['received', 'accepted'], 'merged', ['commander'], true),
  // 诉转案: the handling squad registers a case with the ticket's facts; the ticket goes on to its reply, which reports
  // the case's outcome. Once per ticket (the server refuses a second conversion).
  convertToCase: t('convertToCase', '转为案件', 'Convert into a case', ['accepted', 'dispatched', 'handling', 'replied'], null, HANDLERS),
};

export type TicketStepRefusal = {
  code: 'TICKET_STATE_CONFLICT' | 'TICKET_ROLE_FORBIDDEN' | 'TICKET_REASON_REQUIRED';
  messageZh: string;
  messageEn: string;
};

const STATE_ZH: Record<TicketState, string> = {
  received: '待签收',
  accepted: '待派遣',
  dispatched: '待处置',
  handling: '处置中',
  replied: '已回复',
  closed: '已结案',
  returned: '已退单',
  referred: '已移送',
  merged: '已合并',
};

export function ticketStateLabel(state: TicketState): string {
  return STATE_ZH[state];
}

/** Whether `roles` may take `action` on a ticket in `state`; the target state (null: unchanged) or the refusal. */
export function ticketStep(
  state: TicketState,
  action: TicketAction,
  roles: readonly Role[],
  reason?: string | null,
): { ok: true; to: TicketState } | { ok: false; refusal: TicketStepRefusal } {
  const row = TICKET_MACHINE[action];
  if (!row.roles.some((r) => roles.includes(r))) {
    return {
      ok: false,
      refusal: {
        code: 'TICKET_ROLE_FORBIDDEN',
        messageZh: `您的角色不能${row.labelZh}`,
        messageEn: `your role may not ${row.labelEn.toLowerCase()}`,
      },
    };
  }
  if (!row.from.includes(state)) {
    return {
      ok: false,
      refusal: {
        code: 'TICKET_STATE_CONFLICT',
        messageZh: `诉件${STATE_ZH[state]}，不能${row.labelZh}`,
        messageEn: `a ticket in state ${state} cannot take "${action}"`,
      },
    };
  }
  if (row.needsReason && (reason ?? '').trim().length < 2) {
    return {
      ok: false,
      refusal: { code: 'TICKET_REASON_REQUIRED', messageZh: `${row.labelZh}须写明理由`, messageEn: `${row.labelEn} needs a reason` },
    };
  }
  return { ok: true, to: row.to ?? state };
}

/** The actions `roles` may take now (the ticket page's buttons). */
export function allowedTicketActions(state: TicketState, roles: readonly Role[]): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => TICKET_MACHINE[a].from.includes(state) && TICKET_MACHINE[a].roles.some((r) => roles.includes(r)));
}
