import type { ServiceConsent, ServiceConsentBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { assertActionPermission } from '../../cases/index.ts';

import { recordServiceConsent } from '../record-service-consent.ts';
import { listConsents } from '../service.repository.ts';
import { toConsent } from '../service.mapper.ts';

export type RecordPaperConsentOptions = { caseId: string; body: ServiceConsentBody };

/** F2: the officer records a 电子送达地址确认书 the party signed on paper (the scan is optional). */
export async function recordPaperConsent(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RecordPaperConsentOptions,
): Promise<ServiceConsent> {
  assertActionPermission(actor, 'recordServiceConsent');
  const { id } = await deps.db.transaction().execute((trx) =>
    recordServiceConsent(trx, deps, actor, meta, {
      caseId,
      signedOn: body.signedOn,
      channel: body.channel,
      address: body.address,
      via: 'paper',
      ...(body.signatureSm3 ? { signatureSm3: body.signatureSm3 } : {}),
      ...(body.expectedVersion !== undefined ? { expectedVersion: body.expectedVersion } : {}),
    }),
  );
  const row = (await listConsents(deps.db, caseId)).find((c) => c.id === id)!;
  return toConsent(row);
}
