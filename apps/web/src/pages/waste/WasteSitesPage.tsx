// 建筑垃圾场所台账 (工地、消纳场、停车场; docs/waste.md §1): filters, server paging, Excel export, and registration in a
// drawer — the centre picked on the map or typed, the radius that makes its H3 cells.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Select, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CreateWasteSiteBody, WasteSite } from '@chengguan/contracts';
import { WASTE_SITE_KINDS } from '@chengguan/contracts';
import { wasteApi } from '../../api/waste.ts';
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
import { FormDrawer, PointFields, useOrgOptions } from './waste-shared.tsx';

type Filters = { q?: string; kind?: string; bureauId?: string };

export default function WasteSitesPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => wasteApi.sites(query, signal), JSON.stringify(query));
  const bureaus = useOrgOptions('district_bureau');
  const canWrite = !!me?.permissions.includes('waste:write');
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const create = useSubmit<CreateWasteSiteBody, WasteSite>(form, (body, idempotencyKey) => wasteApi.createSite(body, { idempotencyKey }), {
    successMessage: t('waste.saved'),
    onSuccess: () => {
      setCreating(false);
      list.reload();
    },
  });
  const columns = useMemo<TableColumnsType<WasteSite>>(
    () => [
      {
        title: t('waste.col.siteName'),
        dataIndex: 'name',
        width: 180,
        render: (n: string) => <span data-testid="waste-site-name">{n}</span>,
      },
      { title: t('waste.col.siteKind'), dataIndex: 'kind', width: 100, render: (k: WasteSite['kind']) => t(`waste.siteKind.${k}`) },
      { title: t('waste.col.bureau'), dataIndex: 'bureauName', width: 160 },
      { title: t('waste.col.address'), dataIndex: 'address', width: 220, ellipsis: true },
      { title: t('waste.col.point'), key: 'point', width: 190, render: (_: unknown, s) => `${s.lon.toFixed(5)}, ${s.lat.toFixed(5)}` },
      { title: t('waste.col.radius'), dataIndex: 'radiusM', width: 100 },
      { title: t('waste.col.cells'), dataIndex: 'cells', width: 100 },
      { title: t('waste.col.createdAt'), dataIndex: 'createdAt', width: 120, render: (d: string) => d.slice(0, 10) },
    ],
    [t],
  );
  const kinds = WASTE_SITE_KINDS.map((k) => ({ value: k, label: t(`waste.siteKind.${k}`) }));
  return (
    <Page
      title={t('waste.sites.title')}
      testId="waste-sites-page"
      extra={
        <>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="waste-site-new">
              {t('waste.sites.new')}
            </Button>
          )}
          <ExportButton path={wasteApi.sitesExportPath} query={filters as Query} filename={`${t('waste.sites.title')}.xlsx`} />
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('waste.sites.search')} />
          <Select
            allowClear
            placeholder={t('waste.col.siteKind')}
            value={filters.kind}
            onChange={(v: string | undefined) => setFilter({ kind: v })}
            options={kinds}
            style={{ width: 130 }}
          />
          <Select
            allowClear
            placeholder={t('waste.col.bureau')}
            value={filters.bureauId}
            onChange={(v: string | undefined) => setFilter({ bureauId: v })}
            options={bureaus}
            style={{ width: 180 }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => setFilter({ q: undefined, kind: undefined, bureauId: undefined })}>
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<WasteSite>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="waste-sites-table"
      />
      <FormDrawer
        open={creating}
        title={t('waste.sites.new')}
        onClose={() => setCreating(false)}
        onSave={() => void form.validateFields().then((v: CreateWasteSiteBody) => create.submit(v))}
        saving={create.loading}
        testId="waste-site-form"
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          data-testid="waste-site-form"
          initialValues={{ kind: 'producing', crs: 'wgs84', radiusM: 150, bureauId: bureaus.length === 1 ? bureaus[0]!.value : undefined }}
        >
          <Form.Item name="bureauId" label={t('waste.field.bureau')} rules={[{ required: true }]}>
            <Select options={bureaus} data-testid="waste-site-bureau" />
          </Form.Item>
          <Form.Item name="kind" label={t('waste.field.siteKind')} rules={[{ required: true }]}>
            <Select options={kinds} data-testid="waste-site-kind" />
          </Form.Item>
          <Form.Item name="name" label={t('waste.field.siteName')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="waste-site-name-input" />
          </Form.Item>
          <Form.Item name="address" label={t('waste.field.address')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="waste-site-address" />
          </Form.Item>
          <Form.Item name="radiusM" label={t('waste.field.radius')} rules={[{ required: true, type: 'integer', min: 20, max: 2000 }]}>
            <InputNumber min={20} max={2000} style={{ width: '100%' }} data-testid="waste-site-radius" />
          </Form.Item>
          <PointFields form={form} testId="waste-site" />
        </Form>
      </FormDrawer>
    </Page>
  );
}
