import { useEffect } from 'react';
import { Alert } from 'antd';
import { useAuth } from '../../../auth/auth.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';

/**
 * The signed-in officer's own 执法证 as the server judged it (`me.credential`, rule A1), before he fills a form that
 * needs it. The console decides nothing: it shows the server's status and, where the server will refuse the form
 * (`blocking`: 当场处罚), says so and lets the page disable the submit. Read afresh when the form opens.
 */
export function useOwnCredential() {
  const { me, refresh } = useAuth();
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);
  return me?.credential ?? null;
}

export function OwnCredentialAlert({ blocking }: { blocking: boolean }) {
  const { t } = useI18n();
  const cred = useOwnCredential();
  if (!cred || cred.canAct) return null;
  const number = cred.number ?? '';
  const status =
    cred.status === 'expired'
      ? t('case.ownCred.expired', { number, validTo: cred.validTo ?? '' })
      : cred.status === 'revoked'
        ? t('case.ownCred.revoked', { number })
        : cred.status === 'not_yet_valid'
          ? t('case.ownCred.notYetValid', { number })
          : t('case.ownCred.missing');
  return (
    <Alert
      type={blocking ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      message={status}
      description={blocking ? t('case.ownCred.summaryBlocked') : t('case.ownCred.registerNote')}
      data-testid="own-credential-alert"
      data-status={cred.status}
    />
  );
}
