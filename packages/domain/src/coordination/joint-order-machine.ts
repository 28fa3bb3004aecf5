// 联合工单 (joint work orders, REQUIREMENTS.md R13; seed 000: 「交警拦停派单移交和城管接单处置反馈业务闭环，立案查处 589 起」)
// as a state machine on data. Two sides: the originator who dispatches the order and confirms the result, and the
// handler who accepts it, handles it and reports back. An inbound order comes from the partner (the traffic police stop
// a muck truck → city management handles it); an outbound one goes from city management to the partner.
// 沪条例 Art. 28 (LEGAL-RULES 5.1.13): a department that receives a case 「不得拒绝…并反馈处理结果」 unless it has cause —
// hence a return always carries its reason.

export const JOINT_ORDER_STATES = ['dispatched', 'accepted', 'reported', 'confirmed', 'returned', 'cancelled'] as const;
export type JointOrderState = (typeof JOINT_ORDER_STATES)[number];
export const OPEN_JOINT_ORDER_STATES: readonly JointOrderState[] = ['dispatched', 'accepted', 'reported'];

export const JOINT_ORDER_DIRECTIONS = ['inbound', 'outbound'] as const;
export type JointOrderDirection = (typeof JOINT_ORDER_DIRECTIONS)[number];

export const JOINT_ORDER_ACTIONS = ['accept', 'report', 'confirm', 'reject', 'return', 'redispatch', 'cancel'] as const;
export type JointOrderAction = (typeof JOINT_ORDER_ACTIONS)[number];

/** Who takes part: the bureau's own staff, or the partner unit's account. */
export type JointOrderParty = 'bureau' | 'partner';
/** The side of the order a party stands on. */
export type JointOrderSide = 'originator' | 'handler';

export type JointOrderTransition = {
  action: JointOrderAction;
  labelZh: string;
  labelEn: string;
  side: JointOrderSide;
  from: readonly JointOrderState[];
  to: JointOrderState;
  reasonRequired: boolean;
};

export const JOINT_ORDER_MACHINE: Record<JointOrderAction, JointOrderTransition> = {
  accept: {
    action: 'accept',
    labelZh: '接单',
    labelEn: 'accept',
    side: 'handler',
    from: ['dispatched'],
    to: 'accepted',
    reasonRequired: false,
  },
  report: {
    action: 'report',
    labelZh: '处置反馈',
    labelEn: 'report back',
    side: 'handler',
    from: ['accepted'],
    to: 'reported',
    reasonRequired: false,
  },
  confirm: {
    action: 'confirm',
    labelZh: '确认办结',
    labelEn: 'confirm',
    side: 'originator',
    from: ['reported'],
    to: 'confirmed',
    reasonRequired: false,
  },
  // The originator finds the result insufficient: back to the handler, who reports again.
  reject: {
    action: 'reject',
    labelZh: '退回重办',
    labelEn: 'send back',
    side: 'originator',
    from: ['reported'],
    to: 'accepted',
    reasonRequired: true,
  },
  return: {
    action: 'return',
    labelZh: '退单',
    labelEn: 'return',
    side: 'handler',
    from: ['dispatched', 'accepted'],
    to: 'returned',
    reasonRequired: true,
  },
  redispatch: {
    action: 'redispatch',
    labelZh: '重新派单',
    labelEn: 'dispatch again',
    side: 'originator',
    from: ['returned'],
    to: 'dispatched',
    reasonRequired: true,
  },
  cancel: {
    action: 'cancel',
    labelZh: '撤单',
    labelEn: 'cancel',
    side: 'originator',
    from: ['dispatched', 'returned'],
    to: 'cancelled',
    reasonRequired: true,
  },
};

/** The side a party stands on: the partner originates inbound orders and handles outbound ones. */
export function sideOf(direction: JointOrderDirection, party: JointOrderParty): JointOrderSide {
  return (direction === 'inbound') === (party === 'partner') ? 'originator' : 'handler';
}

export type JointOrderRefusal = { code: 'STATE_CONFLICT' | 'FORBIDDEN' | 'REASON_REQUIRED'; messageZh: string; messageEn: string };

export type JointOrderStep = { ok: true; to: JointOrderState } | { ok: false; refusal: JointOrderRefusal };

export function jointOrderStep(
  from: JointOrderState,
  action: JointOrderAction,
  direction: JointOrderDirection,
  party: JointOrderParty,
  reason?: string | null,
): JointOrderStep {
  const t = JOINT_ORDER_MACHINE[action];
  if (t.side !== sideOf(direction, party)) {
    const who = t.side === 'handler' ? '承办方' : '派单方';
    return {
      ok: false,
      refusal: { code: 'FORBIDDEN', messageZh: `只有${who}可以${t.labelZh}`, messageEn: `Only the ${t.side} may ${t.labelEn}` },
    };
  }
  if (!t.from.includes(from)) {
    return {
      ok: false,
      refusal: {
        code: 'STATE_CONFLICT',
        messageZh: `工单当前状态不能${t.labelZh}`,
        messageEn: `The order's state does not allow "${t.labelEn}"`,
      },
    };
  }
  if (t.reasonRequired && !reason?.trim()) {
    return {
      ok: false,
      refusal: { code: 'REASON_REQUIRED', messageZh: `${t.labelZh}须写明理由`, messageEn: `"${t.labelEn}" needs a reason` },
    };
  }
  return { ok: true, to: t.to };
}

/** The actions a party may take now (the console shows these buttons; the server checks again). */
export function allowedJointOrderActions(
  state: JointOrderState,
  direction: JointOrderDirection,
  party: JointOrderParty,
): JointOrderAction[] {
  const side = sideOf(direction, party);
  return JOINT_ORDER_ACTIONS.filter((a) => JOINT_ORDER_MACHINE[a].side === side && JOINT_ORDER_MACHINE[a].from.includes(state));
}
