import { Card, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { PARTY_TYPE_CODES, type VerificationMark } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { markOptions, partyLabel, penaltyOptions } from '../labels.ts';
import { BOOLEAN_KEYS, HOTLINE_FIELDS, PER_PARTY_KEYS, WORKING_DAY_KEYS, YEAR_KEYS, type ConfigKey } from './configValues.tsx';

export type SourceForm = { mark: VerificationMark; source?: string };

const isIn = <T extends string>(list: readonly T[], k: string): k is T => (list as readonly string[]).includes(k);

function PerPartyEditor({ path }: { path: string[] }) {
  const { t } = useI18n();
  return (
    <Space wrap size={8}>
      {PARTY_TYPE_CODES.map((c) => (
        <Form.Item
          key={c}
          name={[...path, c]}
          label={partyLabel(t, c)}
          rules={[{ required: true, message: t('common.required', { field: partyLabel(t, c) }) }]}
          style={{ marginBottom: 8 }}
        >
          <InputNumber min={0} precision={2} suffix={t('law.yuan')} style={{ width: 170 }} />
        </Form.Item>
      ))}
    </Space>
  );
}

function DaysEditor({ path, max = 60, label }: { path: string[]; max?: number; label?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={path}
      label={label}
      rules={[{ required: true, message: t('common.required', { field: label ?? t('law.config.value') }) }]}
      style={{ marginBottom: 8 }}
    >
      <InputNumber min={1} max={max} precision={0} style={{ width: 120 }} />
    </Form.Item>
  );
}

/** The editor of one configuration value and its source; field names under `values.<key>` and `sources.<key>`. */
export function ConfigValueEditor({ k, label }: { k: ConfigKey; label: string }) {
  const { t } = useI18n();
  const path = ['values', k];
  let editor;
  if (isIn(PER_PARTY_KEYS, k)) editor = <PerPartyEditor path={path} />;
  else if (isIn(WORKING_DAY_KEYS, k)) editor = <DaysEditor path={path} label={t('law.config.wdUnit')} />;
  else if (k === 'publicNoticeServiceDays') editor = <DaysEditor path={path} max={365} label={t('law.config.daysUnit')} />;
  else if (isIn(YEAR_KEYS, k)) editor = <DaysEditor path={path} max={10} label={t('law.config.yearsUnit')} />;
  else if (isIn(BOOLEAN_KEYS, k))
    editor = (
      <Form.Item name={path} valuePropName="checked" style={{ marginBottom: 8 }}>
        <Switch />
      </Form.Item>
    );
  else if (k === 'complaintHotline')
    editor = (
      <Space wrap size={8}>
        {HOTLINE_FIELDS.map((f) => (
          <DaysEditor key={f} path={[...path, f]} label={t(`law.config.hotline.${f}`)} />
        ))}
      </Space>
    );
  else
    editor = (
      <>
        <PerPartyEditor path={[...path, 'fineThresholdFen']} />
        <Form.Item name={[...path, 'penaltyTypes']} label={t('law.config.majorTypes')} style={{ marginBottom: 8 }}>
          <Select mode="multiple" options={penaltyOptions(t)} />
        </Form.Item>
      </>
    );
  return (
    <Card size="small" title={label} style={{ marginBottom: 12 }} data-testid="law-config-editor" data-key={k}>
      {editor}
      <Space wrap size={8} align="start">
        <Form.Item name={['sources', k, 'mark']} label={t('law.mark')} style={{ marginBottom: 0 }}>
          <Select options={markOptions(t)} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item
          name={['sources', k, 'source']}
          label={t('law.source')}
          extra={t('law.config.sourceHint')}
          rules={[{ max: 500 }]}
          style={{ marginBottom: 0 }}
        >
          <Input maxLength={500} style={{ width: 320 }} />
        </Form.Item>
      </Space>
    </Card>
  );
}
