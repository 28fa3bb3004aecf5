import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { InspectionTask } from '@chengguan/contracts';
import { TASK_ORIGINS, TASK_STATUSES } from '@chengguan/contracts';
import { inspectionsApi, type TaskFilters } from '../../api/inspections.ts';
import { type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { useAuth } from '../../auth/auth.tsx';
import { SpecialTaskDrawer } from './SpecialTaskDrawer.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';

/** 检查任务: mine or my squad's (the jurisdiction's for leaders), filtered, paged on the server, exported; overdue in red. */
export default function TasksPage() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<TaskFilters>({ status: 'open' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { me } = useAuth();
  const isLeader = !!me?.roles.includes('squad_leader');
  const [special, setSpecial] = useState<{ from: InspectionTask | null } | null>(null);
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => inspectionsApi.tasks(query, signal), JSON.stringify(query));
  const setFilter = (patch: TaskFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const columns = useMemo<TableColumnsType<InspectionTask>>(
    () => [
      { title: t('insp.tasks.subject'), dataIndex: 'subjectName', width: 200, ellipsis: true },
      { title: t('insp.tasks.address'), dataIndex: 'subjectAddress', width: 200, ellipsis: true, render: (a: string | null) => a ?? '—' },
      { title: t('insp.tasks.origin'), dataIndex: 'origin', width: 110, render: (o: InspectionTask['origin']) => t(`insp.origin.${o}`) },
      { title: t('insp.tasks.inspectors'), dataIndex: 'inspectorNames', width: 130, render: (n: string[]) => n.join('、') },
      { title: t('insp.tasks.matters'), dataIndex: 'matterCodes', width: 160, render: (m: string[]) => m.join('、') },
      {
        title: t('insp.tasks.dueOn'),
        dataIndex: 'dueOn',
        width: 150,
        render: (d: string, r) => (
          <span data-testid={r.overdue ? 'task-overdue' : undefined} style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
            {d} {r.overdue && <Tag color="red">{t('insp.tasks.overdue')}</Tag>}
          </span>
        ),
      },
      { title: t('insp.tasks.status'), dataIndex: 'status', width: 90, render: (s: InspectionTask['status']) => t(`insp.status.${s}`) },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 150,
        fixed: 'right',
        render: (_, r) => (
          <Flex gap={8} wrap>
            {r.status === 'open' ? (
              <Link to={`/inspection-visit/${r.subjectId}`} data-testid="task-start">
                {t('insp.tasks.start')}
              </Link>
            ) : r.visitId ? (
              <Link to={`/inspection-visits/${r.visitId}`}>{t('insp.tasks.result')}</Link>
            ) : null}
            {isLeader && <a onClick={() => setSpecial({ from: r })}>{t('insp.special.action')}</a>}
          </Flex>
        ),
      },
    ],
    [t, isLeader],
  );
  return (
    <Page
      title={t('insp.tasks.title')}
      testId="inspection-tasks-page"
      extra={
        <Flex gap={8}>
          {isLeader && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setSpecial({ from: null })} data-testid="special-task-new">
              {t('insp.special.action')}
            </Button>
          )}
          <ExportButton path={inspectionsApi.tasksExportPath} query={filters as Query} filename={`${t('insp.tasks.title')}.xlsx`} />
        </Flex>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Checkbox checked={!!filters.mine} onChange={(e) => setFilter({ mine: e.target.checked || undefined })} data-testid="tasks-mine">
            {t('insp.tasks.mine')}
          </Checkbox>
          <Checkbox checked={!!filters.overdue} onChange={(e) => setFilter({ overdue: e.target.checked || undefined })}>
            {t('insp.tasks.overdueOnly')}
          </Checkbox>
          <Select
            allowClear
            placeholder={t('insp.tasks.status')}
            value={filters.status}
            onChange={(v: string | undefined) => setFilter({ status: v })}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`insp.status.${s}`) }))}
            style={{ width: 130 }}
          />
          <Select
            allowClear
            placeholder={t('insp.tasks.origin')}
            value={filters.origin}
            onChange={(v: string | undefined) => setFilter({ origin: v })}
            options={TASK_ORIGINS.map((s) => ({ value: s, label: t(`insp.origin.${s}`) }))}
            style={{ width: 160 }}
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
      <DataTable<InspectionTask>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="inspection-tasks-table"
      />
      <SpecialTaskDrawer
        open={special !== null}
        from={special?.from ?? null}
        onClose={() => setSpecial(null)}
        onCreated={() => {
          setSpecial(null);
          list.reload();
        }}
      />
    </Page>
  );
}
