// What the party sees of his case: the agency, the numbers, the state in plain words, his deadlines with the days
// left, his documents, what the portal lets him do today (and why not), and what he handed in.
import type { PortalAction, PortalCase, PortalDeadline } from '@chengguan/contracts';
import {
  type BlockReason,
  type CaseAction,
  type CaseContext,
  type CaseSnapshot,
  decisionFineFen,
  decisionReceivedOn,
  evaluateAction,
  formatCitationZh,
  maskPhone,
  paidFen,
  partyDeadlines,
  partyStateText,
  portalStatementRefusal,
} from '@chengguan/domain';
import type { Deps } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { caseContext, caseDocuments, caseEvidence, type CaseRow, findCase, findParty, hydrateSnapshot } from '../../cases/index.ts';
import { penaltyText } from '../../disclosure/index.ts';
import type { PortalSession } from '../portal-session.ts';
import { partyDocuments } from '../portal-documents.ts';
import { agencyNames, caseSubmissions } from '../portal.repository.ts';

/** The roles the portal's channel actor holds (the party's own acts recorded as an officer would). */
export const PORTAL_ROLES = ['field_officer'] as const;

const OUTCOME_TEXT: Record<string, string> = {
  penalty: '给予行政处罚',
  no_penalty_minor: '不予行政处罚（违法行为轻微并及时改正，没有造成危害后果）',
  no_penalty_facts_not_established: '不予行政处罚（违法事实不能成立）',
  transfer_judicial: '移送司法机关',
};

export type LoadedPortalCase = { row: CaseRow; snapshot: CaseSnapshot; ctx: CaseContext };

export async function loadPortalCase(deps: Deps, session: PortalSession): Promise<LoadedPortalCase> {
  const row = await findCase(deps.db, session.caseId);
  if (!row) throw new AppError('NOT_FOUND');
  const [snapshot, ctx] = await Promise.all([hydrateSnapshot(deps.db, row), caseContext(deps.db, deps.clock.now())]);
  return { row, snapshot, ctx };
}

/** A block reason in the party's words: the state as he knows it, or the rule with its article. */
export function plainReason(r: BlockReason, s: CaseSnapshot, what: string): { text: string; rule: string | null } {
  if (r.ruleId === 'STATE' || r.ruleId === 'ROLE') {
    return { text: `本案当前阶段（${partyStateText(s.state)}）不能在网上${what}`, rule: null };
  }
  const rule = r.article ? `${r.ruleId} ${r.article}` : r.ruleId;
  return { text: r.article ? `${r.messageZh}（依据${formatCitationZh(r.article)}）` : r.messageZh, rule };
}

function stepAction(l: LoadedPortalCase, action: CaseAction, what: string): PortalAction {
  const r = evaluateAction(l.snapshot, action, undefined, PORTAL_ROLES, l.ctx);
  if (r.allowed) return { allowed: true, reason: null, rule: null };
  const head = r.blockedBy[0];
  if (!head) return { allowed: false, reason: `不能在网上${what}`, rule: null };
  const p = plainReason(head, l.snapshot, what);
  return { allowed: false, reason: p.text, rule: p.rule };
}

export function statementAction(l: LoadedPortalCase): PortalAction {
  const step = stepAction(l, 'recordStatement', '提交陈述、申辩');
  if (!step.allowed) return step;
  const late = portalStatementRefusal(l.snapshot, l.ctx);
  return late
    ? {
        allowed: false,
        reason: `${late.messageZh}（依据${formatCitationZh(late.article)}）`,
        rule: `${late.ruleId} ${late.article}`,
      }
    : step;
}

export function hearingAction(l: LoadedPortalCase): PortalAction {
  return stepAction(l, 'requestHearing', '申请听证');
}

export function consentAction(l: LoadedPortalCase): PortalAction {
  if (l.snapshot.party.electronicServiceConsentOn) {
    return { allowed: false, reason: `已于 ${l.snapshot.party.electronicServiceConsentOn} 签署电子送达地址确认书`, rule: null };
  }
  return stepAction(l, 'recordServiceConsent' as CaseAction, '签署电子送达地址确认书');
}

export function paymentAction(l: LoadedPortalCase): PortalAction {
  const fine = decisionFineFen(l.snapshot);
  if (fine === 0) return { allowed: false, reason: '本案没有需要缴纳的罚款', rule: null };
  if (!decisionReceivedOn(l.snapshot)) return { allowed: false, reason: '处罚决定书送达后方可缴款', rule: null };
  if (paidFen(l.snapshot) >= fine || l.snapshot.summary?.collectedOn) return { allowed: false, reason: '罚款已缴清', rule: null };
  return { allowed: true, reason: null, rule: null };
}

function deadlineOut(l: LoadedPortalCase): PortalDeadline[] {
  return partyDeadlines(l.snapshot, l.ctx).map((d) => ({
    kind: d.kind,
    titleZh: d.titleZh,
    dueDate: d.dueDate,
    daysLeft: d.daysLeft,
    state: d.state,
    ruleId: d.basis.ruleId,
    articles: d.basis.articles,
    text: d.basis.text,
    doneOn: d.doneOn ?? null,
    surchargeFen: d.surchargeFen ?? null,
  }));
}

export async function getPortalCase(deps: Deps, session: PortalSession): Promise<PortalCase> {
  const l = await loadPortalCase(deps, session);
  const { row, snapshot: s } = l;
  const [party, names, numbers, docs, submissions, evidence] = await Promise.all([
    findParty(deps.db, row.party_id),
    agencyNames(deps.db, row.org_id, row.bureau_id),
    caseDocuments(deps.db, row.id),
    partyDocuments(deps.db, row.id),
    caseSubmissions(deps.db, row.id),
    offsiteEvidence(deps, row),
  ]);
  const agency = names.bureau && names.bureau !== names.org ? `${names.bureau}（${names.org}承办）` : (names.org ?? '');
  const d = s.decision;
  return {
    agencyName: agency,
    caseNumber: row.case_number,
    procedure: s.procedure,
    stateText: partyStateText(s.state),
    offenceName: row.offence_name,
    location: row.location,
    facts: row.facts,
    partyName: party?.name ?? row.party_name,
    phoneMasked: party?.phone ? maskPhone(party.phone) : null,
    today: l.ctx.today,
    decision: d
      ? {
          decidedOn: d.decidedOn,
          outcomeText: OUTCOME_TEXT[d.outcome] ?? d.outcome,
          penaltyText: d.outcome === 'penalty' ? penaltyText(d.penalty) : '无',
          fineFen: decisionFineFen(s),
          servedOn: decisionReceivedOn(s) ?? null,
        }
      : null,
    proposedPenaltyText: !d && s.priorNotice ? penaltyText(s.priorNotice.proposed) : null,
    documentNumbers: [...new Set(numbers.map((n) => n.number))],
    documents: docs.map((x) => ({ id: x.id, title: x.title, number: x.number, issuedOn: x.issuedOn, hasPdf: x.hasPdf })),
    deadlines: deadlineOut(l),
    electronicServiceConsentOn: s.party.electronicServiceConsentOn ?? null,
    actions: {
      statement: statementAction(l),
      hearingRequest: hearingAction(l),
      serviceConsent: consentAction(l),
      payment: paymentAction(l),
    },
    submissions: submissions.map((x) => ({
      id: x.id,
      kind: x.kind,
      legalDate: x.legal_date,
      content: x.content,
      attachments: x.attachments,
      createdAt: new Date(x.created_at).toISOString(),
    })),
    evidence: evidence.map((e) => ({ id: e.id, title: e.title, mime: e.mime, collectedOn: e.collected_on })),
    sessionExpiresAt: session.expiresAt.toISOString(),
  };
}

/**
 * 处罚法 Art. 41: the party of an off-site case may see what the devices recorded — the images and video registered as
 * evidence from a monitoring device.
 */
export async function offsiteEvidence(deps: Deps, row: Pick<CaseRow, 'id' | 'source'>) {
  if (row.source !== 'offsite') return [];
  return (await caseEvidence(deps.db, row.id)).filter(
    (e) => e.evidence_type === 'audio_visual' && e.device_name !== null && /^(image|video)\//.test(e.mime),
  );
}
