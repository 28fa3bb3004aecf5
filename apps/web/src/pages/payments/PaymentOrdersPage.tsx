import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, DatePicker, Flex, Input, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  PAYMENT_ORDER_STATUSES,
  PAYMENT_ORDER_STATUS_ZH,
  type PaymentOrderListItem,
  type PaymentOrderListQuery,
} from '@chengguan/contracts';
import { paymentsApi } from '../../api/payments.ts';
import { errorText } from '../../api/errors.ts';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { formatFen, formatInstant } from '../cases/format.ts';
import { cleanQuery, ExportButton } from '../../components/ExportButton.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { PaymentChannelNotice } from './PaymentChannelNotice.tsx';
import { DataTable } from '../../components/DataTable.tsx';

type Filters = Omit<PaymentOrderListQuery, 'page' | 'pageSize'>;

/** 缴款: every payment order of the jurisdiction, filtered and paged on the server; Excel export. */
export default function PaymentOrdersPage() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...cleanQuery(filters), ...paging } as PaymentOrderListQuery;
  const list = useLoad((signal) => paymentsApi.orders(query, signal), JSON.stringify(query));
  const apply = (f: Filters) => {
    setFilters(f);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  return (
    <Page
      title={t('menu.paymentOrders')}
      testId="payment-orders-page"
      extra={<ExportButton path={paymentsApi.ordersExportPath} query={cleanQuery(filters)} filename={`${t('menu.paymentOrders')}.xlsx`} />}
    >
      <PaymentChannelNotice style={{ marginBottom: 12 }} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={`${t('pay.code')} / ${t('pay.case')}`}
            style={{ width: 260 }}
            onSearch={(q) => apply({ ...filters, q: q || undefined })}
          />
          <Select
            allowClear
            placeholder={t('pay.status')}
            style={{ width: 140 }}
            value={filters.status}
            onChange={(v) => apply({ ...filters, status: v })}
            options={PAYMENT_ORDER_STATUSES.map((s) => ({ value: s, label: PAYMENT_ORDER_STATUS_ZH[s] }))}
          />
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r) => apply({ ...filters, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<PaymentOrderListItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        columns={[
          {
            title: t('pay.code'),
            dataIndex: 'paymentCode',
            width: 200,
            render: (c: string) => <Typography.Text copyable>{c}</Typography.Text>,
          },
          {
            title: t('pay.case'),
            dataIndex: 'caseNumber',
            width: 220,
            render: (n: string | null, o) => <Link to={`/cases/${o.caseId}`}>{n ?? o.caseId.slice(0, 8)}</Link>,
          },
          { title: t('pay.party'), dataIndex: 'partyName', width: 110 },
          { title: t('pay.org'), dataIndex: 'orgName', width: 150, ellipsis: true },
          {
            title: t('pay.kind'),
            width: 100,
            render: (_, o) => (o.kind === 'fine' ? t('pay.kind.fine') : t('pay.kind.instalment', { n: o.instalmentNo ?? '' })),
          },
          { title: t('pay.principal'), dataIndex: 'principalFen', width: 120, align: 'right', render: (f: number) => formatFen(f) },
          { title: t('pay.paid'), dataIndex: 'paidFen', width: 120, align: 'right', render: (f: number) => formatFen(f) },
          {
            title: t('pay.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: PaymentOrderListItem['status']) => (
              <Tag color={s === 'paid' ? 'green' : undefined}>{PAYMENT_ORDER_STATUS_ZH[s]}</Tag>
            ),
          },
          { title: t('pay.paidOn'), dataIndex: 'paidOn', width: 110, render: (d: string | null) => d ?? '—' },
          { title: t('pay.createdAt'), dataIndex: 'createdAt', width: 160, render: (d: string) => formatInstant(d) },
        ]}
      />
    </Page>
  );
}
