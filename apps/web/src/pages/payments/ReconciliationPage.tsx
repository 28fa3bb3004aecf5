import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Flex, Input, Modal, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  MISMATCH_KINDS,
  MISMATCH_KIND_ZH,
  type MismatchListQuery,
  type PaymentMismatch,
  type ReconciliationRun,
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
import { bureauToday } from '../../lib/bureauTime';

type Filters = Omit<MismatchListQuery, 'page' | 'pageSize'>;

/** 对账: runs (daily job and 「立即对账」) and every mismatch flagged, resolved with a note; Excel export. */
export default function ReconciliationPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [date, setDate] = useState<Dayjs>(bureauToday().subtract(1, 'day'));
  const [running, setRunning] = useState(false);
  const [filters, setFilters] = useState<Filters>({ status: 'open' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [runPaging, setRunPaging] = useState({ page: 1, pageSize: 10 });
  const [resolving, setResolving] = useState<PaymentMismatch | null>(null);
  const [note, setNote] = useState('');
  const query = { ...cleanQuery(filters), ...paging } as MismatchListQuery;
  const mismatches = useLoad((signal) => paymentsApi.mismatches(query, signal), JSON.stringify(query));
  const runs = useLoad((signal) => paymentsApi.runs(runPaging, signal), JSON.stringify(runPaging));

  const runNow = async () => {
    setRunning(true);
    try {
      const r = await paymentsApi.reconcile(date.format('YYYY-MM-DD'));
      void message.success(`${r.statementDate}：${t('pay.recon.mismatchCount')} ${r.mismatchCount}`);
      runs.reload();
      mismatches.reload();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setRunning(false);
    }
  };
  const resolve = async () => {
    if (!resolving) return;
    try {
      await paymentsApi.resolve(resolving.id, note);
      setResolving(null);
      setNote('');
      mismatches.reload();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    }
  };
  const apply = (f: Filters) => {
    setFilters(f);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <Page
      title={t('menu.reconciliation')}
      testId="reconciliation-page"
      extra={
        <>
          <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
          <Button type="primary" loading={running} onClick={() => void runNow()} data-testid="reconcile-now">
            {t('pay.recon.runNow')}
          </Button>
        </>
      }
    >
      <PaymentChannelNotice style={{ marginBottom: 12 }} />
      <Card
        size="small"
        title={t('pay.recon.mismatches')}
        extra={
          <ExportButton path={paymentsApi.mismatchesExportPath} query={cleanQuery(filters)} filename={`${t('menu.reconciliation')}.xlsx`} />
        }
      >
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('pay.status')}
            style={{ width: 120 }}
            value={filters.status}
            onChange={(v) => apply({ ...filters, status: v })}
            options={(['open', 'resolved'] as const).map((s) => ({ value: s, label: t(`pay.recon.status.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t('pay.recon.kind')}
            style={{ width: 180 }}
            value={filters.kind}
            onChange={(v) => apply({ ...filters, kind: v })}
            options={MISMATCH_KINDS.map((k) => ({ value: k, label: MISMATCH_KIND_ZH[k] }))}
          />
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r) => apply({ ...filters, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Flex>
        {!!mismatches.error && <Alert type="error" showIcon message={errorText(mismatches.error, t, lang)} />}
        <DataTable<PaymentMismatch>
          rowKey="id"
          size="small"
          loading={mismatches.loading}
          dataSource={mismatches.data?.items ?? []}
          scroll={{ x: 1100 }}
          pagination={serverPagination(paging, mismatches.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
          columns={[
            { title: t('pay.recon.date'), dataIndex: 'statementDate', width: 110 },
            {
              title: t('pay.recon.kind'),
              dataIndex: 'kind',
              width: 150,
              render: (k: PaymentMismatch['kind']) => <Tag color="red">{MISMATCH_KIND_ZH[k]}</Tag>,
            },
            { title: t('pay.providerTxn'), dataIndex: 'providerTxnId', width: 220, render: (n: string | null) => n ?? '—' },
            {
              title: t('pay.case'),
              dataIndex: 'caseNumber',
              width: 200,
              render: (n: string | null, m) => (m.caseId ? <Link to={`/cases/${m.caseId}`}>{n ?? m.caseId.slice(0, 8)}</Link> : '—'),
            },
            {
              title: t('pay.recon.providerAmount'),
              dataIndex: 'providerAmountFen',
              width: 120,
              align: 'right',
              render: (f: number | null) => formatFen(f),
            },
            {
              title: t('pay.recon.ourAmount'),
              dataIndex: 'ourAmountFen',
              width: 120,
              align: 'right',
              render: (f: number | null) => formatFen(f),
            },
            { title: t('pay.note'), dataIndex: 'detail', width: 280, ellipsis: true },
            {
              title: t('pay.status'),
              width: 160,
              render: (_, m) =>
                m.status === 'open' ? (
                  <Button size="small" onClick={() => setResolving(m)}>
                    {t('pay.recon.resolve')}
                  </Button>
                ) : (
                  <span>{`${t('pay.recon.status.resolved')}：${m.note ?? ''}`}</span>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('pay.recon.runs')} style={{ marginTop: 16 }}>
        <DataTable<ReconciliationRun>
          rowKey="id"
          size="small"
          loading={runs.loading}
          dataSource={runs.data?.items ?? []}
          pagination={serverPagination(runPaging, runs.data?.total ?? 0, setRunPaging, (n) => t('common.total', { n }))}
          columns={[
            { title: t('pay.recon.date'), dataIndex: 'statementDate' },
            {
              title: t('pay.recon.trigger'),
              dataIndex: 'trigger',
              render: (k: ReconciliationRun['trigger']) => t(`pay.recon.trigger.${k}`),
            },
            { title: t('pay.createdAt'), dataIndex: 'startedAt', render: (d: string) => formatInstant(d) },
            { title: t('pay.recon.providerLines'), dataIndex: 'providerLines' },
            { title: t('pay.recon.ourLines'), dataIndex: 'ourLines' },
            {
              title: t('pay.recon.mismatchCount'),
              dataIndex: 'mismatchCount',
              render: (n: number) => <Tag color={n ? 'red' : 'green'}>{n}</Tag>,
            },
          ]}
        />
      </Card>
      <Modal
        open={!!resolving}
        title={t('pay.recon.resolve')}
        onOk={() => void resolve()}
        onCancel={() => setResolving(null)}
        okButtonProps={{ disabled: !note.trim() }}
      >
        <p>{resolving?.detail}</p>
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('pay.recon.resolveNote')}
          maxLength={500}
        />
      </Modal>
    </Page>
  );
}
