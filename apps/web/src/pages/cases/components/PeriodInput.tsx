import { InputNumber, Select, Space } from 'antd';
import type { PeriodInput as Period } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { periodUnitOptions } from '../labels.ts';

/** A legal period: n working days / calendar days / months / years. */
export function PeriodInput({ value, onChange, id }: { value?: Period; onChange?: (v: Period) => void; id?: string }) {
  const { t } = useI18n();
  const v: Period = value ?? { unit: 'calendar_day', n: 30 };
  return (
    <Space.Compact id={id}>
      <InputNumber<number> min={1} max={3650} value={v.n} onChange={(n) => onChange?.({ ...v, n: n ?? 1 })} style={{ width: 110 }} />
      <Select
        value={v.unit}
        onChange={(unit: Period['unit']) => onChange?.({ ...v, unit })}
        options={periodUnitOptions(t)}
        style={{ width: 130 }}
      />
    </Space.Compact>
  );
}
