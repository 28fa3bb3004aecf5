// A signed document that belongs to no case (the 专用信用报告 of modules/credit): the caller gives the rendered blocks;
// the PDF is made, stored by its SM3, signed with the bureau's SM2 key and verifiable on the public page like every
// document (its QR code and code), in the caller's transaction with its audit row.
import type { RenderedBlock } from '@chengguan/domain';
import type { Transaction } from 'kysely';
import type { Deps, RequestMeta, StepActor } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { storeFile } from '../files/index.ts';
import { bureauKey, signDigest } from './document-signing.ts';
import { findSettings, insertDocumentRow } from './documents.repository.ts';
import { newVerifyCode, sealImages, verifyCodeHash } from './issue-document.ts';
import { renderPdf } from './pdf/render-pdf.ts';

export type StandaloneDocumentRequest = {
  bureauId: string;
  kind: 'credit_report';
  title: string;
  number: string | null;
  issuedOn: string;
  partyName: string;
  blocks: RenderedBlock[];
  sourceId: string;
};

export async function issueStandaloneDocument(
  trx: Transaction<DB>,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  req: StandaloneDocumentRequest,
): Promise<{ id: string; sm3: string; verifyPath: string; pages: number }> {
  const id = deps.newId();
  const code = newVerifyCode();
  const verifyPath = `/verify/${id}?c=${code}`;
  const verify = { url: `${deps.config.publicBaseUrl}${verifyPath}`, code: `${code.slice(0, 5)}-${code.slice(5)}` };
  const settings = await findSettings(trx, req.bureauId);
  const agencyName =
    settings?.agency_name ?? (await trx.selectFrom('orgs').select('name').where('id', '=', req.bureauId).executeTakeFirst())?.name ?? '';
  const images = await sealImages(deps, trx, settings);
  const pdf = await renderPdf({
    document: { title: req.title, blocks: req.blocks },
    documentId: id,
    agencyName,
    number: req.number,
    createdAt: deps.clock.now(),
    verify,
    seal: { png: images.seal, name: agencyName },
    leaderSignaturePng: images.signature,
    watermark: null,
  });
  const sm3 = await storeFile(deps, trx, { bytes: pdf.bytes, mime: 'application/pdf', bureauId: req.bureauId, createdBy: actor.id });
  const key = await bureauKey(trx, deps, req.bureauId);
  await insertDocumentRow(trx, {
    id,
    case_id: null,
    bureau_id: req.bureauId,
    kind: req.kind,
    title: req.title,
    number: req.number,
    issued_on: req.issuedOn,
    pdf_sm3: sm3,
    size: pdf.bytes.length,
    pages: pdf.pages,
    signature: signDigest(sm3, key),
    key_fingerprint: key.fingerprint,
    verify_code_hash: verifyCodeHash(code),
    template_scope: 'builtin',
    template_version: 1,
    party_name: req.partyName,
    agency_name: agencyName,
    missing_glyphs: pdf.missingGlyphs,
    source_id: req.sourceId,
    issued_by: actor.id,
    channel: actor.channel ?? null,
  });
  await recordAudit(trx, deps, actor, meta, {
    action: 'document.issue',
    entityType: 'document',
    entityId: id,
    bureauId: req.bureauId,
    data: { kind: req.kind, sm3, pages: pdf.pages, keyFingerprint: key.fingerprint, sourceId: req.sourceId },
  });
  return { id, sm3, verifyPath, pages: pdf.pages };
}
