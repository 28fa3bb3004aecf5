import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Segmented, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { PortalCase } from '@chengguan/contracts';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { portalApi } from '../../api/portal.ts';
import { LANG_NAMES, LANGS, useI18n, type Lang } from '../../i18n/i18n.tsx';
import { PortalLogin } from './PortalLogin.tsx';
import { PortalCaseView } from './PortalCaseView.tsx';
import './portal.css';

/** Set in this tab's session storage while the party is signed in to the portal. */
const PORTAL_SIGNED_IN = 'portal-signed-in';

/**
 * 当事人门户 (public, laid out for a 390 px phone): log in with a document number and an SMS code, then the party's
 * own case — deadlines, documents, statement, hearing request, electronic-service confirmation, payment.
 */
export default function PortalPage() {
  const { t, lang, setLang } = useI18n();
  const [data, setData] = useState<PortalCase | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  const onError = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) {
        setData(null);
        setError(data ? t('portal.sessionExpired') : null);
      } else setError(errorText(e, t, lang));
    },
    [data, t, lang],
  );

  useEffect(() => {
    // One look at start, and only when this tab signed in before: a visitor's browser then logs no refused request.
    if (sessionStorage.getItem(PORTAL_SIGNED_IN) !== '1') {
      setData(null);
      return;
    }
    portalApi
      .getCase()
      .then(setData)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          sessionStorage.removeItem(PORTAL_SIGNED_IN);
          setData(null);
        } else setError(errorText(e, t, lang));
      });
  }, []);

  const logout = async () => {
    await portalApi.logout().catch(() => undefined);
    sessionStorage.removeItem(PORTAL_SIGNED_IN);
    setData(null);
  };

  return (
    <div className="portal">
      <header className="portal-header">
        <div>
          <Typography.Title level={4} style={{ margin: 0, color: '#fff' }}>
            {t('portal.title')}
          </Typography.Title>
          <div className="portal-sub">{t('portal.subtitle')}</div>
        </div>
        <div className="portal-header-actions">
          <Segmented
            size="small"
            value={lang}
            options={LANGS.map((l) => ({ value: l, label: LANG_NAMES[l] }))}
            onChange={(v) => setLang(v as Lang)}
            data-testid="portal-lang"
          />
          {data && (
            <Button size="small" onClick={logout} data-testid="portal-logout">
              {t('portal.logout')}
            </Button>
          )}
        </div>
      </header>
      <main className="portal-main">
        {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
        {data === undefined && <Spin style={{ display: 'block', margin: '48px auto' }} />}
        {data === null && (
          <>
            <PortalLogin onLoggedIn={(c) => (sessionStorage.setItem(PORTAL_SIGNED_IN, '1'), setError(null), setData(c))} />
            <Card size="small" style={{ marginTop: 12 }}>
              <Typography.Text>{t('citizen.entry')}</Typography.Text>{' '}
              <Link to="/portal/citizen" data-testid="portal-citizen-entry">
                {t('citizen.entryLink')}
              </Link>
            </Card>
          </>
        )}
        {data && <PortalCaseView data={data} onChange={setData} onError={onError} />}
      </main>
    </div>
  );
}
