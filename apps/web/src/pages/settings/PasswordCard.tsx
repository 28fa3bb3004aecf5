import { Button, Card, Form, Input } from 'antd';
import { authApi } from '../../api/endpoints.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';

type PasswordForm = { currentPassword: string; newPassword: string; confirm: string };

export function PasswordCard() {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const [form] = Form.useForm<PasswordForm>();
  const { submit, loading } = useSubmit<PasswordForm, void>(
    form,
    (v, idempotencyKey) => authApi.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }, { idempotencyKey }),
    {
      successMessage: t('settings.passwordChanged'),
      onSuccess: async () => {
        form.resetFields();
        await refresh().catch(() => undefined);
      },
    },
  );
  return (
    <Card title={t('settings.changePassword')} size="small" data-testid="password-card">
      <Form<PasswordForm> form={form} name="changePassword" layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 420 }}>
        <Form.Item
          name="currentPassword"
          label={t('settings.currentPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('settings.currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('settings.newPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('settings.newPassword') }) }, { max: 128 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('settings.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { field: t('settings.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('settings.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} data-testid="password-submit">
          {t('settings.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
