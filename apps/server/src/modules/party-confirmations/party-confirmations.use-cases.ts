// 当事人扫码确认 (issue 4, summary procedure): instead of typing the party's ID number, the officer shows a QR code;
// the party opens it on his own phone, sees which agency and officer ask, enters his identity and confirms. The
// officer's console polls the confirmation and fills the party fields. Only the SM3 of the random token is stored.
import { randomBytes } from 'node:crypto';
import type {
  ConfirmPartyBody,
  CreatedPartyConfirmation,
  PartyConfirmation,
  PartyConfirmationStateCode,
  PublicPartyConfirmation,
} from '@chengguan/contracts';
import { checkCreditCode, checkIdNumber } from '@chengguan/domain';
import { sm3Hex } from '../../shared/sm3.ts';
import type { Actor, Deps, RequestMeta } from '../../context.ts';
import { keepWritesOnRefusal } from '../../db/unit-of-work.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { assertInJurisdiction, assertPermission } from '../../shared/access.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { addressKey, refundAttempt } from '../throttle/index.ts';
import {
  type ConfirmationRow,
  findConfirmationWithOrg,
  findPublicConfirmation,
  insertConfirmation,
  lockConfirmationByToken,
  markConfirmed,
  markExpired,
  recordFailedAttempt,
} from './party-confirmations.repository.ts';

/** How long the QR code stays valid: long enough to hand over the phone and type an ID number, short enough to die on the spot. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;
/** Failed confirmations (bad ID number, wrong ID type) after which the code is locked and a new one is needed. */
export const MAX_FAILED_ATTEMPTS = 5;

type Row = ConfirmationRow;

const hashOf = (token: string) => sm3Hex(token);
const iso = (d: Date | string) => new Date(d).toISOString();

/** The state as of now: a pending code past its expiry is expired even before anyone touches it. */
function stateAt(row: Row, now: Date): PartyConfirmationStateCode {
  return row.state === 'pending' && new Date(row.expires_at) <= now ? 'expired' : row.state;
}

export async function createPartyConfirmation(deps: Deps, actor: Actor, meta: RequestMeta): Promise<CreatedPartyConfirmation> {
  assertPermission(actor, 'case:write');
  const token = randomBytes(32).toString('base64url');
  const id = deps.newId();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + CONFIRMATION_TTL_MS);
  await deps.db.transaction().execute(async (trx) => {
    await insertConfirmation(trx, {
      id,
      token_hash: hashOf(token),
      bureau_id: actor.bureauId,
      org_id: actor.orgId,
      created_by: actor.id,
      created_at: now,
      expires_at: expiresAt,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'party_confirmation.create',
      entityType: 'party_confirmation',
      entityId: id,
      data: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { id, token, url: `/confirm/${token}`, expiresAt: expiresAt.toISOString() };
}

/** The officer's poll: the state and, once confirmed, the party's data in full. Outside his jurisdiction: 404. */
export async function getPartyConfirmation(deps: Deps, actor: Actor, id: string): Promise<PartyConfirmation> {
  assertPermission(actor, 'case:write');
  const row = await findConfirmationWithOrg(deps.db, id);
  assertInJurisdiction(actor, row?.org_path);
  const r = row!;
  const state = stateAt(r, deps.clock.now());
  return {
    id: r.id,
    state,
    expiresAt: iso(r.expires_at),
    confirmedAt: r.confirmed_at ? iso(r.confirmed_at) : null,
    party:
      state === 'confirmed'
        ? {
            type: r.party_type as NonNullable<PartyConfirmation['party']>['type'],
            name: r.name!,
            idType: r.id_type as NonNullable<PartyConfirmation['party']>['idType'],
            idNumber: r.id_number!,
            phone: r.phone,
            address: r.address,
          }
        : null,
  };
}

/** The party's first look: who asks and until when; nothing personal. An unknown token is a plain 404. */
export async function getPublicPartyConfirmation(deps: Deps, token: string): Promise<PublicPartyConfirmation> {
  const row = await findPublicConfirmation(deps.db, hashOf(token));
  if (!row) throw new AppError('NOT_FOUND');
  return {
    state: stateAt(row, deps.clock.now()),
    expiresAt: iso(row.expires_at),
    agencyName: row.bureau_name && row.bureau_name !== row.org_name ? `${row.bureau_name} ${row.org_name}` : row.org_name,
    officerName: row.officer_name,
  };
}

/** GB 11643 / GB 32100 and the ID type that fits the party type; a failure names the field (zh + en). */
function checkParty(body: ConfirmPartyBody, today: string): { idNumber: string } | AppError {
  if (body.name.trim() === '') return fieldError('name', '请填写姓名或名称', 'enter the name');
  const idNumber = body.idNumber.trim().toUpperCase();
  if (body.idType === 'id_card') {
    if (body.partyType !== 'natural_person')
      return fieldError('idType', '居民身份证仅适用于自然人', 'an ID card identifies a natural person');
    const check = checkIdNumber(idNumber, { onDate: today });
    if (!check.ok) {
      return fieldError(
        'idNumber',
        `居民身份证号码校验失败（${check.reason}，GB 11643-1999）`,
        `the ID card number fails the GB 11643-1999 check (${check.reason})`,
      );
    }
  } else if (body.idType === 'uscc') {
    if (body.partyType === 'natural_person') {
      return fieldError('idType', '统一社会信用代码仅适用于法人和其他组织', 'a USCC identifies an organisation');
    }
    const check = checkCreditCode(idNumber);
    if (!check.ok) {
      return fieldError(
        'idNumber',
        `统一社会信用代码校验失败（${check.reason}，GB 32100-2015）`,
        `the unified social credit code fails the GB 32100-2015 check (${check.reason})`,
      );
    }
  }
  return { idNumber };
}

/**
 * The party confirms. Once only; refused when expired (410) or locked after MAX_FAILED_ATTEMPTS failures (429).
 * Every attempt on an existing code is audited without an actor; a failed one counts against the lock and is
 * committed even though the request answers with the error.
 */
export async function confirmParty(deps: Deps, meta: RequestMeta, token: string, body: ConfirmPartyBody): Promise<PublicPartyConfirmation> {
  const now = deps.clock.now();
  const failure = await deps.db.transaction().execute(async (trx): Promise<AppError | null> => {
    const row = await lockConfirmationByToken(trx, hashOf(token));
    if (!row) return new AppError('NOT_FOUND');
    const audit = (outcome: string, data: Record<string, unknown> = {}) =>
      recordAudit(trx, deps, null, meta, {
        action: 'party_confirmation.confirm',
        entityType: 'party_confirmation',
        entityId: row.id,
        bureauId: row.bureau_id,
        data: { outcome, ...data },
      });
    const state = stateAt(row, now);
    if (state === 'expired') {
      if (row.state !== 'expired') await markExpired(trx, row.id);
      await audit('expired');
      return new AppError('EXPIRED', {
        message: '二维码已过期，请执法人员重新生成',
        messageEn: 'The code has expired; ask the officer for a new one',
      });
    }
    if (state === 'locked') {
      await audit('locked');
      return new AppError('RATE_LIMITED', {
        message: '确认失败次数过多，二维码已作废，请执法人员重新生成',
        messageEn: 'Too many failed attempts; the code is void, ask the officer for a new one',
      });
    }
    if (state === 'confirmed') {
      await audit('already_confirmed');
      return new AppError('STATE_CONFLICT', {
        message: '已确认过，不能重复确认',
        messageEn: 'Already confirmed; it cannot be confirmed again',
      });
    }
    const checked = checkParty(body, shanghaiDate(now));
    if (checked instanceof AppError) {
      const failedAttempts = row.failed_attempts + 1;
      await recordFailedAttempt(trx, row.id, failedAttempts, failedAttempts >= MAX_FAILED_ATTEMPTS);
      await audit('invalid', { field: checked.field, failedAttempts });
      return checked;
    }
    await markConfirmed(
      trx,
      row.id,
      {
        party_type: body.partyType,
        name: body.name.trim(),
        id_type: body.idType,
        id_number: checked.idNumber,
        phone: body.phone?.trim() || null,
        address: body.address?.trim() || null,
      },
      now,
    );
    await refundAttempt(trx, deps, [addressKey('public_address', meta.ip)]);
    await audit('confirmed', { partyType: body.partyType, idType: body.idType });
    return null;
  });
  if (failure) {
    keepWritesOnRefusal();
    throw failure;
  }
  return getPublicPartyConfirmation(deps, token);
}
