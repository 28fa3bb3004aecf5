import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { PortalCase } from '@chengguan/contracts';
import { portalApi } from '../../api/portal.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCodeLogin } from './useCodeLogin.ts';

type Values = { documentNumber: string; code: string };

export function PortalLogin({ onLoggedIn }: { onLoggedIn: (c: PortalCase) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { notice, error, wait, sending, signingIn, sendCode, onFinish } = useCodeLogin(
    form,
    'documentNumber',
    (documentNumber) => portalApi.requestCode(documentNumber),
    async (v) => onLoggedIn(await portalApi.login(v.documentNumber, v.code)),
  );

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
        <Button type="primary" htmlType="submit" block loading={signingIn} data-testid="portal-login">
          {t('portal.login.submit')}
        </Button>
      </Form>
    </Card>
  );
}
