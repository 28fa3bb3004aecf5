import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Row } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import type { DiscretionResult } from '@chengguan/contracts';
import { lawApi } from '../../../api/law.ts';
import { withRenamedErrors } from '../../../api/law-errors.ts';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { Page } from '../../../components/Page.tsx';
import { DiscretionFields, discretionField, toDiscretionBody, type DiscretionFormValues } from './DiscretionForm.tsx';
import { DiscretionResultCard } from './DiscretionResultCard.tsx';
import { bureauToday } from '../../../lib/bureauTime';

const INITIAL: Partial<DiscretionFormValues> = {
  partyType: 'natural_person',
  decisionDate: bureauToday(),
  firstViolation: true,
  correctedPromptly: false,
  minorViolation: false,
  harm: 'none',
  art32Grounds: [],
  aggravatingFactors: [],
  mentalIncapacityAtAct: false,
  partialMentalCapacity: false,
  provenNoFault: false,
  majorPublicInterest: false,
  complex: false,
  hearingHeld: false,
};

/** 裁量计算器: the server applies the rules; the page shows its answer line by line. */
export default function DiscretionPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<DiscretionFormValues>();
  const [result, setResult] = useState<DiscretionResult | null>(null);
  // A refusal by a rule (the proposed fine outside the range …) is an answer too: the panel says it in full.
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const { submit, loading } = useSubmit<DiscretionFormValues, DiscretionResult>(
    form,
    async (v, idempotencyKey) => {
      setRefusal(null);
      try {
        return await withRenamedErrors(lawApi.discretion(toDiscretionBody(v), { idempotencyKey }), discretionField);
      } catch (e) {
        if (e instanceof ApiError && e.status < 500) setRefusal(e);
        throw e;
      }
    },
    { onSuccess: setResult },
  );
  return (
    <Page title={t('menu.lawDiscretion')} testId="law-calc-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card>
            <Form<DiscretionFormValues>
              form={form}
              name="lawCalc"
              layout="vertical"
              initialValues={INITIAL}
              onValuesChange={() => {
                setResult(null);
                setRefusal(null);
              }}
              onFinish={(v) => void submit(v)}
            >
              <DiscretionFields />
              <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={loading} block data-testid="law-calc-submit">
                {t('law.calc.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          {result ? (
            <DiscretionResultCard result={result} />
          ) : refusal ? (
            <Card title={t('law.calc.refusedTitle')} data-testid="law-calc-refused">
              <Alert
                type="error"
                showIcon
                message={t('law.calc.refused')}
                description={
                  (refusal.body.details?.length ?? 0) > 0 ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {refusal.body.details!.map((d, i) => (
                        <li key={i}>{lang.startsWith('en') ? d.messageEn || d.message : d.message}</li>
                      ))}
                    </ul>
                  ) : (
                    refusal.text(lang)
                  )
                }
              />
            </Card>
          ) : (
            <Card>
              <Empty description={t('law.calc.empty')} />
            </Card>
          )}
        </Col>
      </Row>
    </Page>
  );
}
