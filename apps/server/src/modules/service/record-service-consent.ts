// F2 — the party's 电子送达地址确认书 (处罚法 Art. 61 「当事人同意并签订确认书的，行政机关可以采用传真、电子邮件等方式…送达」).
// Signed on the portal (via 'portal', a channel actor) or on paper (via 'paper', recorded by an officer with the
// scan optional). A records-only case step (recordServiceConsent) sets snapshot.party.electronicServiceConsentOn,
// which the F2 guard of serveDecision reads; the table row keeps the channel, the address and the scan.
// A consent signed in the portal also issues the 送达地址确认书 PDF in the same transaction.
import type { Transaction } from 'kysely';
import type { Deps, RequestMeta, StepActor } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { runCaseStepIn } from '../cases/index.ts';
import { getVerifiedFileOrFail } from '../files/index.ts';
import { issueCaseDocument } from '../documents/index.ts';
import { insertConsent } from './service.repository.ts';

export type RecordServiceConsentRequest = {
  caseId: string;
  signedOn: string;
  channel: 'sms' | 'email';
  address: string;
  signatureSm3?: string;
  via: 'portal' | 'paper';
  expectedVersion?: number;
};

/** Masks the address in events and audit rows (the full value stays in the consent row). */
export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address.slice(0, 1)}***${address.slice(at)}`;
  return address.length >= 7 ? `${address.slice(0, 3)}****${address.slice(-4)}` : '****';
}

export async function recordServiceConsent(
  trx: Transaction<DB>,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  req: RecordServiceConsentRequest,
): Promise<{ id: string }> {
  const id = deps.newId();
  const address = req.address.trim();
  if (req.signatureSm3) await getVerifiedFileOrFail(deps, trx, req.signatureSm3, 'signatureSm3', { actor, meta, caseId: req.caseId });
  await runCaseStepIn(trx, deps, actor, meta, {
    caseId: req.caseId,
    action: 'recordServiceConsent',
    body: {
      date: req.signedOn,
      channel: req.channel,
      address: maskAddress(address),
      via: req.via,
      consentId: id,
      ...(req.signatureSm3 ? { signatureSm3: req.signatureSm3 } : {}),
      ...(req.expectedVersion !== undefined ? { expectedVersion: req.expectedVersion } : {}),
    },
    input: () => ({ date: req.signedOn, channel: req.channel, address, via: req.via }),
    write: async (w) =>
      insertConsent(w.trx, {
        id,
        case_id: w.loaded.row.id,
        bureau_id: w.loaded.row.bureau_id,
        signed_on: req.signedOn,
        channel: req.channel,
        address,
        signature_sm3: req.signatureSm3 ?? null,
        via: req.via,
        event_id: w.eventId,
        created_by: actor.id,
        created_at: deps.clock.now(),
      }),
  });
  // Signed in the portal: the 送达地址确认书 is issued as a frozen document the party can download (a paper one is
  // already on file).
  if (req.via === 'portal') {
    await issueCaseDocument(trx, deps, actor, meta, {
      caseId: req.caseId,
      kind: 'e_service_consent',
      sourceId: id,
      issuedOn: req.signedOn,
      extra: { consent: { channel: req.channel, address, signedOn: req.signedOn } },
    });
  }
  return { id };
}
