import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CreateTicketCategoryBody, TicketCategoryAdmin, UpdateTicketCategoryBody } from '@chengguan/contracts';
import { categoryApi } from '../../api/command.ts';
import { type Query } from '../../api/client.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';

type Filters = { q?: string; active?: boolean };
type FormValues = {
  code?: string;
  nameZh: string;
  nameEn: string;
  parentCode?: string | null;
  defaultLimit: 'consultation' | 'ordinary';
  offenceCode?: string | null;
  sortOrder?: number;
  active?: boolean;
};

/** 诉件分类维护 (the city's administrator): the event categories as data — create, edit, disable; audited. */
export default function TicketCategoriesPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  // One list for the city: a district's administrator reads why he cannot edit it, and nothing is asked of the server.
  const city = !!me?.cityWide;
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<TicketCategoryAdmin | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const query = { ...filters, ...paging } as Query;
  const none = { items: [], total: 0, page: 1, pageSize: 20 };
  const list = useLoad(
    (signal) => (city ? categoryApi.list(query, signal) : Promise.resolve(none)),
    `${JSON.stringify(query)}:${reload}:${city}`,
  );
  const tops = useLoad((signal) => (city ? categoryApi.list({ pageSize: 200 }, signal) : Promise.resolve(none)), `tops:${reload}:${city}`);
  const parents = useMemo(
    () => (tops.data?.items ?? []).filter((c) => c.parentCode === null).map((c) => ({ value: c.code, label: `${c.code} ${c.nameZh}` })),
    [tops.data],
  );
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const open = (c: TicketCategoryAdmin | 'new') => {
    form.resetFields();
    if (c !== 'new')
      form.setFieldsValue({
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        defaultLimit: c.defaultLimit as 'consultation' | 'ordinary',
        offenceCode: c.offenceCode,
        sortOrder: c.sortOrder,
        active: c.active,
      });
    else form.setFieldsValue({ defaultLimit: 'ordinary' });
    setEditing(c);
  };
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const offence = v.offenceCode?.trim() ? v.offenceCode.trim() : null;
      if (editing === 'new') {
        const body: CreateTicketCategoryBody = {
          code: (v.code ?? '').trim(),
          nameZh: v.nameZh,
          nameEn: v.nameEn,
          parentCode: v.parentCode ?? null,
          defaultLimit: v.defaultLimit,
          offenceCode: offence,
          ...(v.sortOrder !== undefined && v.sortOrder !== null ? { sortOrder: v.sortOrder } : {}),
        };
        await categoryApi.create(body);
      } else if (editing) {
        const body: UpdateTicketCategoryBody = {
          nameZh: v.nameZh,
          nameEn: v.nameEn,
          defaultLimit: v.defaultLimit,
          offenceCode: offence,
          ...(v.sortOrder !== undefined && v.sortOrder !== null ? { sortOrder: v.sortOrder } : {}),
          ...(v.active !== undefined ? { active: v.active } : {}),
        };
        await categoryApi.update(editing.code, body);
      }
      void message.success(t('common.saved'));
      setEditing(null);
      setReload((r) => r + 1);
    } catch (err) {
      if (!applyServerErrors(form, err, lang)) void message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const columns = useMemo<TableColumnsType<TicketCategoryAdmin>>(
    () => [
      { title: t('cat.col.code'), dataIndex: 'code', width: 90 },
      { title: t('cat.col.nameZh'), dataIndex: 'nameZh', width: 200 },
      { title: t('cat.col.nameEn'), dataIndex: 'nameEn', width: 220, ellipsis: true },
      { title: t('cat.col.parent'), dataIndex: 'parentCode', width: 80, render: (p: string | null) => p ?? '—' },
      {
        title: t('cat.col.limits'),
        key: 'limits',
        width: 260,
        render: (_, c) => (
          <Flex gap={4} wrap>
            {c.limits.map((l) => (
              <Tag key={l.dispatchLevel}>{t('cat.limit', { level: t(`ticket.level.${l.dispatchLevel}`), n: l.workingDays })}</Tag>
            ))}
          </Flex>
        ),
      },
      {
        title: t('cat.col.offence'),
        key: 'offence',
        width: 220,
        ellipsis: true,
        render: (_, c) => (c.offenceCode ? `${c.offenceCode} ${c.offenceName ?? ''}` : '—'),
      },
      { title: t('cat.col.tickets'), dataIndex: 'ticketCount', width: 80 },
      {
        title: t('cat.col.active'),
        dataIndex: 'active',
        width: 80,
        render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? t('cat.active') : t('cat.disabled')}</Tag>,
      },
      {
        title: t('command.col.actions'),
        key: 'edit',
        width: 90,
        fixed: 'right',
        render: (_, c) => (
          <Button size="small" onClick={() => open(c)} data-testid="category-edit">
            {t('common.edit')}
          </Button>
        ),
      },
    ],
    // open is stable enough for a render callback
    [t],
  );
  if (!city)
    return (
      <Page title={t('cat.title')} testId="categories-page">
        <Alert type="info" showIcon message={t('cat.cityOnly')} data-testid="categories-city-only" />
      </Page>
    );
  return (
    <Page
      title={t('cat.title')}
      testId="categories-page"
      extra={
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="category-new">
            {t('cat.new')}
          </Button>
          <ExportButton path={categoryApi.exportPath} query={filters as Query} filename={`${t('cat.title')}.xlsx`} />
        </Space>
      }
    >
      <Alert type="info" showIcon message={t('cat.hint')} style={{ marginBottom: 16 }} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('cat.search')} />
          <Select
            allowClear
            placeholder={t('cat.col.active')}
            value={filters.active === undefined ? undefined : String(filters.active)}
            onChange={(v: string | undefined) => setFilter({ active: v === undefined ? undefined : v === 'true' })}
            options={[
              { value: 'true', label: t('cat.active') },
              { value: 'false', label: t('cat.disabled') },
            ]}
            style={{ width: 120 }}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setFilters({});
              setReload((r) => r + 1);
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<TicketCategoryAdmin>
        rowKey="code"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1300 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="categories-table"
      />
      <Drawer
        open={editing !== null}
        title={editing === 'new' ? t('cat.new') : editing ? `${t('common.edit')} ${editing.code}` : ''}
        onClose={() => setEditing(null)}
        width={460}
        destroyOnHidden
        extra={
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="category-save">
            {t('common.save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical">
          {editing === 'new' && (
            <>
              <Form.Item name="parentCode" label={t('cat.col.parent')} extra={t('cat.parentHint')}>
                <Select allowClear options={parents} />
              </Form.Item>
              <Form.Item
                name="code"
                label={t('cat.col.code')}
                extra={t('cat.codeHint')}
                rules={[{ required: true, message: t('common.required', { field: t('cat.col.code') }) }]}
              >
                <Input maxLength={6} data-testid="category-code" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="nameZh"
            label={t('cat.col.nameZh')}
            rules={[{ required: true, message: t('common.required', { field: t('cat.col.nameZh') }) }]}
          >
            <Input maxLength={40} data-testid="category-nameZh" />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('cat.col.nameEn')}
            rules={[{ required: true, message: t('common.required', { field: t('cat.col.nameEn') }) }]}
          >
            <Input maxLength={80} data-testid="category-nameEn" />
          </Form.Item>
          <Form.Item name="defaultLimit" label={t('cat.col.defaultLimit')} extra={t('cat.limitHint')}>
            <Radio.Group
              options={[
                { value: 'ordinary', label: t('cat.kind.ordinary') },
                { value: 'consultation', label: t('cat.kind.consultation') },
              ]}
            />
          </Form.Item>
          <Form.Item name="offenceCode" label={t('cat.col.offence')} extra={t('cat.offenceHint')}>
            <Input maxLength={40} allowClear />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('cat.col.sortOrder')}>
            <InputNumber min={0} max={9999} />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label={t('cat.col.active')} valuePropName="checked" extra={t('cat.disableHint')}>
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Drawer>
    </Page>
  );
}
