import { useEffect } from 'react';
import { Button, Card, Form, InputNumber, Tag } from 'antd';
import type { DutySettings } from '@chengguan/contracts';
import { dutyApi } from '../../api/duty.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

type SettingsForm = { positionRetentionDays: number };

/** The bureau administrator's 勤务 settings: how long officers' positions on duty are kept (D4, configuration). */
export function DutySettingsCard() {
  const { t } = useI18n();
  const [form] = Form.useForm<SettingsForm>();
  const current = useLoad((signal) => dutyApi.settings(signal), 'duty-settings');
  useEffect(() => {
    if (current.data) form.setFieldsValue({ positionRetentionDays: current.data.positionRetentionDays });
  }, [current.data, form]);
  const { submit, loading } = useSubmit<SettingsForm, DutySettings>(
    form,
    (v, idempotencyKey) => dutyApi.saveSettings(current.data!.bureauId, v.positionRetentionDays, { idempotencyKey }),
    { successMessage: t('duty.settings.saved'), onSuccess: () => current.reload() },
  );
  if (!current.data) return null;
  return (
    <Card
      title={t('duty.settings.title')}
      size="small"
      extra={current.data.isDefault ? <Tag>{t('duty.settings.default')}</Tag> : null}
      data-testid="duty-settings-card"
    >
      <Form<SettingsForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 420 }}>
        <Form.Item
          name="positionRetentionDays"
          label={t('duty.settings.retention')}
          extra={t('duty.settings.retentionHelp')}
          rules={[{ required: true, type: 'integer', min: 1, max: 365 }]}
        >
          <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} data-testid="duty-retention-days" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
