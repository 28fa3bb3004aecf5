import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Flex, List, Result, Row, Skeleton, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { HomeCount, RoleHome } from '@chengguan/contracts';
import { homeApi } from '../../api/home.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { allowedRoutes } from '../../routes.tsx';
import { StateTag } from '../cases/components/StateTag.tsx';
import { actionLabel } from '../cases/labels.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { InspectionsCard } from './InspectionsCard.tsx';
import { TicketsHomeCard, ticketTodoTotal } from './TicketsHomeCard.tsx';

/** 「10,000+」 when the server stopped counting at its cap. */
function useCountText() {
  const { t, lang } = useI18n();
  return (c: HomeCount) => {
    const n = c.value.toLocaleString(lang);
    return c.capped ? t('home.count.capped', { n }) : n;
  };
}

function CaseLink({ id, number }: { id: string; number: string | null }) {
  const { t } = useI18n();
  return (
    <Link to={`/cases/${id}`} data-testid="home-case-link">
      {number ?? t('case.noNumber')}
    </Link>
  );
}

function Alerts({ home }: { home: RoleHome }) {
  const { t } = useI18n();
  const text = useCountText();
  const cell = (testId: string, title: string, c: HomeCount, danger: boolean, to: string | null) => (
    <Col xs={12} md={6}>
      <Card size="small" data-testid={testId} data-value={c.value} data-capped={c.capped}>
        <Statistic
          title={to ? <Link to={to}>{title}</Link> : title}
          value={text(c)}
          valueStyle={danger && c.value > 0 ? { color: '#cf1322' } : undefined}
        />
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {home.kind === 'commander' && ticketTodoTotal(home) !== null
        ? // The command centre's 待办 are tickets (to accept, to dispatch, extension requests), not case steps.
          cell('home-todo-count', t('home.todo'), { value: ticketTodoTotal(home)!, capped: false }, false, '/tickets?open=true')
        : cell('home-todo-count', t('home.todo'), home.todo.count, false, home.capabilities.includes('workbench') ? '/workbench' : null)}
      {cell('home-due-soon', t('home.alerts.dueSoon', { n: home.alerts.dueSoonDays }), home.alerts.dueSoon, false, null)}
      {cell('home-overdue', t('home.alerts.overdue'), home.alerts.overdue, true, '/cases?overdue=true')}
      {cell('home-blocked', t('home.alerts.blocked'), home.alerts.blocked.count, false, null)}
    </Row>
  );
}

function TodoCard({ home }: { home: RoleHome }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={t('home.todo')}
      data-testid="home-todo"
      extra={home.capabilities.includes('workbench') ? <Link to="/workbench">{t('home.todo.all')}</Link> : null}
    >
      {home.todo.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todo.none')} />
      ) : (
        <List
          size="small"
          dataSource={home.todo.items}
          renderItem={(i) => (
            <List.Item data-testid="home-todo-item" data-case-id={i.caseId}>
              <Flex wrap gap={6} align="center">
                <CaseLink id={i.caseId} number={i.caseNumber} />
                <StateTag state={i.state} />
                <Typography.Text type="secondary">{i.partyName}</Typography.Text>
                {i.actions.map((a) => (
                  <Tag key={a.action} color="blue">
                    {actionLabel(t, a.action)}
                  </Tag>
                ))}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function BlockedCard({ home }: { home: RoleHome }) {
  const { t, lang } = useI18n();
  if (home.alerts.blocked.items.length === 0) return null;
  return (
    <Card size="small" title={t('home.blocked.title')} data-testid="home-blocked-list" style={{ marginTop: 16 }}>
      <List
        size="small"
        dataSource={home.alerts.blocked.items}
        renderItem={(i) => (
          <List.Item data-testid="home-blocked-item" data-case-id={i.caseId} data-rule={i.ruleId}>
            <Space direction="vertical" size={0}>
              <Flex wrap gap={6} align="center">
                <CaseLink id={i.caseId} number={i.caseNumber} />
                <StateTag state={i.state} />
                <Typography.Text type="secondary">{i.partyName}</Typography.Text>
              </Flex>
              <span>{lang.startsWith('en') ? i.sentenceEn : i.sentenceZh}</span>
              {i.citationZh && (
                <Tooltip title={t('progress.needs.rule', { id: i.ruleId })}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.citationZh}
                  </Typography.Text>
                </Tooltip>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function NumbersCard({ home }: { home: RoleHome }) {
  const { t } = useI18n();
  const text = useCountText();
  if (home.numbers.length === 0) return null;
  return (
    <Card size="small" title={t('home.numbers')} data-testid="home-numbers" style={{ marginBottom: 16 }}>
      <Row gutter={[12, 12]}>
        {home.numbers.map((n) => (
          <Col
            key={n.key}
            xs={12}
            sm={8}
            md={6}
            data-testid={`home-number-${n.key}`}
            data-value={n.count.value}
            data-capped={n.count.capped}
          >
            <Statistic
              title={
                n.listQuery ? (
                  <Link to={`/cases?${n.listQuery}`}>{t(`home.number.${n.key}` as MessageKey)}</Link>
                ) : (
                  t(`home.number.${n.key}` as MessageKey)
                )
              }
              value={text(n.count)}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function UnitsCard({ home }: { home: RoleHome }) {
  const { t } = useI18n();
  const text = useCountText();
  if (home.byUnit.length === 0) return null;
  type Row = RoleHome['byUnit'][number];
  return (
    <Card size="small" title={t('home.byUnit')} data-testid="home-units" style={{ marginBottom: 16 }}>
      <DataTable<Row>
        size="small"
        rowKey="orgId"
        pagination={false}
        dataSource={home.byUnit}
        onRow={(r) => ({ 'data-testid': 'home-unit-row', 'data-org': r.orgName }) as React.HTMLAttributes<HTMLTableRowElement>}
        columns={[
          { title: t('home.unit'), dataIndex: 'orgName' },
          { title: t('home.unit.open'), align: 'right', render: (_, r) => <Link to={`/cases?orgId=${r.orgId}`}>{text(r.open)}</Link> },
          {
            title: t('home.unit.overdue'),
            align: 'right',
            render: (_, r) => (
              <Link to={`/cases?orgId=${r.orgId}&overdue=true`}>
                <Typography.Text type={r.overdue.value > 0 ? 'danger' : undefined}>{text(r.overdue)}</Typography.Text>
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}

function CapabilitiesCard({ home }: { home: RoleHome }) {
  const { t } = useI18n();
  const { can } = useAuth();
  // Each page under its menu name: the routes the user may open, in the order the home lists them.
  const open = new Map(allowedRoutes(can).map((r) => [r.path, r]));
  const caps = home.capabilities.flatMap((p) => {
    const route = open.get(p);
    return route ? [route] : [];
  });
  return (
    <Card size="small" title={t('home.capabilities')} data-testid="home-capabilities">
      <Flex wrap gap={8}>
        {caps.map((r) => (
          <Link key={r.path} to={`/${r.path}`} data-testid={`home-cap-${r.path}`}>
            <Button icon={r.icon}>{t(r.labelKey)}</Button>
          </Link>
        ))}
      </Flex>
    </Card>
  );
}

/** The page each role lands on: its 待办, 预警 and the numbers of its scope, all counted by the server. */
export default function HomePage() {
  const { t, lang } = useI18n();
  const loaded = useLoad((signal) => homeApi.get(signal), 'home');
  const home = loaded.data;
  if (loaded.error && !home) return <Result status="error" title={t('common.loadFailed')} subTitle={errorText(loaded.error, t, lang)} />;
  if (!home) return <Skeleton active />;
  return (
    <Page
      title={t('home.title')}
      testId="home-page"
      extra={
        <Button icon={<ReloadOutlined />} loading={loaded.loading} onClick={loaded.reload}>
          {t('common.refresh')}
        </Button>
      }
    >
      <div data-testid="home-loaded" data-kind={home.kind} />
      <Typography.Paragraph type="secondary" data-testid="home-scope">
        {t('home.scope', { scope: home.scopeName, role: t(`home.kind.${home.kind}`), today: home.today })}
      </Typography.Paragraph>
      {home.readsCases ? (
        <>
          <Alerts home={home} />
          <TicketsHomeCard home={home} />
          <NumbersCard home={home} />
          <InspectionsCard home={home} />
          <UnitsCard home={home} />
          {home.capabilities.includes('workbench') && (
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col span={24}>
                <TodoCard home={home} />
                <BlockedCard home={home} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('home.readNote', { n: home.taskReadLimit })}
                </Typography.Text>
              </Col>
            </Row>
          )}
        </>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('home.noCases')} />
      )}
      <CapabilitiesCard home={home} />
    </Page>
  );
}
