import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Flex, Segmented, Select, Spin, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { SubjectListItem, SubjectMapPage } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { subjectApi, type SubjectFilters } from '../../api/subjects.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { useMapData } from '../../map/LocationField.tsx';
import { kindLabel, kindOptions, licenceLabel, licenceOptions, RISK_LEVELS, riskTagColour, riskText } from './labels.ts';
import { SubjectFormDrawer } from './SubjectFormDrawer.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';

const SubjectsMap = lazy(() => import('./SubjectsMap.tsx'));

/** Filters from the address bar (the data-quality page links here with them). */
function filtersFrom(params: URLSearchParams): SubjectFilters {
  const f: Record<string, string | boolean> = {};
  for (const [k, v] of params) f[k] = v === 'true' ? true : v === 'false' ? false : v;
  return f as SubjectFilters;
}

export default function SubjectsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [view, setView] = useState<'list' | 'map'>('list');
  const [creating, setCreating] = useState(false);
  const [mapPage, setMapPage] = useState<SubjectMapPage | null>(null);
  const map = useMapData();

  const query = { ...filters, ...paging };
  const list = useLoad((signal) => subjectApi.list(query, signal), JSON.stringify(query));

  const setFilter = (patch: Partial<SubjectFilters>) => {
    const next = { ...filters, ...patch } as Record<string, unknown>;
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') p.set(k, String(v));
    setParams(p, { replace: true });
    setPaging((x) => ({ ...x, page: 1 }));
  };

  const columns = useMemo<TableColumnsType<SubjectListItem>>(
    () => [
      {
        title: t('subject.name'),
        dataIndex: 'name',
        fixed: 'left',
        width: 220,
        render: (n: string) => <a data-testid="subject-row-name">{n}</a>,
      },
      { title: t('subject.kind'), dataIndex: 'kind', width: 150, render: (k: string) => kindLabel(t, k) },
      { title: t('subject.address'), dataIndex: 'address', ellipsis: true },
      {
        title: t('subject.squad'),
        dataIndex: 'orgName',
        width: 150,
        render: (n: string | null) => n ?? <Typography.Text type="secondary">—</Typography.Text>,
      },
      {
        title: t('subject.risk'),
        dataIndex: 'riskLevel',
        width: 150,
        render: (r: string | null) => <Tag color={riskTagColour(r)}>{riskText(r, lang)}</Tag>,
      },
      { title: t('subject.licence'), dataIndex: 'licenceState', width: 120, render: (s: string) => licenceLabel(t, s) },
      {
        title: t('subject.verified'),
        dataIndex: 'verified',
        width: 90,
        render: (v: boolean) => (v ? <Tag color="blue">{t('subject.verified')}</Tag> : <Tag>{t('subject.unverified')}</Tag>),
      },
      { title: t('subject.nextInspection'), dataIndex: 'nextInspectionOn', width: 120, render: (d: string | null) => d ?? '—' },
    ],
    [t, lang],
  );

  return (
    <Page
      title={t('subject.title')}
      testId="subjects-page"
      extra={
        <>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'list' | 'map')}
            options={[
              { value: 'list', label: t('subject.viewList') },
              { value: 'map', label: <span data-testid="subjects-view-map">{t('subject.viewMap')}</span> },
            ]}
          />
          <ExportButton
            path={subjectApi.exportPath}
            query={filters as Query}
            filename={`${t('subject.title')}.xlsx`}
            testId="subjects-export"
          />
          {can('subject:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="subject-create">
              {t('subject.create')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <ListSearch
            value={filters.q}
            onSearch={(q) => setFilter({ q })}
            placeholder={t('subject.searchPlaceholder')}
            width={260}
            testId="subjects-search"
          />
          <Select
            allowClear
            placeholder={t('subject.kind')}
            options={kindOptions(t)}
            value={filters.kind}
            onChange={(v) => setFilter({ kind: v })}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            placeholder={t('subject.risk')}
            options={RISK_LEVELS.map((l) => ({ value: l.value, label: lang.startsWith('en') ? l.en : l.zh }))}
            value={filters.riskLevel}
            onChange={(v: string | undefined) => setFilter({ riskLevel: v })}
            style={{ width: 170 }}
          />
          <Select
            allowClear
            placeholder={t('subject.licence')}
            options={licenceOptions(t)}
            value={filters.licence}
            onChange={(v) => setFilter({ licence: v })}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('subject.verified')}
            options={[
              { value: 'true', label: t('subject.verified') },
              { value: 'false', label: t('subject.unverified') },
            ]}
            value={filters.verified === undefined ? undefined : String(filters.verified)}
            onChange={(v: string | undefined) => setFilter({ verified: v === undefined ? undefined : v === 'true' })}
            style={{ width: 120 }}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      {view === 'list' ? (
        <DataTable<SubjectListItem>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1100 }}
          onRow={(s) => ({ onClick: () => navigate(`/subjects/${s.id}`), style: { cursor: 'pointer' } })}
          pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) =>
            list.data?.totalCapped ? t('common.totalAtLeast', { n: n.toLocaleString() }) : t('common.total', { n }),
          )}
          data-testid="subjects-table"
        />
      ) : map.error ? (
        <Alert type="warning" showIcon message={t('map.loadFailed')} />
      ) : !map.data ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="subjects-map-count">
            {mapPage?.truncated
              ? t('subject.mapTruncated', { n: mapPage.items.length })
              : t('subject.mapCount', { n: mapPage?.items.length ?? 0 })}
          </Typography.Paragraph>
          <Suspense fallback={<Spin />}>
            <SubjectsMap
              data={map.data}
              kind={filters.kind}
              riskLevel={filters.riskLevel}
              onOpen={(id) => navigate(`/subjects/${id}`)}
              onLoaded={setMapPage}
              unavailableText={t('map.noWebgl')}
            />
          </Suspense>
        </>
      )}
      <SubjectFormDrawer
        open={creating}
        editing={null}
        onClose={() => setCreating(false)}
        onSaved={(s) => {
          setCreating(false);
          navigate(`/subjects/${s.id}`);
        }}
      />
    </Page>
  );
}
