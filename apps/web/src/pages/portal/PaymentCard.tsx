import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import type { PaymentSummary } from '@chengguan/contracts';
import type { Dayjs } from 'dayjs';
import { applyServerErrors } from '../../api/errors.ts';
import { portalApi } from '../../api/portal.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { NotAllowed, yuan, type PortalViewProps } from './PortalCaseView.tsx';
import { citationText } from '../../components/Citation.tsx';

type DeferralValues = {
  kind: 'deferral' | 'instalments';
  reason: string;
  until?: Dayjs;
  instalments?: { dueOn?: Dayjs; amountYuan?: string }[];
};

/** The amount due today (fine + G2 surcharge − paid), 「去缴款」 to the cashier, and a 暂缓 / 分期 application (Art. 66). */
export function PaymentCard({ data, onError }: PortalViewProps) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<DeferralValues>();
  const [summary, setSummary] = useState<PaymentSummary | null>(null);
  const [paying, setPaying] = useState(false);
  const [applying, setApplying] = useState(false);
  const [applied, setApplied] = useState(false);
  const [showDeferral, setShowDeferral] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'deferral';
  const hasFine = (data.decision?.fineFen ?? 0) > 0;

  useEffect(() => {
    if (!hasFine) return;
    portalApi.payment().then(setSummary).catch(onError);
    // reload when the case changes (a payment recorded, a deferral approved)
  }, [hasFine, data.decision?.servedOn]);

  if (!hasFine) return null;
  const action = data.actions.payment;

  const pay = async () => {
    setPaying(true);
    try {
      const c = await portalApi.checkout();
      window.location.assign(c.checkoutUrl);
    } catch (e) {
      onError(e);
      setPaying(false);
    }
  };

  const apply = async (v: DeferralValues) => {
    setApplying(true);
    try {
      const reason = v.reason.trim();
      await portalApi.deferral(
        v.kind === 'instalments'
          ? {
              kind: 'instalments',
              reason,
              instalments: (v.instalments ?? [])
                .filter((i) => i.dueOn && i.amountYuan)
                .map((i) => ({ dueOn: i.dueOn!.format('YYYY-MM-DD'), amountFen: Math.round(Number(i.amountYuan) * 100) })),
            }
          : // The form requires the day; an empty one is refused by the server naming `until`.
            { kind: 'deferral', reason, until: v.until ? v.until.format('YYYY-MM-DD') : '' },
      );
      setApplied(true);
      setShowDeferral(false);
      setSummary(await portalApi.payment());
    } catch (e) {
      if (!applyServerErrors(form, e, lang)) onError(e);
    } finally {
      setApplying(false);
    }
  };

  return (
    <Card size="small" title={t('portal.payment.title')} data-testid="portal-payment-card">
      {summary && (
        <>
          <div style={{ textAlign: 'center', marginBottom: 8 }}>
            <div>{t('portal.payment.dueToday')}</div>
            <div className="portal-amount" data-testid="portal-amount-due">
              {yuan(summary.dueFen)}
            </div>
          </div>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('portal.payment.fine')}>{yuan(summary.fineFen)}</Descriptions.Item>
            {summary.surchargeFen > 0 && (
              <Descriptions.Item label={t('portal.payment.surcharge')}>{yuan(summary.surchargeFen)}</Descriptions.Item>
            )}
            {summary.paidFen > 0 && <Descriptions.Item label={t('portal.payment.paid')}>{yuan(summary.paidFen)}</Descriptions.Item>}
            {summary.paymentDue && <Descriptions.Item label={t('portal.payment.deadline')}>{summary.paymentDue}</Descriptions.Item>}
            {summary.paymentCode && <Descriptions.Item label={t('portal.payment.code')}>{summary.paymentCode}</Descriptions.Item>}
          </Descriptions>
          {summary.lines.map((l, i) => (
            <div key={i} className="portal-basis">
              {l.textZh}（{citationText(l.article, 'zh-CN')}）
            </div>
          ))}
          {summary.deferral && (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {t('portal.payment.deferralStatus', { status: summary.deferral.status })}
            </Typography.Paragraph>
          )}
        </>
      )}
      {!action.allowed ? (
        <NotAllowed action={action} />
      ) : (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          {summary?.channel.sandbox && <Alert type="warning" showIcon message={t('portal.payment.sandbox')} data-testid="portal-sandbox" />}
          {summary && !summary.channel.provider && <Alert type="info" showIcon message={t('portal.payment.noChannel')} />}
          <Button
            type="primary"
            block
            size="large"
            onClick={pay}
            loading={paying}
            disabled={summary ? !summary.payable : false}
            data-testid="portal-pay"
          >
            {t('portal.payment.pay')}
          </Button>
          {summary && !summary.payable && summary.notPayableReason && (
            <Typography.Text type="secondary">{summary.notPayableReason}</Typography.Text>
          )}
          {applied && <Alert type="success" showIcon message={t('portal.payment.applied')} />}
          {!summary?.deferral && !showDeferral && (
            <Button block onClick={() => setShowDeferral(true)}>
              {t('portal.payment.deferral')}
            </Button>
          )}
          {showDeferral && (
            <Form form={form} layout="vertical" onFinish={apply} initialValues={{ kind: 'deferral', instalments: [{}, {}] }}>
              <Form.Item name="kind" label={t('portal.payment.deferralKind')}>
                <Radio.Group
                  options={[
                    { value: 'deferral', label: t('portal.payment.kindDeferral') },
                    { value: 'instalments', label: t('portal.payment.kindInstalments') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="reason" label={t('portal.payment.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              {kind === 'deferral' ? (
                <Form.Item name="until" label={t('portal.payment.until')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} inputReadOnly />
                </Form.Item>
              ) : (
                <Form.List name="instalments">
                  {(fields, { add }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} style={{ display: 'flex' }} align="baseline">
                          <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true }]}>
                            <DatePicker inputReadOnly />
                          </Form.Item>
                          <Form.Item name={[f.name, 'amountYuan']} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/ }]}>
                            <Input suffix="元" inputMode="decimal" style={{ width: 120 }} />
                          </Form.Item>
                        </Space>
                      ))}
                      <Button type="dashed" block onClick={() => add({})} style={{ marginBottom: 12 }}>
                        {t('portal.payment.addInstalment')}
                      </Button>
                    </>
                  )}
                </Form.List>
              )}
              <Button htmlType="submit" block loading={applying}>
                {t('portal.payment.apply')}
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Card>
  );
}
