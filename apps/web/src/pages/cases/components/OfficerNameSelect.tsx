import { useMemo, useState } from 'react';
import { Select } from 'antd';
import type { Officer } from '@chengguan/contracts';
import { officerApi } from '../../../api/endpoints.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';

/**
 * Several officers of the user's jurisdiction by name (the 集体讨论 attendees: the bureau's heads and officers),
 * searched on the server by name, employee number or username. The value is the list of names, the shape the API
 * has always taken for `participants`.
 */
export function OfficerNameSelect({
  value,
  onChange,
  id,
  testId,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const officers = useLoad<Officer[]>(
    async (signal) => (await officerApi.list({ ...(q ? { q } : {}), active: true, page: 1, pageSize: 50 }, signal)).items,
    `officer-names:${q}`,
  );
  const options = useMemo(() => {
    const seen = new Set<string>();
    return (officers.data ?? [])
      .filter((o) => !seen.has(o.name) && seen.add(o.name))
      .map((o) => ({ value: o.name, label: `${o.name}（${o.orgName}，${o.employeeNo}）` }));
  }, [officers.data]);
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      showSearch
      filterOption={false}
      onSearch={(text) => setQ(text.trim())}
      onBlur={() => setQ('')}
      loading={officers.loading}
      value={value}
      onChange={(v: string[]) => onChange?.(v)}
      options={options}
      placeholder={t('case.pickAttendees')}
      notFoundContent={officers.loading ? undefined : t('case.noOfficerFound')}
      data-testid={testId}
    />
  );
}
