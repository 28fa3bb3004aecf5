import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Flex, Input, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  OVERPAYMENT_REASONS,
  OVERPAYMENT_REASON_EN,
  OVERPAYMENT_REASON_ZH,
  OVERPAYMENT_STATUSES,
  type Overpayment,
  type OverpaymentListQuery,
} from '@chengguan/contracts';
import { paymentsApi } from '../../api/payments.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { formatFen, formatInstant } from '../cases/format.ts';
import { cleanQuery, ExportButton } from '../../components/ExportButton.tsx';
import { OverpaymentRefundModal } from './OverpaymentRefundModal.tsx';
import { PaymentChannelNotice } from './PaymentChannelNotice.tsx';
import { DataTable } from '../../components/DataTable.tsx';

type Filters = Omit<OverpaymentListQuery, 'page' | 'pageSize'>;

/** 多缴错缴款: money received that was not booked against the fine, filtered and paged on the server, refunded here. */
export default function OverpaymentsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [filters, setFilters] = useState<Filters>({ status: 'open' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [refunding, setRefunding] = useState<Overpayment | null>(null);
  const query = { ...cleanQuery(filters), ...paging } as OverpaymentListQuery;
  const list = useLoad((signal) => paymentsApi.overpayments(query, signal), JSON.stringify(query));
  const apply = (f: Filters) => {
    setFilters(f);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const reasonText = (r: Overpayment['reason']) => (lang.startsWith('en') ? OVERPAYMENT_REASON_EN[r] : OVERPAYMENT_REASON_ZH[r]);
  return (
    <Page
      title={t('menu.overpayments')}
      testId="overpayments-page"
      extra={
        <ExportButton path={paymentsApi.overpaymentsExportPath} query={cleanQuery(filters)} filename={`${t('menu.overpayments')}.xlsx`} />
      }
    >
      <PaymentChannelNotice style={{ marginBottom: 12 }} />
      <Alert type="info" message={t('pay.over.hint')} style={{ marginBottom: 12 }} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={t('pay.over.search')}
            style={{ width: 260 }}
            onSearch={(q) => apply({ ...filters, q: q || undefined })}
          />
          <Select
            allowClear
            placeholder={t('pay.status')}
            style={{ width: 120 }}
            value={filters.status}
            onChange={(v) => apply({ ...filters, status: v })}
            options={OVERPAYMENT_STATUSES.map((s) => ({ value: s, label: t(`pay.over.status.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t('pay.over.reason')}
            style={{ width: 220 }}
            value={filters.reason}
            onChange={(v) => apply({ ...filters, reason: v })}
            options={OVERPAYMENT_REASONS.map((r) => ({ value: r, label: reasonText(r) }))}
          />
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r) => apply({ ...filters, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Flex>
        {list.data && (
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }} data-testid="overpayments-total">
            {t('pay.over.total', { amount: formatFen(list.data.totalFen) })}
          </Typography.Text>
        )}
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<Overpayment>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t('pay.over.none') }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        columns={[
          { title: t('pay.paidOn'), dataIndex: 'paidOn', width: 110 },
          {
            title: t('pay.case'),
            dataIndex: 'caseNumber',
            width: 210,
            render: (n: string | null, v) => (v.caseId ? <Link to={`/cases/${v.caseId}`}>{n ?? v.caseId.slice(0, 8)}</Link> : '—'),
          },
          { title: t('pay.party'), dataIndex: 'partyName', width: 100, render: (n: string | null) => n ?? '—' },
          { title: t('pay.providerTxn'), dataIndex: 'providerTxnId', width: 220 },
          { title: t('pay.over.amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: (f: number) => formatFen(f) },
          { title: t('pay.over.due'), dataIndex: 'dueFen', width: 120, align: 'right', render: (f: number | null) => formatFen(f) },
          {
            title: t('pay.over.reason'),
            dataIndex: 'reason',
            width: 190,
            render: (r: Overpayment['reason']) => <Tag color="orange">{reasonText(r)}</Tag>,
          },
          { title: t('pay.over.detail'), dataIndex: 'detail', width: 260, ellipsis: true },
          {
            title: t('pay.status'),
            width: 170,
            fixed: 'right',
            render: (_, v) =>
              v.status === 'refunded' ? (
                <Tag color="green">{`${t('pay.over.status.refunded')} ${v.refundedAt ? formatInstant(v.refundedAt) : ''}`}</Tag>
              ) : can('payment:refund') ? (
                <Button size="small" danger onClick={() => setRefunding(v)} data-testid="overpayment-refund">
                  {t('pay.over.refund')}
                </Button>
              ) : (
                <Tag color="red">{t('pay.over.status.open')}</Tag>
              ),
          },
        ]}
      />
      {refunding && (
        <OverpaymentRefundModal
          item={refunding}
          onClose={(changed) => {
            setRefunding(null);
            if (changed) list.reload();
          }}
        />
      )}
    </Page>
  );
}
