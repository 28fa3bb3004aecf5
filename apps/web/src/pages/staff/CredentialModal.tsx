import { useEffect } from 'react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Credential, CredentialBody, EnforcementDomain } from '@chengguan/contracts';
import { officerApi } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { domainOptions } from '../../i18n/labels.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { bureauToday } from '../../lib/bureauTime';

export type CredentialTarget = { mode: 'create'; officerId: string } | { mode: 'edit'; credential: Credential };

type CredentialForm = { number: string; domains: EnforcementDomain[]; validFrom: Dayjs; validTo: Dayjs };

const DATE = 'YYYY-MM-DD';

export function CredentialModal({
  target,
  onClose,
  onSaved,
}: {
  target: CredentialTarget | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CredentialForm>();
  const { submit, loading, reset } = useSubmit<CredentialForm, Credential>(
    form,
    (v, idempotencyKey) => {
      if (!target) throw new Error('no target');
      const body: CredentialBody = {
        number: v.number.trim(),
        domains: v.domains,
        validFrom: v.validFrom.format(DATE),
        validTo: v.validTo.format(DATE),
      };
      return target.mode === 'create'
        ? officerApi.addCredential(target.officerId, body, { idempotencyKey })
        : officerApi.updateCredential(target.credential.id, body, { idempotencyKey });
    },
    { successMessage: t('common.saved'), onSuccess: onSaved },
  );

  useEffect(() => {
    if (!target) return;
    reset();
    form.resetFields();
    if (target.mode === 'edit') {
      const c = target.credential;
      form.setFieldsValue({ number: c.number, domains: c.domains, validFrom: dayjs(c.validFrom), validTo: dayjs(c.validTo) });
    } else {
      const today = bureauToday().startOf('day');
      form.setFieldsValue({ validFrom: today, validTo: today.add(5, 'year').subtract(1, 'day') });
    }
  }, [target, form, reset]);

  return (
    <Modal
      open={!!target}
      title={target?.mode === 'edit' ? t('credential.edit') : t('credential.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={loading}
      forceRender
      data-testid="credential-modal"
    >
      <Form<CredentialForm> form={form} name="credentialForm" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="number"
          label={t('credential.number')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9-]{6,20}$/, message: t('credential.numberRule') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="domains"
          label={t('credential.domains')}
          rules={[{ required: true, message: t('common.required', { field: t('credential.domains') }) }]}
        >
          <Select mode="multiple" options={domainOptions(t)} allowClear />
        </Form.Item>
        <Form.Item name="validFrom" label={t('credential.validFrom')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} format={DATE} />
        </Form.Item>
        <Form.Item
          name="validTo"
          label={t('credential.validTo')}
          dependencies={['validFrom']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) => {
                const from = getFieldValue('validFrom') as Dayjs | undefined;
                return !v || !from || !v.isBefore(from, 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error(`${t('credential.validTo')} ≥ ${t('credential.validFrom')}`));
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} format={DATE} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
