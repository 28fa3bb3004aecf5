import type { ServiceOverview } from '@chengguan/contracts';
import { runningDeadlines } from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { caseContext, getCaseRowOrFail, hydrateSnapshot } from '../../cases/index.ts';
import { servableCaseDocuments } from '../../documents/index.ts';
import { listConsents, listServices } from '../service.repository.ts';
import { canWriteService, toConsent, toServiceRecord } from '../service.mapper.ts';

/** The 送达 tab: consents, servable documents, every service record, a pending deemed service (F4), the F1 due day. */
export async function getServiceOverview(deps: Deps, actor: Actor, caseId: string): Promise<ServiceOverview> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const [snapshot, ctx, consents, services, documents] = await Promise.all([
    hydrateSnapshot(deps.db, row),
    caseContext(deps.db, deps.clock.now()),
    listConsents(deps.db, row.id),
    listServices(deps.db, row.id),
    servableCaseDocuments(deps.db, row.id),
  ]);
  const servedOn = new Map<string, string>();
  for (const s of services) {
    if (s.status === 'served' && s.served_on && !servedOn.has(s.document_id)) servedOn.set(s.document_id, s.served_on);
  }
  const pending = services.find((s) => s.status === 'pending' && s.method === 'public_notice');
  const f1 = runningDeadlines(snapshot, ctx).find((d) => d.kind === 'service' && d.doneOn === undefined);
  const visible = canWriteService(actor);
  return {
    today: ctx.today,
    electronicServiceConsentOn: snapshot.party.electronicServiceConsentOn ?? null,
    // The address is personal data: shown to those who may write on the case, masked to the others.
    consents: consents.map(toConsent).map((c) => (visible ? c : { ...c, address: '****' })),
    documents: [
      ...documents,
      // Notices served outside the documents module (the posted off-site notice) are listed from their record.
      ...services
        .filter(
          (s, i) => !documents.some((d) => d.id === s.document_id) && services.findIndex((o) => o.document_id === s.document_id) === i,
        )
        .map((s) => ({
          id: s.document_id,
          kind: s.document_kind,
          title: s.document_title,
          number: s.document_number,
          issuedOn: s.posted_on ?? shanghaiDate(new Date(s.created_at)),
          hasPdf: false,
        })),
    ].map((d) => ({ ...d, servedOn: servedOn.get(d.id) ?? null })),
    services: services.map(toServiceRecord).map((s) => (visible ? s : { ...s, address: s.address ? '****' : null })),
    pendingDeemedService:
      pending && pending.published_on && pending.deemed_on
        ? { serviceId: pending.id, publishedOn: pending.published_on, deemedOn: pending.deemed_on }
        : null,
    decisionServiceDue: f1?.dueDate ?? null,
    canWrite: visible,
  };
}
