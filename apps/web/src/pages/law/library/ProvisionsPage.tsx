import { useMemo } from 'react';
import { Form, Input, InputNumber, Select, Space, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Provision, ProvisionBody, ProvisionLevel } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { blankToNull, fromDay, levelLabel, levelOptions, toDay } from '../labels.ts';
import { EffectiveFields, ProvenanceFields, type ProvenanceForm } from './CommonFields.tsx';
import { EntryDrawer } from './EntryDrawer.tsx';
import { LibraryPage, type LibraryDrawerProps } from './LibraryPage.tsx';

type ProvisionForm = ProvenanceForm & {
  lawTitle: string;
  level: ProvisionLevel;
  issuer?: string | null;
  article: number;
  paragraph?: number | null;
  item?: number | null;
  text: string;
  effectiveFrom: Dayjs;
  repealedOn?: Dayjs | null;
};

const toForm = (p: Provision): ProvisionForm => ({
  ...p,
  effectiveFrom: toDay(p.effectiveFrom)!,
  repealedOn: toDay(p.repealedOn),
});

const toBody = (v: ProvisionForm): ProvisionBody => ({
  lawTitle: v.lawTitle.trim().replace(/^《|》$/g, ''),
  level: v.level,
  issuer: blankToNull(v.issuer),
  article: v.article,
  paragraph: v.paragraph ?? null,
  item: v.item ?? null,
  text: v.text.trim(),
  effectiveFrom: fromDay(v.effectiveFrom)!,
  repealedOn: fromDay(v.repealedOn),
  verification: v.verification,
  source: v.source.trim(),
  note: blankToNull(v.note),
});

function ProvisionDrawer(props: LibraryDrawerProps<'provisions'>) {
  const { t } = useI18n();
  return (
    <EntryDrawer<'provisions', ProvisionForm>
      {...props}
      kind="provisions"
      testId="law-provision"
      titleCreate={t('law.provision.create')}
      titleOf={(p) => p.citation}
      toForm={toForm}
      blank={(from) =>
        from ? { ...toForm(from), effectiveFrom: undefined, repealedOn: null } : { level: 'local_regulation', verification: 'U' }
      }
      toBody={toBody}
    >
      <Form.Item name="lawTitle" label={t('law.provision.lawTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input maxLength={200} placeholder={t('law.provision.lawTitlePlaceholder')} />
      </Form.Item>
      <Space wrap size={12} align="start">
        <Form.Item name="level" label={t('law.provision.level')} rules={[{ required: true }]}>
          <Select options={levelOptions(t)} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="issuer" label={t('law.provision.issuer')} rules={[{ max: 200 }]}>
          <Input maxLength={200} style={{ width: 260 }} />
        </Form.Item>
      </Space>
      <Space wrap size={12} align="start">
        <Form.Item
          name="article"
          label={t('law.provision.article')}
          rules={[{ required: true, message: t('common.required', { field: t('law.provision.article') }) }]}
        >
          <InputNumber min={1} max={9999} precision={0} />
        </Form.Item>
        <Form.Item name="paragraph" label={t('law.provision.paragraph')}>
          <InputNumber min={1} max={99} precision={0} />
        </Form.Item>
        <Form.Item name="item" label={t('law.provision.item')}>
          <InputNumber min={1} max={99} precision={0} />
        </Form.Item>
      </Space>
      <Form.Item name="text" label={t('law.provision.text')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
      </Form.Item>
      <EffectiveFields to="repealedOn" toLabel={t('law.provision.repealedOn')} strictlyAfter />
      <ProvenanceFields />
    </EntryDrawer>
  );
}

export default function ProvisionsPage() {
  const { t } = useI18n();
  const columns = useMemo<TableColumnsType<Provision>>(
    () => [
      {
        title: t('law.provision.citation'),
        dataIndex: 'citation',
        width: 280,
        render: (c: string) => <a data-testid="law-provision-citation">{c}</a>,
      },
      { title: t('law.provision.level'), dataIndex: 'level', width: 110, render: (l: ProvisionLevel) => levelLabel(t, l) },
      {
        title: t('law.provision.text'),
        dataIndex: 'text',
        render: (text: string) => (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0 }}>
            {text}
          </Typography.Paragraph>
        ),
      },
      { title: t('law.effectiveFrom'), dataIndex: 'effectiveFrom', width: 110 },
      { title: t('law.provision.repealedOn'), dataIndex: 'repealedOn', width: 110, render: (d: string | null) => d ?? '—' },
    ],
    [t],
  );
  return (
    <LibraryPage
      kind="provisions"
      title={t('menu.lawProvisions')}
      testId="law-provisions"
      columns={columns}
      searchPlaceholder={t('law.provision.searchPlaceholder')}
      extraFilters={(f, set) => (
        <Select<ProvisionLevel>
          allowClear
          placeholder={t('law.provision.level')}
          options={levelOptions(t)}
          value={f.level}
          onChange={(v) => set({ level: v })}
          style={{ width: 150 }}
        />
      )}
      renderDrawer={(p) => <ProvisionDrawer {...p} />}
    />
  );
}
