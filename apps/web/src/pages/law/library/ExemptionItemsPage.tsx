import { useMemo } from 'react';
import { Checkbox, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { EXEMPTION_EFFECTS, type ExemptionConditionCode, type ExemptionItem, type ExemptionItemBody } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { blankToNull, conditionLabel, conditionOptions, formatSpan, fromDay, toDay } from '../labels.ts';
import { EffectiveFields, ProvenanceFields, type ProvenanceForm } from './CommonFields.tsx';
import { EntryDrawer } from './EntryDrawer.tsx';
import { LibraryPage, type LibraryDrawerProps } from './LibraryPage.tsx';
import { OFFENCE_CODE } from './OffenceDrawer.tsx';
import { TextFilter } from './TextFilter.tsx';

type Effect = (typeof EXEMPTION_EFFECTS)[number];

type ExemptionForm = ProvenanceForm & {
  listName: string;
  itemNo: number;
  provision: string;
  offenceCode?: string | null;
  behaviour: string;
  conditionsText: string;
  conditions: ExemptionConditionCode[];
  effect: Effect;
  keywords?: string[];
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
};

const toForm = (e: ExemptionItem): ExemptionForm => ({ ...e, effectiveFrom: toDay(e.effectiveFrom)!, effectiveTo: toDay(e.effectiveTo) });

const toBody = (v: ExemptionForm): ExemptionItemBody => ({
  listName: v.listName.trim(),
  itemNo: v.itemNo,
  provision: v.provision.trim(),
  offenceCode: blankToNull(v.offenceCode),
  behaviour: v.behaviour.trim(),
  conditionsText: v.conditionsText.trim(),
  conditions: v.conditions ?? [],
  effect: v.effect,
  keywords: (v.keywords ?? []).map((k) => k.trim()).filter((k) => k !== ''),
  effectiveFrom: fromDay(v.effectiveFrom)!,
  effectiveTo: fromDay(v.effectiveTo),
  verification: v.verification,
  source: v.source.trim(),
  note: blankToNull(v.note),
});

function ExemptionDrawer(props: LibraryDrawerProps<'exemption-items'>) {
  const { t } = useI18n();
  return (
    <EntryDrawer<'exemption-items', ExemptionForm>
      {...props}
      kind="exemption-items"
      testId="law-exemption"
      titleCreate={t('law.exemption.create')}
      titleOf={(e) => `${e.listName} · ${t('law.exemption.itemNo', { n: e.itemNo })}`}
      toForm={toForm}
      blank={() => ({ conditions: [], effect: 'must_not_punish', verification: 'U', keywords: [] })}
      toBody={toBody}
    >
      <Form.Item name="listName" label={t('law.exemption.listName')} rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap size={12} align="start">
        <Form.Item
          name="itemNo"
          label={t('law.exemption.itemNoLabel')}
          rules={[{ required: true, message: t('common.required', { field: t('law.exemption.itemNoLabel') }) }]}
        >
          <InputNumber min={1} max={9999} precision={0} />
        </Form.Item>
        <Form.Item
          name="offenceCode"
          label={t('law.offence.code')}
          rules={[{ pattern: OFFENCE_CODE, message: t('law.offence.codeRule') }]}
          extra={t('law.exemption.codeHint')}
        >
          <Input maxLength={40} style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <Form.Item name="provision" label={t('law.exemption.provision')} rules={[{ required: true, whitespace: true, max: 500 }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="behaviour" label={t('law.exemption.behaviour')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      <Form.Item name="conditionsText" label={t('law.exemption.conditionsText')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder="首次被发现，责令限期改正后及时改正的" />
      </Form.Item>
      <Form.Item name="conditions" label={t('law.exemption.conditions')} extra={t('law.exemption.conditionsHint')}>
        <Checkbox.Group options={conditionOptions(t)} />
      </Form.Item>
      <Form.Item name="effect" label={t('law.exemption.effect')} rules={[{ required: true }]}>
        <Radio.Group options={EXEMPTION_EFFECTS.map((e) => ({ value: e, label: t(`law.effect.${e}`) }))} />
      </Form.Item>
      <Form.Item name="keywords" label={t('law.keywords')} extra={t('law.keywordsHint')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} />
      </Form.Item>
      <EffectiveFields />
      <ProvenanceFields />
    </EntryDrawer>
  );
}

export default function ExemptionItemsPage() {
  const { t } = useI18n();
  const columns = useMemo<TableColumnsType<ExemptionItem>>(
    () => [
      {
        title: t('law.exemption.item'),
        key: 'item',
        width: 200,
        fixed: 'left',
        render: (_, e) => (
          <div>
            <a>{t('law.exemption.itemNo', { n: e.itemNo })}</a>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.listName}
              </Typography.Text>
            </div>
          </div>
        ),
      },
      { title: t('law.exemption.behaviour'), dataIndex: 'behaviour', width: 260 },
      { title: t('law.exemption.provision'), dataIndex: 'provision', width: 220 },
      {
        title: t('law.exemption.conditionsText'),
        key: 'conditions',
        width: 260,
        render: (_, e) => (
          <div>
            <div>{e.conditionsText}</div>
            <Space size={[4, 4]} wrap>
              {e.conditions.map((c) => (
                <Tag key={c} style={{ fontSize: 11 }}>
                  {conditionLabel(t, c)}
                </Tag>
              ))}
            </Space>
          </div>
        ),
      },
      {
        title: t('law.exemption.effect'),
        dataIndex: 'effect',
        width: 120,
        render: (e: Effect) => <Tag color={e === 'must_not_punish' ? 'green' : 'cyan'}>{t(`law.effect.${e}`)}</Tag>,
      },
      { title: t('law.offence.code'), dataIndex: 'offenceCode', width: 120, render: (c: string | null) => c ?? '—' },
      { title: t('law.effectivePeriod'), key: 'span', width: 190, render: (_, e) => formatSpan(t, e.effectiveFrom, e.effectiveTo) },
    ],
    [t],
  );
  return (
    <LibraryPage
      kind="exemption-items"
      title={t('menu.lawExemptions')}
      testId="law-exemptions"
      columns={columns}
      scrollX={1500}
      searchPlaceholder={t('law.exemption.searchPlaceholder')}
      extraFilters={(f, set) => (
        <>
          <TextFilter placeholder={t('law.exemption.listName')} value={f.listName} onChange={(v) => set({ listName: v })} width={200} />
          <TextFilter placeholder={t('law.offence.code')} value={f.offenceCode} onChange={(v) => set({ offenceCode: v })} />
        </>
      )}
      renderDrawer={(p) => <ExemptionDrawer {...p} />}
    />
  );
}
