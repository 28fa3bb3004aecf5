// 非现场执法设备台账: filters, server paging, Excel export, the devices on the map, registration with field errors, and
// each device's missing conditions under 《中华人民共和国行政处罚法》第四十一条 (rule A5) and 浦东's list (E11).
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Spin,
  Tag,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { CreateOffsiteDeviceBody, OffsiteDevice, OrgNode } from '@chengguan/contracts';
import { OFFSITE_DEVICE_KINDS, OFFSITE_DEVICE_STATUSES } from '@chengguan/contracts';
import { offsiteApi } from '../../api/offsite.ts';
import { orgApi } from '../../api/endpoints.ts';
import { type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { Citation } from '../../components/Citation.tsx';
import { loadMapData, type MapData } from '../../map/map-data.ts';
import type { MapPoint } from '../../map/MapView.tsx';
import { bureauToday } from '../../lib/bureauTime';

const MapView = lazy(() => import('../../map/MapView.tsx'));

type Filters = { q?: string; kind?: string; scene?: string; status?: string; usable?: boolean };
type FormValues = Omit<CreateOffsiteDeviceBody, 'legalReviewOn' | 'publishedOn' | 'certOn' | 'certUntil'> & {
  legalReviewOn?: Dayjs;
  publishedOn?: Dayjs;
  certOn?: Dayjs;
  certUntil?: Dayjs;
};

function orgOptions(nodes: readonly OrgNode[]): { value: string; label: string }[] {
  return nodes.flatMap((n) => [...(n.active ? [{ value: n.id, label: n.name }] : []), ...orgOptions(n.children)]);
}

export function DeviceIssues({ device }: { device: OffsiteDevice }) {
  const { t } = useI18n();
  if (device.usable) return <Alert type="success" showIcon message={t('offsite.device.complete')} data-testid="device-complete" />;
  return (
    <Alert
      type="warning"
      showIcon
      message={t('offsite.device.missing')}
      data-testid="device-issues"
      description={
        <List
          size="small"
          dataSource={device.issues}
          renderItem={(i) => (
            <List.Item>
              <span>
                {i.scene ? `【${i.scene}】` : ''}
                {i.message} <Citation articles={i.basis} ruleId={i.ruleId} />
              </span>
            </List.Item>
          )}
        />
      }
    />
  );
}

export default function DeviceListPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<OffsiteDevice | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [mapData, setMapData] = useState<MapData | null>(null);
  const [form] = Form.useForm();
  useEffect(() => {
    loadMapData().then(setMapData, () => setMapData(null));
  }, []);
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => offsiteApi.devices(query, signal), JSON.stringify(query));
  const scenes = useLoad((signal) => offsiteApi.scenes(signal), 'scenes');
  const orgs = useLoad(
    (signal) => (creating ? orgApi.tree() : Promise.resolve([] as OrgNode[])).then((x) => (signal.aborted ? [] : x)),
    String(creating),
  );
  const canWrite = !!me?.permissions.includes('offsite:device');
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const sceneName = (code: string) => scenes.data?.find((s) => s.code === code)?.[lang.startsWith('en') ? 'nameEn' : 'name'] ?? code;
  const create = useSubmit<CreateOffsiteDeviceBody, OffsiteDevice>(
    form,
    (body, idempotencyKey) => offsiteApi.createDevice(body, { idempotencyKey }),
    {
      onSuccess: (d) => {
        setCreating(false);
        if (d.secretHex) setSecret(d.secretHex);
        setShown(d);
        list.reload();
      },
    },
  );
  const points = useMemo<MapPoint[]>(
    () =>
      (list.data?.items ?? [])
        .filter((d) => d.lon !== null && d.lat !== null)
        .map((d) => ({ id: d.id, lon: d.lon!, lat: d.lat!, title: `${d.code} ${d.name}`, color: d.usable ? '#1677ff' : '#fa541c' })),
    [list.data],
  );
  const columns = useMemo<TableColumnsType<OffsiteDevice>>(
    () => [
      {
        title: t('offsite.col.code'),
        dataIndex: 'code',
        width: 150,
        render: (c: string, d) => (
          <a onClick={() => setShown(d)} data-testid="device-link">
            {c}
          </a>
        ),
      },
      { title: t('offsite.col.kind'), dataIndex: 'kind', width: 110, render: (k: OffsiteDevice['kind']) => t(`offsite.kind.${k}`) },
      { title: t('offsite.col.name'), dataIndex: 'name', width: 180, ellipsis: true },
      { title: t('offsite.col.org'), dataIndex: 'orgName', width: 150 },
      { title: t('offsite.col.address'), dataIndex: 'address', width: 200, ellipsis: true, render: (a: string | null) => a ?? '—' },
      { title: t('offsite.col.scenes'), dataIndex: 'scenes', width: 180, render: (s: string[]) => s.map(sceneName).join('、') },
      { title: t('offsite.col.certUntil'), dataIndex: 'certUntil', width: 120, render: (d: string | null) => d ?? '—' },
      { title: t('offsite.col.status'), dataIndex: 'status', width: 80, render: (s: OffsiteDevice['status']) => t(`offsite.status.${s}`) },
      {
        title: t('offsite.col.usable'),
        dataIndex: 'usable',
        width: 120,
        render: (u: boolean) => <Tag color={u ? 'green' : 'orange'}>{t(u ? 'offsite.usable.yes' : 'offsite.usable.no')}</Tag>,
      },
    ],
    [t, scenes.data, lang],
  );
  const toBody = (v: FormValues): CreateOffsiteDeviceBody => {
    const day = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : null);
    return {
      ...v,
      scenes: v.scenes ?? [],
      legalReviewOn: day(v.legalReviewOn),
      publishedOn: day(v.publishedOn),
      certOn: day(v.certOn),
      certUntil: day(v.certUntil),
    };
  };
  return (
    <Page
      title={t('offsite.devices.title')}
      testId="offsite-devices-page"
      extra={
        <>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="device-new">
              {t('offsite.devices.new')}
            </Button>
          )}
          <ExportButton path={offsiteApi.devicesExportPath} query={filters as Query} filename={`${t('offsite.devices.title')}.xlsx`} />
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('offsite.devices.search')} />
          <Select
            allowClear
            placeholder={t('offsite.col.kind')}
            value={filters.kind}
            onChange={(v: string | undefined) => setFilter({ kind: v })}
            options={OFFSITE_DEVICE_KINDS.map((k) => ({ value: k, label: t(`offsite.kind.${k}`) }))}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('offsite.col.scenes')}
            value={filters.scene}
            onChange={(v: string | undefined) => setFilter({ scene: v })}
            options={(scenes.data ?? []).map((s) => ({ value: s.code, label: sceneName(s.code) }))}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('offsite.col.status')}
            value={filters.status}
            onChange={(v: string | undefined) => setFilter({ status: v })}
            options={OFFSITE_DEVICE_STATUSES.map((k) => ({ value: k, label: t(`offsite.status.${k}`) }))}
            style={{ width: 110 }}
          />
          <Select
            allowClear
            placeholder={t('offsite.col.usable')}
            value={filters.usable === undefined ? undefined : String(filters.usable)}
            onChange={(v: string | undefined) => setFilter({ usable: v === undefined ? undefined : v === 'true' })}
            options={[
              { value: 'true', label: t('offsite.devices.usableOnly') },
              { value: 'false', label: t('offsite.devices.unusableOnly') },
            ]}
            style={{ width: 150 }}
            data-testid="device-usable-filter"
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setFilters({});
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      {secret && (
        <Alert
          type="info"
          showIcon
          closable
          onClose={() => setSecret(null)}
          message={t('offsite.devices.secretShown', { secret })}
          style={{ marginBottom: 16 }}
        />
      )}
      <DataTable<OffsiteDevice>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1300 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="offsite-devices-table"
      />
      <Card size="small" title={t('offsite.devices.map')} style={{ marginTop: 16 }}>
        {mapData ? (
          <Suspense fallback={<Spin />}>
            <MapView
              data={mapData}
              value={null}
              height={360}
              testId="offsite-device-map"
              unavailableText={t('offsite.devices.mapUnavailable')}
              points={points}
            />
          </Suspense>
        ) : (
          <Spin />
        )}
      </Card>
      <Drawer
        open={!!shown}
        width={520}
        title={shown ? t('offsite.device.title', { code: shown.code }) : ''}
        onClose={() => setShown(null)}
        destroyOnHidden
      >
        {shown && (
          <Flex vertical gap={12} data-testid="device-drawer">
            <DeviceIssues device={shown} />
            <List
              size="small"
              bordered
              dataSource={[
                [t('offsite.field.kind'), t(`offsite.kind.${shown.kind}`)],
                [t('offsite.field.name'), shown.name],
                [t('offsite.field.org'), shown.orgName],
                [t('offsite.field.address'), shown.address ?? '—'],
                [t('offsite.field.scenes'), shown.scenes.map(sceneName).join('、') || '—'],
                [
                  t('offsite.field.legalReviewOn'),
                  `${shown.legalReviewOn ?? '—'} ${shown.legalReviewer ?? ''} ${shown.legalReviewDoc ?? ''}`,
                ],
                [t('offsite.field.publishedOn'), `${shown.publishedOn ?? '—'} ${shown.publishedWhere ?? ''}`],
                [t('offsite.field.certNo'), `${shown.certBody ?? '—'} ${shown.certNo ?? ''}`],
                [t('offsite.field.certUntil'), `${shown.certOn ?? '—'} ~ ${shown.certUntil ?? '—'}`],
                [t('offsite.col.status'), t(`offsite.status.${shown.status}`)],
              ]}
              renderItem={([k, v]) => (
                <List.Item>
                  <b style={{ width: 130, display: 'inline-block' }}>{k}</b> {v}
                </List.Item>
              )}
            />
          </Flex>
        )}
      </Drawer>
      <Modal
        open={creating}
        width={640}
        title={t('offsite.devices.new')}
        okText={t('offsite.devices.save')}
        confirmLoading={create.loading}
        onCancel={() => setCreating(false)}
        onOk={() => void form.validateFields().then((v: FormValues) => create.submit(toBody(v)))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} data-testid="device-form" initialValues={{ kind: 'camera', scenes: [] }}>
          <Flex gap={12}>
            <Form.Item
              name="code"
              label={t('offsite.field.code')}
              rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,40}$/ }]}
              style={{ flex: 1 }}
            >
              <Input data-testid="device-code" />
            </Form.Item>
            <Form.Item name="kind" label={t('offsite.field.kind')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Select options={OFFSITE_DEVICE_KINDS.map((k) => ({ value: k, label: t(`offsite.kind.${k}`) }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="name" label={t('offsite.field.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="device-name" />
          </Form.Item>
          <Form.Item name="orgId" label={t('offsite.field.org')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={orgOptions(orgs.data ?? [])}
              loading={orgs.loading}
              data-testid="device-org"
            />
          </Form.Item>
          <Form.Item name="address" label={t('offsite.field.address')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="lon" label={t('offsite.field.lon')} style={{ flex: 1 }}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} data-testid="device-lon" />
            </Form.Item>
            <Form.Item name="lat" label={t('offsite.field.lat')} style={{ flex: 1 }}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} data-testid="device-lat" />
            </Form.Item>
          </Flex>
          <Form.Item name="scenes" label={t('offsite.field.scenes')}>
            <Select
              mode="multiple"
              options={(scenes.data ?? []).map((s) => ({ value: s.code, label: sceneName(s.code) }))}
              data-testid="device-scenes"
            />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="legalReviewOn" label={t('offsite.field.legalReviewOn')} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} maxDate={bureauToday()} />
            </Form.Item>
            <Form.Item name="legalReviewer" label={t('offsite.field.legalReviewer')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </Flex>
          <Form.Item name="legalReviewDoc" label={t('offsite.field.legalReviewDoc')}>
            <Input />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="publishedOn" label={t('offsite.field.publishedOn')} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="publishedWhere" label={t('offsite.field.publishedWhere')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="certBody" label={t('offsite.field.certBody')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
            <Form.Item name="certNo" label={t('offsite.field.certNo')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="certOn" label={t('offsite.field.certOn')} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="certUntil" label={t('offsite.field.certUntil')} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item name="ownSecret" valuePropName="checked">
            <Checkbox>{t('offsite.field.ownSecret')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
