import { type CourtPackageManifestItem, ENFORCEMENT_STATUS_ZH, type EnforcementOverview } from '@chengguan/contracts';
import { daysBetween, enforcementView } from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { caseContext, getCaseRowOrFail, hydrateSnapshot } from '../../cases/index.ts';
import { caseDocumentList } from '../../documents/index.ts';
import { listReviewLitigations, listServices } from '../../service/index.ts';
import { findEnforcement } from '../enforcement.repository.ts';

const ENFORCEMENT_KINDS = new Set(['decision', 'no_penalty_decision', 'summary_decision', 'payment_reminder', 'court_application']);

/** The 执行 tab: G1 period, G2 surcharge today (paused days), 催告, the G3 window with its last day, 复议 / 诉讼. */
export async function getEnforcement(deps: Deps, actor: Actor, caseId: string): Promise<EnforcementOverview> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const [snapshot, ctx, stored, reviews, docs, services] = await Promise.all([
    hydrateSnapshot(deps.db, row),
    caseContext(deps.db, deps.clock.now()),
    findEnforcement(deps.db, row.id),
    listReviewLitigations(deps.db, row.id),
    caseDocumentList(deps.db, row.id),
    listServices(deps.db, row.id),
  ]);
  const v = enforcementView(snapshot, ctx);
  const servedOn = new Map<string, string>();
  for (const s of services)
    if (s.status === 'served' && s.served_on && !servedOn.has(s.document_id)) servedOn.set(s.document_id, s.served_on);
  return {
    today: ctx.today,
    status: v.status,
    statusZh: ENFORCEMENT_STATUS_ZH[v.status],
    fineFen: v.fineFen,
    paidFen: v.paidFen,
    decisionReceivedOn: v.decisionReceivedOn,
    paymentDue: v.paymentDue,
    surchargeFen: v.surchargeFen,
    overdueDays: v.overdueDays,
    pausedDays: v.pausedDays,
    surchargeLine: v.surchargeLine,
    awaitingReminderSince: stored?.awaiting_reminder_since ?? null,
    reminderServedOn: v.reminderServedOn,
    reminderWaitEnds: v.reminderWaitEnds,
    courtOpensOn: v.courtOpensOn,
    courtClosesOn: v.courtClosesOn,
    courtLines: [...v.courtLines],
    courtAppliedOn: v.courtAppliedOn,
    reviewOrLitigations: reviews.map((r) => ({
      id: r.id,
      kind: r.kind,
      filedOn: r.filed_on,
      body: r.body,
      caseNumber: r.case_number,
      endedOn: r.ended_on,
      result: r.result,
      pausedDays: Math.max(0, daysBetween(r.filed_on, r.ended_on ?? ctx.today) + 1),
    })),
    documents: docs
      .filter((d) => ENFORCEMENT_KINDS.has(d.kind))
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        title: d.title,
        number: d.number,
        issuedOn: d.issuedOn,
        servedOn: servedOn.get(d.id) ?? null,
      })),
    courtPackage:
      stored?.court_package_sm3 && stored.court_package_doc_id && stored.court_package_on
        ? {
            zipSm3: stored.court_package_sm3,
            applicationDocumentId: stored.court_package_doc_id,
            createdOn: stored.court_package_on,
            manifest: (stored.court_package_manifest as { items: CourtPackageManifestItem[] } | null)?.items ?? [],
          }
        : null,
    canWrite: actor.permissions.has('case:write') || actor.permissions.has('case:approve'),
    canApprove: actor.permissions.has('case:approve'),
  };
}
