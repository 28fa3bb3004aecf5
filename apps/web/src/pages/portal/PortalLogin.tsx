import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { PortalCase } from '@chengguan/contracts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { portalApi } from '../../api/portal.ts';
import { useI18n } from '../../i18n/i18n.tsx';

type Values = { documentNumber: string; code: string };

export function PortalLogin({ onLoggedIn }: { onLoggedIn: (c: PortalCase) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [loggingIn, setLoggingIn] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);

  const sendCode = async () => {
    try {
      await form.validateFields(['documentNumber']);
    } catch {
      return;
    }
    setSending(true);
    setError(null);
    try {
      const r = await portalApi.requestCode(form.getFieldValue('documentNumber') as string);
      setNotice(lang.startsWith('en') ? r.messageEn : r.message);
      setWait(r.resendAfterSeconds);
    } catch (e) {
      if (!applyServerErrors(form, e, lang)) setError(errorText(e, t, lang));
    } finally {
      setSending(false);
    }
  };

  const onFinish = async (v: Values) => {
    setLoggingIn(true);
    setError(null);
    try {
      onLoggedIn(await portalApi.login(v.documentNumber, v.code));
    } catch (e) {
      if (!applyServerErrors(form, e, lang)) setError(errorText(e, t, lang));
    } finally {
      setLoggingIn(false);
    }
  };

  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('portal.login.intro')}</Typography.Paragraph>
      {notice && <Alert type="info" showIcon message={notice} style={{ marginBottom: 12 }} data-testid="portal-code-notice" />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="portal-login-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="documentNumber"
          label={t('portal.login.documentNumber')}
          rules={[{ required: true, whitespace: true, message: t('portal.login.required') }]}
        >
          <Input placeholder={t('portal.login.documentNumberPlaceholder')} autoComplete="off" data-testid="portal-document-number" />
        </Form.Item>
        <Form.Item label={t('portal.login.code')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: t('portal.login.codeFormat') }]}>
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" data-testid="portal-code" />
            </Form.Item>
            <Button onClick={sendCode} loading={sending} disabled={wait > 0} data-testid="portal-send-code">
              {wait > 0 ? t('portal.login.resendIn', { n: wait }) : t('portal.login.sendCode')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={loggingIn} data-testid="portal-login">
          {t('portal.login.submit')}
        </Button>
      </Form>
    </Card>
  );
}
