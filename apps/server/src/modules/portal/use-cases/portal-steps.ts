// The party's own acts through the portal, each one case step taken by the portal's channel actor
// (`channelActor(case, 'portal', ['field_officer'])`), so the same permission, state and legal guards apply as to an
// officer's record of them. A refusal answers the rule in plain words and is audited too (every attempt is kept).
import type { PortalHearingBody, PortalServiceConsentBody, PortalStatementBody } from '@chengguan/contracts';
import { formatCitationZh, portalStatementRefusal } from '@chengguan/domain';
import type { Transaction } from 'kysely';
import type { Deps, RequestMeta } from '../../../context.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { channelActor, runCaseStepIn } from '../../cases/index.ts';
import { acceptedFileType, addHolder, heldBy, storeFile, type AllowedFileType } from '../../files/index.ts';
import { channelOf } from '../../messaging/index.ts';
import { recordServiceConsent } from '../../service/index.ts';
import type { PortalSession } from '../portal-session.ts';
import { insertSubmission } from '../portal.repository.ts';
import type { PortalSubmissionKind } from '../portal.tables.ts';
import { type LoadedPortalCase, loadPortalCase, PORTAL_ROLES } from './get-portal-case.ts';

type PortalAct = PortalSubmissionKind | 'payment';

const PLAIN_WHAT: Record<PortalAct, string> = {
  statement: '提交陈述、申辩',
  hearing_request: '申请听证',
  service_consent: '签署电子送达地址确认书',
  deferral: '申请暂缓缴纳罚款',
  instalments: '申请分期缴纳罚款',
  payment: '缴款',
};

/** Runs the act; a 4xx refusal is audited in its own transaction (the act's own rolled back) and rethrown. */
export async function auditedAttempt<T>(
  deps: Deps,
  meta: RequestMeta,
  session: PortalSession,
  kind: PortalAct,
  l: LoadedPortalCase,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
    const refused =
      e.code === 'CASE_ACTION_NOT_IN_STATE' || e.code === 'CASE_ACTION_WRONG_PROCEDURE'
        ? new AppError(e.code, {
            message: `本案当前阶段不能在网上${PLAIN_WHAT[kind]}`,
            messageEn: `The case is not at a stage where this can be done online`,
          })
        : e;
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, deps, null, meta, {
        action: `portal.${kind}`,
        entityType: 'case',
        entityId: l.row.id,
        bureauId: l.row.bureau_id,
        data: { outcome: 'refused', code: refused.code, rule: refused.rule ?? null, field: refused.field ?? null, sessionId: session.id },
      }),
    );
    keepWritesOnRefusal();
    throw refused;
  }
}

/** The attachments must be files the party uploaded for this case himself: a hash learnt elsewhere attaches nothing. */
async function assertAttachments(trx: Transaction<DB>, caseId: string, sm3s: readonly string[]): Promise<void> {
  const found = await heldBy(trx, sm3s, 'case', caseId);
  const missing = sm3s.findIndex((s) => !found.has(s));
  if (missing >= 0) {
    throw new AppError('VALIDATION_FAILED', {
      field: `attachments.${missing}`,
      message: `attachments.${missing}：附件不存在，请重新上传`,
      messageEn: `attachments.${missing}: no such uploaded file`,
    });
  }
}

/** 陈述、申辩 (处罚法 Art. 45) during the D2 period of the notice. */
export async function submitPortalStatement(
  deps: Deps,
  meta: RequestMeta,
  session: PortalSession,
  body: PortalStatementBody,
): Promise<void> {
  const l = await loadPortalCase(deps, session);
  const today = l.ctx.today;
  const attachments = body.attachments ?? [];
  await auditedAttempt(deps, meta, session, 'statement', l, async () => {
    const late = portalStatementRefusal(l.snapshot, l.ctx);
    if (late) {
      const rule = `${late.ruleId} ${late.article}`;
      throw new AppError('RULE_VIOLATION', {
        rule,
        field: 'content',
        message: `${late.messageZh}（依据${formatCitationZh(late.article)}）`,
        messageEn: `${late.messageEn} (${rule})`,
      });
    }
    await deps.db.transaction().execute(async (trx) => {
      await assertAttachments(trx, l.row.id, attachments);
      const id = deps.newId();
      await runCaseStepIn(trx, deps, channelActor(l.row, 'portal', PORTAL_ROLES), meta, {
        caseId: l.row.id,
        action: 'recordStatement',
        body: { date: today, content: body.content, attachments, submissionId: id },
        input: () => ({ date: today }),
        write: (w) =>
          insertSubmission(w.trx, {
            id,
            case_id: l.row.id,
            bureau_id: l.row.bureau_id,
            session_id: session.id,
            kind: 'statement',
            legal_date: today,
            content: body.content,
            attachments,
            created_at: deps.clock.now(),
            reference_id: w.eventId,
          }),
      });
    });
  });
}

/** 听证申请 (D5, 处罚法 Art. 64(1)): within 5 working days of the notice, when the notice stated the right (D4). */
export async function requestPortalHearing(deps: Deps, meta: RequestMeta, session: PortalSession, body: PortalHearingBody): Promise<void> {
  const l = await loadPortalCase(deps, session);
  const today = l.ctx.today;
  await auditedAttempt(deps, meta, session, 'hearing_request', l, () =>
    deps.db.transaction().execute(async (trx) => {
      const id = deps.newId();
      await runCaseStepIn(trx, deps, channelActor(l.row, 'portal', PORTAL_ROLES), meta, {
        caseId: l.row.id,
        action: 'requestHearing',
        body: { date: today, ...(body.reason ? { reason: body.reason } : {}), submissionId: id },
        input: () => ({ date: today }),
        write: (w) =>
          insertSubmission(w.trx, {
            id,
            case_id: l.row.id,
            bureau_id: l.row.bureau_id,
            session_id: session.id,
            kind: 'hearing_request',
            legal_date: today,
            content: body.reason ?? null,
            created_at: deps.clock.now(),
            reference_id: w.eventId,
          }),
      });
    }),
  );
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function signatureBytes(b64: string): Buffer {
  const bytes = Buffer.from(b64.replace(/^data:image\/png;base64,/, ''), 'base64');
  if (bytes.length < 67 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'signaturePngBase64',
      message: 'signaturePngBase64：请在签名框内手写签名',
      messageEn: 'signaturePngBase64: draw your signature (a PNG image)',
    });
  }
  return bytes;
}

/** F2 — the 电子送达地址确认书 (处罚法 Art. 61): the address, the typed name and the drawn signature (PNG in the file store). */
export async function signPortalServiceConsent(
  deps: Deps,
  meta: RequestMeta,
  session: PortalSession,
  body: PortalServiceConsentBody,
): Promise<void> {
  const l = await loadPortalCase(deps, session);
  const today = l.ctx.today;
  const address = body.channel === 'sms' ? body.address.replace(/[\s-]/g, '') : body.address.trim();
  await auditedAttempt(deps, meta, session, 'service_consent', l, async () => {
    if (channelOf(address) !== body.channel) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'address',
        message: body.channel === 'sms' ? 'address：请填写 11 位手机号码' : 'address：请填写有效的电子邮件地址',
        messageEn: body.channel === 'sms' ? 'address: an 11-digit mobile number' : 'address: a valid e-mail address',
      });
    }
    const png = signatureBytes(body.signaturePngBase64);
    await deps.db.transaction().execute(async (trx) => {
      const sm3 = await storeFile(deps, trx, { bytes: png, mime: 'image/png', bureauId: l.row.bureau_id, createdBy: null });
      await addHolder(trx, sm3, 'case', l.row.id);
      const { id: consentId } = await recordServiceConsent(trx, deps, channelActor(l.row, 'portal', PORTAL_ROLES), meta, {
        caseId: l.row.id,
        signedOn: today,
        channel: body.channel,
        address,
        signatureSm3: sm3,
        via: 'portal',
      });
      await insertSubmission(trx, {
        id: deps.newId(),
        case_id: l.row.id,
        bureau_id: l.row.bureau_id,
        session_id: session.id,
        kind: 'service_consent',
        legal_date: today,
        content: `同意以${body.channel === 'sms' ? '手机短信' : '电子邮件'}方式接收执法文书`,
        signer_name: body.signerName.trim(),
        signature_sm3: sm3,
        address,
        reference_id: consentId,
        created_at: deps.clock.now(),
      });
    });
  });
}

export const MAX_PORTAL_FILE_BYTES = 10 * 1024 * 1024;

/** What the party may attach: photos and scanned PDFs. */
export const PORTAL_FILE_TYPES: readonly AllowedFileType[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
];

/**
 * An attachment of the party's statement: stored under its SM3 like any evidence file once its declared type and its
 * bytes agree on a photo or a PDF; the party's case becomes its holder (only the case's statements may attach it).
 */
export async function uploadPortalFile(deps: Deps, meta: RequestMeta, session: PortalSession, bytes: Buffer, declaredType: string) {
  if (bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', { field: 'body', message: 'body：文件为空', messageEn: 'body: empty file' });
  if (bytes.length > MAX_PORTAL_FILE_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', { field: 'body', message: 'body：文件超过 10 MB', messageEn: 'body: the file exceeds 10 MB' });
  }
  const mime = acceptedFileType(bytes, declaredType, PORTAL_FILE_TYPES);
  const sm3 = await deps.db.transaction().execute(async (trx) => {
    const stored = await storeFile(deps, trx, { bytes, mime, bureauId: session.bureauId, createdBy: null });
    await addHolder(trx, stored, 'case', session.caseId);
    await recordAudit(trx, deps, null, meta, {
      action: 'portal.file_upload',
      entityType: 'case',
      entityId: session.caseId,
      bureauId: session.bureauId,
      data: { sm3: stored, size: bytes.length, mime, sessionId: session.id },
    });
    return stored;
  });
  return { sm3, size: bytes.length, mime };
}
