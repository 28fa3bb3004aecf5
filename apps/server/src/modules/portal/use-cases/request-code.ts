// Step 1 of the portal login: the party types a 文号; if it belongs to a case whose party record has a mobile number,
// a 6-digit code goes to that number. The answer is the same whether or not the number exists, and a row is written
// either way (for an unknown number a code nobody receives), so that the resend limit and the lockout behave alike.
// Beyond the limits per typed number: the route counts codes per client address (429 past the limit), and a phone
// gets at most THROTTLE_PORTAL_CODE_PHONE codes an hour whatever number was typed — past that the answer stays the
// same and no SMS goes out, so the limit tells nobody that the number exists.
import { randomInt } from 'node:crypto';
import type { PortalCodeRequestBody, PortalCodeRequested } from '@chengguan/contracts';
import { sm3Hex } from '../../../shared/sm3.ts';
import type { Deps, RequestMeta } from '../../../context.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import { AppError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { channelOf, sendMessage } from '../../messaging/index.ts';
import { countAttemptIn, phoneKey } from '../../throttle/index.ts';
import {
  casePartyContact,
  findCaseByDocumentNumber,
  insertChallenge,
  lockLookup,
  normalizeDocumentNumber,
  recentChallenges,
} from '../portal.repository.ts';

export const CODE_TTL_MS = 5 * 60_000;
export const RESEND_AFTER_MS = 60_000;
/** Codes per number per 24 hours: with 5 attempts each, a guesser gets 50 tries a day at one in a million. */
export const MAX_CODES_PER_DAY = 10;

export const lookupHashOf = (documentNumber: string) => sm3Hex(`portal-lookup:${normalizeDocumentNumber(documentNumber)}`);
export const codeHashOf = (challengeId: string, code: string) => sm3Hex(`${challengeId}:${code}`);

const ANSWER: PortalCodeRequested = {
  message: '如文号正确，验证码已发送至该案件当事人登记的手机号码，5 分钟内有效。未收到请 60 秒后重试，或联系承办机关核实手机号码。',
  messageEn: 'If the number is right, a code was sent to the phone on the party record; it is valid for 5 minutes.',
  resendAfterSeconds: RESEND_AFTER_MS / 1000,
  validSeconds: CODE_TTL_MS / 1000,
};

export async function requestPortalCode(deps: Deps, meta: RequestMeta, body: PortalCodeRequestBody): Promise<PortalCodeRequested> {
  const normalized = normalizeDocumentNumber(body.documentNumber);
  const lookupHash = lookupHashOf(body.documentNumber);
  const now = deps.clock.now();
  const refusal = await deps.db.transaction().execute(async (trx): Promise<AppError | null> => {
    await lockLookup(trx, lookupHash);
    const recent = await recentChallenges(trx, lookupHash, new Date(now.getTime() - 86_400_000));
    const last = recent[0];
    const audit = (outcome: string, entityId: string | null, bureauId: string | null, data: Record<string, unknown> = {}) =>
      recordAudit(trx, deps, null, meta, {
        action: 'portal.code_request',
        entityType: 'portal_challenge',
        entityId,
        bureauId,
        data: { outcome, ...data },
      });
    if (last && now.getTime() - new Date(last.created_at).getTime() < RESEND_AFTER_MS) {
      const wait = Math.ceil((RESEND_AFTER_MS - (now.getTime() - new Date(last.created_at).getTime())) / 1000);
      await audit('rate_limited', last.id, last.bureau_id);
      return new AppError('RATE_LIMITED', {
        message: `请 ${wait} 秒后再获取验证码`,
        messageEn: `Wait ${wait} s before requesting another code`,
        retryAfterSeconds: wait,
      });
    }
    if (recent.length >= MAX_CODES_PER_DAY) {
      await audit('daily_limit', last?.id ?? null, last?.bureau_id ?? null);
      const oldest = recent[recent.length - 1]!;
      return new AppError('RATE_LIMITED', {
        message: '该文号今日获取验证码次数过多，请明日再试或联系承办机关',
        messageEn: 'Too many codes for this number today; try tomorrow or contact the agency',
        retryAfterSeconds: Math.max(1, Math.ceil((new Date(oldest.created_at).getTime() + 86_400_000 - now.getTime()) / 1000)),
      });
    }
    const found = await findCaseByDocumentNumber(trx, normalized);
    const contact = found ? await casePartyContact(trx, found.case_id) : undefined;
    const phone = contact?.phone?.replace(/[\s-]/g, '') ?? null;
    const id = deps.newId();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    let messageId: string | null = null;
    let phoneLimited = false;
    if (contact && phone && channelOf(phone) === 'sms') {
      const [counted] = await countAttemptIn(trx, deps, meta, [phoneKey(phone)]);
      phoneLimited = !counted!.allowed;
    }
    if (contact && phone && channelOf(phone) === 'sms' && !phoneLimited) {
      const sent = await sendMessage(trx, deps, {
        to: phone,
        purpose: 'otp',
        caseId: contact.case_id,
        partyId: contact.party_id,
        text: `【城管执法】您的验证码为 ${code}，5 分钟内有效，用于查询案件（文号 ${body.documentNumber.trim()}）。请勿告知他人；如非本人操作，请忽略。`,
      });
      messageId = sent.id;
    }
    await insertChallenge(trx, {
      id,
      lookup_hash: lookupHash,
      case_id: contact?.case_id ?? null,
      bureau_id: contact?.bureau_id ?? null,
      message_id: messageId,
      code_hash: codeHashOf(id, code),
      created_at: now,
      expires_at: new Date(now.getTime() + CODE_TTL_MS),
      ip: meta.ip,
    });
    const outcome = messageId ? 'sent' : phoneLimited ? 'phone_limit' : contact ? 'no_mobile_on_record' : 'unknown_number';
    await audit(outcome, id, contact?.bureau_id ?? null, {
      ...(messageId ? { messageId } : {}),
    });
    return null;
  });
  if (refusal) {
    keepWritesOnRefusal();
    throw refusal;
  }
  return ANSWER;
}
