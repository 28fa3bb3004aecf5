// Evaluation API: which actions a case allows now and why the others are blocked, and the checked transition.
// The console never re-derives a rule: the server returns these answers with every case.
import type { Role } from '@chengguan/contracts';
import { InvalidDateError } from '../calendar/legal-date.ts';
import { LegalInputError } from '../law/errors.ts';
import type { CaseActionInput } from './case-inputs.ts';
import { CASE_ACTIONS, CASE_STATE_LABELS, UNREGISTERED, type CaseAction, type MachineState } from './case-states.ts';
import type { CaseContext, CaseSnapshot } from './case-snapshot.ts';
import { CaseRuleError, block, type BlockReason, type CaseRuleErrorCode } from './case.errors.ts';
import { CASE_MACHINE, type CaseTransition } from './case.machine.ts';

export type ActionAvailability = {
  action: CaseAction;
  labelZh: string;
  /** The action leaves the current state (so the console may show it, enabled or not). */
  availableInState: boolean;
  allowed: boolean;
  blockedBy: BlockReason[];
};

export type ActionEvaluation = { allowed: boolean; code: CaseRuleErrorCode | null; blockedBy: BlockReason[] };

function stateReason(action: CaseAction, state: MachineState): BlockReason {
  return block(
    'STATE',
    '',
    `案件当前处于「${state === UNREGISTERED ? '未登记' : CASE_STATE_LABELS[state].zh}」阶段，不能执行「${CASE_MACHINE[action].labelZh}」`,
    `${action} is not possible from ${state}`,
    'state',
  );
}

/** Bad input caught by the legal engine (a malformed date, a negative amount) becomes a reason naming the field. */
function runGuard(run: () => BlockReason | null): BlockReason | null {
  try {
    return run();
  } catch (e) {
    if (e instanceof LegalInputError) return block(e.ruleId, e.article, e.messageZh, e.message, e.field);
    if (e instanceof InvalidDateError) return block('INPUT', '', `日期无效：${e.value}`, e.message, e.field);
    throw e;
  }
}

/**
 * Evaluate one action: procedure, state, role, then every guard. Without `input` (a preview) the guards judge the
 * action as if taken today with the case's own proposal; guards that need the input's details stay silent.
 */
export function evaluateAction<A extends CaseAction>(
  s: CaseSnapshot,
  action: A,
  input: CaseActionInput<A> | undefined,
  actorRoles: readonly Role[],
  ctx: CaseContext,
): ActionEvaluation {
  const t: CaseTransition<A> = CASE_MACHINE[action];
  if (!t.procedures.includes(s.procedure)) {
    const reason = block(
      'STATE',
      '',
      `「${t.labelZh}」不适用于${s.procedure === 'summary' ? '简易' : '普通'}程序`,
      `${action} does not belong to the ${s.procedure} procedure`,
      'procedure',
    );
    return { allowed: false, code: 'CASE_ACTION_WRONG_PROCEDURE', blockedBy: [reason] };
  }
  if (!t.from.includes(s.state)) return { allowed: false, code: 'CASE_ACTION_NOT_IN_STATE', blockedBy: [stateReason(action, s.state)] };
  const blockedBy: BlockReason[] = [];
  let code: CaseRuleErrorCode | null = null;
  if (!t.roles.some((r) => actorRoles.includes(r))) {
    code = 'CASE_ACTION_FORBIDDEN_ROLE';
    blockedBy.push(
      block('ROLE', '', `须由以下角色办理：${t.roles.join('、')}`, `Requires one of the roles: ${t.roles.join(', ')}`, 'roles'),
    );
  }
  for (const guard of t.guards) {
    const reason = runGuard(() => guard(s, input, ctx));
    if (reason) blockedBy.push(reason);
  }
  if (blockedBy.length > 0 && code === null) code = 'CASE_RULE_VIOLATION';
  return { allowed: blockedBy.length === 0, code, blockedBy };
}

/**
 * Every action of the case's procedure, allowed or not, with the reasons it is blocked (previewed for `ctx.today`).
 * Actions recorded on an outside event (`onEvent`: the party's e-service consent, a review filed) are left out.
 */
export function allowedActions(s: CaseSnapshot, actorRoles: readonly Role[], ctx: CaseContext): ActionAvailability[] {
  const one = <A extends CaseAction>(action: A): ActionAvailability | null => {
    const t: CaseTransition<A> = CASE_MACHINE[action];
    if (!t.procedures.includes(s.procedure) || t.onEvent) return null;
    if (s.state !== UNREGISTERED && t.from.length === 1 && t.from[0] === UNREGISTERED) return null;
    const r = evaluateAction(s, action, undefined, actorRoles, ctx);
    return { action, labelZh: t.labelZh, availableInState: t.from.includes(s.state), allowed: r.allowed, blockedBy: r.blockedBy };
  };
  return CASE_ACTIONS.map((a) => one(a)).filter((a): a is ActionAvailability => a !== null);
}

/**
 * The actions allowed now, evaluated only where they can be: an action whose machine does not leave the case's state is
 * never allowed, so its guards are not run (a workbench judges hundreds of cases; allowedActions judges every action).
 * Equal to `allowedActions(s, roles, ctx).filter((a) => a.allowed).map((a) => a.action)`.
 */
export function actionsAllowedNow(s: CaseSnapshot, actorRoles: readonly Role[], ctx: CaseContext): CaseAction[] {
  return CASE_ACTIONS.filter((action) => {
    const t = CASE_MACHINE[action];
    if (!t.procedures.includes(s.procedure) || t.onEvent || !t.from.includes(s.state)) return false;
    if (s.state !== UNREGISTERED && t.from.length === 1 && t.from[0] === UNREGISTERED) return false;
    return evaluateAction(s, action, undefined, actorRoles, ctx).allowed;
  });
}

/**
 * The states in which some action of these roles can be taken (an action needs one of its roles and starts only from its
 * `from` states): a case in any other state has no task for them, so a workbench need not read it.
 */
export function statesWhereRolesAct(actorRoles: readonly Role[]): MachineState[] {
  const states = new Set<MachineState>();
  for (const action of CASE_ACTIONS) {
    const t = CASE_MACHINE[action];
    if (t.onEvent || !t.roles.some((r) => actorRoles.includes(r))) continue;
    for (const st of t.from) states.add(st);
  }
  return [...states];
}

/** The state an action leads to (the same state for a recording action). Does not check the guards. */
export function nextCaseState<A extends CaseAction>(s: CaseSnapshot, action: A, input: CaseActionInput<A>): MachineState {
  const to = CASE_MACHINE[action].to;
  if (to === null) return s.state;
  return typeof to === 'function' ? to(s, input) : to;
}

/** Check an action with its input; throw CaseRuleError (code, rule ID, article, zh/en, field) or return the next state. */
export function assertCanTransition<A extends CaseAction>(
  s: CaseSnapshot,
  action: A,
  input: CaseActionInput<A>,
  actorRoles: readonly Role[],
  ctx: CaseContext,
): MachineState {
  const r = evaluateAction(s, action, input, actorRoles, ctx);
  if (!r.allowed) throw new CaseRuleError(r.code ?? 'CASE_RULE_VIOLATION', action, s.state, r.blockedBy);
  return nextCaseState(s, action, input);
}
