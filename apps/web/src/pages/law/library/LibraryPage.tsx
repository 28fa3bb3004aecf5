import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Input, Select, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { LawKind, VerificationMark } from '@chengguan/contracts';
import { useAuth } from '../../../auth/auth.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { libraryApi, type EntryOf, type FilterOf } from '../../../api/law.ts';
import { download, type Query } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { Page } from '../../../components/Page.tsx';
import { VerificationTag } from '../components/VerificationTag.tsx';
import { fromDay, markOptions, toDay } from '../labels.ts';
import { serverPagination } from '../../../lib/paging.ts';
import { DataTable } from '../../../components/DataTable.tsx';

/** What the drawer of a list shows: a new entry (optionally a new version of `from`) or a stored one. */
export type LibraryTarget<K extends LawKind> = { mode: 'create'; from?: EntryOf<K> } | { mode: 'edit'; entry: EntryOf<K> };

export type LibraryDrawerProps<K extends LawKind> = {
  target: LibraryTarget<K> | null;
  canWrite: boolean;
  onClose: () => void;
  onSaved: () => void;
  /** Switch the drawer to another entry (e.g. another version of the same offence). */
  onTarget: (target: LibraryTarget<K>) => void;
};

type Props<K extends LawKind> = {
  kind: K;
  title: string;
  /** data-testid prefix, e.g. law-offences → law-offences-page, law-offences-table … */
  testId: string;
  columns: TableColumnsType<EntryOf<K>>;
  searchPlaceholder: string;
  extraFilters?: (filters: FilterOf<K>, setFilter: (patch: Partial<FilterOf<K>>) => void) => ReactNode;
  renderDrawer: (p: LibraryDrawerProps<K>) => ReactNode;
  scrollX?: number;
};

/** One list of the legal library: server paging and filters, Excel export, create/edit drawer. */
export function LibraryPage<K extends LawKind>({
  kind,
  title,
  testId,
  columns,
  searchPlaceholder,
  extraFilters,
  renderDrawer,
  scrollX,
}: Props<K>) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const canWrite = can('law:write');
  const endpoints = useMemo(() => libraryApi(kind), [kind]);
  const [filters, setFilters] = useState<FilterOf<K>>({} as FilterOf<K>);
  const [qInput, setQInput] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [target, setTarget] = useState<LibraryTarget<K> | null>(null);
  const [exporting, setExporting] = useState(false);

  const query = { ...filters, ...paging };
  const list = useLoad((signal) => endpoints.list(query, signal), JSON.stringify(query));

  const setFilter = (patch: Partial<FilterOf<K>>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await download(endpoints.exportPath, filters as Query, `${title}.xlsx`);
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const allColumns = useMemo<TableColumnsType<EntryOf<K>>>(
    () => [
      ...columns,
      {
        title: t('law.mark'),
        key: 'verification',
        width: 110,
        fixed: 'right',
        render: (_, e) => <VerificationTag mark={e.verification} source={e.source} note={e.note} />,
      },
    ],
    [columns, t],
  );

  return (
    <Page
      title={title}
      testId={`${testId}-page`}
      extra={
        <>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid={`${testId}-export`}>
            {exporting ? t('common.exporting') : t('common.exportExcel')}
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })} data-testid={`${testId}-create`}>
              {t('common.add')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <Input.Search
            allowClear
            placeholder={searchPlaceholder}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (e.target.value === '') setFilter({ q: undefined } as Partial<FilterOf<K>>);
            }}
            onSearch={(v) => setFilter({ q: v.trim() || undefined } as Partial<FilterOf<K>>)}
            style={{ width: 240 }}
            data-testid={`${testId}-search`}
          />
          {extraFilters?.(filters, setFilter)}
          <DatePicker
            placeholder={t('law.inForceOn')}
            value={toDay(filters.inForceOn)}
            onChange={(d) => setFilter({ inForceOn: fromDay(d) ?? undefined } as Partial<FilterOf<K>>)}
            style={{ width: 160 }}
            data-testid={`${testId}-filter-date`}
          />
          <Select<VerificationMark>
            allowClear
            placeholder={t('law.mark')}
            options={markOptions(t)}
            value={filters.verification}
            onChange={(v) => setFilter({ verification: v } as Partial<FilterOf<K>>)}
            style={{ width: 150 }}
            data-testid={`${testId}-filter-mark`}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setQInput('');
              setFilters({} as FilterOf<K>);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<EntryOf<K>>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={allColumns}
        scroll={{ x: scrollX ?? 1100 }}
        onRow={(e) => ({ onClick: () => setTarget({ mode: 'edit', entry: e }), style: { cursor: 'pointer' } })}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid={`${testId}-table`}
      />
      {renderDrawer({
        target,
        canWrite,
        onClose: () => setTarget(null),
        onSaved: () => {
          setTarget(null);
          list.reload();
        },
        onTarget: setTarget,
      })}
    </Page>
  );
}
