import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Modal, Select, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { CreateJointOrderBody, JointOrderSummary, OrgNode } from '@chengguan/contracts';
import { JOINT_ORDER_CATEGORY_CODES, JOINT_ORDER_DIRECTION_CODES, JOINT_ORDER_STATE_CODES } from '@chengguan/contracts';
import { coordinationApi } from '../../api/coordination.ts';
import { orgApi } from '../../api/endpoints.ts';
import { type Query } from '../../api/client.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { JointClockTag } from './JointClockTag.tsx';

type Filters = { state?: string; direction?: string; category?: string; partnerId?: string; overdue?: boolean; q?: string };

export function squadOptions(nodes: readonly OrgNode[]): { value: string; label: string }[] {
  return nodes.flatMap((n) => [...(n.kind === 'squad' && n.active ? [{ value: n.id, label: n.name }] : []), ...squadOptions(n.children)]);
}

/** 联合工单 list: filters, server paging, Excel export; a partner account sees its own unit's orders. */
export default function JointOrderListPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const [form] = Form.useForm();
  const [playForm] = Form.useForm<{ partnerId: string; orgId: string }>();
  const { message } = App.useApp();
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => coordinationApi.orders(query, signal), `${JSON.stringify(query)}:${reload}`);
  const partners = useLoad((signal) => coordinationApi.partners(signal), 'partners');
  const orgs = useLoad(
    (signal) => (creating || playing ? orgApi.tree() : Promise.resolve([] as OrgNode[])).then((x) => (signal.aborted ? [] : x)),
    String(creating || playing),
  );
  const isPartner = !!me?.roles.includes('partner');
  // The partner systems' connector: the page says plainly when it is the local simulator.
  const connector = useLoad((signal) => (isPartner ? Promise.resolve(null) : coordinationApi.connector(signal)), `connector:${reload}`);
  const canPlay = !!connector.data?.simulator && (!!me?.roles.includes('commander') || !!me?.roles.includes('admin'));
  const play = async () => {
    const v = await playForm.validateFields();
    setBusy(true);
    try {
      const r = await coordinationApi.playPartnerOrder(v);
      void message.success(t('joint.connector.played', { number: r.partnerOrderNo }));
      setPlaying(false);
      // The worker files it within seconds; the list is read again then.
      window.setTimeout(() => setReload((n) => n + 1), 3000);
    } catch (err) {
      if (!applyServerErrors(playForm, err, lang)) void message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const canCreate = isPartner || !!me?.permissions.includes('joint:write');
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const create = useSubmit<CreateJointOrderBody, { id: string }>(
    form,
    (body, idempotencyKey) => coordinationApi.createOrder(body, { idempotencyKey }),
    {
      onSuccess: (o) => navigate(`/joint-orders/${o.id}`),
    },
  );
  const columns = useMemo<TableColumnsType<JointOrderSummary>>(
    () => [
      {
        title: t('joint.col.number'),
        dataIndex: 'number',
        width: 170,
        render: (n: string, r) => (
          <Link to={`/joint-orders/${r.id}`} data-testid="joint-order-link">
            {n}
          </Link>
        ),
      },
      {
        title: t('joint.col.direction'),
        dataIndex: 'direction',
        width: 150,
        render: (d: JointOrderSummary['direction']) => t(`joint.direction.${d}`),
      },
      { title: t('joint.col.partner'), dataIndex: 'partnerName', width: 180, ellipsis: true },
      { title: t('joint.col.org'), dataIndex: 'orgName', width: 140 },
      { title: t('joint.col.title'), dataIndex: 'title', width: 200, ellipsis: true },
      { title: t('joint.col.plate'), dataIndex: 'vehiclePlate', width: 100, render: (p: string | null) => p ?? '—' },
      { title: t('joint.col.clock'), key: 'clock', width: 300, render: (_, r) => <JointClockTag clock={r.handle} /> },
      { title: t('joint.col.state'), dataIndex: 'state', width: 100, render: (s: JointOrderSummary['state']) => t(`joint.state.${s}`) },
    ],
    [t],
  );
  return (
    <Page
      title={t('joint.list.title')}
      testId="joint-orders-page"
      extra={
        <>
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="joint-order-new">
              {t('joint.new')}
            </Button>
          )}
          <ExportButton path={coordinationApi.ordersExportPath} query={filters as Query} filename={`${t('joint.list.title')}.xlsx`} />
        </>
      }
    >
      {connector.data?.enabled && (
        <Alert
          type={connector.data.simulator ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="partner-connector-banner"
          message={t(connector.data.simulator ? 'joint.connector.simulator' : 'joint.connector.live', {
            label: lang === 'en-US' ? connector.data.labelEn : connector.data.labelZh,
          })}
          description={t('joint.connector.callbacks', connector.data.callbacks)}
          action={
            canPlay ? (
              <Button size="small" onClick={() => setPlaying(true)} data-testid="partner-sim-play">
                {t('joint.connector.play')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Modal
        open={playing}
        title={t('joint.connector.play')}
        confirmLoading={busy}
        onCancel={() => setPlaying(false)}
        onOk={() => void play()}
        destroyOnHidden
      >
        <Form form={playForm} name="partner-sim" layout="vertical" preserve={false}>
          <Form.Item
            name="partnerId"
            label={t('joint.col.partner')}
            rules={[{ required: true, message: t('common.required', { field: t('joint.col.partner') }) }]}
          >
            <Select options={(partners.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item
            name="orgId"
            label={t('joint.col.org')}
            rules={[{ required: true, message: t('common.required', { field: t('joint.col.org') }) }]}
          >
            <Select showSearch optionFilterProp="label" options={squadOptions(orgs.data ?? [])} />
          </Form.Item>
        </Form>
      </Modal>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('joint.filter.search')} />
          <Checkbox checked={!!filters.overdue} onChange={(e) => setFilter({ overdue: e.target.checked || undefined })}>
            {t('joint.filter.overdue')}
          </Checkbox>
          <Select
            allowClear
            placeholder={t('joint.col.state')}
            value={filters.state}
            onChange={(v: string | undefined) => setFilter({ state: v })}
            options={JOINT_ORDER_STATE_CODES.map((s) => ({ value: s, label: t(`joint.state.${s}`) }))}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            placeholder={t('joint.col.direction')}
            value={filters.direction}
            onChange={(v: string | undefined) => setFilter({ direction: v })}
            options={JOINT_ORDER_DIRECTION_CODES.map((s) => ({ value: s, label: t(`joint.direction.${s}`) }))}
            style={{ width: 170 }}
          />
          <Select
            allowClear
            placeholder={t('joint.col.category')}
            value={filters.category}
            onChange={(v: string | undefined) => setFilter({ category: v })}
            options={JOINT_ORDER_CATEGORY_CODES.map((s) => ({ value: s, label: t(`joint.category.${s}`) }))}
            style={{ width: 150 }}
          />
          {!isPartner && (
            <Select
              allowClear
              placeholder={t('joint.col.partner')}
              value={filters.partnerId}
              onChange={(v: string | undefined) => setFilter({ partnerId: v })}
              options={(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              style={{ width: 220 }}
            />
          )}
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
      <DataTable<JointOrderSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1300 }}
        rowClassName={(r) => (r.handle.status === 'overdue' ? 'row-overdue' : '')}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="joint-orders-table"
      />
      <Modal
        open={creating}
        title={t('joint.new')}
        okText={t('joint.new.submit')}
        confirmLoading={create.loading}
        onCancel={() => setCreating(false)}
        onOk={() => void form.validateFields().then((v: CreateJointOrderBody) => create.submit(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} data-testid="joint-order-form">
          {!isPartner && (
            <Form.Item name="partnerId" label={t('joint.field.partner')} rules={[{ required: true }]}>
              <Select options={(partners.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          )}
          <Form.Item name="orgId" label={t('joint.field.org')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={squadOptions(orgs.data ?? [])}
              loading={orgs.loading}
              data-testid="joint-order-org"
            />
          </Form.Item>
          <Form.Item name="category" label={t('joint.field.category')} rules={[{ required: true }]} initialValue="muck_truck">
            <Select options={JOINT_ORDER_CATEGORY_CODES.map((s) => ({ value: s, label: t(`joint.category.${s}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('joint.field.title')} rules={[{ required: true, min: 2, max: 100 }]}>
            <Input data-testid="joint-order-title" />
          </Form.Item>
          <Form.Item name="content" label={t('joint.field.content')} rules={[{ required: true, min: 2, max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="joint-order-content" />
          </Form.Item>
          <Form.Item name="address" label={t('joint.field.address')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="vehiclePlate" label={t('joint.field.plate')}>
            <Input data-testid="joint-order-plate" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
