// The officers' lists of issue 17 (docs/compounds.md, docs/stall-map.md, docs/workrooms.md): residential compounds
// with their declarations, reports and annotations; stall points with type and approval; community workrooms. Each
// filters and pages on the server and exports the same filter to Excel.
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Drawer, Flex, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import {
  ANNOTATION_STATE_CODES,
  PROPERTY_PROBLEM_CODES,
  PROPERTY_REPORT_STATE_CODES,
  type CompoundSummary,
  type HouseAnnotation,
  type PageOf,
  type PropertyReport,
  type StallPoint,
  type Workroom,
} from '@chengguan/contracts';
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
import { bureauTime } from '../../lib/bureauTime';

type Action = { spec: ActionSpec; target: string; fixed?: Record<string, unknown>; initial?: Record<string, unknown>; note?: string };

/** The action drawer of a list page and the buttons that open it; a saved form reloads the list. */
function useActions() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [action, setAction] = useState<Action | null>(null);
  const [tick, setTick] = useState(0);
  const can = (p: string) => !!me?.permissions.includes(p);
  const button = (spec: ActionSpec, target = '', fixed?: Record<string, unknown>, more?: Pick<Action, 'initial' | 'note'>) => (
    <Button
      key={spec.key}
      size={target ? 'small' : 'middle'}
      type={target ? 'default' : 'primary'}
      onClick={() => setAction({ spec, target, fixed, ...more })}
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
      initial={action.initial}
      note={action.note}
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
  /** A notice above the list, given the page shown (e.g. that the outside system is a local simulator). */
  notice?: (items: readonly T[]) => ReactNode;
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
      {props.notice?.(list.data?.items ?? [])}
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

const REPORT_COLORS: Record<PropertyReport['state'], string> = { reported: 'gold', inspection: 'blue', case: 'red', closed: 'default' };
const ANNOTATION_COLORS: Record<HouseAnnotation['state'], string> = {
  annotating: 'processing',
  annotated: 'orange',
  releasing: 'processing',
  released: 'default',
};

function stateSelect(
  set: (q: Query) => void,
  q: Query,
  name: string,
  placeholder: string,
  options: { value: string; label: string }[],
  width = 140,
) {
  return (
    <Select
      allowClear
      placeholder={placeholder}
      value={q[name] as string | undefined}
      onChange={(v: string | undefined) => set({ [name]: v })}
      options={options}
      style={{ width }}
      data-testid={`filter-${name}`}
    />
  );
}

const when = (v: string | null) => (v ? bureauTime(v) : '—');

/** 物业报告: the property companies' reports of a compound, disposed of as an inspection task, a case or closed. */
export function PropertyReportsPage() {
  const { t } = useI18n();
  const a = useActions();
  const [shown, setShown] = useState<PropertyReport | null>(null);
  const columns = useMemo<TableColumnsType<PropertyReport>>(
    () => [
      {
        title: t('community.reportNumber'),
        dataIndex: 'number',
        width: 170,
        render: (n: string, r) => (
          <a onClick={() => setShown(r)} data-testid="property-report-link">
            {n}
          </a>
        ),
      },
      { title: t('community.compound'), dataIndex: 'compoundName', width: 180 },
      {
        title: t('community.problem'),
        dataIndex: 'problem',
        width: 130,
        render: (v: PropertyReport['problem']) => t(`community.problem.${v}`),
      },
      { title: t('community.room'), dataIndex: 'room', width: 90, render: (v: string | null) => v ?? '—' },
      { title: t('community.reporter'), dataIndex: 'reporterName', width: 140 },
      { title: t('community.reportedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => bureauTime(v) },
      {
        title: t('community.state'),
        dataIndex: 'state',
        width: 100,
        render: (v: PropertyReport['state']) => (
          <Tag color={REPORT_COLORS[v]} data-testid="property-report-state">
            {t(`community.reportState.${v}`)}
          </Tag>
        ),
      },
      {
        title: t('act.actions'),
        key: 'actions',
        width: 120,
        render: (_, r) =>
          r.state === 'reported' &&
          a.can('subject:write') &&
          a.button(COMMUNITY_FORMS.reportDispose, r.id, undefined, {
            initial: { location: `${r.compoundName}${r.room ? ` ${r.room}` : ''}`, facts: r.description },
          }),
      },
    ],
    [t, a.can, a.button],
  );
  return (
    <>
      <ListPage<PropertyReport>
        title="menu.propertyReports"
        testId="property-reports-page"
        path="/api/v1/property-reports"
        columns={columns}
        reloadKey={a.tick}
        actions={a.drawer}
        filters={(set, q) => (
          <>
            {search(set, t('community.searchReports'), q)}
            {stateSelect(
              set,
              q,
              'state',
              t('community.state'),
              PROPERTY_REPORT_STATE_CODES.map((k) => ({ value: k, label: t(`community.reportState.${k}`) })),
            )}
            {stateSelect(
              set,
              q,
              'problem',
              t('community.problem'),
              PROPERTY_PROBLEM_CODES.map((k) => ({ value: k, label: t(`community.problem.${k}`) })),
              160,
            )}
          </>
        )}
      />
      <Drawer
        open={!!shown}
        title={shown ? `${t('menu.propertyReports')} ${shown.number}` : ''}
        width="min(560px, 100vw)"
        onClose={() => setShown(null)}
        data-testid="property-report-detail"
      >
        {shown && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('community.compound')}>{shown.compoundName}</Descriptions.Item>
            <Descriptions.Item label={t('community.problem')}>{t(`community.problem.${shown.problem}`)}</Descriptions.Item>
            <Descriptions.Item label={t('community.room')}>{shown.room ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('community.reporter')}>{shown.reporterName}</Descriptions.Item>
            <Descriptions.Item label={t('community.reportedAt')}>{bureauTime(shown.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('community.description')}>{shown.description}</Descriptions.Item>
            <Descriptions.Item label={t('community.state')}>{t(`community.reportState.${shown.state}`)}</Descriptions.Item>
            {shown.inspectionTaskId && (
              <Descriptions.Item label={t('community.inspectionTask')}>
                <Link to="/inspection-tasks">{shown.inspectionTaskId.slice(0, 8)}</Link>
              </Descriptions.Item>
            )}
            {shown.caseId && (
              <Descriptions.Item label={t('community.case')}>
                <Link to={`/cases/${shown.caseId}`}>{t('community.openCase')}</Link>
              </Descriptions.Item>
            )}
            {shown.note && <Descriptions.Item label={t('community.disposalNote')}>{shown.note}</Descriptions.Item>}
          </Descriptions>
        )}
      </Drawer>
    </>
  );
}

/** 房屋注记 / 解注记: the annotations sent to the housing department, and their release. */
export function HouseAnnotationsPage() {
  const { t, lang } = useI18n();
  const a = useActions();
  const [shownId, setShownId] = useState<string | null>(null);
  const shown = useLoad(
    (signal) => (shownId ? api.get<HouseAnnotation>(`/api/v1/house-annotations/${shownId}`, undefined, signal) : Promise.resolve(null)),
    `${shownId ?? ''}|${a.tick}`,
  );
  const simulatorNote = t('community.housingSimulator');
  const columns = useMemo<TableColumnsType<HouseAnnotation>>(
    () => [
      { title: t('community.compound'), dataIndex: 'compoundName', width: 180 },
      {
        title: t('community.room'),
        dataIndex: 'room',
        width: 100,
        render: (v: string, r) => (
          <a onClick={() => setShownId(r.id)} data-testid="house-annotation-link">
            {v}
          </a>
        ),
      },
      { title: t('community.annotationReason'), dataIndex: 'reason' },
      {
        title: t('community.state'),
        dataIndex: 'state',
        width: 170,
        render: (v: HouseAnnotation['state'], r) => (
          <Space size={4}>
            <Tag color={ANNOTATION_COLORS[v]} data-testid="house-annotation-state">
              {t(`community.annotationState.${v}`)}
            </Tag>
            {r.simulator && <Tag color="warning">{t('community.housingSimulatorShort')}</Tag>}
          </Space>
        ),
      },
      { title: t('community.housingRef'), dataIndex: 'housingRef', width: 150, render: (v: string | null) => v ?? '—' },
      { title: t('community.annotatedAt'), dataIndex: 'annotatedAt', width: 150, render: when },
      {
        title: t('act.actions'),
        key: 'actions',
        width: 110,
        render: (_, r) =>
          r.state === 'annotated' &&
          a.can('subject:write') &&
          a.button(COMMUNITY_FORMS.annotationRelease, r.id, undefined, r.simulator ? { note: simulatorNote } : undefined),
      },
    ],
    [t, a.can, a.button, simulatorNote],
  );
  const d = shown.data;
  return (
    <>
      <ListPage<HouseAnnotation>
        title="menu.houseAnnotations"
        testId="house-annotations-page"
        path="/api/v1/house-annotations"
        columns={columns}
        reloadKey={a.tick}
        actions={a.drawer}
        notice={(items) =>
          items.some((x) => x.simulator) && (
            <Alert type="warning" showIcon message={simulatorNote} style={{ marginBottom: 16 }} data-testid="housing-simulator-banner" />
          )
        }
        filters={(set, q) => (
          <>
            {search(set, t('community.searchAnnotations'), q)}
            {stateSelect(
              set,
              q,
              'state',
              t('community.state'),
              ANNOTATION_STATE_CODES.map((k) => ({ value: k, label: t(`community.annotationState.${k}`) })),
            )}
          </>
        )}
      />
      <Drawer
        open={!!shownId}
        title={d ? `${d.compoundName} ${d.room}` : t('community.detail')}
        width="min(560px, 100vw)"
        onClose={() => setShownId(null)}
        data-testid="house-annotation-detail"
      >
        {!!shown.error && <Alert type="error" showIcon message={errorText(shown.error, t, lang)} />}
        {d && d.simulator && <Alert type="warning" showIcon message={simulatorNote} style={{ marginBottom: 16 }} />}
        {d && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('community.state')}>{t(`community.annotationState.${d.state}`)}</Descriptions.Item>
            <Descriptions.Item label={t('community.annotationReason')}>{d.reason}</Descriptions.Item>
            <Descriptions.Item label={t('community.housingRef')}>{d.housingRef ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('community.createdAt')}>{bureauTime(d.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('community.annotatedAt')}>{when(d.annotatedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('community.releaseReason')}>{d.releaseReason ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('community.releasedAt')}>{when(d.releasedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('community.attempts')}>{d.attempts}</Descriptions.Item>
            {d.lastError && <Descriptions.Item label={t('community.lastError')}>{d.lastError}</Descriptions.Item>}
          </Descriptions>
        )}
      </Drawer>
    </>
  );
}
