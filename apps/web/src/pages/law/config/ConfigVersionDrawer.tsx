import { useEffect } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Grid, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  LEGAL_CONFIG_KEYS,
  LEGAL_CONFIG_LABELS,
  type LegalConfigBody,
  type LegalConfigOverview,
  type LegalConfigValues,
} from '@chengguan/contracts';
import { lawApi } from '../../../api/law.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { fromDay } from '../labels.ts';
import { ConfigValueEditor, type SourceForm } from './ConfigEditors.tsx';
import { fromFormValue, toFormValues, type ConfigKey } from './configValues.tsx';
import { bureauToday } from '../../../lib/bureauTime';

type VersionForm = {
  effectiveFrom: Dayjs;
  note: string;
  changed: ConfigKey[];
  values: LegalConfigValues;
  sources: Partial<Record<ConfigKey, SourceForm>>;
};

function toBody(v: VersionForm): LegalConfigBody {
  const values: Record<string, unknown> = {};
  const sources: Record<string, { mark: SourceForm['mark']; source: string }> = {};
  for (const k of v.changed) {
    values[k] = fromFormValue(k, v.values);
    const s = v.sources[k];
    if (s?.source?.trim()) sources[k] = { mark: s.mark, source: s.source.trim() };
  }
  return {
    effectiveFrom: fromDay(v.effectiveFrom)!,
    note: v.note.trim(),
    values: values as LegalConfigBody['values'],
    ...(Object.keys(sources).length > 0 ? { sources: sources as LegalConfigBody['sources'] } : {}),
  };
}

/** A new configuration version from a day on: pick the values that change, give each its source. */
export function ConfigVersionDrawer({
  open,
  base,
  onClose,
  onSaved,
}: {
  open: boolean;
  base: LegalConfigOverview['current'] | undefined;
  onClose: () => void;
  onSaved: (o: LegalConfigOverview) => void;
}) {
  const { t, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<VersionForm>();
  const changed = Form.useWatch('changed', form) ?? [];
  const { submit, loading, reset } = useSubmit<VersionForm, LegalConfigOverview>(
    form,
    (v, idempotencyKey) => lawApi.createConfig(toBody(v), { idempotencyKey }),
    // The body nests values and sources under one field each; their errors show at the list of changed values.
    { successMessage: t('common.created'), onSuccess: onSaved, fieldMap: { values: 'changed', sources: 'changed' } },
  );

  useEffect(() => {
    if (!open || !base) return;
    reset();
    form.resetFields();
    const sources = Object.fromEntries(base.entries.map((e) => [e.key, { mark: e.mark, source: '' }]));
    form.setFieldsValue({ effectiveFrom: bureauToday().add(1, 'day'), changed: [], values: toFormValues(base.values), sources });
  }, [open, base, form, reset]);

  const label = (k: ConfigKey) => (lang.startsWith('en') ? LEGAL_CONFIG_LABELS[k].en : LEGAL_CONFIG_LABELS[k].zh);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={screens.lg ? 760 : '100%'}
      title={t('law.config.newVersion')}
      forceRender
      data-testid="law-config-drawer"
      extra={
        <Button type="primary" loading={loading} onClick={() => form.submit()} data-testid="law-config-submit">
          {t('common.save')}
        </Button>
      }
    >
      <Alert type="info" showIcon message={t('law.config.newVersionHint')} style={{ marginBottom: 16 }} />
      <Form<VersionForm> form={form} name="lawConfig" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="effectiveFrom"
          label={t('law.effectiveFrom')}
          rules={[{ required: true, message: t('common.required', { field: t('law.effectiveFrom') }) }]}
        >
          <DatePicker disabledDate={(d) => d.isBefore(bureauToday(), 'day')} data-testid="law-config-from" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('law.config.note')}
          rules={[{ required: true, whitespace: true, max: 1000, message: t('common.required', { field: t('law.config.note') }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={1000}
            placeholder={t('law.config.notePlaceholder')}
            data-testid="law-config-note"
          />
        </Form.Item>
        <Form.Item
          name="changed"
          label={t('law.config.changed')}
          rules={[{ required: true, type: 'array', min: 1, message: t('law.config.changeOne') }]}
        >
          <Select
            mode="multiple"
            options={LEGAL_CONFIG_KEYS.map((k) => ({ value: k, label: label(k) }))}
            data-testid="law-config-changed"
          />
        </Form.Item>
        {LEGAL_CONFIG_KEYS.filter((k) => changed.includes(k)).map((k) => (
          <ConfigValueEditor key={k} k={k} label={label(k)} />
        ))}
      </Form>
    </Drawer>
  );
}
