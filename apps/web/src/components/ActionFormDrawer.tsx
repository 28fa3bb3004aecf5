// One write of the API as data: its fields (named as the body's keys, so the server's field errors land at the field),
// rendered in a drawer and sent with an Idempotency-Key (useSubmit). The supervision, training, squad, compound,
// stall-point and workroom pages describe their forms with it (forms.ts next to each page).
import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../api/client.ts';
import { officerApi } from '../api/endpoints.ts';
import { casesApi } from '../api/cases.ts';
import { subjectApi } from '../api/subjects.ts';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { useSubmit } from '../lib/useSubmit.ts';
import { OffenceSelect } from '../pages/law/components/OffenceSelect.tsx';
import { useOrgOptions } from '../pages/waste/waste-shared.tsx';

export type ActionFieldKind =
  | 'text'
  | 'textarea'
  | 'int'
  | 'number' // steps of 0.5 (hours, credits)
  | 'date' // → 'YYYY-MM-DD'
  | 'select'
  | 'bool'
  | 'lines' // one item a line → string[]
  | 'letters' // "A, C" → ['A', 'C']
  | 'scores' // "code=points" a line → { code: points }
  | 'criteria' // "code|name|max score" a line → [{ code, name, maxScore }]
  | 'sheetItems' // "code|中文名|English name|points" a line → [{ code, labelZh, labelEn, maxPoints }]
  | 'officer'
  | 'officers'
  | 'case'
  | 'subject'
  | 'offence' // an offence of the law library, by code
  | 'squad'
  | 'bureau';

export type ActionField = {
  name: string;
  label: MessageKey;
  kind: ActionFieldKind;
  required?: boolean;
  options?: readonly { value: string; label: MessageKey }[];
  min?: number;
  max?: number;
  maxLength?: number;
  /** A select of several values (→ string[]). */
  multiple?: boolean;
  /** The first value, or a function giving it when the form opens (a date relative to today). */
  initial?: unknown;
};

export type ActionSpec = {
  key: string;
  title: MessageKey;
  method: 'post' | 'put';
  /** The route, with the record's id where it names one. */
  path: (id: string) => string;
  fields: readonly ActionField[];
  /** The body the route takes, when it is not the form's flat values (e.g. a nested registration). */
  shape?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** The server's field paths (dotted) that a form field answers for, when `shape` renames or nests them. */
  fieldMap?: Record<string, string>;
};

function lines(v: unknown): string[] {
  return typeof v === 'string'
    ? v
        .split(/\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}

/** The form's values as the API's body: dates formatted, texts trimmed, empty optional fields left out. */
export function toBody(fields: readonly ActionField[], values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === null || v === '') continue;
    switch (f.kind) {
      case 'date':
        body[f.name] = (v as Dayjs).format('YYYY-MM-DD');
        break;
      case 'text':
      case 'textarea':
        if (typeof v === 'string' && v.trim()) body[f.name] = v.trim();
        break;
      case 'lines':
        body[f.name] = lines(v);
        break;
      case 'letters':
        body[f.name] = String(v)
          .split(/[,，\s]+/)
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean);
        break;
      case 'scores':
        body[f.name] = Object.fromEntries(
          lines(v).map((l) => {
            const [code, points] = l.split(/[=＝:：]/);
            return [(code ?? '').trim(), Number((points ?? '').trim())];
          }),
        );
        break;
      case 'criteria':
        body[f.name] = lines(v).map((l) => {
          const [code, name, max] = l.split(/[|｜]/).map((s) => s.trim());
          return { code: code ?? '', name: name ?? '', maxScore: Number(max) };
        });
        break;
      case 'sheetItems':
        body[f.name] = lines(v).map((l) => {
          const [code, labelZh, labelEn, points] = l.split(/[|｜]/).map((s) => s.trim());
          return { code: code ?? '', labelZh: labelZh ?? '', labelEn: labelEn ?? '', maxPoints: Number(points) };
        });
        break;
      default:
        body[f.name] = v;
    }
  }
  return body;
}

function RemoteSelect({
  kind,
  id,
  value,
  onChange,
  testId,
}: {
  kind: 'officer' | 'officers' | 'case' | 'subject';
  id?: string;
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  testId: string;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const search = (q: string) => {
    const query = { page: 1, pageSize: 20, ...(q ? { q } : {}) };
    const load =
      kind === 'case'
        ? casesApi.list(query).then((p) => p.items.map((c) => ({ value: c.id, label: `${c.caseNumber ?? c.id.slice(0, 8)} ${c.orgName}` })))
        : kind === 'subject'
          ? subjectApi.list(query).then((p) => p.items.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` })))
          : officerApi.list(query).then((p) => p.items.map((o) => ({ value: o.id, label: o.name })));
    void load.then(setOptions, () => setOptions([]));
  };
  useEffect(() => search(''), []);
  return (
    <Select
      id={id}
      showSearch
      allowClear
      mode={kind === 'officers' ? 'multiple' : undefined}
      filterOption={false}
      onSearch={search}
      options={options}
      value={value}
      onChange={onChange}
      data-testid={testId}
    />
  );
}

function OrgSelect({
  kind,
  id,
  value,
  onChange,
  testId,
}: {
  kind: 'squad' | 'bureau';
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  testId: string;
}) {
  const options = useOrgOptions(kind === 'squad' ? 'squad' : 'district_bureau');
  return <Select id={id} allowClear options={options} value={value} onChange={onChange} data-testid={testId} />;
}

/** The input of one field; Form.Item hands it `value`, `onChange` (or `checked`) and `id`, passed on to the control. */
function FieldInput({
  field,
  testId,
  choices,
  ...control
}: {
  field: ActionField;
  testId: string;
  choices?: { value: string; label: string }[];
  value?: never;
  onChange?: never;
  checked?: boolean;
  id?: string;
}) {
  const { t } = useI18n();
  const p = control as Record<string, unknown>;
  switch (field.kind) {
    case 'textarea':
    case 'lines':
    case 'scores':
    case 'criteria':
    case 'sheetItems':
      return <Input.TextArea {...p} rows={field.kind === 'textarea' ? 3 : 4} maxLength={field.maxLength} data-testid={testId} />;
    case 'int':
      return <InputNumber {...p} min={field.min} max={field.max} precision={0} style={{ width: '100%' }} data-testid={testId} />;
    case 'number':
      return <InputNumber {...p} min={field.min} max={field.max} step={0.5} style={{ width: '100%' }} data-testid={testId} />;
    case 'date':
      return <DatePicker {...p} style={{ width: '100%' }} data-testid={testId} />;
    case 'select':
      return (
        <Select
          {...p}
          mode={field.multiple ? 'multiple' : undefined}
          allowClear={!field.required}
          options={choices ?? (field.options ?? []).map((o) => ({ value: o.value, label: t(o.label) }))}
          data-testid={testId}
        />
      );
    case 'bool':
      return <Switch {...p} data-testid={testId} />;
    case 'officer':
    case 'officers':
    case 'case':
    case 'subject':
      return <RemoteSelect {...p} kind={field.kind} testId={testId} />;
    case 'offence': {
      const code = typeof p.value === 'string' ? p.value : undefined;
      return (
        <OffenceSelect
          {...(p as { value?: string; onChange?: (v: string | undefined) => void; id?: string })}
          by="code"
          allowClear={!field.required}
          wrapOptions
          style={{ width: '100%' }}
          initialOption={code ? { value: code, label: code } : undefined}
          testId={testId}
        />
      );
    }
    case 'squad':
    case 'bureau':
      return <OrgSelect {...p} kind={field.kind} testId={testId} />;
    default:
      return <Input {...p} maxLength={field.maxLength} data-testid={testId} />;
  }
}

const HINTS: Partial<Record<ActionFieldKind, MessageKey>> = {
  lines: 'act.hint.lines',
  letters: 'act.hint.letters',
  scores: 'act.hint.scores',
  criteria: 'act.hint.criteria',
  sheetItems: 'act.hint.sheetItems',
};

/**
 * The drawer of one action: `target` is the record's id for a route that names one ('' for a new record), null when
 * closed. `fixed` are body values the page knows (the bureau, the compound), `initial` the form's first values.
 */
export function ActionFormDrawer<R = unknown>({
  spec,
  target,
  onClose,
  onDone,
  fixed,
  initial,
  choices,
  compose,
  fieldOf,
  note,
}: {
  spec: ActionSpec;
  target: string | null;
  onClose: () => void;
  onDone?: (result: R) => void;
  fixed?: Record<string, unknown>;
  initial?: Record<string, unknown>;
  /** Options known only at run time (e.g. the year's criteria sheets), by field name. */
  choices?: Record<string, { value: string; label: string }[]>;
  /** The body sent, made from the form's (e.g. one score item put into the whole list); else the spec's shape. */
  compose?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** The form field of a server error's field path, when the body is composed; else the spec's field map. */
  fieldOf?: (serverField: string) => string;
  /** A note the page knows at run time; else the spec's own. */
  note?: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const send = useSubmit(
    form,
    (values: Record<string, unknown>, idempotencyKey) => {
      const own = { ...toBody(spec.fields, values), ...fixed };
      const body = compose ? compose(own) : spec.shape ? spec.shape(own) : own;
      const path = spec.path(target ?? '');
      return spec.method === 'put' ? api.put<R>(path, body, { idempotencyKey }) : api.post<R>(path, body, { idempotencyKey });
    },
    {
      fieldMap: fieldOf ?? spec.fieldMap,
      successMessage: t('act.saved'),
      onSuccess: (r) => {
        form.resetFields();
        onDone?.(r);
        onClose();
      },
    },
  );
  const open = target !== null;
  useEffect(() => {
    if (open) {
      send.reset();
      form.resetFields();
      const first = Object.fromEntries(
        spec.fields
          .filter((f) => f.initial !== undefined)
          .map((f) => [f.name, typeof f.initial === 'function' ? (f.initial as () => unknown)() : f.initial]),
      );
      form.setFieldsValue({ ...first, ...initial } as Record<string, object | undefined>);
    }
  }, [open, target]);
  const testId = `act-${spec.key}`;
  return (
    <Drawer
      open={open}
      title={t(spec.title)}
      width="min(560px, 100vw)"
      onClose={onClose}
      forceRender
      data-testid={testId}
      extra={
        <Button
          type="primary"
          loading={send.loading}
          onClick={() => void form.validateFields().then((v) => send.submit(v))}
          data-testid={`${testId}-save`}
        >
          {t('act.save')}
        </Button>
      }
    >
      {note && <Alert type="warning" showIcon message={note} style={{ marginBottom: 16 }} data-testid={`${testId}-note`} />}
      <Form form={form} layout="vertical">
        {spec.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(f.label)}
            valuePropName={f.kind === 'bool' ? 'checked' : 'value'}
            extra={HINTS[f.kind] ? t(HINTS[f.kind]!) : undefined}
            rules={f.required ? [{ required: true, message: t('act.required', { field: t(f.label) }) }] : []}
          >
            <FieldInput field={f} testId={`${testId}-${f.name}`} choices={choices?.[f.name]} />
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
