import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import type { TicketSummary } from '@chengguan/contracts';
import { ticketsApi, type TicketFilters } from '../../api/tickets.ts';
import { type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { TicketFilterBar } from './TicketFilterBar.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { TicketClockTag } from './TicketClockTag.tsx';
import { RegisterTicketDrawer } from './RegisterTicketDrawer.tsx';
import { useAuth } from '../../auth/auth.tsx';

/** 诉件列表 (the jurisdiction's, filtered, paged on the server, exported); `mine`: the officer's own tickets. */
export function TicketList({ mine }: { mine: boolean }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [registering, setRegistering] = useState(false);
  const [params] = useSearchParams();
  // From the cockpit's numbers (?orgId=…&receivedFrom=…&receivedTo=…): the tickets received in the period, open or not.
  const fromCockpit = !mine && params.has('orgId');
  const initial: TicketFilters = mine
    ? { mine: true, open: true }
    : fromCockpit
      ? {
          orgId: params.get('orgId')!,
          ...(params.get('open') === 'true' ? { open: true } : {}),
          ...(params.get('receivedFrom') ? { receivedFrom: params.get('receivedFrom')! } : {}),
          ...(params.get('receivedTo') ? { receivedTo: params.get('receivedTo')! } : {}),
        }
      : { open: true };
  const [filters, setFilters] = useState<TicketFilters>(initial);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => ticketsApi.list(query, signal), JSON.stringify(query));
  // The 12345 / 城运 exchange: a simulator is labelled as one on its tickets and above the list.
  const exchange = useLoad((signal) => ticketsApi.exchange(signal), 'exchange');
  const simulated = exchange.data?.simulator === true;
  const setFilter = (patch: TicketFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const columns = useMemo<TableColumnsType<TicketSummary>>(
    () => [
      {
        title: t('ticket.col.number'),
        dataIndex: 'number',
        width: 170,
        render: (n: string, r) => (
          <Link to={`/tickets/${r.id}`} data-testid="ticket-link">
            {n}
          </Link>
        ),
      },
      {
        title: t('ticket.col.channel'),
        dataIndex: 'channel',
        width: 110,
        render: (c: TicketSummary['channel']) => (
          <Flex gap={4} wrap>
            {t(`ticket.channel.${c}`)}
            {simulated && (c === 'hotline_12345' || c === 'city_ops') && <Tag color="purple">{t('ticket.exchange.simulated')}</Tag>}
          </Flex>
        ),
      },
      { title: t('ticket.col.category'), dataIndex: 'categoryName', width: 150, ellipsis: true },
      { title: t('ticket.col.address'), dataIndex: 'address', width: 200, ellipsis: true, render: (a: string | null) => a ?? '—' },
      { title: t('ticket.col.org'), dataIndex: 'orgName', width: 140, render: (o: string | null) => o ?? '—' },
      { title: t('ticket.col.clock'), key: 'clock', width: 280, render: (_, r) => <TicketClockTag clock={r.handling} /> },
      {
        title: t('ticket.col.state'),
        dataIndex: 'state',
        width: 130,
        render: (s: TicketSummary['state'], r) => (
          <Flex gap={4} wrap>
            {t(`ticket.state.${s}`)}
            {r.repeated && <Tag color="volcano">{t('ticket.repeated')}</Tag>}
          </Flex>
        ),
      },
      { title: t('ticket.col.reporter'), dataIndex: 'reporterPhone', width: 130, render: (p: string | null) => p ?? '—' },
    ],
    [t, simulated],
  );
  const title = mine ? t('ticket.mine.title') : t('ticket.list.title');
  return (
    <Page
      title={title}
      testId={mine ? 'my-tickets-page' : 'tickets-page'}
      extra={
        <Flex gap={8}>
          {(can('ticket:write') || can('ticket:dispatch')) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="ticket-register-open">
              {t('ticket.register.open')}
            </Button>
          )}
          <ExportButton path={ticketsApi.exportPath} query={filters as Query} filename={`${title}.xlsx`} />
        </Flex>
      }
    >
      <RegisterTicketDrawer open={registering} onClose={() => setRegistering(false)} />
      {simulated && !mine && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('ticket.exchange.simulatorNotice')}
          data-testid="ticket-exchange-notice"
        />
      )}
      <TicketFilterBar
        filters={filters}
        setFilter={setFilter}
        onReset={() => {
          setFilters(initial);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<TicketSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1300 }}
        rowClassName={(r) => (r.handling.status === 'overdue' ? 'row-overdue' : '')}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="tickets-table"
      />
    </Page>
  );
}

export default function TicketListPage() {
  return <TicketList mine={false} />;
}
