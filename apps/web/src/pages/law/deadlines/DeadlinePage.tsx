import { useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Form, Row, Select } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import type { DeadlineResult } from '@chengguan/contracts';
import { lawApi } from '../../../api/law.ts';
import { withRenamedErrors } from '../../../api/law-errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { Page } from '../../../components/Page.tsx';
import { DeadlineExtraFields, deadlineField, kindOptions, toDeadlineBody, type DeadlineFormValues } from './DeadlineFields.tsx';
import { DeadlineResultCard } from './DeadlineResultCard.tsx';
import { bureauToday } from '../../../lib/bureauTime';

/** 期限计算: a named legal period and its inputs → the due date the server computes, with its basis. */
export default function DeadlinePage() {
  const { t } = useI18n();
  const [form] = Form.useForm<DeadlineFormValues>();
  const kind = Form.useWatch('kind', form);
  const [result, setResult] = useState<DeadlineResult | null>(null);
  const { submit, loading } = useSubmit<DeadlineFormValues, DeadlineResult>(
    form,
    (v, idempotencyKey) => withRenamedErrors(lawApi.deadline(toDeadlineBody(v), { idempotencyKey }), deadlineField),
    { onSuccess: setResult },
  );
  return (
    <Page title={t('menu.lawDeadlines')} testId="law-deadline-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
          <Card>
            <Form<DeadlineFormValues>
              form={form}
              name="lawDeadline"
              layout="vertical"
              initialValues={{ kind: 'D2', start: bureauToday(), periodUnit: 'working_day', extensionUnit: 'calendar_day' }}
              onValuesChange={() => setResult(null)}
              onFinish={(v) => void submit(v)}
            >
              <Form.Item name="kind" label={t('law.deadline.kind')} rules={[{ required: true }]}>
                <Select showSearch optionFilterProp="label" options={kindOptions(t)} data-testid="law-deadline-kind" />
              </Form.Item>
              <Form.Item
                name="start"
                label={kind ? t(`law.deadline.start.${kind}`) : t('law.deadline.start.period')}
                rules={[{ required: true, message: t('common.required', { field: t('law.deadline.startDay') }) }]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="law-deadline-start" />
              </Form.Item>
              <DeadlineExtraFields kind={kind} />
              <Button
                type="primary"
                htmlType="submit"
                icon={<FieldTimeOutlined />}
                loading={loading}
                block
                style={{ marginTop: 16 }}
                data-testid="law-deadline-submit"
              >
                {t('law.deadline.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          {result ? (
            <DeadlineResultCard result={result} />
          ) : (
            <Card>
              <Empty description={t('law.deadline.empty')} />
            </Card>
          )}
        </Col>
      </Row>
    </Page>
  );
}
