import { Checkbox, DatePicker, Form, Grid, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import type { CaseDetail, Me } from '@chengguan/contracts';
import type { ReactElement } from 'react';
import { useI18n, type Translate } from '../../../i18n/i18n.tsx';
import { FileUpload } from '../components/FileUpload.tsx';
import { OfficerSelect } from '../components/OfficerSelect.tsx';
import { OfficerNameSelect } from '../components/OfficerNameSelect.tsx';
import { PenaltyInput, toPenaltyBody, type PenaltyValue } from '../components/PenaltyInput.tsx';
import { PeriodInput } from '../components/PeriodInput.tsx';
import { toLegalDate, yuanToFen } from '../format.ts';
import type { FieldSpec } from './action-forms.ts';
import { bureauToday } from '../../../lib/bureauTime';

export type ActionValues = Record<string, unknown>;

/** Every action records the legal date of the act and may carry a note. */
export const COMMON_FIELDS: FieldSpec[] = [
  { name: 'date', kind: 'date', required: true },
  { name: 'note', kind: 'textarea', max: 2000 },
];

export function initialValues(specs: readonly FieldSpec[], c: CaseDetail, me: Me | null | undefined): ActionValues {
  const v: ActionValues = { date: bureauToday() };
  for (const s of specs) {
    if (s.initial) v[s.name] = s.initial(c);
    if (s.fromMe) v[s.name] = me ? s.fromMe(me) : false;
  }
  return v;
}

function convert(spec: FieldSpec, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (spec.kind) {
    case 'date':
      return dayjs.isDayjs(v) ? toLegalDate(v) : undefined;
    case 'yuan':
      return typeof v === 'number' ? yuanToFen(v) : undefined;
    case 'penalty':
      return toPenaltyBody(v as PenaltyValue);
    case 'checks': {
      const on = Array.isArray(v) ? v : [];
      return Object.fromEntries((spec.keys ?? []).map((k) => [k, on.includes(k)]));
    }
    case 'text':
    case 'textarea':
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    case 'tags':
    case 'officers':
    case 'officerNames':
      return Array.isArray(v) && v.length > 0 ? v : undefined;
    default:
      return v;
  }
}

/** The form's values → the API body: dates as 'YYYY-MM-DD', 元 as fen, checkbox lists as objects of booleans. */
export function toBody(specs: readonly FieldSpec[], values: ActionValues, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { expectedVersion: version };
  for (const s of [...COMMON_FIELDS, ...specs]) {
    // The server reads it from the user's own record.
    if (s.fromMe) continue;
    const v = convert(s, values[s.name]);
    if (v !== undefined) body[s.name] = v;
  }
  return body;
}

/** The input of one field; returned as the direct child of Form.Item, which injects id, value and onChange. */
function control(spec: FieldSpec, c: CaseDetail, t: Translate, mobile: boolean): ReactElement {
  const orgId = spec.scope === 'bureau' ? (c.bureauId ?? c.orgId) : c.orgId;
  switch (spec.kind) {
    case 'date':
      // On a phone the calendar is easier than the keyboard.
      return <DatePicker style={{ width: '100%' }} inputReadOnly={mobile} />;
    case 'text':
      return <Input maxLength={spec.max} />;
    case 'textarea':
      return <Input.TextArea maxLength={spec.max} autoSize={{ minRows: 2, maxRows: 8 }} />;
    case 'bool':
      return <Switch disabled={spec.fromMe !== undefined} data-testid={`field-${spec.name}`} />;
    case 'select':
      return <Select options={spec.options?.(t)} />;
    case 'tags':
      return <Select mode="tags" open={false} suffixIcon={null} />;
    case 'int':
      return <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} />;
    case 'yuan':
      return <InputNumber<number> min={0} precision={2} suffix={t('case.yuan')} style={{ width: '100%' }} inputMode="decimal" />;
    case 'penalty':
      return <PenaltyInput />;
    case 'officers':
      return <OfficerSelect orgId={orgId} multiple testId={`field-${spec.name}`} />;
    case 'officer':
      return <OfficerSelect orgId={orgId} testId={`field-${spec.name}`} />;
    case 'officerNames':
      return <OfficerNameSelect testId={`field-${spec.name}`} />;
    case 'file':
      return <FileUpload testId={`field-${spec.name}`} />;
    case 'period':
      return <PeriodInput />;
    case 'checks':
      return (
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 4 }}
          options={(spec.keys ?? []).map((k) => ({ value: k, label: t(`case.flag.${k}`) }))}
        />
      );
  }
}

/** The fields of one action, rendered from its list (action-forms.ts); the date and the note come first and last. */
export function ActionFields({ specs, detail }: { specs: readonly FieldSpec[]; detail: CaseDetail }) {
  const { t } = useI18n();
  const mobile = Grid.useBreakpoint().md === false;
  const [date, note] = COMMON_FIELDS as [FieldSpec, FieldSpec];
  return (
    <>
      {[date, ...specs, note].map((spec) => {
        const label = t(`case.field.${spec.name}`);
        return (
          <Form.Item
            key={spec.name}
            name={spec.name}
            label={label}
            valuePropName={spec.kind === 'bool' ? 'checked' : 'value'}
            rules={spec.required ? [{ required: true, message: t('common.required', { field: label }) }] : []}
            extra={spec.fromMe ? t('case.fromOwnRecord') : undefined}
          >
            {control(spec, detail, t, mobile)}
          </Form.Item>
        );
      })}
    </>
  );
}
