import { Form, Input, Modal, Typography } from 'antd';
import type { Overpayment } from '@chengguan/contracts';
import { paymentsApi } from '../../api/payments.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { formatFen } from '../cases/format.ts';

type RefundForm = { reason: string };

/** 退付 of one over-payment through the provider it came from; the server's errors show at the field. */
export function OverpaymentRefundModal({ item, onClose }: { item: Overpayment; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RefundForm>();
  const { submit, loading } = useSubmit<RefundForm, Overpayment>(
    form,
    (v, key) => paymentsApi.refundOverpayment(item.id, { reason: v.reason.trim() }, key),
    {
      successMessage: t('pay.over.refunded', { amount: formatFen(item.amountFen) }),
      onSuccess: () => onClose(true),
    },
  );
  return (
    <Modal
      open
      title={t('pay.over.refundTitle')}
      onOk={() => form.submit()}
      okText={t('pay.over.refund')}
      confirmLoading={loading}
      onCancel={() => onClose(false)}
      data-testid="overpayment-refund-modal"
    >
      <Typography.Paragraph>{t('pay.over.refundConfirm', { amount: formatFen(item.amountFen) })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{item.detail}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={t('pay.over.refundReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('pay.over.refundReason') }) }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
