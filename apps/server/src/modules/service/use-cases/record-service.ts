// 送达: one record per service of an issued document by one lawful method (处罚法 Art. 61 → 民诉法 Arts. 87–95;
// 沪条例 Art. 25). One transaction: check the method's statutory requirements (F2–F4), send the electronic message,
// write the record, take the case step the service completes (serveDecision for the 决定书, startEnforcement
// {kind: 'reminder'} for the 催告书), issue the 送达回证, audit.
import { isAfter, isBefore, publicNoticeServiceDate } from '@chengguan/domain';
import type { RecordServiceBody, ServiceRecord } from '@chengguan/contracts';
import type { Transaction } from 'kysely';
import type { Actor, Deps, RequestMeta, StepActor } from '../../../context.ts';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../errors/app-error.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { caseContext, getCaseRowOrFail, hydrateSnapshot, ruleViolation } from '../../cases/index.ts';

import type { CaseRow } from '../../cases/index.ts';
import { getVerifiedFileOrFail } from '../../files/index.ts';
import { enqueueJob } from '../../scheduler/index.ts';
import { sendMessage } from '../../messaging/index.ts';
import { type CaseDocumentEntry, servableCaseDocuments } from '../../documents/index.ts';
import { findService, insertService, listConsents } from '../service.repository.ts';
import type { CaseServicesTable } from '../service.tables.ts';
import { assertServiceWrite, toServiceRecord } from '../service.mapper.ts';
import { completeServiceStep, issueServiceReceipt } from '../service-step.ts';
import { completePostedNotice, pendingPostedNotice } from '../postal-notice.ts';
import { shanghaiInstant } from '../../../shared/time.ts';

export const JOB_PUBLIC_NOTICE_DEEMED = 'service.public_notice_deemed';

export type RecordServiceOptions = { caseId: string; body: RecordServiceBody };

const ART_47 = '行政处罚法 Art. 47';

type Draft = Omit<CaseServicesTable, 'created_at' | 'updated_at' | 'case_step' | 'step_event_id' | 'receipt_document_id'>;

export async function recordService(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RecordServiceOptions,
): Promise<ServiceRecord> {
  assertServiceWrite(actor);
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await getCaseRowOrFail(trx, actor, caseId);
    // A notice posted when it was issued (the off-site notice): its return card completes the pending record.
    const posted = await pendingPostedNotice(trx, row.id, body.documentId);
    if (posted) return completePostedNotice(trx, deps, actor, meta, posted, body, shanghaiDate(deps.clock.now()));
    const doc = (await servableCaseDocuments(trx, row.id)).find((d) => d.id === body.documentId);
    if (!doc)
      throw new AppError('NOT_FOUND', {
        field: 'documentId',
        message: 'documentId：本案没有该文书',
        messageEn: 'documentId: no such document in this case',
      });
    return writeService(trx, deps, actor, meta, row, doc, body);
  });
  const found = await findService(deps.db, caseId, id);
  return toServiceRecord(found!);
}

async function writeService(
  trx: Transaction<DB>,
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  row: CaseRow,
  doc: CaseDocumentEntry,
  body: RecordServiceBody,
): Promise<string> {
  const ctx = await caseContext(trx, deps.clock.now());
  const snapshot = await hydrateSnapshot(trx, row);
  for (const sm3 of [body.signatureSm3, body.mediaSm3]) {
    if (sm3)
      await getVerifiedFileOrFail(deps, trx, sm3, sm3 === body.signatureSm3 ? 'signatureSm3' : 'mediaSm3', { actor, meta, caseId: row.id });
  }
  const id = deps.newId();
  const draft: Draft = {
    id,
    case_id: row.id,
    bureau_id: row.bureau_id,
    document_id: doc.id,
    document_kind: doc.kind,
    document_title: doc.title,
    document_number: doc.number,
    method: body.method,
    status: 'served',
    served_on: null,
    recipient_name: body.recipientName?.trim() || null,
    signature_sm3: body.signatureSm3 ?? null,
    refusal_note: body.refusalNote?.trim() || null,
    witness_name: body.witnessName?.trim() || null,
    media_sm3: body.mediaSm3 ?? null,
    address: body.address?.trim() || null,
    tracking_number: body.trackingNumber?.trim() || null,
    posted_on: body.postedOn ?? null,
    message_id: null,
    consent_id: null,
    notice_reason: body.noticeReason?.trim() || null,
    medium: body.medium?.trim() || null,
    published_on: body.publishedOn ?? null,
    deemed_on: null,
    note: body.note?.trim() || null,
    created_by: actor.id,
  };
  const dated = (field: string, date: string | undefined): string => {
    if (!date)
      throw ruleViolation(ruleOf(body.method), articleOf(body.method), field, `${field}：须填写日期`, `${field}: the date is required`);
    if (isAfter(date, ctx.today)) {
      throw ruleViolation('CHRONOLOGY', ART_47, field, `${field}：日期 ${date} 晚于今天 ${ctx.today}`, `${field}: ${date} is after today`);
    }
    if (isBefore(date, doc.issuedOn)) {
      throw ruleViolation(
        'CHRONOLOGY',
        ART_47,
        field,
        `${field}：日期 ${date} 早于文书日期 ${doc.issuedOn}`,
        `${field}: ${date} is before the document (${doc.issuedOn})`,
      );
    }
    return date;
  };
  const requireText = (field: string, value: string | null, rule: string, article: string, zh: string, en: string) => {
    if (!value) throw ruleViolation(rule, article, field, zh, en);
  };
  // F3 — 民诉法 Art. 89: 「受送达人…拒绝接收诉讼文书的，送达人可以邀请有关基层组织或者所在单位的代表到场…把诉讼文书留在受送达人的住所；
  // 也可以把诉讼文书留在受送达人的住所，并采用拍照、录像等方式记录送达过程，即视为送达。」
  const requireWitnessOrMedia = () => {
    if (!draft.witness_name && !draft.media_sm3) {
      throw ruleViolation(
        'F3',
        '民事诉讼法 Art. 89',
        'witnessName',
        '留置送达须有见证人签名或拍照、录像记录（填写见证人或上传照片/视频）',
        'Lien service needs a witness or a photo/video record of the service',
      );
    }
  };
  switch (body.method) {
    case 'direct':
      // F3 — 民诉法 Art. 87: 「送达诉讼文书必须有送达回证，由受送达人在送达回证上记明收到日期，签名或者盖章。」
      draft.served_on = dated('servedOn', body.servedOn);
      requireText(
        'recipientName',
        draft.recipient_name,
        'F3',
        '民事诉讼法 Art. 87',
        '直接送达须记明签收人',
        'Direct service names the recipient',
      );
      if (!draft.signature_sm3 && !draft.refusal_note) {
        throw ruleViolation(
          'F3',
          '民事诉讼法 Art. 87',
          'signatureSm3',
          '直接送达须有受送达人签名（上传签收照片）或注明「拒绝签收」',
          'Direct service needs the recipient’s signature, or a note that he refused to sign',
        );
      }
      if (draft.refusal_note) requireWitnessOrMedia();
      break;
    case 'lien':
      draft.served_on = dated('servedOn', body.servedOn);
      requireWitnessOrMedia();
      break;
    case 'mail': {
      // 民诉法 Art. 91: 「邮寄送达的，以回执上注明的收件日期为送达日期。」
      requireText(
        'trackingNumber',
        draft.tracking_number,
        'F3',
        '民事诉讼法 Art. 91',
        '邮寄送达须填写邮件单号',
        'Postal service needs the tracking number',
      );
      const posted = dated('postedOn', body.postedOn);
      const received = dated('receivedOn', body.receivedOn);
      if (isBefore(received, posted)) {
        throw ruleViolation(
          'F3',
          '民事诉讼法 Art. 91',
          'receivedOn',
          '回执收件日期早于交邮日期',
          'The receipt date is before the posting date',
        );
      }
      draft.served_on = received;
      break;
    }
    case 'electronic': {
      // F2 — 处罚法 Art. 61; 民诉法 Art. 90: 「以送达信息到达受送达人特定系统的日期为送达日期」.
      const consentOn = snapshot.party.electronicServiceConsentOn;
      if (!consentOn || isAfter(consentOn, ctx.today)) {
        throw ruleViolation(
          'F2',
          '行政处罚法 Art. 61',
          'method',
          '当事人未签订电子送达地址确认书，不得电子送达',
          'Electronic service needs the party’s signed consent (电子送达地址确认书)',
        );
      }
      const consent = (await listConsents(trx, row.id)).find((c) => !isAfter(c.signed_on, ctx.today));
      const to = consent?.address ?? (await partyPhone(trx, row.party_id));
      if (!to) throw ruleViolation('F2', '行政处罚法 Art. 61', 'address', '确认书未载明送达地址', 'The consent names no address');
      draft.consent_id = consent?.id ?? null;
      draft.address = to;
      const label = `《${doc.title}》${doc.number ? `（${doc.number}）` : ''}`;
      const sent = await sendMessage(trx, deps, {
        to,
        text: `【城管执法】您的${label}已依您签署的电子送达地址确认书电子送达，请登录当事人门户 ${deps.config.publicBaseUrl}/portal 查看下载。`,
        purpose: 'service',
        caseId: row.id,
        partyId: row.party_id,
      });
      draft.message_id = sent.id;
      if (sent.status === 'failed') draft.status = 'failed';
      else if (sent.deliveredAt) draft.served_on = shanghaiDate(sent.deliveredAt);
      else draft.status = 'pending';
      break;
    }
    case 'public_notice': {
      // F4 — 沪条例 Art. 25: only when the party cannot be located or other methods failed; 「经过六十日，即视为送达」.
      requireText(
        'noticeReason',
        draft.notice_reason,
        'F4',
        '上海市城市管理行政执法条例 Art. 25',
        '公告送达须载明受送达人下落不明或者用其他方式无法送达的情况',
        'Public notice needs the reason: the party cannot be located or other methods failed',
      );
      requireText(
        'medium',
        draft.medium,
        'F4',
        '上海市城市管理行政执法条例 Art. 25',
        '须填写公告载体（报刊、网站、公告栏）',
        'Name where the notice was published',
      );
      const published = dated('publishedOn', body.publishedOn);
      const deemed = publicNoticeServiceDate(published, ctx.calendar, ctx.config).due;
      draft.deemed_on = deemed;
      if (isAfter(deemed, ctx.today)) draft.status = 'pending';
      else draft.served_on = deemed;
      break;
    }
  }
  await insertService(trx, { ...draft, created_at: deps.clock.now(), updated_at: deps.clock.now() });
  if (draft.status === 'pending' && draft.method === 'public_notice' && draft.deemed_on) {
    await enqueueJob(trx, {
      id: deps.newId(),
      kind: JOB_PUBLIC_NOTICE_DEEMED,
      runAt: shanghaiInstant(draft.deemed_on),
      payload: { caseId: row.id, serviceId: id },
      dedupeKey: `${JOB_PUBLIC_NOTICE_DEEMED}:${id}`,
      bureauId: row.bureau_id,
    });
  }
  await recordAudit(trx, deps, actor, meta, {
    action: 'service.record',
    entityType: 'case',
    entityId: row.id,
    bureauId: row.bureau_id,
    data: {
      serviceId: id,
      documentId: doc.id,
      documentKind: doc.kind,
      method: draft.method,
      status: draft.status,
      servedOn: draft.served_on,
      deemedOn: draft.deemed_on,
      ...(draft.message_id ? { messageId: draft.message_id } : {}),
    },
  });
  if (draft.status === 'served' && draft.served_on) {
    const stepActor: StepActor = actor;
    await completeServiceStep(trx, deps, stepActor, meta, { ...draft, served_on: draft.served_on });
    await issueServiceReceipt(trx, deps, stepActor, meta, row.id, id);
  }
  return id;
}

async function partyPhone(trx: Transaction<DB>, partyId: string): Promise<string | null> {
  const p = await trx.selectFrom('parties').select('phone').where('id', '=', partyId).executeTakeFirst();
  return p?.phone ?? null;
}

function ruleOf(method: RecordServiceBody['method']): string {
  return method === 'electronic' ? 'F2' : method === 'public_notice' ? 'F4' : 'F3';
}

function articleOf(method: RecordServiceBody['method']): string {
  return method === 'electronic'
    ? '行政处罚法 Art. 61'
    : method === 'public_notice'
      ? '上海市城市管理行政执法条例 Art. 25'
      : '民事诉讼法 Art. 87';
}
