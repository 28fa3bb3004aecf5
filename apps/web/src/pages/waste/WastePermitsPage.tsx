// 处置核准台账 (两点一线; docs/waste.md §1, rule W1): filters, server paging, Excel export, and registration in a drawer —
// the producing site, the disposal site(s), the company and its vehicles, the route's points clicked on the map or typed,
// the corridor's half-width and the period. The server's W1 refusal shows at the disposal-site field.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CreateWastePermitBody, WastePermit } from '@chengguan/contracts';
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
import { badRouteLine, crsOptions, FormDrawer, parseRoute, RouteField } from './waste-shared.tsx';
import { useCompanyOptions } from './WasteVehiclesPage.tsx';

type Filters = { q?: string; companyId?: string; validOn?: string };
type FormValues = Omit<CreateWastePermitBody, 'validFrom' | 'validUntil' | 'route'> & {
  validFrom: Dayjs;
  validUntil: Dayjs;
  routeText: string;
};

export default function WastePermitsPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => wasteApi.permits(query, signal), JSON.stringify(query));
  const companies = useCompanyOptions();
  const companyId = Form.useWatch('companyId', form) as string | undefined;
  const sites = useLoad((signal) => (creating ? wasteApi.sites({ pageSize: 100 }, signal) : Promise.resolve(null)), String(creating));
  const vehicles = useLoad(
    (signal) => (companyId ? wasteApi.vehicles({ companyId, pageSize: 100 }, signal) : Promise.resolve(null)),
    companyId ?? '',
  );
  const canWrite = !!me?.permissions.includes('waste:write');
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const create = useSubmit<CreateWastePermitBody, WastePermit>(
    form,
    (body, idempotencyKey) => wasteApi.createPermit(body, { idempotencyKey }),
    {
      successMessage: t('waste.saved'),
      fieldMap: { route: 'routeText' },
      onSuccess: () => {
        setCreating(false);
        list.reload();
      },
    },
  );
  const siteOptions = (kind: 'producing' | 'disposal') =>
    (sites.data?.items ?? []).filter((s) => s.kind === kind).map((s) => ({ value: s.id, label: s.name }));
  const columns = useMemo<TableColumnsType<WastePermit>>(
    () => [
      {
        title: t('waste.col.permitNumber'),
        dataIndex: 'number',
        width: 160,
        render: (n: string) => <span data-testid="waste-permit-number">{n}</span>,
      },
      { title: t('waste.col.producingSite'), dataIndex: 'producingSiteName', width: 160 },
      {
        title: t('waste.col.disposalSites'),
        dataIndex: 'disposalSites',
        width: 180,
        render: (d: WastePermit['disposalSites']) => d.map((s) => s.name).join('、'),
      },
      { title: t('waste.col.companyName'), dataIndex: 'companyName', width: 180 },
      { title: t('waste.col.plates'), dataIndex: 'plates', width: 200, render: (p: string[]) => p.join('、') },
      { title: t('waste.col.corridor'), dataIndex: 'corridorM', width: 110 },
      { title: t('waste.col.period'), key: 'period', width: 210, render: (_: unknown, p) => `${p.validFrom} ~ ${p.validUntil}` },
      {
        title: t('waste.col.permitStatus'),
        dataIndex: 'status',
        width: 100,
        render: (s: WastePermit['status']) => <Tag color={s === 'valid' ? 'green' : 'red'}>{t(`waste.licence.${s}`)}</Tag>,
      },
    ],
    [t],
  );
  return (
    <Page
      title={t('waste.permits.title')}
      testId="waste-permits-page"
      extra={
        <>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="waste-permit-new">
              {t('waste.permits.new')}
            </Button>
          )}
          <ExportButton path={wasteApi.permitsExportPath} query={filters as Query} filename={`${t('waste.permits.title')}.xlsx`} />
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('waste.permits.search')} />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('waste.col.companyName')}
            value={filters.companyId}
            onChange={(v: string | undefined) => setFilter({ companyId: v })}
            options={companies}
            style={{ width: 200 }}
          />
          <DatePicker
            placeholder={t('waste.permits.validOn')}
            value={filters.validOn ? dayjs(filters.validOn) : null}
            onChange={(d: Dayjs | null) => setFilter({ validOn: d ? d.format('YYYY-MM-DD') : undefined })}
          />
          <Button icon={<ReloadOutlined />} onClick={() => setFilter({ q: undefined, companyId: undefined, validOn: undefined })}>
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      <Alert type="info" showIcon message={t('waste.permits.w1')} style={{ marginBottom: 16 }} />
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<WastePermit>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="waste-permits-table"
      />
      <FormDrawer
        open={creating}
        title={t('waste.permits.new')}
        onClose={() => setCreating(false)}
        onSave={() =>
          void form.validateFields().then(({ routeText, validFrom, validUntil, ...v }: FormValues) =>
            create.submit({
              ...v,
              disposalSiteIds: v.disposalSiteIds ?? [],
              vehicleIds: v.vehicleIds ?? [],
              route: parseRoute(routeText ?? ''),
              validFrom: validFrom.format('YYYY-MM-DD'),
              validUntil: validUntil.format('YYYY-MM-DD'),
            }),
          )
        }
        saving={create.loading}
        testId="waste-permit-form"
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          data-testid="waste-permit-form"
          initialValues={{ crs: 'wgs84', corridorM: 100 }}
        >
          <Form.Item name="number" label={t('waste.field.permitNumber')} rules={[{ required: true, max: 40 }]}>
            <Input data-testid="waste-permit-number-input" />
          </Form.Item>
          <Form.Item name="producingSiteId" label={t('waste.field.producingSite')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={siteOptions('producing')} data-testid="waste-permit-producing" />
          </Form.Item>
          <Form.Item name="disposalSiteIds" label={t('waste.field.disposalSites')}>
            <Select mode="multiple" optionFilterProp="label" options={siteOptions('disposal')} data-testid="waste-permit-disposal" />
          </Form.Item>
          <Form.Item name="companyId" label={t('waste.field.company')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={companies} data-testid="waste-permit-company" />
          </Form.Item>
          <Form.Item name="vehicleIds" label={t('waste.field.vehicles')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(vehicles.data?.items ?? []).map((v) => ({ value: v.id, label: v.plate }))}
              data-testid="waste-permit-vehicles"
            />
          </Form.Item>
          <Form.Item
            name="routeText"
            label={t('waste.field.route')}
            rules={[
              { required: true },
              {
                validator: (_r, value: string | undefined) => {
                  const bad = badRouteLine(value ?? '');
                  if (bad !== null) return Promise.reject(new Error(t('waste.rule.routeLine', { n: bad })));
                  if (parseRoute(value ?? '').length < 2) return Promise.reject(new Error(t('waste.rule.routeTwo')));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input.TextArea rows={4} placeholder={t('waste.route.placeholder')} data-testid="waste-permit-route" />
          </Form.Item>
          <RouteField form={form} testId="waste-permit-route" />
          <Flex gap={12} wrap style={{ marginTop: 16 }}>
            <Form.Item name="crs" label={t('waste.field.crs')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 140 }}>
              <Select options={crsOptions(t)} />
            </Form.Item>
            <Form.Item
              name="corridorM"
              label={t('waste.field.corridor')}
              rules={[{ required: true, type: 'integer', min: 30, max: 1000 }]}
              style={{ flex: 1, minWidth: 140 }}
            >
              <InputNumber min={30} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name="validFrom" label={t('waste.field.validFrom')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 140 }}>
              <DatePicker style={{ width: '100%' }} data-testid="waste-permit-from" />
            </Form.Item>
            <Form.Item
              name="validUntil"
              label={t('waste.field.validUntil')}
              rules={[{ required: true }]}
              style={{ flex: 1, minWidth: 140 }}
            >
              <DatePicker style={{ width: '100%' }} data-testid="waste-permit-until" />
            </Form.Item>
          </Flex>
        </Form>
      </FormDrawer>
    </Page>
  );
}
