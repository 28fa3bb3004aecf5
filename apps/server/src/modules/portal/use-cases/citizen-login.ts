// The citizen's sign-in (issue 13 §1c): his mobile number and a 6-digit code sent to it through the message provider.
// The machinery is the party's (request-code.ts, open-session.ts): the code stored as SM3(challengeId:code), valid
// 5 minutes and once, 5 wrong attempts lock it, one code per phone per 60 s and 10 a day, the route's limit of codes
// per client address, the limit of codes per phone (shared with the party's codes to the same phone), failed logins
// per client address. Unlike a document number, a phone is no secret of the bureau's: any mobile number may sign in
// (a first login creates the citizen), so a refusal may say plainly that the phone's limit is reached.
import { randomBytes, randomInt } from 'node:crypto';
import type { CitizenCodeRequestBody, CitizenLoginBody, PortalCodeRequested } from '@chengguan/contracts';
import { sm3Hex } from '../../../shared/sm3.ts';
import type { Deps, RequestMeta } from '../../../context.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import { AppError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { tokenHash } from '../../auth/index.ts';
import { sendMessage } from '../../messaging/index.ts';
import { addressKey, countAttemptIn, phoneKey, refundAttempt, throttledError } from '../../throttle/index.ts';
import { PORTAL_ABSOLUTE_MS } from '../portal-session.ts';
import {
  insertChallenge,
  insertCitizenSession,
  lockLatestChallenge,
  lockLookup,
  markChallengeUsed,
  recentChallenges,
  upsertCitizen,
} from '../portal.repository.ts';
import { checkChallenge, invalid } from './open-session.ts';
import { CODE_TTL_MS, codeHashOf, MAX_CODES_PER_DAY, RESEND_AFTER_MS } from './request-code.ts';

/** The lookup of a citizen's codes: never equal to a document number's (another prefix). */
export const citizenLookupHashOf = (phone: string) => sm3Hex(`portal-citizen:${phone}`);

const ANSWER: PortalCodeRequested = {
  message: '验证码已发送至您的手机，5 分钟内有效。未收到请 60 秒后重试。',
  messageEn: 'A code was sent to your phone; it is valid for 5 minutes.',
  resendAfterSeconds: RESEND_AFTER_MS / 1000,
  validSeconds: CODE_TTL_MS / 1000,
};

export async function requestCitizenCode(deps: Deps, meta: RequestMeta, body: CitizenCodeRequestBody): Promise<PortalCodeRequested> {
  const lookupHash = citizenLookupHashOf(body.phone);
  const now = deps.clock.now();
  const refusal = await deps.db.transaction().execute(async (trx): Promise<AppError | null> => {
    await lockLookup(trx, lookupHash);
    const recent = await recentChallenges(trx, lookupHash, new Date(now.getTime() - 86_400_000));
    const last = recent[0];
    const audit = (outcome: string, entityId: string | null, data: Record<string, unknown> = {}) =>
      recordAudit(trx, deps, null, meta, {
        action: 'portal.citizen_code_request',
        entityType: 'portal_challenge',
        entityId,
        bureauId: null,
        data: { outcome, ...data },
      });
    if (last && now.getTime() - new Date(last.created_at).getTime() < RESEND_AFTER_MS) {
      const wait = Math.ceil((RESEND_AFTER_MS - (now.getTime() - new Date(last.created_at).getTime())) / 1000);
      await audit('rate_limited', last.id);
      return new AppError('RATE_LIMITED', {
        field: 'phone',
        message: `请 ${wait} 秒后再获取验证码`,
        messageEn: `Wait ${wait} s before requesting another code`,
        retryAfterSeconds: wait,
      });
    }
    if (recent.length >= MAX_CODES_PER_DAY) {
      await audit('daily_limit', last?.id ?? null);
      const oldest = recent[recent.length - 1]!;
      return new AppError('RATE_LIMITED', {
        field: 'phone',
        message: '该手机号今日获取验证码次数过多，请明日再试',
        messageEn: 'Too many codes for this phone today; try tomorrow',
        retryAfterSeconds: Math.max(1, Math.ceil((new Date(oldest.created_at).getTime() + 86_400_000 - now.getTime()) / 1000)),
      });
    }
    const [counted] = await countAttemptIn(trx, deps, meta, [phoneKey(body.phone)]);
    if (!counted!.allowed) {
      await audit('phone_limit', null);
      return throttledError([counted!])!;
    }
    const id = deps.newId();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const sent = await sendMessage(trx, deps, {
      to: body.phone,
      purpose: 'otp',
      text: `【城管执法】您的验证码为 ${code}，5 分钟内有效，用于登录市民投诉。请勿告知他人；如非本人操作，请忽略。`,
    });
    await insertChallenge(trx, {
      id,
      lookup_hash: lookupHash,
      case_id: null,
      bureau_id: null,
      message_id: sent.id,
      code_hash: codeHashOf(id, code),
      created_at: now,
      expires_at: new Date(now.getTime() + CODE_TTL_MS),
      ip: meta.ip,
      purpose: 'citizen',
    });
    await audit('sent', id, { messageId: sent.id });
    return null;
  });
  if (refusal) {
    keepWritesOnRefusal();
    throw refusal;
  }
  return ANSWER;
}

export type OpenedCitizenSession = { token: string; absoluteExpiresAt: Date; citizenId: string };

export async function openCitizenSession(deps: Deps, meta: RequestMeta, body: CitizenLoginBody): Promise<OpenedCitizenSession> {
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx): Promise<AppError | OpenedCitizenSession> => {
    const c = await lockLatestChallenge(trx, citizenLookupHashOf(body.phone));
    const audit = async (outcome: string, data: Record<string, unknown> = {}) =>
      recordAudit(trx, deps, null, meta, {
        action: 'portal.citizen_login',
        entityType: 'portal_challenge',
        entityId: c?.id ?? null,
        bureauId: null,
        data: { outcome, ...data },
      });
    if (!c || c.purpose !== 'citizen') {
      await audit('no_code');
      return invalid(null);
    }
    const refused = await checkChallenge(trx, c, body.code, now, audit);
    if (refused) return refused;
    await markChallengeUsed(trx, c.id, now);
    const citizen = await upsertCitizen(trx, deps.newId(), body.phone, now);
    const token = randomBytes(32).toString('base64url');
    const sessionId = deps.newId();
    await insertCitizenSession(trx, {
      id: sessionId,
      token_hash: tokenHash(token),
      citizen_id: citizen.id,
      challenge_id: c.id,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + PORTAL_ABSOLUTE_MS),
      ip: meta.ip,
    });
    await refundAttempt(trx, deps, [addressKey('public_address', meta.ip)]);
    await audit('ok', { sessionId, citizenId: citizen.id });
    return { token, absoluteExpiresAt: new Date(now.getTime() + PORTAL_ABSOLUTE_MS), citizenId: citizen.id };
  });
  if (result instanceof AppError) {
    keepWritesOnRefusal();
    throw result;
  }
  return result;
}
