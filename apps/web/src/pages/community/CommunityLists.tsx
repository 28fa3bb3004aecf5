// The officers' lists of issue 17 (docs/compounds.md, docs/stall-map.md, docs/workrooms.md): residential compounds
// with their declarations, reports and annotations; stall points with type and approval; community workrooms. Each
// filters and pages on the server and exports the same filter to Excel.
import { useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Flex, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import type { CompoundSummary, PageOf, StallPoint, Workroom } from '@chengguan/contracts';
import { api, type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ActionFormDrawer, type ActionSpec } from '../../components/ActionFormDrawer.tsx';
import { useAuth } from '../../auth/auth.tsx';
import { COMMUNITY_FORMS } from './forms.ts';

type Action = { spec: ActionSpec; target: string; fixed?: Record<string, unknown> };

/** The action drawer of a list page and the buttons that open it; a saved form reloads the list. */
function useActions() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [action, setAction] = useState<Action | null>(null);
  const [tick, setTick] = useState(0);
  const can = (p: string) => !!me?.permissions.includes(p);
  const button = (spec: ActionSpec, target = '', fixed?: Record<string, unknown>) => (
    <Button
      key={spec.key}
      size={target ? 'small' : 'middle'}
      type={target ? 'default' : 'primary'}
      onClick={() => setAction({ spec, target, fixed })}
      data-testid={`open-${spec.key}${target ? `-${target}` : ''}`}
    >
      {t(spec.title)}
    </Button>
  );
  const drawer = action && (
    <ActionFormDrawer
      spec={action.spec}
      target={action.target}
      fixed={action.fixed}
      onClose={() => setAction(null)}
      onDone={() => setTick((n) => n + 1)}
    />
  );
  return { can, button, drawer, tick };
}

function ListPage<T extends { id: string }>(props: {
  title: MessageKey;
  testId: string;
  path: string;
  filters: (set: (q: Query) => void, q: Query) => ReactNode;
  columns: TableColumnsType<T>;
  actions?: ReactNode;
  reloadKey?: number;
}) {
  const { t, lang } = useI18n();
  // A link may name the search (the map's popup opens a compound by its name).
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<Query>(() => (params.get('q') ? { q: params.get('q')! } : {}));
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...filter, ...paging } as Query;
  const list = useLoad((signal) => api.get<PageOf<T>>(props.path, query, signal), `${JSON.stringify(query)}|${props.reloadKey ?? 0}`);
  const set = (q: Query) => {
    setFilter((f) => ({ ...f, ...q }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  return (
    <Page
      title={t(props.title)}
      testId={props.testId}
      extra={
        <Space wrap>
          {props.actions}
          <ExportButton path={`${props.path}/export.xlsx`} query={filter} filename={`${t(props.title)}.xlsx`} />
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          {props.filters(set, filter)}
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<T>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={props.columns}
        scroll={{ x: 900 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
      />
    </Page>
  );
}

const search = (set: (q: Query) => void, placeholder: string, q?: Query) => (
  <Input.Search
    allowClear
    placeholder={placeholder}
    defaultValue={(q?.q as string | undefined) ?? ''}
    onSearch={(v) => set({ q: v || undefined })}
    style={{ width: 240 }}
  />
);

export function CompoundsPage() {
  const { t } = useI18n();
  const a = useActions();
  const columns = useMemo<TableColumnsType<CompoundSummary>>(
    () => [
      { title: t('community.compound'), dataIndex: 'name', width: 200 },
      { title: t('field.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
      { title: t('community.company'), dataIndex: 'propertyCompanyName', width: 200, render: (v: string | null) => v ?? '—' },
      { title: t('community.households'), dataIndex: 'households', width: 90, render: (v: number | null) => v ?? '—' },
      { title: t('community.declarations'), dataIndex: 'declarations', width: 100 },
      { title: t('community.openReports'), dataIndex: 'openReports', width: 100 },
      { title: t('community.annotations'), dataIndex: 'annotations', width: 100 },
      {
        title: t('community.onMap'),
        key: 'map',
        width: 120,
        render: (_, r) => (r.lon === null ? '—' : `${r.lon.toFixed(4)}, ${r.lat!.toFixed(4)}`),
      },
      {
        title: t('act.actions'),
        key: 'actions',
        width: 200,
        render: (_, r) =>
          a.can('subject:write') && (
            <Space size={4}>
              {a.button(COMMUNITY_FORMS.compoundProfile, r.id)}
              {a.button(COMMUNITY_FORMS.annotation, r.id, { compoundId: r.id })}
            </Space>
          ),
      },
    ],
    [t, a.can, a.button],
  );
  return (
    <ListPage<CompoundSummary>
      title="menu.compounds"
      testId="compounds-page"
      path="/api/v1/compounds"
      columns={columns}
      reloadKey={a.tick}
      actions={a.drawer}
      filters={(set, q) => search(set, t('community.compound'), q)}
    />
  );
}

const STALL_COLORS: Record<StallPoint['state'], string> = { proposed: 'gold', approved: 'green', suspended: 'red' };

export function StallPointsPage() {
  const { t } = useI18n();
  const a = useActions();
  const columns = useMemo<TableColumnsType<StallPoint>>(
    () => [
      { title: t('community.stall'), dataIndex: 'name', width: 200 },
      {
        title: t('community.stallType'),
        dataIndex: 'pointType',
        width: 100,
        render: (v: StallPoint['pointType']) => t(`stalls.type.${v}`),
      },
      { title: t('stalls.hours'), key: 'h', width: 120, render: (_, r) => `${r.opensAt}–${r.closesAt}` },
      { title: t('stalls.capacity'), dataIndex: 'capacity', width: 80 },
      { title: t('stalls.rules'), dataIndex: 'rules' },
      {
        title: t('community.state'),
        dataIndex: 'state',
        width: 100,
        render: (s: StallPoint['state']) => <Tag color={STALL_COLORS[s]}>{t(`community.stallState.${s}`)}</Tag>,
      },
      { title: t('community.supervisions'), dataIndex: 'supervisions', width: 90 },
      {
        title: t('act.actions'),
        key: 'actions',
        width: 120,
        render: (_, r) => a.can('subject:write') && a.button(COMMUNITY_FORMS.stallStep, r.id),
      },
    ],
    [t, a.can, a.button],
  );
  return (
    <ListPage<StallPoint>
      title="menu.stallPoints"
      testId="stall-points-page"
      path="/api/v1/stall-points"
      columns={columns}
      reloadKey={a.tick}
      actions={
        <>
          {a.drawer}
          {a.can('subject:write') && a.button(COMMUNITY_FORMS.stallPoint)}
        </>
      }
      filters={(set, q) => (
        <>
          <Select
            allowClear
            placeholder={t('community.stallType')}
            value={q.pointType as string | undefined}
            onChange={(v: string | undefined) => set({ pointType: v })}
            options={(['featured', 'guided', 'outdoor'] as const).map((k) => ({ value: k, label: t(`stalls.type.${k}`) }))}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('community.state')}
            value={q.state as string | undefined}
            onChange={(v: string | undefined) => set({ state: v })}
            options={(['proposed', 'approved', 'suspended'] as const).map((k) => ({ value: k, label: t(`community.stallState.${k}`) }))}
            style={{ width: 140 }}
          />
        </>
      )}
    />
  );
}

export function WorkroomsPage() {
  const { t } = useI18n();
  const a = useActions();
  const columns = useMemo<TableColumnsType<Workroom>>(
    () => [
      { title: t('community.workroom'), dataIndex: 'name', width: 200 },
      { title: t('community.community'), dataIndex: 'community', width: 140 },
      { title: t('community.squad'), dataIndex: 'orgName', width: 140 },
      { title: t('community.hours'), dataIndex: 'openingHours', width: 180 },
      { title: t('community.officers'), key: 'o', render: (_, r) => r.officers.map((o) => o.name).join('、') || '—' },
      { title: t('community.activities'), dataIndex: 'activities', width: 90 },
      { title: t('community.tickets'), dataIndex: 'tickets', width: 90 },
      {
        title: t('act.actions'),
        key: 'actions',
        width: 200,
        render: (_, r) => (
          <Space size={4}>
            {a.can('duty:write') && a.button(COMMUNITY_FORMS.activity, r.id)}
            {a.can('ticket:write') && a.button(COMMUNITY_FORMS.complaint, r.id)}
          </Space>
        ),
      },
    ],
    [t, a.can, a.button],
  );
  return (
    <ListPage<Workroom>
      title="menu.workrooms"
      testId="workrooms-page"
      path="/api/v1/workrooms"
      columns={columns}
      reloadKey={a.tick}
      actions={
        <>
          {a.drawer}
          {a.can('duty:write') && a.button(COMMUNITY_FORMS.workroom)}
        </>
      }
      filters={(set) => search(set, t('community.workroom'))}
    />
  );
}
