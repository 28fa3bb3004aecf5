import { Link } from 'react-router-dom';
import { Card, Col, Row, Statistic, Table, Tag } from 'antd';
import type { RoleHome, TicketHome } from '@chengguan/contracts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

type Rates = TicketHome['thisMonth'];
const RATE_KEYS = ['firstContact', 'onTime', 'resolution', 'satisfaction', 'conversion'] as const;

const pct = (p: number | null) => (p === null ? '—' : `${p.toFixed(2)}%`);

/** What waits on the command centre: tickets to accept or dispatch, overdue ones, extension requests to decide. */
export function ticketTodoTotal(home: RoleHome): number | null {
  const x = home.tickets?.todo;
  return x ? x.toAccept + x.toDispatch + x.pendingExtensions : null;
}

/** The command centre's and the leaders' tickets: the to-do, and the four rates with 诉转案率 this month against last. */
export function TicketsHomeCard({ home }: { home: RoleHome }) {
  const { t } = useI18n();
  const h = home.tickets;
  if (!h) return null;
  const cell = (key: keyof TicketHome['todo'], danger = false) => (
    <Col xs={12} md={6}>
      <Statistic
        title={t(`conv.home.${key}` as MessageKey)}
        value={h.todo[key]}
        valueStyle={danger && h.todo[key] > 0 ? { color: '#cf1322' } : undefined}
      />
    </Col>
  );
  const rows = RATE_KEYS.map((k) => {
    const now = (h.thisMonth as Rates)[k];
    const before = (h.previousMonth as Rates)[k];
    const delta = now.percent !== null && before.percent !== null ? Math.round((now.percent - before.percent) * 100) / 100 : null;
    return { key: k, now, before, delta };
  });
  return (
    <Card
      size="small"
      title={t('conv.home.title')}
      extra={<Link to="/ticket-rates">{t('conv.home.table')}</Link>}
      data-testid="home-tickets"
      style={{ marginBottom: 16 }}
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="home-ticket-todo">
        {cell('toAccept')}
        {cell('toDispatch')}
        {cell('overdue', true)}
        {cell('pendingExtensions')}
      </Row>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        data-testid="home-ticket-rates"
        columns={[
          { title: t('conv.home.rate'), dataIndex: 'key', render: (k: string) => t(`conv.rate.${k}` as MessageKey) },
          {
            title: t('conv.home.thisMonth', { month: h.month }),
            render: (_: unknown, r: (typeof rows)[number]) => `${pct(r.now.percent)}（${r.now.numerator}/${r.now.denominator}）`,
          },
          {
            title: t('conv.home.lastMonth', { month: h.lastMonth }),
            render: (_: unknown, r: (typeof rows)[number]) => `${pct(r.before.percent)}（${r.before.numerator}/${r.before.denominator}）`,
          },
          {
            title: t('conv.home.change'),
            render: (_: unknown, r: (typeof rows)[number]) =>
              r.delta === null ? (
                '—'
              ) : (
                <Tag color={r.delta >= 0 ? 'green' : 'red'}>{`${r.delta >= 0 ? '+' : ''}${r.delta.toFixed(2)}`}</Tag>
              ),
          },
        ]}
      />
      <div style={{ marginTop: 8, color: '#888', fontSize: 12 }}>
        {t('conv.home.received', { now: h.thisMonth.received, before: h.previousMonth.received })}
      </div>
    </Card>
  );
}
