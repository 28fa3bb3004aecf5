import { useEffect } from 'react';
import { Button, DatePicker, Drawer, Form, Grid, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CaseDetail } from '@chengguan/contracts';
import { casesApi } from '../../../api/cases.ts';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { OfficerSelect } from '../components/OfficerSelect.tsx';
import { RuleAlert } from '../components/RuleAlert.tsx';
import { toLegalDate } from '../format.ts';
import { actionLabel } from '../labels.ts';
import { DECISION_DEFAULTS, SummaryDecisionFields, toDecisionParts, type DecisionValues } from '../summary/SummaryDecisionFields.tsx';
import { useCaseSubmit } from '../useCaseSubmit.ts';
import { bureauToday } from '../../../lib/bureauTime';

type Values = DecisionValues & { date: Dayjs; officerIds: string[] };

/**
 * The decision on a 当场处罚 draft (POST /cases/:id/summary-decision): the penalty, the party's signature and 当场收缴,
 * as in the one-call ticket. The server decides whether it may be taken (B1, A1, E12 once the legal reviewer confirmed
 * the article); a refusal shows with its citation above the form.
 */
export function SummaryDecisionDrawer({
  detail,
  open,
  onClose,
  onDone,
  onStale,
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: (c: CaseDetail) => void;
  onStale?: () => void;
}) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { submit, loading, reset, ruleError, clearRuleError } = useCaseSubmit<Values, CaseDetail>(
    form,
    async (v, idempotencyKey) => {
      try {
        return await casesApi.summaryDecision(
          detail.id,
          { date: toLegalDate(v.date), expectedVersion: detail.version, officerIds: v.officerIds, ...toDecisionParts(v) },
          { idempotencyKey },
        );
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) onStale?.();
        throw e;
      }
    },
    { successMessage: t('case.summary.issued'), onSuccess: onDone },
  );

  useEffect(() => {
    if (!open) return;
    reset();
    clearRuleError();
    form.resetFields();
    form.setFieldsValue({ ...DECISION_DEFAULTS, date: bureauToday(), officerIds: detail.officers.map((o) => o.officerId) });
  }, [open]);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={actionLabel(t, 'issueSummaryDecision')}
      width={screens.md ? 560 : '100%'}
      forceRender
      destroyOnHidden={false}
      data-testid="summary-decision-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={loading} onClick={() => form.submit()} data-testid="summary-decision-submit">
            {t('case.summary.submit')}
          </Button>
        </Space>
      }
    >
      <RuleAlert error={ruleError} onClose={clearRuleError} />
      <Form<Values> form={form} name="summaryDecision" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="date" label={t('case.summary.date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly allowClear={false} />
        </Form.Item>
        <Form.Item
          name="officerIds"
          label={t('case.summary.officers')}
          extra={t('case.summary.twoOfficers')}
          rules={[{ required: true, message: t('case.summary.secondOfficerRule') }]}
        >
          <OfficerSelect orgId={detail.orgId} multiple testId="summary-decision-officers" />
        </Form.Item>
        <SummaryDecisionFields />
      </Form>
    </Drawer>
  );
}
