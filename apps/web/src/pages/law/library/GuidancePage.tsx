import { useMemo } from 'react';
import { Form, Input, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Guidance, GuidanceBody } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { blankToNull, formatSpan, fromDay, linesOf, toDay } from '../labels.ts';
import { EffectiveFields, LinesField, ProvenanceFields, type ProvenanceForm } from './CommonFields.tsx';
import { EntryDrawer } from './EntryDrawer.tsx';
import { LibraryPage, type LibraryDrawerProps } from './LibraryPage.tsx';
import { OFFENCE_CODE } from './OffenceDrawer.tsx';
import { TextFilter } from './TextFilter.tsx';

type GuidanceForm = ProvenanceForm & {
  offenceCode?: string | null;
  title: string;
  steps: string;
  evidence?: string;
  documents?: string;
  checklist?: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
};

const toForm = (g: Guidance): GuidanceForm => ({
  ...g,
  steps: g.steps.join('\n'),
  evidence: g.evidence.join('\n'),
  documents: g.documents.join('\n'),
  checklist: g.checklist.join('\n'),
  effectiveFrom: toDay(g.effectiveFrom)!,
  effectiveTo: toDay(g.effectiveTo),
});

const toBody = (v: GuidanceForm): GuidanceBody => ({
  offenceCode: blankToNull(v.offenceCode),
  title: v.title.trim(),
  steps: linesOf(v.steps),
  evidence: linesOf(v.evidence),
  documents: linesOf(v.documents),
  checklist: linesOf(v.checklist),
  effectiveFrom: fromDay(v.effectiveFrom)!,
  effectiveTo: fromDay(v.effectiveTo),
  verification: v.verification,
  source: v.source.trim(),
  note: blankToNull(v.note),
});

function GuidanceDrawer(props: LibraryDrawerProps<'guidance'>) {
  const { t } = useI18n();
  return (
    <EntryDrawer<'guidance', GuidanceForm>
      {...props}
      kind="guidance"
      testId="law-guidance"
      titleCreate={t('law.guidance.create')}
      titleOf={(g) => g.title}
      toForm={toForm}
      blank={() => ({ verification: 'U' })}
      toBody={toBody}
    >
      <Form.Item name="title" label={t('law.guidance.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="offenceCode" label={t('law.offence.code')} rules={[{ pattern: OFFENCE_CODE, message: t('law.offence.codeRule') }]}>
        <Input maxLength={40} style={{ width: 200 }} />
      </Form.Item>
      <LinesField name="steps" label={t('law.guidance.steps')} required />
      <LinesField name="evidence" label={t('law.guidance.evidence')} />
      <LinesField name="documents" label={t('law.guidance.documents')} />
      <LinesField name="checklist" label={t('law.guidance.checklist')} />
      <EffectiveFields />
      <ProvenanceFields />
    </EntryDrawer>
  );
}

export default function GuidancePage() {
  const { t } = useI18n();
  const columns = useMemo<TableColumnsType<Guidance>>(
    () => [
      { title: t('law.guidance.title'), dataIndex: 'title', width: 260, fixed: 'left', render: (s: string) => <a>{s}</a> },
      { title: t('law.offence.code'), dataIndex: 'offenceCode', width: 130, render: (c: string | null) => c ?? '—' },
      {
        title: t('law.guidance.steps'),
        dataIndex: 'steps',
        render: (steps: string[]) => (
          <ol style={{ margin: 0, paddingInlineStart: 18 }}>
            {steps.slice(0, 3).map((s, i) => (
              <li key={i}>{s}</li>
            ))}
            {steps.length > 3 && <li style={{ listStyle: 'none' }}>…</li>}
          </ol>
        ),
      },
      {
        title: t('law.guidance.counts'),
        key: 'counts',
        width: 160,
        render: (_, g) => t('law.guidance.countsValue', { e: g.evidence.length, d: g.documents.length, c: g.checklist.length }),
      },
      { title: t('law.effectivePeriod'), key: 'span', width: 190, render: (_, g) => formatSpan(t, g.effectiveFrom, g.effectiveTo) },
    ],
    [t],
  );
  return (
    <LibraryPage
      kind="guidance"
      title={t('menu.lawGuidance')}
      testId="law-guidance"
      columns={columns}
      searchPlaceholder={t('law.guidance.searchPlaceholder')}
      extraFilters={(f, set) => (
        <TextFilter placeholder={t('law.offence.code')} value={f.offenceCode} onChange={(v) => set({ offenceCode: v })} />
      )}
      renderDrawer={(p) => <GuidanceDrawer {...p} />}
    />
  );
}
