// One 专项行动: its progress per area and round, and its 挂图作战 ledger — the problem points on the map (coloured by
// state) and in a list with filters, server paging and Excel export; a squad enters a point with its place and photos.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Spin,
  Table,
  Tag,
  TreeSelect,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { CampaignPoint, CampaignPointState, GeoPointBody } from '@chengguan/contracts';
import { CAMPAIGN_POINT_STATES } from '@chengguan/contracts';
import { convertPoint } from '@chengguan/domain';
import { campaignsApi } from '../../api/campaigns.ts';
import type { Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { toTreeSelect, useOrgTree } from '../../lib/orgTree.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { serverPagination } from '../../lib/paging.ts';
import { loadMapData, type MapData } from '../../map/map-data.ts';
import type { MapPoint } from '../../map/MapView.tsx';
import { LocationField } from '../../map/LocationField.tsx';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton, cleanQuery } from '../../components/ExportButton.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { PhotoUpload } from './PhotoUpload.tsx';

const MapView = lazy(() => import('../../map/MapView.tsx'));

export const STATE_COLOURS: Record<CampaignPointState, string> = { open: '#f5222d', pending_close: '#fa8c16', closed: '#52c41a' };

type Filters = { state?: string; keyword?: string; roundId?: string; orgId?: string };
type NewPoint = {
  orgId: string;
  roundId?: string;
  title: string;
  address: string;
  point: GeoPointBody;
  description?: string;
  beforePhotoSm3s?: string[];
};

export default function CampaignPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const canWork = !!me?.permissions.includes('campaign:work');
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const [mapData, setMapData] = useState<MapData | null>(null);
  const [form] = Form.useForm<NewPoint>();
  useEffect(() => {
    loadMapData().then(setMapData, () => setMapData(null));
  }, []);
  const campaign = useLoad((signal) => campaignsApi.get(id, signal), id);
  const progress = useLoad((signal) => campaignsApi.progress(id, signal), `p|${id}`);
  const query = cleanQuery({ ...filters, ...paging }) as Query;
  const list = useLoad((signal) => campaignsApi.points(id, query, signal), `${id}|${JSON.stringify(query)}`);
  // The map shows up to 200 points of the same filters (the list pages through all of them).
  const mapQuery = cleanQuery({ ...filters, page: 1, pageSize: 200 }) as Query;
  const onMap = useLoad((signal) => campaignsApi.points(id, mapQuery, signal), `map|${id}|${JSON.stringify(mapQuery)}`);
  const orgs = useOrgTree();
  const tree = useMemo(() => toTreeSelect(orgs.data ?? []), [orgs.data]);
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const points = useMemo<MapPoint[]>(
    () =>
      (onMap.data?.items ?? []).map((p) => ({
        id: p.id,
        lon: p.lon,
        lat: p.lat,
        title: `${p.number} ${p.title}`,
        color: STATE_COLOURS[p.state],
      })),
    [onMap.data],
  );
  const add = useSubmit<NewPoint, CampaignPoint>(
    form,
    (v, idempotencyKey) => {
      const [lon, lat] = convertPoint([v.point.lon, v.point.lat], v.point.crs, 'wgs84');
      return campaignsApi.createPoint(
        id,
        {
          orgId: v.orgId,
          title: v.title,
          address: v.address,
          lon: Math.round(lon * 1e6) / 1e6,
          lat: Math.round(lat * 1e6) / 1e6,
          ...(v.roundId ? { roundId: v.roundId } : {}),
          ...(v.description ? { description: v.description } : {}),
          beforePhotoSm3s: v.beforePhotoSm3s ?? [],
        },
        { idempotencyKey },
      );
    },
    { fieldMap: { lon: 'point', lat: 'point' }, onSuccess: (p) => navigate(`/campaign-points/${p.id}`) },
  );
  const c = campaign.data;
  const columns = useMemo<TableColumnsType<CampaignPoint>>(
    () => [
      {
        title: t('campaign.point.number'),
        dataIndex: 'number',
        width: 90,
        render: (n: string, r) => (
          <Link to={`/campaign-points/${r.id}`} data-testid="campaign-point-link">
            {n}
          </Link>
        ),
      },
      { title: t('campaign.point.title'), dataIndex: 'title', width: 180, ellipsis: true },
      { title: t('campaign.point.address'), dataIndex: 'address', width: 200, ellipsis: true },
      { title: t('campaign.point.org'), dataIndex: 'orgName', width: 140 },
      {
        title: t('campaign.point.round'),
        dataIndex: 'roundNo',
        width: 80,
        render: (n: number | null) => (n ? t('campaign.roundNo', { n }) : '—'),
      },
      {
        title: t('campaign.point.state'),
        dataIndex: 'state',
        width: 120,
        render: (s: CampaignPointState) => <Tag color={STATE_COLOURS[s]}>{t(`campaign.state.${s}`)}</Tag>,
      },
    ],
    [t],
  );
  return (
    <Page
      title={c?.title ?? t('campaign.list.title')}
      testId="campaign-page"
      extra={
        <>
          {canWork && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="campaign-point-new">
              {t('campaign.point.new')}
            </Button>
          )}
          <ExportButton path={campaignsApi.pointsExportPath(id)} query={cleanQuery(filters)} filename={`${t('campaign.ledger')}.xlsx`} />
        </>
      }
    >
      {!!campaign.error && <Alert type="error" showIcon message={errorText(campaign.error, t, lang)} style={{ marginBottom: 16 }} />}
      {c && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('campaign.col.org')}>{c.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('campaign.col.period')}>{`${c.periodFrom} ~ ${c.periodTo}`}</Descriptions.Item>
            <Descriptions.Item label={t('campaign.col.rounds')}>{`${c.rounds.length} / ${c.targetRounds}`}</Descriptions.Item>
            <Descriptions.Item label={t('campaign.targetPoints')}>{c.targetPoints}</Descriptions.Item>
            <Descriptions.Item label={t('campaign.col.progress')}>
              {t('campaign.counts', { closed: c.counts.closed, total: c.counts.total, pending: c.counts.pendingClose })}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {progress.data && (
        <Card size="small" title={t('campaign.byArea')} style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={progress.data.byArea}
            columns={[
              { title: t('campaign.col.areas'), dataIndex: 'orgName' },
              { title: t('campaign.state.open'), dataIndex: 'open' },
              { title: t('campaign.state.pending_close'), dataIndex: 'pendingClose' },
              { title: t('campaign.state.closed'), dataIndex: 'closed' },
              {
                title: t('campaign.col.progress'),
                dataIndex: 'closedRate',
                render: (r: number) => <Progress percent={Math.round(r * 100)} size="small" />,
              },
            ]}
            data-testid="campaign-by-area"
          />
        </Card>
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.keyword} onSearch={(keyword) => setFilter({ keyword })} placeholder={t('campaign.point.search')} />
          <Select
            allowClear
            placeholder={t('campaign.point.state')}
            style={{ width: 140 }}
            value={filters.state}
            onChange={(v: string | undefined) => setFilter({ state: v })}
            options={CAMPAIGN_POINT_STATES.map((s) => ({ value: s, label: t(`campaign.state.${s}`) }))}
            data-testid="campaign-point-state"
          />
          <Select
            allowClear
            placeholder={t('campaign.point.round')}
            style={{ width: 200 }}
            value={filters.roundId}
            onChange={(v: string | undefined) => setFilter({ roundId: v })}
            options={(c?.rounds ?? []).map((r) => ({ value: r.id, label: `${t('campaign.roundNo', { n: r.roundNo })} ${r.title}` }))}
          />
          <TreeSelect
            allowClear
            style={{ width: 200 }}
            placeholder={t('campaign.point.org')}
            treeData={tree}
            value={filters.orgId}
            onChange={(v: string | undefined) => setFilter({ orgId: v })}
          />
        </Flex>
      </Card>
      <Flex gap={16} wrap>
        <div style={{ flex: '1 1 420px', minWidth: 300 }}>
          {mapData ? (
            <Suspense fallback={<Spin />}>
              <MapView
                data={mapData}
                value={null}
                height={460}
                testId="campaign-map"
                unavailableText={t('campaign.map.unavailable')}
                points={points}
              />
            </Suspense>
          ) : (
            <Spin />
          )}
        </div>
        <div style={{ flex: '1 1 520px', minWidth: 300 }}>
          {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
          <DataTable<CampaignPoint>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: 800 }}
            pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
            data-testid="campaign-points-table"
          />
        </div>
      </Flex>
      <Modal
        open={adding}
        title={t('campaign.point.new')}
        onCancel={() => setAdding(false)}
        onOk={() => void form.validateFields().then((v) => add.submit(v))}
        confirmLoading={add.loading}
        okButtonProps={{ 'data-testid': 'campaign-point-submit' } as Record<`data-${string}`, string>}
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ orgId: me?.orgId }}>
          <Form.Item name="orgId" label={t('campaign.point.org')} rules={[{ required: true }]}>
            <TreeSelect treeData={tree} treeDefaultExpandAll />
          </Form.Item>
          <Form.Item name="roundId" label={t('campaign.point.round')}>
            <Select
              allowClear
              options={(c?.rounds ?? []).map((r) => ({ value: r.id, label: `${t('campaign.roundNo', { n: r.roundNo })} ${r.title}` }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('campaign.point.title')} rules={[{ required: true }]}>
            <Input maxLength={100} data-testid="campaign-point-title" />
          </Form.Item>
          <Form.Item name="address" label={t('campaign.point.address')} rules={[{ required: true }]}>
            <Input maxLength={200} data-testid="campaign-point-address" />
          </Form.Item>
          <Form.Item name="point" label={t('campaign.point.place')} rules={[{ required: true }]}>
            <LocationField orgId={me?.orgId} testId="campaign-point-place" />
          </Form.Item>
          <Form.Item name="description" label={t('campaign.point.description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="beforePhotoSm3s" label={t('campaign.point.before')}>
            <PhotoUpload testId="campaign-point-before" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
