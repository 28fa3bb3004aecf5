import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CaseDetail, RecusalBody } from '@chengguan/contracts';
import { casesApi } from '../../../api/cases.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { RuleAlert } from '../components/RuleAlert.tsx';
import { useCaseSubmit } from '../useCaseSubmit.ts';
import { bureauToday } from '../../../lib/bureauTime';

const STATUSES: RecusalBody['status'][] = ['declared_conflict', 'requested', 'granted', 'rejected'];

type Values = { officerId: string; status: RecusalBody['status']; date: Dayjs; reason: string };

/**
 * 回避 (A8, 处罚法 Art. 43): an officer declares a conflict, the party asks for recusal, the leader decides.
 * The server keeps a recused officer off every later step; a pending request does not pause the investigation.
 */
export function RecusalButton({ detail, onDone }: { detail: CaseDetail; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { submit, loading, ruleError, clearRuleError } = useCaseSubmit<Values, CaseDetail>(
    form,
    (v, idempotencyKey) =>
      casesApi.recusal(
        detail.id,
        { officerId: v.officerId, status: v.status, date: v.date.format('YYYY-MM-DD'), reason: v.reason, expectedVersion: detail.version },
        { idempotencyKey },
      ),
    {
      successMessage: t('case.actionDone'),
      onSuccess: (c) => {
        setOpen(false);
        onDone(c);
      },
    },
  );
  return (
    <>
      <Button block onClick={() => setOpen(true)} style={{ marginTop: 12 }} data-testid="case-recusal">
        {t('case.recusal.button')}
      </Button>
      <Modal
        open={open}
        title={t('case.recusal.title')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={loading}
        okText={t('case.submitAction')}
        okButtonProps={{ 'data-testid': 'recusal-submit' } as Record<string, string>}
        destroyOnHidden
      >
        <RuleAlert error={ruleError} onClose={clearRuleError} />
        <Form<Values>
          form={form}
          name="recusal"
          layout="vertical"
          initialValues={{ status: 'requested', date: bureauToday() }}
          onFinish={(v) => void submit(v)}
          preserve={false}
        >
          <Form.Item name="officerId" label={t('case.recusal.officer')} rules={[{ required: true }]}>
            <Select options={detail.officers.map((o) => ({ value: o.officerId, label: o.name }))} />
          </Form.Item>
          <Form.Item name="status" label={t('case.recusal.status')} rules={[{ required: true }]}>
            <Select options={STATUSES.map((s) => ({ value: s, label: t(`case.recusal.${s}`) }))} />
          </Form.Item>
          <Form.Item name="date" label={t('case.recusal.date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('case.recusal.reason')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
