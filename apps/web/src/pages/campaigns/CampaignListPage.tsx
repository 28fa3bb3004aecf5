// 专项行动 list: running on a date, covering an area, by title; server paging, Excel export; a bureau leader starts a
// campaign with its period, areas, targets and first rounds.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Progress, TreeSelect, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import type { CreateSpecialCampaignBody, SpecialCampaign } from '@chengguan/contracts';
import { campaignsApi } from '../../api/campaigns.ts';
import type { Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { toTreeSelect, useOrgTree } from '../../lib/orgTree.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton, cleanQuery } from '../../components/ExportButton.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';

type Filters = { keyword?: string; activeOn?: string; areaOrgId?: string };
type NewCampaign = {
  orgId: string;
  title: string;
  period: [Dayjs, Dayjs];
  areaOrgIds: string[];
  targetPoints: number;
  targetRounds: number;
  note?: string;
};

export default function CampaignListPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const canPlan = !!me?.permissions.includes('campaign:plan');
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewCampaign>();
  const query = cleanQuery({ ...filters, ...paging }) as Query;
  const list = useLoad((signal) => campaignsApi.list(query, signal), JSON.stringify(query));
  const orgs = useOrgTree();
  const tree = useMemo(() => toTreeSelect(orgs.data ?? []), [orgs.data]);
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const create = useSubmit<NewCampaign, SpecialCampaign>(
    form,
    (v, idempotencyKey) => {
      const body: CreateSpecialCampaignBody = {
        orgId: v.orgId,
        title: v.title,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        areaOrgIds: v.areaOrgIds,
        targetPoints: v.targetPoints,
        targetRounds: v.targetRounds,
        ...(v.note ? { note: v.note } : {}),
      };
      return campaignsApi.create(body, { idempotencyKey });
    },
    { fieldMap: { periodFrom: 'period', periodTo: 'period' }, onSuccess: (c) => navigate(`/campaigns/${c.id}`) },
  );
  const columns = useMemo<TableColumnsType<SpecialCampaign>>(
    () => [
      {
        title: t('campaign.col.title'),
        dataIndex: 'title',
        width: 220,
        render: (title: string, r) => (
          <Link to={`/campaigns/${r.id}`} data-testid="campaign-link">
            {title}
          </Link>
        ),
      },
      { title: t('campaign.col.org'), dataIndex: 'orgName', width: 160 },
      { title: t('campaign.col.period'), key: 'period', width: 200, render: (_, r) => `${r.periodFrom} ~ ${r.periodTo}` },
      {
        title: t('campaign.col.areas'),
        key: 'areas',
        width: 200,
        ellipsis: true,
        render: (_, r) => r.areas.map((a) => a.orgName).join('、'),
      },
      { title: t('campaign.col.rounds'), key: 'rounds', width: 110, render: (_, r) => `${r.rounds.length} / ${r.targetRounds}` },
      {
        title: t('campaign.col.progress'),
        key: 'progress',
        width: 220,
        render: (_, r) => (
          <Flex vertical>
            <Progress percent={Math.round(r.counts.closedRate * 100)} size="small" />
            <span style={{ fontSize: 12 }}>
              {t('campaign.counts', { closed: r.counts.closed, total: r.counts.total, pending: r.counts.pendingClose })}
            </span>
          </Flex>
        ),
      },
    ],
    [t],
  );
  return (
    <Page
      title={t('campaign.list.title')}
      testId="campaigns-page"
      extra={
        <>
          {canPlan && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">
              {t('campaign.new')}
            </Button>
          )}
          <ExportButton path={campaignsApi.exportPath} query={cleanQuery(filters)} filename={`${t('campaign.list.title')}.xlsx`} />
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.keyword} onSearch={(keyword) => setFilter({ keyword })} placeholder={t('campaign.filter.search')} />
          <DatePicker
            placeholder={t('campaign.filter.activeOn')}
            value={filters.activeOn ? dayjs(filters.activeOn) : null}
            onChange={(d) => setFilter({ activeOn: d ? d.format('YYYY-MM-DD') : undefined })}
          />
          <TreeSelect
            allowClear
            style={{ width: 220 }}
            placeholder={t('campaign.filter.area')}
            treeData={tree}
            value={filters.areaOrgId}
            onChange={(v: string | undefined) => setFilter({ areaOrgId: v })}
          />
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<SpecialCampaign>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="campaigns-table"
      />
      <Modal
        open={creating}
        title={t('campaign.new')}
        onCancel={() => setCreating(false)}
        onOk={() => void form.validateFields().then((v) => create.submit(v))}
        confirmLoading={create.loading}
        okButtonProps={{ 'data-testid': 'campaign-submit' } as Record<`data-${string}`, string>}
        width={640}
      >
        <Form form={form} layout="vertical" initialValues={{ targetPoints: 0, targetRounds: 8, orgId: me?.orgId }}>
          <Form.Item name="title" label={t('campaign.col.title')} rules={[{ required: true }]}>
            <Input maxLength={100} data-testid="campaign-title" />
          </Form.Item>
          <Form.Item name="orgId" label={t('campaign.col.org')} rules={[{ required: true }]}>
            <TreeSelect treeData={tree} treeDefaultExpandAll />
          </Form.Item>
          <Form.Item name="period" label={t('campaign.col.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="campaign-period" />
          </Form.Item>
          <Form.Item name="areaOrgIds" label={t('campaign.col.areas')} rules={[{ required: true }]}>
            <TreeSelect treeData={tree} multiple treeDefaultExpandAll data-testid="campaign-areas" />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item name="targetRounds" label={t('campaign.targetRounds')} rules={[{ required: true }]}>
              <InputNumber min={0} max={366} />
            </Form.Item>
            <Form.Item name="targetPoints" label={t('campaign.targetPoints')} rules={[{ required: true }]}>
              <InputNumber min={0} />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label={t('campaign.note')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
