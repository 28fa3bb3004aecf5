import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Image, Input, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import type { DocumentSettings, DocumentSettingsBody } from '@chengguan/contracts';
import { documentsApi } from '../../api/documents.ts';
import { errorText } from '../../api/errors.ts';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

type Values = Omit<DocumentSettingsBody, 'bureauId'>;

function ImageField({
  value,
  onChange,
  label,
  bureauId,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  label: string;
  bureauId?: string;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  // A file just picked is shown from the administrator's own copy until the settings that name it are saved.
  const [picked, setPicked] = useState<{ sm3: string; url: string } | null>(null);
  useEffect(() => () => (picked ? URL.revokeObjectURL(picked.url) : undefined), [picked]);
  const src = value ? (picked?.sm3 === value ? picked.url : documentsApi.imageUrl(value, bureauId)) : null;
  return (
    <Space direction="vertical">
      {src ? <Image src={src} alt={label} width={140} style={{ background: '#fafafa', border: '1px dashed #d9d9d9' }} /> : null}
      <Space>
        <Upload
          accept="image/png"
          showUploadList={false}
          beforeUpload={(file) => {
            setBusy(true);
            documentsApi
              .uploadImage(file)
              .then((r) => {
                setPicked({ sm3: r.sm3, url: URL.createObjectURL(file) });
                onChange?.(r.sm3);
              })
              .catch((e: unknown) => void message.error(errorText(e, t, lang)))
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {t('doc.settings.upload')}
          </Button>
        </Upload>
        {value && (
          <Button icon={<DeleteOutlined />} onClick={() => onChange?.(null)}>
            {t('doc.settings.remove')}
          </Button>
        )}
      </Space>
    </Space>
  );
}

/** 印章与签名: the bureau administrator sets the names printed on documents, the seal PNG and the leader's signature. */
export default function SettingsPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const loaded = useLoad((signal) => documentsApi.settings(undefined, signal), 'document-settings');
  const [fresh, setFresh] = useState<DocumentSettings | null>(null);
  const s = fresh ?? loaded.data;
  useEffect(() => {
    if (s)
      form.setFieldsValue({
        agencyName: s.agencyName,
        addressLine: s.addressLine,
        phoneLine: s.phoneLine,
        paymentMethod: s.paymentMethod,
        sealSm3: s.sealSm3,
        signatureSm3: s.signatureSm3,
      });
  }, [s, form]);
  const save = useSubmit<Values, DocumentSettings>(form, (v, key) => documentsApi.saveSettings({ ...v, bureauId: s?.bureauId }, key), {
    successMessage: t('common.saved'),
    onSuccess: setFresh,
  });
  const seal = Form.useWatch('sealSm3', form);
  return (
    <Page title={t('doc.settings.title')} testId="document-settings">
      {!!loaded.error && <Alert type="error" showIcon message={errorText(loaded.error, t, lang)} style={{ marginBottom: 12 }} />}
      {s && (
        <Card size="small" style={{ maxWidth: 760 }}>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={s.bureauName}>{s.bureauId}</Descriptions.Item>
            <Descriptions.Item label={t('doc.settings.key')}>
              {s.keyFingerprint ? <Typography.Text code>{s.keyFingerprint}</Typography.Text> : t('doc.settings.noKey')}
            </Descriptions.Item>
          </Descriptions>
          <Form form={form} layout="vertical" onFinish={(v) => void save.submit(v)}>
            <Form.Item name="agencyName" label={t('doc.settings.agencyName')} rules={[{ required: true, min: 2, max: 60 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="addressLine" label={t('doc.settings.address')}>
              <Input maxLength={120} />
            </Form.Item>
            <Form.Item name="phoneLine" label={t('doc.settings.phone')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="paymentMethod" label={t('doc.settings.paymentMethod')}>
              <Input.TextArea maxLength={300} autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Form.Item name="sealSm3" label={t('doc.settings.seal')} extra={!seal ? t('doc.settings.placeholderSeal') : undefined}>
              <ImageField label={t('doc.settings.seal')} bureauId={s.bureauId} />
            </Form.Item>
            <Form.Item name="signatureSm3" label={t('doc.settings.signature')}>
              <ImageField label={t('doc.settings.signature')} bureauId={s.bureauId} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.loading}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      )}
    </Page>
  );
}
