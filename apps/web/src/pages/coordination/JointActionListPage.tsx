import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Modal, Progress, Select, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import type { CreateJointActionBody, JointActionSummary, OrgNode } from '@chengguan/contracts';
import { JOINT_ACTION_STATE_CODES } from '@chengguan/contracts';
import { coordinationApi } from '../../api/coordination.ts';
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
import { ListSearch } from '../../components/ListSearch.tsx';
import { squadOptions } from './JointOrderListPage.tsx';
import { bureauTime } from '../../lib/bureauTime';

type Filters = { state?: string; q?: string };
type LaunchValues = {
  title: string;
  objective: string;
  area: string;
  window: [Dayjs, Dayjs];
  orgIds: string[];
  partnerIds?: string[];
  task: string;
};

/** 联合行动 list (the commander's scope, or the actions a squad or partner takes part in) and the launch form. */
export default function JointActionListPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [launching, setLaunching] = useState(false);
  const [form] = Form.useForm<LaunchValues>();
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => coordinationApi.actions(query, signal), JSON.stringify(query));
  const orgs = useLoad(
    (signal) => (launching ? orgApi.tree() : Promise.resolve([] as OrgNode[])).then((x) => (signal.aborted ? [] : x)),
    String(launching),
  );
  const partners = useLoad((signal) => (launching ? coordinationApi.partners(signal) : Promise.resolve([])), `p${launching}`);
  const canLaunch = !!me?.permissions.includes('joint:command');
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const launch = useSubmit<CreateJointActionBody, { id: string }>(
    form,
    (body, idempotencyKey) => coordinationApi.createAction(body, { idempotencyKey }),
    {
      onSuccess: (a) => navigate(`/joint-actions/${a.id}`),
      fieldMap: { startsAt: 'window', endsAt: 'window', tasks: 'orgIds' },
    },
  );
  const toBody = (v: LaunchValues): CreateJointActionBody => ({
    title: v.title,
    objective: v.objective,
    area: v.area,
    startsAt: v.window[0].toISOString(),
    endsAt: v.window[1].toISOString(),
    tasks: [
      ...v.orgIds.map((orgId) => ({ orgId, task: v.task })),
      ...(v.partnerIds ?? []).map((partnerId) => ({ partnerId, task: v.task })),
    ],
  });
  const columns = useMemo<TableColumnsType<JointActionSummary>>(
    () => [
      {
        title: t('jact.col.number'),
        dataIndex: 'number',
        width: 170,
        render: (n: string, r) => (
          <Link to={`/joint-actions/${r.id}`} data-testid="joint-action-link">
            {n}
          </Link>
        ),
      },
      { title: t('jact.col.title'), dataIndex: 'title', width: 220, ellipsis: true },
      { title: t('jact.col.area'), dataIndex: 'area', width: 180, ellipsis: true },
      {
        title: t('jact.col.window'),
        key: 'window',
        width: 300,
        render: (_, r) => `${bureauTime(r.startsAt)} – ${bureauTime(r.endsAt)}`,
      },
      {
        title: t('jact.col.progress'),
        key: 'progress',
        width: 180,
        render: (_, r) => (
          <Progress percent={r.progress.percent} size="small" format={() => `${r.progress.reported}/${r.progress.total}`} />
        ),
      },
      { title: t('jact.col.state'), dataIndex: 'state', width: 100, render: (s: JointActionSummary['state']) => t(`jact.state.${s}`) },
    ],
    [t],
  );
  return (
    <Page
      title={t('jact.list.title')}
      testId="joint-actions-page"
      extra={
        canLaunch && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setLaunching(true)} data-testid="joint-action-new">
            {t('jact.new')}
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('jact.filter.search')} />
          <Select
            allowClear
            placeholder={t('jact.col.state')}
            value={filters.state}
            onChange={(v: string | undefined) => setFilter({ state: v })}
            options={JOINT_ACTION_STATE_CODES.map((s) => ({ value: s, label: t(`jact.state.${s}`) }))}
            style={{ width: 120 }}
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
      <DataTable<JointActionSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1200 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="joint-actions-table"
      />
      <Modal
        open={launching}
        title={t('jact.new')}
        okText={t('jact.new.submit')}
        confirmLoading={launch.loading}
        onCancel={() => setLaunching(false)}
        onOk={() => void form.validateFields().then((v) => launch.submit(toBody(v)))}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" preserve={false} data-testid="joint-action-form">
          <Form.Item name="title" label={t('jact.field.title')} rules={[{ required: true, min: 2, max: 100 }]}>
            <Input data-testid="joint-action-title" />
          </Form.Item>
          <Form.Item name="objective" label={t('jact.field.objective')} rules={[{ required: true, min: 2, max: 1000 }]}>
            <Input.TextArea rows={2} data-testid="joint-action-objective" />
          </Form.Item>
          <Form.Item name="area" label={t('jact.field.area')} rules={[{ required: true, min: 2, max: 200 }]}>
            <Input data-testid="joint-action-area" />
          </Form.Item>
          <Form.Item name="window" label={t('jact.field.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime data-testid="joint-action-window" />
          </Form.Item>
          <Form.Item name="orgIds" label={t('jact.field.squads')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={squadOptions(orgs.data ?? [])}
              loading={orgs.loading}
              data-testid="joint-action-squads"
            />
          </Form.Item>
          <Form.Item name="partnerIds" label={t('jact.field.partners')}>
            <Select mode="multiple" options={(partners.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item
            name="task"
            label={t('jact.field.task')}
            rules={[{ required: true, min: 2, max: 500 }]}
            initialValue={t('jact.field.taskDefault')}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
