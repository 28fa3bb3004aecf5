import { useMemo, useState } from 'react';
import { Button, Card, Flex, InputNumber, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { PLAN_STATUSES, type PlanListItem, type PlanListQuery, type PlanStatus } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { planApi } from '../../api/random-inspections.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { Page } from '../../components/Page.tsx';
import { STATUS_COLOR, statusLabel } from './labels.ts';
import { cleanQuery, ExportButton } from '../../components/ExportButton.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';

type Filters = Omit<PlanListQuery, 'page' | 'pageSize'>;

export default function PlanListPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => planApi.list(query, signal), JSON.stringify(query));
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const columns = useMemo<TableColumnsType<PlanListItem>>(
    () => [
      { title: t('plan.title'), dataIndex: 'title', render: (v: string) => <a data-testid="plan-title">{v}</a> },
      {
        title: t('plan.status'),
        dataIndex: 'status',
        width: 130,
        render: (s: PlanStatus) => <Tag color={STATUS_COLOR[s]}>{statusLabel(t, s)}</Tag>,
      },
      { title: t('plan.period'), key: 'period', width: 210, render: (_, p) => `${p.periodFrom} ~ ${p.periodTo}` },
      { title: t('plan.squads'), key: 'squads', render: (_, p) => p.squads.map((s) => s.name).join('、') },
      { title: t('plan.author'), key: 'author', width: 100, render: (_, p) => p.createdBy.name },
      { title: t('plan.drawnTargets'), dataIndex: 'drawnTargets', width: 100 },
      { title: t('plan.publishBy'), dataIndex: 'publishBy', width: 120, render: (v: string | null) => v ?? '—' },
    ],
    [t],
  );

  return (
    <Page
      title={t('plan.listTitle')}
      testId="plans-page"
      extra={
        <>
          <ExportButton
            path={planApi.exportPath}
            query={cleanQuery(filters)}
            filename={`${t('plan.listTitle')}.xlsx`}
            testId="plans-export"
          />
          {can('inspection_plan:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/inspection-plans/new')} data-testid="plan-create">
              {t('plan.create')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <ListSearch
            value={filters.q}
            onSearch={(q) => setFilter({ q })}
            placeholder={t('plan.searchPlaceholder')}
            testId="plans-search"
          />
          <Select
            allowClear
            placeholder={t('plan.status')}
            style={{ width: 160 }}
            value={filters.status}
            onChange={(v: PlanStatus | undefined) => setFilter({ status: v })}
            options={PLAN_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
            data-testid="plans-filter-status"
          />
          <InputNumber
            placeholder={t('plan.year')}
            min={2000}
            max={2999}
            value={filters.year ?? null}
            onChange={(v) => setFilter({ year: typeof v === 'number' ? v : undefined })}
            style={{ width: 120 }}
            data-testid="plans-filter-year"
          />
        </Flex>
      </Card>
      <DataTable<PlanListItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        onRow={(p) => ({ onClick: () => navigate(`/inspection-plans/${p.id}`), style: { cursor: 'pointer' } })}
        data-testid="plans-table"
      />
    </Page>
  );
}
