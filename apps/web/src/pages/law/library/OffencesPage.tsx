import { useMemo } from 'react';
import { Select, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { EnforcementDomain, EventCategory, Offence, PenaltyTypeCode } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { domainLabel, domainOptions } from '../../../i18n/labels.ts';
import { eventOptions, formatRange, formatSpan, penaltyLabel } from '../labels.ts';
import { LibraryPage } from './LibraryPage.tsx';
import { OffenceDrawer } from './OffenceDrawer.tsx';

export default function OffencesPage() {
  const { t } = useI18n();
  const columns = useMemo<TableColumnsType<Offence>>(
    () => [
      {
        title: t('law.offence.code'),
        dataIndex: 'code',
        width: 130,
        fixed: 'left',
        render: (c: string) => <a data-testid="law-offence-code">{c}</a>,
      },
      { title: t('law.offence.name'), dataIndex: 'name', width: 240 },
      { title: t('law.domain'), dataIndex: 'domain', width: 130, render: (d: EnforcementDomain) => domainLabel(t, d) },
      {
        title: t('law.offence.basis'),
        key: 'basis',
        width: 260,
        render: (_, o) => (
          <div style={{ fontSize: 12 }}>
            <div>{t('law.labelValue', { label: t('law.offence.violatedShort'), value: o.violatedProvision })}</div>
            <div>{t('law.labelValue', { label: t('law.offence.penaltyShort'), value: o.penaltyProvision })}</div>
          </div>
        ),
      },
      {
        title: t('law.offence.penaltyTypes'),
        dataIndex: 'penaltyTypes',
        width: 160,
        render: (ps: PenaltyTypeCode[]) => ps.map((p) => <Tag key={p}>{penaltyLabel(t, p)}</Tag>),
      },
      {
        title: t('law.offence.range'),
        key: 'range',
        width: 150,
        render: (_, o) => (
          <Space size={4}>
            {formatRange(t, o.minFineFen, o.maxFineFen)}
            {o.finesOnlyAfterRefusal && (
              <Tooltip title={t('law.offence.onlyAfterRefusalTip')}>
                <Tag color="orange">{t('law.offence.refusalTag')}</Tag>
              </Tooltip>
            )}
          </Space>
        ),
      },
      { title: t('law.effectivePeriod'), key: 'span', width: 190, render: (_, o) => formatSpan(t, o.effectiveFrom, o.effectiveTo) },
      {
        title: t('law.offence.offsite'),
        dataIndex: 'offsiteEligible',
        width: 90,
        render: (b: boolean) => (b ? <Tag color="purple">{t('common.yes')}</Tag> : t('common.no')),
      },
    ],
    [t],
  );
  return (
    <LibraryPage
      kind="offences"
      title={t('menu.lawOffences')}
      testId="law-offences"
      columns={columns}
      scrollX={1500}
      searchPlaceholder={t('law.offence.searchPlaceholder')}
      extraFilters={(f, set) => (
        <>
          <Select<EnforcementDomain>
            allowClear
            placeholder={t('law.domain')}
            options={domainOptions(t)}
            value={f.domain}
            onChange={(v) => set({ domain: v })}
            style={{ width: 170 }}
            data-testid="law-offences-filter-domain"
          />
          <Select<EventCategory>
            allowClear
            placeholder={t('law.offence.eventCategory')}
            options={eventOptions(t)}
            value={f.eventCategory}
            onChange={(v) => set({ eventCategory: v })}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder={t('law.offence.offsite')}
            options={[
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
            value={f.offsiteEligible === undefined ? undefined : String(f.offsiteEligible)}
            onChange={(v: string | undefined) => set({ offsiteEligible: v === undefined ? undefined : v === 'true' })}
            style={{ width: 140 }}
          />
        </>
      )}
      renderDrawer={(p) => <OffenceDrawer {...p} />}
    />
  );
}
