import { authenticator } from 'otplib';
import { AppError } from '../../../errors/app-error.ts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { getSecrets, updateSecrets } from '../auth.repository.ts';
import { totpAt } from './login.ts';

const ISSUER = '城管执法平台';

/** Step 1: a new secret is kept pending until the user proves his authenticator app produces codes from it. */
export async function setupTotp(deps: Deps, actor: Actor, meta: RequestMeta) {
  const secret = authenticator.generateSecret();
  await deps.db.transaction().execute(async (trx) => {
    await updateSecrets(trx, actor.id, { totp_pending_secret: secret });
    await recordAudit(trx, deps, actor, meta, { action: 'auth.totp_setup', entityType: 'officer', entityId: actor.id, data: {} });
  });
  return { secret, otpauthUrl: authenticator.keyuri(actor.username, ISSUER, secret) };
}

export async function enableTotp(deps: Deps, actor: Actor, meta: RequestMeta, code: string) {
  const s = await getSecrets(deps.db, actor.id);
  if (!s.totp_pending_secret)
    throw new AppError('STATE_CONFLICT', { message: '请先生成动态验证码密钥', messageEn: 'Set up a secret first' });
  if (!totpAt(deps.clock.now()).check(code, s.totp_pending_secret)) throw new AppError('AUTH_TOTP_INVALID', { field: 'code' });
  await deps.db.transaction().execute(async (trx) => {
    await updateSecrets(trx, actor.id, { totp_secret: s.totp_pending_secret, totp_enabled: true, totp_pending_secret: null });
    await recordAudit(trx, deps, actor, meta, { action: 'auth.totp_enable', entityType: 'officer', entityId: actor.id, data: {} });
  });
}

export async function disableTotp(deps: Deps, actor: Actor, meta: RequestMeta, code: string) {
  const s = await getSecrets(deps.db, actor.id);
  if (!s.totp_enabled || !s.totp_secret) return;
  if (!totpAt(deps.clock.now()).check(code, s.totp_secret)) throw new AppError('AUTH_TOTP_INVALID', { field: 'code' });
  await deps.db.transaction().execute(async (trx) => {
    await updateSecrets(trx, actor.id, { totp_secret: null, totp_enabled: false, totp_pending_secret: null });
    await recordAudit(trx, deps, actor, meta, { action: 'auth.totp_disable', entityType: 'officer', entityId: actor.id, data: {} });
  });
}
