import {
  CASE_ACTION_ROUTES,
  type AllowedAction,
  type CaseDeadline as CaseDeadlineDto,
  type CaseListItem,
  type DocType,
  type EnforcementDomain,
  type Party,
  type PartyIdType,
  type RoutedCaseAction,
} from '@chengguan/contracts';
import {
  allowedActions,
  CASE_MACHINE,
  CASE_STATE_LABELS,
  isCaseState,
  maskIdNumber,
  maskName,
  maskPhone,
  type CaseAction,
  type CaseContext,
  type CaseDeadline,
  type CaseSnapshot,
} from '@chengguan/domain';
import type { Actor } from '../../context.ts';
import { hasActionPermission } from './case-access.ts';
import type { CaseDeadlineRow, CaseListRow, PartyRow } from './cases.repository.ts';

const EVENT_LABELS: Record<string, string> = {
  recusal: '回避',
  deadlineReminder: '期限提醒',
  deadlineOverdue: '逾期预警',
};

/** The timeline label of an event another module writes (not a step of the case machine). */
export function registerEventLabel(action: string, labelZh: string): void {
  EVENT_LABELS[action] = labelZh;
}

export function eventLabel(action: string): string {
  return (CASE_MACHINE as Record<string, { labelZh: string } | undefined>)[action]?.labelZh ?? EVENT_LABELS[action] ?? action;
}

export function stateLabel(state: string): string {
  return isCaseState(state) ? CASE_STATE_LABELS[state].zh : state;
}

export function toParty(p: PartyRow, unmasked: boolean): Party {
  return {
    id: p.id,
    type: p.type as Party['type'],
    name: unmasked ? p.name : maskPartyName(p.type, p.name),
    idType: p.id_type as PartyIdType,
    idNumber: unmasked ? p.id_number : maskIdNumber(p.id_number),
    birthDate: unmasked ? p.birth_date : null,
    gender: (p.gender as Party['gender']) ?? null,
    phone: p.phone ? (unmasked ? p.phone : maskPhone(p.phone)) : null,
    address: unmasked ? p.address : null,
    legalRepresentative: p.legal_representative ? (unmasked ? p.legal_representative : maskName(p.legal_representative)) : null,
    masked: !unmasked,
  };
}

/** Organisations are public actors: only natural persons' names are masked. */
export function maskPartyName(type: string, name: string): string {
  return type === 'natural_person' ? maskName(name) : name;
}

export function toDeadline(d: CaseDeadline): CaseDeadlineDto {
  return {
    kind: d.kind,
    dueDate: d.dueDate,
    basis: d.basis,
    state: d.state,
    holder: d.holder,
    calendarCovered: d.calendarCovered,
    ...(d.doneOn !== undefined ? { doneOn: d.doneOn } : {}),
    ...(d.surchargeFen !== undefined ? { surchargeFen: d.surchargeFen } : {}),
    ...(d.opensOn !== undefined ? { opensOn: d.opensOn } : {}),
    ...(d.pausedDays !== undefined ? { pausedDays: d.pausedDays } : {}),
  };
}

/** The path (under /cases/:id/) that takes an action; the decision on a 当场 draft has its own route. */
export function routeOf(action: CaseAction): string | null {
  if (action === 'issueSummaryDecision') return SUMMARY_DECISION_PATH;
  return action in CASE_ACTION_ROUTES ? CASE_ACTION_ROUTES[action as RoutedCaseAction].path : null;
}

export const SUMMARY_DECISION_PATH = 'summary-decision';

/** The domain's answer for the actor's roles, with the platform permission on top (a missing one blocks too). */
export function allowedActionsFor(actor: Actor, s: CaseSnapshot, ctx: CaseContext, canAct: boolean): AllowedAction[] {
  return allowedActions(s, actor.roles, ctx).map((a) => {
    const permitted = canAct && hasActionPermission(actor, a.action);
    const blockedBy = permitted
      ? a.blockedBy
      : [
          ...a.blockedBy,
          {
            ruleId: 'PERMISSION',
            article: '',
            messageZh: '您没有执行此操作的权限',
            messageEn: 'You are not permitted to take this action',
            field: 'roles',
          },
        ];
    return {
      action: a.action,
      labelZh: a.labelZh,
      availableInState: a.availableInState,
      allowed: a.allowed && permitted,
      blockedBy,
      path: routeOf(a.action),
    };
  });
}

export function toListItem(
  r: CaseListRow,
  leadOfficerName: string | null,
  deadlines: readonly CaseDeadlineRow[],
  /** The reader handles the case (handlesCase): the party's name unmasked. */
  unmasked = false,
): CaseListItem {
  const next = deadlines
    .filter((d) => d.case_id === r.id && (d.state === 'running' || d.state === 'overdue' || d.state === 'paused') && d.holder === 'agency')
    .sort((a, b) => a.due_date.localeCompare(b.due_date))[0];
  return {
    id: r.id,
    caseNumber: r.case_number,
    procedure: r.procedure as CaseListItem['procedure'],
    state: r.state as CaseListItem['state'],
    stateLabelZh: stateLabel(r.state),
    source: r.source as CaseListItem['source'],
    orgId: r.org_id,
    orgName: r.org_name,
    offenceCode: r.offence_code,
    offenceName: r.offence_name,
    domain: (r.domain as EnforcementDomain | null) ?? null,
    partyName: unmasked ? r.party_name : maskPartyName(r.party_type, r.party_name),
    partyType: r.party_type as CaseListItem['partyType'],
    location: r.location,
    discoveredOn: r.discovered_on,
    filedOn: r.filed_on,
    decidedOn: r.decided_on,
    closedOn: r.closed_on,
    leadOfficerName,
    fineFen: r.fine_fen,
    hasOverdue: r.has_overdue,
    nextDeadline: next
      ? { kind: next.kind as CaseDeadlineDto['kind'], dueDate: next.due_date, state: next.state as CaseDeadlineDto['state'] }
      : null,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function docTypeOf(value: string): DocType {
  return value as DocType;
}
