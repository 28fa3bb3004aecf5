import type { ReactNode } from 'react';
import { Checkbox, Form, InputNumber, Radio, Switch } from 'antd';
import type { SummaryDecisionBody } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { yuanToFen } from '../format.ts';
import { CollectOnSpotFields, toCollectBody, type CollectValues } from './CollectOnSpotFields.tsx';

export type DecisionValues = CollectValues & {
  penaltyType: 'fine' | 'warning';
  fineYuan?: number;
  partySigned: boolean;
  refusalNoted?: boolean;
};

export const DECISION_DEFAULTS: Pick<DecisionValues, 'penaltyType' | 'partySigned'> = { penaltyType: 'fine', partySigned: true };

/** The decision's part of the 当场 form as the API takes it (the one-call ticket and the decision on a draft). */
export function toDecisionParts(
  v: DecisionValues,
): Pick<SummaryDecisionBody, 'penalty' | 'partySigned' | 'refusalNoted' | 'collectOnSpot'> {
  return {
    penalty: v.penaltyType === 'fine' ? { penalties: ['fine'], fineFen: yuanToFen(v.fineYuan ?? 0) } : { penalties: ['warning'] },
    partySigned: v.partySigned,
    refusalNoted: v.partySigned ? undefined : !!v.refusalNoted,
    collectOnSpot: v.penaltyType === 'fine' ? toCollectBody(v) : undefined,
  };
}

/**
 * The penalty of a 当场处罚决定 (fine or warning), the party's signature or the noted refusal, and 当场收缴 — the same
 * fields in the one-call ticket and in the decision on a draft. `children` sit between the fine and the signature.
 */
export function SummaryDecisionFields({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<DecisionValues>();
  const penaltyType = Form.useWatch('penaltyType', form) ?? 'fine';
  const partySigned = Form.useWatch('partySigned', form) ?? true;
  return (
    <>
      <Form.Item name="penaltyType">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'fine', label: t('case.penalty.fine') },
            { value: 'warning', label: t('case.penalty.warning') },
          ]}
        />
      </Form.Item>
      {penaltyType === 'fine' && (
        <Form.Item
          name="fineYuan"
          label={t('case.fineYuan')}
          rules={[{ required: true, message: t('common.required', { field: t('case.fineYuan') }) }]}
        >
          <InputNumber<number>
            min={0}
            precision={2}
            suffix={t('case.yuan')}
            style={{ width: '100%' }}
            inputMode="decimal"
            data-testid="summary-fine"
          />
        </Form.Item>
      )}
      {children}
      <Form.Item name="partySigned" label={t('case.summary.partySigned')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {!partySigned && (
        <Form.Item
          name="refusalNoted"
          valuePropName="checked"
          rules={[{ validator: async (_, v) => (v ? undefined : Promise.reject(new Error(t('case.summary.refusalRule')))) }]}
        >
          <Checkbox>{t('case.summary.refusalNoted')}</Checkbox>
        </Form.Item>
      )}
      {penaltyType === 'fine' && <CollectOnSpotFields />}
    </>
  );
}
