// A write the officer's phone kept while offline and sends later (header X-Field-Queued-At, docs/field-app.md) is
// checked against his 执法证 as of the sync, not as of the capture: an officer whose credential expired (or was revoked)
// meanwhile may not enter it himself (处罚法 Art. 42; 沪条例 Art. 16). The phone keeps the item for him to hand over.
import { bestOfficerCredential } from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { shanghaiDate } from '../../../shared/time.ts';

export async function assertCredentialForSync(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, queuedAt: string): Promise<void> {
  const rows = await deps.db
    .selectFrom('credentials')
    .select(['number', 'domains', 'valid_from', 'valid_to', 'revoked'])
    .where('officer_id', '=', actor.id)
    .execute();
  const today = shanghaiDate(deps.clock.now());
  const best = bestOfficerCredential(
    rows.map((r) => ({
      number: r.number,
      domains: r.domains,
      validFrom: String(r.valid_from).slice(0, 10),
      validTo: String(r.valid_to).slice(0, 10),
      revoked: r.revoked,
    })),
    today,
  );
  if (best.status === 'valid' || best.status === 'expiring') return;
  const c = best.credential;
  const why =
    best.status === 'expired' && c
      ? { zh: `执法证 ${c.number ?? ''} 已于 ${c.validTo} 到期`, en: `credential ${c.number ?? ''} expired on ${c.validTo}` }
      : best.status === 'revoked'
        ? { zh: '执法证已被注销', en: 'the credential was revoked' }
        : best.status === 'not_yet_valid' && c
          ? { zh: `执法证自 ${c.validFrom} 起生效`, en: `the credential is valid from ${c.validFrom}` }
          : { zh: '没有执法证', en: 'no credential is on record' };
  throw new AppError('CREDENTIAL_NOT_VALID', {
    field: 'x-field-queued-at',
    message: `${why.zh}（同步日期 ${today}），离线记录（${queuedAt.slice(0, 16)} 记录）未提交，已保留在手机上，请移交其他持证执法人员`,
    messageEn: `${why.en} (sync date ${today}); the record kept offline at ${queuedAt.slice(0, 16)} was not sent and stays on the phone: hand it over to a credentialed officer`,
    details: [{ field: 'x-field-queued-at', message: why.zh, messageEn: why.en }],
  });
}
