import { useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, SafetyCertificateFilled, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/auth.tsx';
import { LANGS, useI18n, type Lang } from '../i18n/i18n.tsx';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import { applyServerErrors, errorText, isRetryable } from '../api/errors.ts';

type LoginForm = { username: string; password: string; totp?: string };

export function LoginPage() {
  const { me, login } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const keyRef = useRef(newIdempotencyKey());
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me) return <Navigate to={from === '/login' ? '/' : from} replace />;

  const onFinish = async (v: LoginForm) => {
    setLoading(true);
    setError(null);
    try {
      await login({ username: v.username.trim(), password: v.password, ...(v.totp ? { totp: v.totp } : {}) }, keyRef.current);
      navigate(from === '/login' ? '/' : from, { replace: true });
    } catch (e) {
      if (!isRetryable(e)) keyRef.current = newIdempotencyKey();
      if (e instanceof ApiError && e.code === 'AUTH_TOTP_REQUIRED') {
        setNeedTotp(true);
        return;
      }
      // Input errors go to their field; refusals (wrong password, locked account) to the banner.
      const atField = e instanceof ApiError && e.status === 400 && applyServerErrors(form, e, lang);
      if (!atField) setError(errorText(e, t, lang));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #0b3a82 0%, #1659c7 55%, #e9eef7 55%)',
      }}
    >
      <div style={{ position: 'fixed', top: 12, right: 12 }}>
        <Segmented<Lang>
          size="small"
          value={lang}
          onChange={setLang}
          options={LANGS.map((l) => ({ value: l, label: l === 'zh-CN' ? '中文' : 'EN' }))}
          data-testid="login-lang"
        />
      </div>
      <div style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
        <SafetyCertificateFilled style={{ fontSize: 44, color: '#f5c242' }} />
        <Typography.Title level={2} style={{ color: '#fff', margin: '8px 0 4px' }}>
          {t('app.title')}
        </Typography.Title>
        <div style={{ opacity: 0.85 }}>{t('app.subtitle')}</div>
      </div>
      <Card style={{ width: '100%', maxWidth: 400 }} title={t('login.title')} data-testid="login-card">
        <Form<LoginForm> form={form} name="login" layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {needTotp && (
            <>
              <Alert type="info" showIcon message={t('login.totpHint')} style={{ marginBottom: 16 }} data-testid="login-totp-hint" />
              <Form.Item
                name="totp"
                label={t('login.totp')}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}
              >
                <Input
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  maxLength={6}
                  autoComplete="one-time-code"
                  autoFocus
                  data-testid="login-totp"
                />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={loading} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.footer')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
