import { useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Typography } from 'antd';
import { applyServerErrors } from '../../api/errors.ts';
import { portalApi } from '../../api/portal.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { NotAllowed, type PortalViewProps } from './PortalCaseView.tsx';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad.tsx';

type Values = { channel: 'sms' | 'email'; address: string; signerName: string; agreed: boolean };

/** F2 — 电子送达地址确认书: the address, the typed name and a drawn signature. */
export function ConsentCard({ data, onChange, onError }: PortalViewProps) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const pad = useRef<SignaturePadHandle>(null);
  const [sigError, setSigError] = useState(false);
  const [saving, setSaving] = useState(false);
  const action = data.actions.serviceConsent;

  if (data.electronicServiceConsentOn) {
    return (
      <Card size="small" title={t('portal.consent.title')}>
        <Alert type="success" showIcon message={t('portal.consent.signed', { date: data.electronicServiceConsentOn })} />
      </Card>
    );
  }

  const submit = async (v: Values) => {
    if (!pad.current || pad.current.isEmpty()) {
      setSigError(true);
      return;
    }
    setSaving(true);
    try {
      onChange(
        await portalApi.consent({
          channel: v.channel,
          address: v.address.trim(),
          signerName: v.signerName.trim(),
          signaturePngBase64: pad.current.toPngBase64(),
          agreed: true,
        }),
      );
    } catch (e) {
      if (!applyServerErrors(form, e, lang)) onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('portal.consent.title')}>
      {!action.allowed ? (
        <NotAllowed action={action} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('portal.consent.intro')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ channel: 'sms', signerName: data.partyName }}>
            <Form.Item name="channel" label={t('portal.consent.channel')}>
              <Radio.Group
                options={[
                  { value: 'sms', label: t('portal.consent.sms') },
                  { value: 'email', label: t('portal.consent.email') },
                ]}
              />
            </Form.Item>
            <Form.Item name="address" label={t('portal.consent.address')} rules={[{ required: true, whitespace: true }]}>
              <Input inputMode="email" />
            </Form.Item>
            <Form.Item name="signerName" label={t('portal.consent.name')} rules={[{ required: true, whitespace: true }]}>
              <Input />
            </Form.Item>
            <Form.Item
              label={t('portal.consent.signature')}
              validateStatus={sigError ? 'error' : ''}
              help={sigError ? t('portal.consent.signFirst') : null}
            >
              <div onPointerDown={() => setSigError(false)}>
                <SignaturePad ref={pad} testId="portal-signature" />
              </div>
              <Button size="small" type="link" onClick={() => pad.current?.clear()}>
                {t('portal.consent.clear')}
              </Button>
            </Form.Item>
            <Form.Item
              name="agreed"
              valuePropName="checked"
              rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('portal.consent.agree')))) }]}
            >
              <Checkbox>{t('portal.consent.agree')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={saving}>
              {t('portal.consent.submit')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
