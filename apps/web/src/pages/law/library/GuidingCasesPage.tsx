import { useMemo } from 'react';
import { Form, Input, Space, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import type { GuidingCase, GuidingCaseBody } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { blankToNull, fromDay, toDay } from '../labels.ts';
import { EffectiveFields, ProvenanceFields, type ProvenanceForm } from './CommonFields.tsx';
import { EntryDrawer } from './EntryDrawer.tsx';
import { LibraryPage, type LibraryDrawerProps } from './LibraryPage.tsx';
import { OFFENCE_CODE } from './OffenceDrawer.tsx';
import { TextFilter } from './TextFilter.tsx';

type CaseForm = ProvenanceForm & {
  title: string;
  offenceCode?: string | null;
  caseNumber?: string | null;
  publishedOn: Dayjs;
  withdrawnOn?: Dayjs | null;
  facts: string;
  outcome?: string;
  keyPoints?: string;
};

const toForm = (c: GuidingCase): CaseForm => ({ ...c, publishedOn: toDay(c.publishedOn)!, withdrawnOn: toDay(c.withdrawnOn) });

const toBody = (v: CaseForm): GuidingCaseBody => ({
  title: v.title.trim(),
  offenceCode: blankToNull(v.offenceCode),
  caseNumber: blankToNull(v.caseNumber),
  publishedOn: fromDay(v.publishedOn)!,
  withdrawnOn: fromDay(v.withdrawnOn),
  facts: v.facts.trim(),
  outcome: v.outcome?.trim() ?? '',
  keyPoints: v.keyPoints?.trim() ?? '',
  verification: v.verification,
  source: v.source.trim(),
  note: blankToNull(v.note),
});

function CaseDrawer(props: LibraryDrawerProps<'guiding-cases'>) {
  const { t } = useI18n();
  return (
    <EntryDrawer<'guiding-cases', CaseForm>
      {...props}
      kind="guiding-cases"
      testId="law-case"
      titleCreate={t('law.case.create')}
      titleOf={(c) => c.title}
      toForm={toForm}
      blank={() => ({ verification: 'U' })}
      toBody={toBody}
    >
      <Form.Item name="title" label={t('law.case.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap size={12} align="start">
        <Form.Item name="caseNumber" label={t('law.case.caseNumber')} rules={[{ max: 100 }]}>
          <Input maxLength={100} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="offenceCode" label={t('law.offence.code')} rules={[{ pattern: OFFENCE_CODE, message: t('law.offence.codeRule') }]}>
          <Input maxLength={40} style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <EffectiveFields from="publishedOn" to="withdrawnOn" toLabel={t('law.case.withdrawnOn')} />
      <Form.Item name="facts" label={t('law.case.facts')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Form.Item name="outcome" label={t('law.case.outcome')} rules={[{ max: 20000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="keyPoints" label={t('law.case.keyPoints')} rules={[{ max: 20000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <ProvenanceFields />
    </EntryDrawer>
  );
}

export default function GuidingCasesPage() {
  const { t } = useI18n();
  const columns = useMemo<TableColumnsType<GuidingCase>>(
    () => [
      { title: t('law.case.title'), dataIndex: 'title', width: 280, fixed: 'left', render: (s: string) => <a>{s}</a> },
      { title: t('law.case.caseNumber'), dataIndex: 'caseNumber', width: 200, render: (c: string | null) => c ?? '—' },
      { title: t('law.offence.code'), dataIndex: 'offenceCode', width: 130, render: (c: string | null) => c ?? '—' },
      { title: t('law.case.keyPoints'), dataIndex: 'keyPoints', ellipsis: true },
      { title: t('law.case.publishedOn'), dataIndex: 'publishedOn', width: 120 },
      { title: t('law.case.withdrawnOn'), dataIndex: 'withdrawnOn', width: 120, render: (d: string | null) => d ?? '—' },
    ],
    [t],
  );
  return (
    <LibraryPage
      kind="guiding-cases"
      title={t('menu.lawCases')}
      testId="law-cases"
      columns={columns}
      searchPlaceholder={t('law.case.searchPlaceholder')}
      extraFilters={(f, set) => (
        <TextFilter placeholder={t('law.offence.code')} value={f.offenceCode} onChange={(v) => set({ offenceCode: v })} />
      )}
      renderDrawer={(p) => <CaseDrawer {...p} />}
    />
  );
}
