import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { Workbench, WorkbenchCase, WorkbenchSetName } from '@chengguan/contracts';
import { casesApi } from '../../api/cases.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { DeadlineStateTag, StateTag } from './components/StateTag.tsx';
import { Basis } from './detail/DeadlinesTab.tsx';
import { daysUntil } from './format.ts';
import { actionLabel, deadlineKindLabel } from './labels.ts';
import { DataTable } from '../../components/DataTable.tsx';

type DeadlineRow = Workbench['dueSoon']['items'][number];
type SetPage<K extends WorkbenchSetName> = NonNullable<Workbench[K]>;

/** One set of the workbench: its first page from the workbench, then further pages by its cursor, appended. */
function useWorkbenchSet<K extends WorkbenchSetName>(set: K, first: SetPage<K> | null | undefined) {
  const [page, setPage] = useState<{ items: SetPage<K>['items']; nextCursor: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setPage(first ? { items: first.items, nextCursor: first.nextCursor } : null), [first]);
  const loadMore = async () => {
    if (!page?.nextCursor) return;
    setLoading(true);
    try {
      const next = await casesApi.workbenchSet(set, page.nextCursor);
      setPage({ items: [...page.items, ...next.items] as SetPage<K>['items'], nextCursor: next.nextCursor });
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  const items: SetPage<K>['items'] = page?.items ?? [];
  return { items, hasMore: !!page?.nextCursor, loadMore, loading, error };
}

function LoadMore({
  s,
  testId,
}: {
  s: { hasMore: boolean; loadMore: () => Promise<void>; loading: boolean; error: unknown };
  testId: string;
}) {
  const { t, lang } = useI18n();
  if (!s.hasMore && !s.error) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 8 }}>
      {!!s.error && <Alert type="error" showIcon message={errorText(s.error, t, lang)} style={{ marginBottom: 8 }} />}
      {s.hasMore && (
        <Button size="small" loading={s.loading} onClick={() => void s.loadMore()} data-testid={testId}>
          {t('case.wb.loadMore')}
        </Button>
      )}
    </div>
  );
}

function CaseRef({ c }: { c: WorkbenchCase }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Link to={`/cases/${c.id}`} data-testid="workbench-case-link">
        {c.caseNumber ?? t('case.noNumber')}
      </Link>
      <StateTag state={c.state} />
      <Typography.Text type="secondary">
        {c.offenceName} · {c.partyName}
      </Typography.Text>
    </Space>
  );
}

function DeadlineTable({ rows, testId, danger }: { rows: DeadlineRow[]; testId: string; danger?: boolean }) {
  const { t } = useI18n();
  return (
    <DataTable<DeadlineRow>
      rowKey={(r) => `${r.case.id}-${r.deadline.kind}`}
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 840 }}
      data-testid={testId}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.none')} /> }}
      columns={[
        { title: t('case.caseTitle'), key: 'case', width: 230, render: (_, r) => <CaseRef c={r.case} /> },
        { title: t('case.deadlineKind'), key: 'kind', width: 130, render: (_, r) => deadlineKindLabel(t, r.deadline.kind) },
        {
          title: t('case.dueDate'),
          key: 'due',
          width: 150,
          render: (_, r) => {
            const n = daysUntil(r.deadline.dueDate);
            return (
              <Space direction="vertical" size={0}>
                <Typography.Text type={danger ? 'danger' : undefined} strong={danger}>
                  {r.deadline.dueDate}
                </Typography.Text>
                <Typography.Text type={n < 0 ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
                  {n < 0 ? t('case.daysOverdue', { n: -n }) : t('case.daysLeft', { n })}
                </Typography.Text>
              </Space>
            );
          },
        },
        { title: t('case.deadlineState'), key: 'state', width: 90, render: (_, r) => <DeadlineStateTag state={r.deadline.state} /> },
        { title: t('case.basis'), key: 'basis', width: 240, render: (_, r) => <Basis basis={r.deadline.basis} /> },
      ]}
    />
  );
}

/** 我的工作台: what is mine to do now, what falls due soon, what is overdue; a squad leader also sees his squad's overdue cases. */
export default function WorkbenchPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const wb = useLoad((signal) => casesApi.workbench(signal), 'workbench');
  const d = wb.data;
  const tasks = useWorkbenchSet('myTasks', d?.myTasks);
  const dueSoon = useWorkbenchSet('dueSoon', d?.dueSoon);
  const overdue = useWorkbenchSet('overdue', d?.overdue);
  const squadOverdue = useWorkbenchSet('squadOverdue', d?.squadOverdue);
  const count = (set: { total: number; totalCapped: boolean } | null | undefined) =>
    set ? `${set.total.toLocaleString()}${set.totalCapped ? '+' : ''}` : 0;

  return (
    <Page
      title={t('menu.workbench')}
      testId="workbench-page"
      extra={
        <>
          <Button icon={<ReloadOutlined />} loading={wb.loading} onClick={wb.reload}>
            {t('common.refresh')}
          </Button>
          {can('case:write') && (
            <>
              <Button icon={<ThunderboltOutlined />} onClick={() => navigate('/summary')}>
                {t('menu.summaryTicket')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
                {t('case.register')}
              </Button>
            </>
          )}
        </>
      }
    >
      {!!wb.error && <Alert type="error" showIcon message={errorText(wb.error, t, lang)} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('case.wb.myTasks')} value={count(d?.myTasks)} loading={wb.loading && !d} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title={t('case.wb.dueSoon', { n: d?.dueSoonDays ?? 0 })}
              value={count(d?.dueSoon)}
              valueStyle={{ color: '#d48806' }}
              loading={wb.loading && !d}
            />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title={t('case.wb.overdue')}
              value={count(d?.overdue)}
              valueStyle={{ color: '#cf1322' }}
              loading={wb.loading && !d}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('case.wb.myTasks')} data-testid="workbench-tasks">
            <List
              dataSource={tasks.items}
              loading={wb.loading && !d}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.wb.noTasks')} /> }}
              renderItem={(task) => (
                <List.Item key={task.case.id} data-testid="workbench-task" data-case-id={task.case.id}>
                  <div style={{ width: '100%' }}>
                    <CaseRef c={task.case} />
                    <div style={{ marginTop: 4 }}>
                      {task.actions.map((a) => (
                        <Tag key={a.action} color="blue">
                          {actionLabel(t, a.action)}
                        </Tag>
                      ))}
                    </div>
                  </div>
                </List.Item>
              )}
            />
            <LoadMore s={tasks} testId="workbench-tasks-more" />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={<Typography.Text type="danger">{t('case.wb.overdue')}</Typography.Text>} style={{ marginBottom: 16 }}>
            <DeadlineTable rows={overdue.items} testId="workbench-overdue" danger />
            <LoadMore s={overdue} testId="workbench-overdue-more" />
          </Card>
          <Card size="small" title={t('case.wb.dueSoon', { n: d?.dueSoonDays ?? 0 })}>
            <DeadlineTable rows={dueSoon.items} testId="workbench-due-soon" />
            <LoadMore s={dueSoon} testId="workbench-due-soon-more" />
          </Card>
        </Col>
        {squadOverdue.items.length > 0 && (
          <Col xs={24}>
            <Card
              size="small"
              title={<Typography.Text type="danger">{t('case.wb.squadOverdue')}</Typography.Text>}
              extra={<Link to="/cases?overdue=true">{t('case.wb.allOverdue')}</Link>}
              data-testid="workbench-squad-overdue"
            >
              <List
                dataSource={squadOverdue.items}
                renderItem={(c) => (
                  <List.Item key={c.id}>
                    <CaseRef c={c} />
                  </List.Item>
                )}
              />
              <LoadMore s={squadOverdue} testId="workbench-squad-overdue-more" />
            </Card>
          </Col>
        )}
      </Row>
    </Page>
  );
}
