import { useEffect } from 'react';
import { Button, Drawer, Form, Grid, Space } from 'antd';
import type { CaseActionBody, CaseDetail, RoutedCaseAction } from '@chengguan/contracts';
import { casesApi } from '../../../api/cases.ts';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { RuleAlert } from '../components/RuleAlert.tsx';
import { actionLabel } from '../labels.ts';
import { useCaseSubmit } from '../useCaseSubmit.ts';
import { ACTION_FORMS } from './action-forms.ts';
import { ActionFields, initialValues, toBody, type ActionValues } from './ActionForm.tsx';

/**
 * The form of one action in a drawer (full width on a phone). Submits with an Idempotency-Key that stays the same
 * when the officer retries after a network failure; field errors go to the fields, a refusal by a rule to an Alert.
 */
export function ActionDrawer({
  detail,
  action,
  onClose,
  onDone,
  onStale,
}: {
  detail: CaseDetail;
  action: RoutedCaseAction | null;
  onClose: () => void;
  onDone: (c: CaseDetail) => void;
  onStale?: () => void;
}) {
  const { t } = useI18n();
  const { me } = useAuth();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<ActionValues>();
  const specs = action ? ACTION_FORMS[action] : [];
  const { submit, loading, reset, ruleError, clearRuleError } = useCaseSubmit<ActionValues, CaseDetail>(
    form,
    async (values, idempotencyKey) => {
      if (!action) throw new Error('no action');
      const body = toBody(specs, values, detail.version) as CaseActionBody<typeof action>;
      try {
        return await casesApi.act(detail.id, action, body, { idempotencyKey });
      } catch (e) {
        // 409: someone else moved the case meanwhile (expectedVersion); show the case as it is now.
        if (e instanceof ApiError && e.status === 409) onStale?.();
        throw e;
      }
    },
    { successMessage: t('case.actionDone'), onSuccess: onDone },
  );

  useEffect(() => {
    if (!action) return;
    reset();
    clearRuleError();
    form.resetFields();
    form.setFields(Object.entries(initialValues(ACTION_FORMS[action], detail, me)).map(([name, value]) => ({ name, value })));
    // Only when another action is opened: a new case version must not wipe what the officer typed.
  }, [action]);

  return (
    <Drawer
      open={action !== null}
      onClose={onClose}
      title={action ? actionLabel(t, action) : ''}
      width={screens.md ? 560 : '100%'}
      forceRender
      destroyOnHidden={false}
      data-testid="case-action-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={loading} onClick={() => form.submit()} data-testid="case-action-submit">
            {t('case.submitAction')}
          </Button>
        </Space>
      }
    >
      <RuleAlert error={ruleError} onClose={clearRuleError} />
      <Form<ActionValues> form={form} name="caseAction" layout="vertical" onFinish={(v) => void submit(v)}>
        <ActionFields specs={specs} detail={detail} />
      </Form>
    </Drawer>
  );
}
