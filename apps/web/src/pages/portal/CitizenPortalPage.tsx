import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { CitizenMe } from '@chengguan/contracts';
import { ApiError } from '../../api/client.ts';
import { citizenApi } from '../../api/citizen.ts';
import { errorText } from '../../api/errors.ts';
import { LANG_NAMES, LANGS, useI18n, type Lang } from '../../i18n/i18n.tsx';
import { CitizenComplaintForm } from './CitizenComplaintForm.tsx';
import { useCodeLogin } from './useCodeLogin.ts';
import { CitizenTicketList, CitizenTicketView } from './CitizenTicketView.tsx';
import './portal.css';

/** Set in this tab's session storage while the citizen is signed in. */
const CITIZEN_SIGNED_IN = 'citizen-signed-in';

type Values = { phone: string; code: string };

function CitizenLogin({ onSignedIn }: { onSignedIn: (me: CitizenMe) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { notice, error, wait, sending, signingIn, sendCode, onFinish } = useCodeLogin(
    form,
    'phone',
    (phone) => citizenApi.requestCode(phone),
    async (v) => onSignedIn(await citizenApi.login(v.phone.trim(), v.code)),
  );

  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('citizen.login.intro')}</Typography.Paragraph>
      {notice && <Alert type="info" showIcon message={notice} style={{ marginBottom: 12 }} data-testid="citizen-code-notice" />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="citizen-login-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="phone"
          label={t('citizen.login.phone')}
          rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('citizen.login.phoneFormat') }]}
        >
          <Input inputMode="tel" maxLength={11} autoComplete="tel" data-testid="citizen-phone" />
        </Form.Item>
        <Form.Item label={t('portal.login.code')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: t('portal.login.codeFormat') }]}>
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" data-testid="citizen-code" />
            </Form.Item>
            <Button onClick={sendCode} loading={sending} disabled={wait > 0} data-testid="citizen-send-code">
              {wait > 0 ? t('portal.login.resendIn', { n: wait }) : t('portal.login.sendCode')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signingIn} data-testid="citizen-login">
          {t('portal.login.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * 市民投诉 (public, laid out for a 390 px phone): sign in with a mobile number and an SMS code, file a complaint with a
 * place on the map and photos, follow "my complaints" with the same countdowns the officers see, rate a closed one.
 */
export default function CitizenPortalPage() {
  const { t, lang, setLang } = useI18n();
  const [me, setMe] = useState<CitizenMe | null | undefined>(undefined);
  const [tab, setTab] = useState<'file' | 'mine'>('file');
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (sessionStorage.getItem(CITIZEN_SIGNED_IN) !== '1') {
      setMe(null);
      return;
    }
    citizenApi.me().then(setMe, () => {
      sessionStorage.removeItem(CITIZEN_SIGNED_IN);
      setMe(null);
    });
  }, []);

  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.status === 401) {
      sessionStorage.removeItem(CITIZEN_SIGNED_IN);
      setMe(null);
      setError(t('portal.sessionExpired'));
    } else setError(errorText(e, t, lang));
  };

  const logout = async () => {
    await citizenApi.logout().catch(() => undefined);
    sessionStorage.removeItem(CITIZEN_SIGNED_IN);
    setMe(null);
  };

  return (
    <div className="portal">
      <header className="portal-header">
        <div>
          <Typography.Title level={4} style={{ margin: 0, color: '#fff' }}>
            {t('citizen.title')}
          </Typography.Title>
          <div className="portal-sub">{me ? t('citizen.signedInAs', { phone: me.phone }) : t('citizen.subtitle')}</div>
        </div>
        <div className="portal-header-actions">
          <Segmented
            size="small"
            value={lang}
            options={LANGS.map((l) => ({ value: l, label: LANG_NAMES[l] }))}
            onChange={(v) => setLang(v as Lang)}
          />
          {me && (
            <Button size="small" onClick={logout} data-testid="citizen-logout">
              {t('portal.logout')}
            </Button>
          )}
        </div>
      </header>
      <main className="portal-main">
        {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
        {me === undefined && <Spin style={{ display: 'block', margin: '48px auto' }} />}
        {me === null && (
          <>
            <CitizenLogin
              onSignedIn={(m) => {
                sessionStorage.setItem(CITIZEN_SIGNED_IN, '1');
                setError(null);
                setMe(m);
              }}
            />
            <Typography.Paragraph style={{ marginTop: 12, textAlign: 'center' }}>
              <Link to="/portal">{t('citizen.caseEntry')}</Link>
            </Typography.Paragraph>
          </>
        )}
        {me && (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Segmented
              block
              value={tab}
              onChange={(v) => {
                setTab(v as 'file' | 'mine');
                setOpenId(null);
              }}
              options={[
                { value: 'file', label: <span data-testid="citizen-tab-file">{t('citizen.tab.file')}</span> },
                { value: 'mine', label: <span data-testid="citizen-tab-mine">{t('citizen.tab.mine')}</span> },
              ]}
            />
            {tab === 'file' && (
              <CitizenComplaintForm
                onFiled={(ticket) => {
                  setTab('mine');
                  setOpenId(ticket.id);
                }}
                onError={onError}
              />
            )}
            {tab === 'mine' &&
              (openId ? (
                <CitizenTicketView id={openId} onBack={() => setOpenId(null)} onError={onError} />
              ) : (
                <CitizenTicketList onOpen={setOpenId} onError={onError} />
              ))}
          </Space>
        )}
      </main>
    </div>
  );
}
