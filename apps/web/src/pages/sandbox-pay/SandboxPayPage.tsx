import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import type { SandboxCheckoutView } from '@chengguan/contracts';
import { paymentsApi } from '../../api/payments.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { formatFen, formatInstant } from '../cases/format.ts';

/**
 * The sandbox provider's cashier (public, no login): stands in for a real provider's hosted page. The payer confirms;
 * the sandbox books the payment in its own ledger and sends the signed notification to the agency.
 */
export default function SandboxPayPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const view = useLoad((signal) => paymentsApi.sandboxView(id, signal), id);
  const [paid, setPaid] = useState<SandboxCheckoutView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const c = paid ?? view.data;
  const pay = async () => {
    setBusy(true);
    try {
      setPaid(await paymentsApi.sandboxPay(id));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 480, margin: '24px auto', padding: 12 }} data-testid="sandbox-pay-page">
      <Alert type="warning" showIcon banner message={t('pay.sandbox.notice')} style={{ marginBottom: 16 }} data-testid="sandbox-notice" />
      <Card title={t('pay.sandbox.title')}>
        {view.error ? (
          <Alert type="error" showIcon message={errorText(view.error, t, lang)} />
        ) : !c ? (
          <Skeleton active />
        ) : (
          <>
            <Typography.Title level={2} style={{ textAlign: 'center' }} data-testid="sandbox-amount">
              {formatFen(c.amountFen)}
            </Typography.Title>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('pay.sandbox.merchant')}>{c.merchantName}</Descriptions.Item>
              <Descriptions.Item label={t('pay.sandbox.subject')}>{c.subject}</Descriptions.Item>
              <Descriptions.Item label={t('pay.sandbox.expiresAt')}>{formatInstant(c.expiresAt)}</Descriptions.Item>
              <Descriptions.Item label={t('pay.status')}>
                <Tag color={c.status === 'paid' ? 'green' : c.status === 'pending' ? 'blue' : 'red'} data-testid="sandbox-status">
                  {t(`pay.sandbox.status.${c.status}`)}
                </Tag>
              </Descriptions.Item>
            </Descriptions>
            {!!error && <Alert type="error" showIcon message={errorText(error, t, lang)} style={{ marginBottom: 12 }} />}
            {c.status === 'paid' ? (
              <Result status="success" title={t('pay.sandbox.paid', { txn: c.txnId ?? '' })} />
            ) : c.status === 'expired' ? (
              <Result status="warning" title={t('pay.sandbox.expired')} />
            ) : c.status === 'cancelled' ? (
              <div data-testid="sandbox-cancelled">
                <Result status="warning" title={t('pay.sandbox.cancelled')} />
              </div>
            ) : (
              <Button type="primary" size="large" block loading={busy} onClick={() => void pay()} data-testid="sandbox-confirm">
                {t('pay.sandbox.confirm')}
              </Button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
