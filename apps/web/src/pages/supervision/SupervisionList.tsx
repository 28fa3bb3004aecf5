// One server-paged supervision list with a status filter and its Excel export (the review workspace's tabs).
import { useState, type ReactNode } from 'react';
import { Alert, Button, Select, Space, type TableColumnsType } from 'antd';
import type { PageOf } from '@chengguan/contracts';
import type { Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton, cleanQuery } from '../../components/ExportButton.tsx';
import { FilterPanel, countSet } from '../../components/FilterPanel.tsx';

export function SupervisionList<T extends { id: string }>(props: {
  testId: string;
  load: (q: Query, signal: AbortSignal) => Promise<PageOf<T>>;
  exportPath: string;
  filename: string;
  columns: TableColumnsType<T>;
  statuses: { value: string; label: string }[];
  reloadKey?: number;
  extra?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = cleanQuery({ status, ...paging }) as Query;
  const list = useLoad((signal) => props.load(query, signal), `${JSON.stringify(query)}|${props.reloadKey ?? 0}`);
  return (
    <>
      <FilterPanel active={countSet({ status })}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('sup.status')}
            style={{ width: 160 }}
            value={status}
            options={props.statuses}
            onChange={(v: string | undefined) => {
              setStatus(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            data-testid={`${props.testId}-status`}
          />
          <Button onClick={() => setStatus(undefined)}>{t('common.reset')}</Button>
          <ExportButton path={props.exportPath} query={cleanQuery({ status })} filename={props.filename} />
          {props.extra}
        </Space>
      </FilterPanel>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<T>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={props.columns}
        scroll={{ x: 900 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid={props.testId}
      />
    </>
  );
}
