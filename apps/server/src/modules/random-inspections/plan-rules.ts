// Who may do what to a 双随机 plan, and the settings a plan starts from (docs/random-inspections.md §5).
import { DEFAULT_RISK_RULE_SET, proportionsForPlan, type DrawProportion, type RiskScale } from '@chengguan/domain';
import type { Actor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import type { PlanRow, SquadRow } from './random-inspections.repository.ts';

/**
 * 公开: the results of a draw are published within this many working days after it (国办发〔2015〕58号 「抽查情况及
 * 查处结果要及时公布」 sets no number; local default, U). A plan may set its own.
 */
export const DEFAULT_PUBLISH_WITHIN_WORKING_DAYS = 20;

/** A quarterly plan (seed 002: 每季度双随机及分级分类检查). */
export const DEFAULT_DRAWS_PER_YEAR = 4;

/** The risk scale the levels and default proportions come from: the default rule set's (三色管理). */
export const PLAN_RISK_SCALE: RiskScale = DEFAULT_RISK_RULE_SET.scale;

/** Roles whose officers may be drawn as inspectors (field work). */
export const FIELD_ROLES = ['field_officer', 'squad_leader'] as const;

export function planProportions(row: Pick<PlanRow, 'proportions' | 'draws_per_year'>): {
  proportions: DrawProportion[];
  isDefault: boolean;
} {
  const stored = row.proportions as DrawProportion[] | null;
  if (Array.isArray(stored) && stored.length > 0) return { proportions: stored, isDefault: false };
  return { proportions: proportionsForPlan(PLAN_RISK_SCALE, row.draws_per_year), isDefault: true };
}

/** Read access: the plan's bureau is in the actor's jurisdiction, or one of its squads is. */
export function seesPlan(actor: Actor, plan: Pick<PlanRow, 'bureau_path'>, squads: readonly SquadRow[]): boolean {
  const jp = actor.jurisdictionPath;
  return plan.bureau_path.startsWith(jp) || squads.some((s) => s.path.startsWith(jp));
}

/** Every squad of the plan lies in the actor's jurisdiction (a squad leader above all of them, or the bureau's leader). */
export function coversSquads(actor: Actor, squads: readonly SquadRow[]): boolean {
  return squads.length > 0 && squads.every((s) => s.path.startsWith(actor.jurisdictionPath));
}

/** Approving and drawing: bureau_leader or squad_leader above every squad of the plan, and not the plan's author. */
export function approvalRefusal(actor: Actor, plan: Pick<PlanRow, 'created_by'>, squads: readonly SquadRow[]): AppError | null {
  if (!actor.permissions.has('inspection_plan:approve') || !coversSquads(actor, squads)) {
    return new AppError('FORBIDDEN', {
      message: '只有局领导或管辖计划全部中队的中队长可以审批、抽取本计划',
      messageEn: 'Only a bureau leader, or a squad leader above every squad of the plan, may approve or draw it',
    });
  }
  if (plan.created_by === actor.id) {
    return new AppError('FORBIDDEN', {
      message: '计划制定人不能审批或抽取自己制定的计划',
      messageEn: 'The author of a plan may not approve or draw it',
      rule: '双随机 审批与制定分离',
    });
  }
  return null;
}

export function mayApprove(actor: Actor, plan: Pick<PlanRow, 'created_by'>, squads: readonly SquadRow[]): boolean {
  return approvalRefusal(actor, plan, squads) === null;
}

export function mayEdit(actor: Actor, squads: readonly SquadRow[], bureauPath: string): boolean {
  return (
    actor.permissions.has('inspection_plan:write') &&
    (squads.length === 0 ? bureauPath.startsWith(actor.jurisdictionPath) : coversSquads(actor, squads))
  );
}
