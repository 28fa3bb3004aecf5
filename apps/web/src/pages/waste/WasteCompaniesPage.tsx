// 建筑垃圾运输单位台账 (docs/waste.md §1): filters, server paging, Excel export, registration in a drawer.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { CreateWasteCompanyBody, WasteCompany } from '@chengguan/contracts';
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
import { FormDrawer, useOrgOptions } from './waste-shared.tsx';

type Filters = { q?: string; licenceStatus?: string; bureauId?: string };
type FormValues = Omit<CreateWasteCompanyBody, 'licenceValidUntil'> & { licenceValidUntil: Dayjs };

export default function WasteCompaniesPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => wasteApi.companies(query, signal), JSON.stringify(query));
  const bureaus = useOrgOptions('district_bureau');
  const canWrite = !!me?.permissions.includes('waste:write');
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const create = useSubmit<CreateWasteCompanyBody, WasteCompany>(
    form,
    (body, idempotencyKey) => wasteApi.createCompany(body, { idempotencyKey }),
    {
      successMessage: t('waste.saved'),
      onSuccess: () => {
        setCreating(false);
        list.reload();
      },
    },
  );
  const columns = useMemo<TableColumnsType<WasteCompany>>(
    () => [
      { title: t('waste.col.companyName'), dataIndex: 'name', width: 200 },
      { title: t('waste.col.creditCode'), dataIndex: 'creditCode', width: 190 },
      { title: t('waste.col.bureau'), dataIndex: 'bureauName', width: 160 },
      { title: t('waste.col.licenceNo'), dataIndex: 'licenceNo', width: 150 },
      { title: t('waste.col.licenceValidUntil'), dataIndex: 'licenceValidUntil', width: 130 },
      {
        title: t('waste.col.licenceStatus'),
        dataIndex: 'licenceStatus',
        width: 110,
        render: (s: WasteCompany['licenceStatus']) => <Tag color={s === 'valid' ? 'green' : 'red'}>{t(`waste.licence.${s}`)}</Tag>,
      },
      { title: t('waste.col.vehicles'), dataIndex: 'vehicles', width: 90 },
    ],
    [t],
  );
  const statuses = (['valid', 'revoked'] as const).map((s) => ({ value: s, label: t(`waste.licence.${s}`) }));
  return (
    <Page
      title={t('waste.companies.title')}
      testId="waste-companies-page"
      extra={
        <>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="waste-company-new">
              {t('waste.companies.new')}
            </Button>
          )}
          <ExportButton path={wasteApi.companiesExportPath} query={filters as Query} filename={`${t('waste.companies.title')}.xlsx`} />
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('waste.companies.search')} />
          <Select
            allowClear
            placeholder={t('waste.col.licenceStatus')}
            value={filters.licenceStatus}
            onChange={(v: string | undefined) => setFilter({ licenceStatus: v })}
            options={statuses}
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
          <Button icon={<ReloadOutlined />} onClick={() => setFilter({ q: undefined, licenceStatus: undefined, bureauId: undefined })}>
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<WasteCompany>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="waste-companies-table"
      />
      <FormDrawer
        open={creating}
        title={t('waste.companies.new')}
        onClose={() => setCreating(false)}
        onSave={() =>
          void form
            .validateFields()
            .then((v: FormValues) => create.submit({ ...v, licenceValidUntil: v.licenceValidUntil.format('YYYY-MM-DD') }))
        }
        saving={create.loading}
        testId="waste-company-form"
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          data-testid="waste-company-form"
          initialValues={{ bureauId: bureaus.length === 1 ? bureaus[0]!.value : undefined }}
        >
          <Form.Item name="bureauId" label={t('waste.field.bureau')} rules={[{ required: true }]}>
            <Select options={bureaus} />
          </Form.Item>
          <Form.Item name="name" label={t('waste.field.companyName')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="waste-company-name" />
          </Form.Item>
          <Form.Item
            name="creditCode"
            label={t('waste.field.creditCode')}
            rules={[{ required: true, pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, message: t('waste.rule.creditCode') }]}
          >
            <Input maxLength={18} data-testid="waste-company-credit" />
          </Form.Item>
          <Form.Item name="licenceNo" label={t('waste.field.licenceNo')} rules={[{ required: true, max: 40 }]}>
            <Input data-testid="waste-company-licence" />
          </Form.Item>
          <Form.Item name="licenceValidUntil" label={t('waste.field.licenceValidUntil')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </FormDrawer>
    </Page>
  );
}
