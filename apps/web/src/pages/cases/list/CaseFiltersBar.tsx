import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Input, Select } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { CaseFilters } from '../../../api/cases.ts';
import { FilterPanel, countSet } from '../../../components/FilterPanel.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { domainOptions } from '../../../i18n/labels.ts';
import { useOrgTree } from '../../../lib/orgTree.ts';
import { OrgTreeSelect } from '../../staff/OfficerFields.tsx';
import { OffenceSearch } from '../components/OffenceSearch.tsx';
import { toLegalDate } from '../format.ts';
import { procedureOptions, stateOptions } from '../labels.ts';

/** The filters of the case list: every one is a query parameter the server applies (CaseListQuery). */
export function CaseFiltersBar({ value, onChange }: { value: CaseFilters; onChange: (f: CaseFilters) => void }) {
  const { t } = useI18n();
  const orgs = useOrgTree();
  const [qInput, setQInput] = useState(value.q ?? '');
  const set = (patch: CaseFilters) => onChange({ ...value, ...patch });
  const bool = (b: boolean | undefined) => (b === undefined ? undefined : String(b));
  const yesNo = [
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];

  return (
    <FilterPanel active={countSet(value)}>
      <Card size="small" style={{ marginBottom: 16 }} data-testid="case-filters">
        <Flex wrap gap={12}>
          <Input.Search
            allowClear
            placeholder={t('case.searchPlaceholder')}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (e.target.value === '') set({ q: undefined });
            }}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 240 }}
            data-testid="cases-search"
          />
          <Select
            allowClear
            placeholder={t('case.state')}
            options={stateOptions(t)}
            value={value.state}
            onChange={(state: CaseFilters['state']) => set({ state })}
            style={{ width: 160 }}
            data-testid="cases-filter-state"
          />
          <Select
            allowClear
            placeholder={t('case.procedure')}
            options={procedureOptions(t)}
            value={value.procedure}
            onChange={(procedure: CaseFilters['procedure']) => set({ procedure })}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            placeholder={t('case.domain')}
            options={domainOptions(t)}
            value={value.domain}
            onChange={(domain: CaseFilters['domain']) => set({ domain })}
            style={{ width: 160 }}
          />
          <OrgTreeSelect
            tree={orgs.data ?? []}
            allowClear
            placeholder={t('case.squad')}
            value={value.orgId}
            onChange={(orgId) => set({ orgId })}
            style={{ width: 200 }}
            testId="cases-filter-org"
          />
          <div style={{ width: 240 }}>
            <OffenceSearch
              allowClear
              placeholder={t('case.offence')}
              value={value.offenceCode}
              onChange={(offenceCode) => set({ offenceCode })}
              testId="cases-filter-offence"
            />
          </div>
          <DatePicker.RangePicker
            placeholder={[t('case.discoveredFrom'), t('case.discoveredTo')]}
            value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
            onChange={(r) => set({ from: r?.[0] ? toLegalDate(r[0]) : undefined, to: r?.[1] ? toLegalDate(r[1]) : undefined })}
            allowEmpty={[true, true]}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder={t('case.overdueFilter')}
            options={yesNo}
            value={bool(value.overdue)}
            onChange={(v: string | undefined) => set({ overdue: v === undefined ? undefined : v === 'true' })}
            style={{ width: 130 }}
            data-testid="cases-filter-overdue"
          />
          <Select
            allowClear
            placeholder={t('case.mineFilter')}
            options={yesNo}
            value={bool(value.mine)}
            onChange={(v: string | undefined) => set({ mine: v === undefined ? undefined : v === 'true' })}
            style={{ width: 130 }}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setQInput('');
              onChange({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
    </FilterPanel>
  );
}
