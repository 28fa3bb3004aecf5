import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { VerificationMark } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { markOptions } from '../labels.ts';

/** Form values every library entry has. */
export type ProvenanceForm = { verification: VerificationMark; source: string; note?: string | null };

/** 来源 / 核实标记 / 备注: where the text comes from and how far it was checked. */
export function ProvenanceFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="verification"
        label={t('law.mark')}
        extra={t('law.markHint')}
        rules={[{ required: true, message: t('common.required', { field: t('law.mark') }) }]}
      >
        <Select options={markOptions(t)} data-testid="law-field-verification" />
      </Form.Item>
      <Form.Item
        name="source"
        label={t('law.source')}
        rules={[{ required: true, whitespace: true, max: 500, message: t('common.required', { field: t('law.source') }) }]}
      >
        <Input maxLength={500} placeholder={t('law.sourcePlaceholder')} />
      </Form.Item>
      <Form.Item name="note" label={t('law.note')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/**
 * First and last day in force. The last day may equal the first, never precede it; the server also checks
 * that versions of the same entry do not overlap (处罚法 Art. 37 needs one version per day).
 */
export function EffectiveFields({
  from = 'effectiveFrom',
  to = 'effectiveTo',
  toLabel,
  strictlyAfter = false,
}: {
  from?: string;
  to?: string;
  toLabel?: string;
  /** A repeal date is the first day no longer in force: it must come after the effective date. */
  strictlyAfter?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('law.effectivePeriod')} required style={{ marginBottom: 0 }}>
      <Form.Item
        name={from}
        rules={[{ required: true, message: t('common.required', { field: t('law.effectiveFrom') }) }]}
        style={{ display: 'inline-block', width: 'calc(50% - 12px)' }}
      >
        <DatePicker placeholder={t('law.effectiveFrom')} style={{ width: '100%' }} data-testid="law-field-from" />
      </Form.Item>
      <span style={{ display: 'inline-block', width: 24, lineHeight: '32px', textAlign: 'center' }}>~</span>
      <Form.Item
        name={to}
        dependencies={[from]}
        style={{ display: 'inline-block', width: 'calc(50% - 12px)' }}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: Dayjs | null | undefined) => {
              const start = getFieldValue(from) as Dayjs | null | undefined;
              const bad = !!v && !!start && (strictlyAfter ? !v.isAfter(start, 'day') : v.isBefore(start, 'day'));
              return bad ? Promise.reject(new Error(t(strictlyAfter ? 'law.repealNotAfter' : 'law.endBeforeStart'))) : Promise.resolve();
            },
          }),
        ]}
      >
        <DatePicker placeholder={toLabel ?? t('law.effectiveTo')} style={{ width: '100%' }} data-testid="law-field-to" />
      </Form.Item>
    </Form.Item>
  );
}

/** A list typed one item per line (steps, evidence, documents …). */
export function LinesField({ name, label, required }: { name: string; label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={name}
      label={label}
      extra={t('law.onePerLine')}
      rules={required ? [{ required: true, whitespace: true, message: t('common.required', { field: label }) }] : []}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
    </Form.Item>
  );
}
