import { Checkbox, Form, Input, Switch, Typography } from 'antd';
import type { SummaryCaseBody } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';

export type CollectValues = {
  collect?: boolean;
  receiptNumber?: string;
  hardToEnforceLater?: boolean;
  remoteArea?: boolean;
  partyRequested?: boolean;
};

export function toCollectBody(v: CollectValues): SummaryCaseBody['collectOnSpot'] {
  if (!v.collect || !v.receiptNumber) return undefined;
  return {
    receiptNumber: v.receiptNumber.trim(),
    hardToEnforceLater: !!v.hardToEnforceLater,
    remoteArea: !!v.remoteArea,
    partyRequested: !!v.partyRequested,
  };
}

/**
 * 当场收缴 with the ticket (B4, 处罚法 Arts. 68–69). The officer states the circumstances; whether collection is
 * lawful is the server's answer — a refusal names rule B4 and nothing of the ticket is written.
 */
export function CollectOnSpotFields() {
  const { t } = useI18n();
  const form = Form.useFormInstance<CollectValues>();
  const collect = Form.useWatch('collect', form) ?? false;
  return (
    <>
      <Form.Item name="collect" label={t('case.action.collectOnSpot')} valuePropName="checked" extra={t('case.summary.collectHint')}>
        <Switch data-testid="summary-collect" />
      </Form.Item>
      {collect && (
        <>
          <Form.Item
            name="receiptNumber"
            label={t('case.field.receiptNumber')}
            rules={[{ required: true, whitespace: true, max: 50, message: t('common.required', { field: t('case.field.receiptNumber') }) }]}
          >
            <Input maxLength={50} autoComplete="off" data-testid="summary-receipt" />
          </Form.Item>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
            {t('case.summary.collectGrounds')}
          </Typography.Text>
          {(['hardToEnforceLater', 'remoteArea', 'partyRequested'] as const).map((k) => (
            <Form.Item key={k} name={k} valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>{t(`case.field.${k}`)}</Checkbox>
            </Form.Item>
          ))}
        </>
      )}
    </>
  );
}
