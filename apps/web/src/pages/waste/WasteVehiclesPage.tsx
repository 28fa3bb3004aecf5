// 建筑垃圾运输车辆台账 (docs/waste.md §1): filters, server paging, Excel export, registration in a drawer.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { CreateWasteVehicleBody, WasteVehicle } from '@chengguan/contracts';
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
import { FormDrawer } from './waste-shared.tsx';

type Filters = { q?: string; status?: string; companyId?: string };
type FormValues = Omit<CreateWasteVehicleBody, 'licenceValidUntil'> & { licenceValidUntil: Dayjs };

/** The companies the user sees, as options (the first 100 by name). */
export function useCompanyOptions(): { value: string; label: string }[] {
  const companies = useLoad((signal) => wasteApi.companies({ pageSize: 100 }, signal), 'companies');
  return (companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
}

export default function WasteVehiclesPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => wasteApi.vehicles(query, signal), JSON.stringify(query));
  const companies = useCompanyOptions();
  const canWrite = !!me?.permissions.includes('waste:write');
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const create = useSubmit<CreateWasteVehicleBody, WasteVehicle>(
    form,
    (body, idempotencyKey) => wasteApi.createVehicle(body, { idempotencyKey }),
    {
      successMessage: t('waste.saved'),
      onSuccess: () => {
        setCreating(false);
        list.reload();
      },
    },
  );
  const columns = useMemo<TableColumnsType<WasteVehicle>>(
    () => [
      { title: t('waste.col.plate'), dataIndex: 'plate', width: 130 },
      { title: t('waste.col.companyName'), dataIndex: 'companyName', width: 200 },
      { title: t('waste.col.vehicleLicence'), dataIndex: 'licenceNo', width: 150 },
      { title: t('waste.col.licenceValidUntil'), dataIndex: 'licenceValidUntil', width: 130 },
      {
        title: t('waste.col.vehicleStatus'),
        dataIndex: 'status',
        width: 100,
        render: (s: WasteVehicle['status']) => <Tag color={s === 'active' ? 'green' : 'red'}>{t(`waste.vehicle.${s}`)}</Tag>,
      },
      { title: t('waste.col.createdAt'), dataIndex: 'createdAt', width: 120, render: (d: string) => d.slice(0, 10) },
    ],
    [t],
  );
  const statuses = (['active', 'seized'] as const).map((s) => ({ value: s, label: t(`waste.vehicle.${s}`) }));
  return (
    <Page
      title={t('waste.vehicles.title')}
      testId="waste-vehicles-page"
      extra={
        <>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="waste-vehicle-new">
              {t('waste.vehicles.new')}
            </Button>
          )}
          <ExportButton path={wasteApi.vehiclesExportPath} query={filters as Query} filename={`${t('waste.vehicles.title')}.xlsx`} />
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('waste.vehicles.search')} />
          <Select
            allowClear
            placeholder={t('waste.col.vehicleStatus')}
            value={filters.status}
            onChange={(v: string | undefined) => setFilter({ status: v })}
            options={statuses}
            style={{ width: 120 }}
          />
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
          <Button icon={<ReloadOutlined />} onClick={() => setFilter({ q: undefined, status: undefined, companyId: undefined })}>
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<WasteVehicle>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="waste-vehicles-table"
      />
      <FormDrawer
        open={creating}
        title={t('waste.vehicles.new')}
        onClose={() => setCreating(false)}
        onSave={() =>
          void form
            .validateFields()
            .then((v: FormValues) => create.submit({ ...v, licenceValidUntil: v.licenceValidUntil.format('YYYY-MM-DD') }))
        }
        saving={create.loading}
        testId="waste-vehicle-form"
      >
        <Form form={form} layout="vertical" preserve={false} data-testid="waste-vehicle-form">
          <Form.Item name="companyId" label={t('waste.field.company')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={companies} />
          </Form.Item>
          <Form.Item name="plate" label={t('waste.field.plate')} rules={[{ required: true, min: 2, max: 16 }]}>
            <Input data-testid="waste-vehicle-plate" />
          </Form.Item>
          <Form.Item name="licenceNo" label={t('waste.field.vehicleLicence')} rules={[{ required: true, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="licenceValidUntil" label={t('waste.field.licenceValidUntil')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </FormDrawer>
    </Page>
  );
}
