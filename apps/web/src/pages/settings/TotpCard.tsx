import { useState } from 'react';
import { Alert, Badge, Button, Card, Descriptions, Flex, Form, Input, QRCode, Typography } from 'antd';
import { authApi, type TotpSetup } from '../../api/endpoints.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';

type CodeForm = { code: string };

export function TotpCard() {
  const { t } = useI18n();
  const { me, refresh } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [enableForm] = Form.useForm<CodeForm>();
  const [disableForm] = Form.useForm<CodeForm>();
  const enabled = !!me?.totpEnabled;

  const start = useSubmit<void, TotpSetup>(null, (_, idempotencyKey) => authApi.totpSetup({ idempotencyKey }), { onSuccess: setSetup });
  const enable = useSubmit<CodeForm, void>(enableForm, (v, idempotencyKey) => authApi.totpEnable(v.code, { idempotencyKey }), {
    successMessage: t('settings.totpEnabled'),
    onSuccess: async () => {
      setSetup(null);
      enableForm.resetFields();
      await refresh();
    },
  });
  const disable = useSubmit<CodeForm, void>(disableForm, (v, idempotencyKey) => authApi.totpDisable(v.code, { idempotencyKey }), {
    successMessage: t('settings.totpDisabled'),
    onSuccess: async () => {
      disableForm.resetFields();
      await refresh();
    },
  });

  const codeRules = [{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }];
  const codeInput = (
    <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" style={{ width: 160 }} placeholder={t('settings.totpCode')} />
  );

  return (
    <Card
      title={t('settings.totp')}
      size="small"
      extra={<Badge status={enabled ? 'success' : 'default'} text={enabled ? t('settings.totpOn') : t('settings.totpOff')} />}
      data-testid="totp-card"
    >
      <Typography.Paragraph type="secondary">{t('settings.totpIntro')}</Typography.Paragraph>
      {enabled ? (
        <Form<CodeForm> form={disableForm} name="totpDisable" layout="inline" onFinish={(v) => void disable.submit(v)}>
          <Form.Item name="code" rules={codeRules}>
            {codeInput}
          </Form.Item>
          <Button danger htmlType="submit" loading={disable.loading} data-testid="totp-disable">
            {t('settings.totpDisable')}
          </Button>
        </Form>
      ) : !setup ? (
        <Button type="primary" loading={start.loading} onClick={() => void start.submit()} data-testid="totp-setup">
          {t('settings.totpSetup')}
        </Button>
      ) : (
        <Flex vertical gap={16}>
          <Alert type="info" showIcon message={t('settings.totpScan')} />
          <Flex gap={16} wrap align="flex-start">
            <QRCode value={setup.otpauthUrl} size={160} />
            <Descriptions column={1} size="small" bordered style={{ flex: 1, minWidth: 260 }}>
              <Descriptions.Item label={t('settings.totpSecret')}>
                <Typography.Text code copyable data-testid="totp-secret">
                  {setup.secret}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('settings.totpUrl')}>
                <Typography.Text copyable style={{ wordBreak: 'break-all' }} data-testid="totp-url">
                  {setup.otpauthUrl}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Flex>
          <Form<CodeForm> form={enableForm} name="totpEnable" layout="inline" onFinish={(v) => void enable.submit(v)}>
            <Form.Item name="code" rules={codeRules}>
              {codeInput}
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={enable.loading} data-testid="totp-enable">
              {t('settings.totpEnable')}
            </Button>
          </Form>
        </Flex>
      )}
    </Card>
  );
}
