import { Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { DiscretionStandard, DiscretionStandardBody, HarmCode, TierConditions, TierLevelCode } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { OffenceSelect, offenceOptionLabel } from '../components/OffenceSelect.tsx';
import { blankToNull, fenToYuan, harmOptions, tierOptions, yuanToFen } from '../labels.ts';
import { ProvenanceFields, type ProvenanceForm } from './CommonFields.tsx';
import { EntryDrawer } from './EntryDrawer.tsx';
import type { LibraryDrawerProps } from './LibraryPage.tsx';

/** A yes/no condition of a tier, or "does not matter" (the key is left out). */
type Tri = 'any' | 'yes' | 'no';
const tri = (b: boolean | undefined): Tri => (b === undefined ? 'any' : b ? 'yes' : 'no');
const untri = (v: Tri | undefined): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

type StandardForm = ProvenanceForm & {
  offenceId: string;
  level: TierLevelCode;
  label: string;
  conditionsText?: string;
  firstViolation: Tri;
  correctedPromptly: Tri;
  mitigation: Tri;
  harm?: HarmCode[];
  aggravatingFactorsAny?: string[];
  minFen: number;
  maxFen: number;
  sortOrder?: number | null;
};

const toForm = (s: DiscretionStandard): StandardForm => ({
  ...s,
  firstViolation: tri(s.conditions.firstViolation),
  correctedPromptly: tri(s.conditions.correctedPromptly),
  mitigation: tri(s.conditions.mitigation),
  harm: s.conditions.harm ?? [],
  aggravatingFactorsAny: s.conditions.aggravatingFactorsAny ?? [],
  minFen: fenToYuan(s.minFen),
  maxFen: fenToYuan(s.maxFen),
});

function toBody(v: StandardForm): DiscretionStandardBody {
  const conditions: TierConditions = {};
  const first = untri(v.firstViolation);
  const corrected = untri(v.correctedPromptly);
  const mitigation = untri(v.mitigation);
  if (first !== undefined) conditions.firstViolation = first;
  if (corrected !== undefined) conditions.correctedPromptly = corrected;
  if (mitigation !== undefined) conditions.mitigation = mitigation;
  if (v.harm && v.harm.length > 0) conditions.harm = v.harm;
  const factors = (v.aggravatingFactorsAny ?? []).map((f) => f.trim()).filter((f) => f !== '');
  if (factors.length > 0) conditions.aggravatingFactorsAny = factors;
  return {
    offenceId: v.offenceId,
    level: v.level,
    label: v.label.trim(),
    conditionsText: v.conditionsText?.trim() ?? '',
    conditions,
    minFen: yuanToFen(v.minFen),
    maxFen: yuanToFen(v.maxFen),
    sortOrder: v.sortOrder ?? undefined,
    verification: v.verification,
    source: v.source.trim(),
    note: blankToNull(v.note),
  };
}

function TriField({ name, label }: { name: string; label: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label}>
      <Radio.Group
        optionType="button"
        size="small"
        options={[
          { value: 'any', label: t('law.standard.any') },
          { value: 'yes', label: t('common.yes') },
          { value: 'no', label: t('common.no') },
        ]}
      />
    </Form.Item>
  );
}

export function StandardDrawer(props: LibraryDrawerProps<'discretion-standards'>) {
  const { t } = useI18n();
  const editing = props.target?.mode === 'edit' ? props.target.entry : null;
  return (
    <EntryDrawer<'discretion-standards', StandardForm>
      {...props}
      kind="discretion-standards"
      testId="law-standard"
      titleCreate={t('law.standard.create')}
      titleOf={(s) => `${s.offenceCode} ${s.offenceName} · ${s.label}`}
      toForm={toForm}
      blank={() => ({ level: 'standard', firstViolation: 'any', correctedPromptly: 'any', mitigation: 'any', verification: 'U' })}
      toBody={toBody}
      fieldMap={{ conditions: 'conditionsText' }}
    >
      <Form.Item
        name="offenceId"
        label={t('law.standard.offence')}
        rules={[{ required: true, message: t('common.required', { field: t('law.standard.offence') }) }]}
      >
        <OffenceSelect
          by="id"
          initialOption={
            editing
              ? {
                  value: editing.offenceId,
                  label: offenceOptionLabel({ code: editing.offenceCode, name: editing.offenceName }, editing.offenceEffectiveFrom),
                }
              : undefined
          }
        />
      </Form.Item>
      <Space wrap size={12} align="start">
        <Form.Item name="level" label={t('law.standard.level')} rules={[{ required: true }]}>
          <Select options={tierOptions(t)} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="label" label={t('law.standard.label')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} style={{ width: 320 }} placeholder={t('law.standard.labelPlaceholder')} />
        </Form.Item>
      </Space>
      <Form.Item name="conditionsText" label={t('law.standard.conditionsText')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Space wrap size={16}>
        <TriField name="firstViolation" label={t('law.standard.firstViolation')} />
        <TriField name="correctedPromptly" label={t('law.standard.correctedPromptly')} />
        <TriField name="mitigation" label={t('law.standard.mitigation')} />
      </Space>
      <Form.Item name="harm" label={t('law.standard.harm')} extra={t('law.standard.harmHint')}>
        <Select mode="multiple" allowClear options={harmOptions(t)} />
      </Form.Item>
      <Form.Item name="aggravatingFactorsAny" label={t('law.standard.aggravating')} extra={t('law.standard.aggravatingHint')}>
        <Select mode="tags" tokenSeparators={['、', '，', ',']} open={false} />
      </Form.Item>
      <Space wrap size={12} align="start">
        <Form.Item
          name="minFen"
          label={t('law.standard.minFine')}
          rules={[{ required: true, message: t('common.required', { field: t('law.standard.minFine') }) }]}
        >
          <InputNumber min={0} precision={2} suffix={t('law.yuan')} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          name="maxFen"
          label={t('law.standard.maxFine')}
          dependencies={['minFen']}
          rules={[
            { required: true, message: t('common.required', { field: t('law.standard.maxFine') }) },
            ({ getFieldValue }) => ({
              validator: (_, v: number | null | undefined) => {
                const min = getFieldValue('minFen') as number | null | undefined;
                return v === null || v === undefined || min === null || min === undefined || v >= min
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('law.maxBelowMin')));
              },
            }),
          ]}
          extra={t('law.standard.rangeHint')}
        >
          <InputNumber min={0} precision={2} suffix={t('law.yuan')} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('law.standard.sortOrder')}>
          <InputNumber min={0} max={999} precision={0} />
        </Form.Item>
      </Space>
      <ProvenanceFields />
    </EntryDrawer>
  );
}
