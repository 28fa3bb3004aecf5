import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n.tsx';
import { parseVerifyAddress } from './verify-address.ts';

type Values = { address: string; code?: string };

/**
 * /verify without a document: how the public verifies a document (scan the QR code, or type the address and the
 * 核验码 printed beside it). Public: it asks no staff API and never leads to the staff login.
 */
export default function VerifyStartPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) => {
    const parsed = parseVerifyAddress(v.address);
    if (!parsed) {
      form.setFields([{ name: 'address', errors: [t('doc.verify.start.badAddress')] }]);
      return;
    }
    const code = (v.code ?? '').trim() || parsed.code;
    navigate(`/verify/${parsed.id}${code ? `?c=${encodeURIComponent(code)}` : ''}`);
  };
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 16 }} data-testid="verify-start">
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        {t('doc.verify.title')}
      </Typography.Title>
      <Alert type="info" showIcon message={t('doc.verify.start.intro')} description={t('doc.verify.start.how')} />
      <Card size="small" style={{ marginTop: 12 }} title={t('doc.verify.start.byHand')}>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="address"
            label={t('doc.verify.start.address')}
            extra={t('doc.verify.start.addressHelp')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('doc.verify.start.address') }) }]}
          >
            <Input data-testid="verify-address" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('doc.verify.start.code')}
            extra={t('doc.verify.start.codeHelp')}
            rules={[
              {
                validator: async (_r, value: string | undefined) => {
                  const address = String(form.getFieldValue('address') ?? '');
                  if ((value ?? '').trim() === '' && !parseVerifyAddress(address)?.code)
                    throw new Error(t('common.required', { field: t('doc.verify.start.code') }));
                },
              },
            ]}
          >
            <Input data-testid="verify-code" autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block data-testid="verify-go">
            {t('doc.verify.start.go')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
