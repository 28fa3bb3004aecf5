import { useMemo } from 'react';
import { Select } from 'antd';
import type { Officer } from '@chengguan/contracts';
import { officerApi } from '../../../api/endpoints.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { credStatusLabel } from '../../../i18n/labels.ts';
import { useLoad } from '../../../lib/useLoad.ts';

const ACTING = new Set(['valid', 'expiring']);

/** The active officers of one squad (the case's org), for the officers of a 笔录 or a step. */
export function useSquadOfficers(orgId: string | undefined) {
  return useLoad<Officer[]>(
    async (signal) => (orgId ? (await officerApi.list({ orgId, active: true, page: 1, pageSize: 200 }, signal)).items : []),
    `squad-officers:${orgId ?? ''}`,
  );
}

/**
 * An officer picker limited to the squad. The credential status is shown with each name; the server decides
 * (rule A1) whether the team may act — an officer with an expired credential is listed, not hidden.
 */
export function OfficerSelect({
  orgId,
  multiple,
  value,
  onChange,
  exclude,
  id,
  testId,
  placeholder,
}: {
  orgId: string | undefined;
  multiple?: boolean;
  value?: string | string[];
  onChange?: (v: string | string[] | undefined) => void;
  exclude?: readonly string[];
  id?: string;
  testId?: string;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const officers = useSquadOfficers(orgId);
  const options = useMemo(
    () =>
      (officers.data ?? [])
        .filter((o) => !exclude?.includes(o.id))
        .map((o) => ({
          value: o.id,
          label: ACTING.has(o.credentialStatus)
            ? `${o.name}（${o.employeeNo}）`
            : `${o.name}（${o.employeeNo}，${credStatusLabel(t, o.credentialStatus)}）`,
          search: `${o.name} ${o.employeeNo} ${o.username ?? ''}`,
        })),
    [officers.data, exclude, t],
  );
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch
      loading={officers.loading}
      value={value}
      onChange={(v: string | string[] | undefined) => onChange?.(v)}
      options={options}
      optionFilterProp="search"
      placeholder={placeholder ?? t('case.pickOfficer')}
      data-testid={testId}
    />
  );
}
