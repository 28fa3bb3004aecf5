import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Switch, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CashReceipt, CashReceiptListQuery } from '@chengguan/contracts';
import { paymentsApi } from '../../api/payments.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { formatFen } from '../cases/format.ts';
import { cleanQuery, ExportButton } from '../../components/ExportButton.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { bureauToday } from '../../lib/bureauTime';

type Filters = Omit<CashReceiptListQuery, 'page' | 'pageSize'>;
type StepForm = { date: Dayjs; text: string };

function StepModal({ receipt, step, onClose }: { receipt: CashReceipt; step: 'handIn' | 'deposit'; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<StepForm>();
  const { submit, loading } = useSubmit<StepForm, CashReceipt>(
    form,
    (v) =>
      step === 'handIn'
        ? paymentsApi.handIn(receipt.id, { date: v.date.format('YYYY-MM-DD'), handedInTo: v.text })
        : paymentsApi.deposit(receipt.id, { date: v.date.format('YYYY-MM-DD'), bankSlipNo: v.text }),
    { successMessage: t('common.saved'), onSuccess: () => onClose(true), fieldMap: { handedInTo: 'text', bankSlipNo: 'text' } },
  );
  return (
    <Modal
      open
      title={t(step === 'handIn' ? 'pay.cash.handIn' : 'pay.cash.deposit')}
      onOk={() => form.submit()}
      confirmLoading={loading}
      onCancel={() => onClose(false)}
    >
      <Form form={form} layout="vertical" initialValues={{ date: bureauToday() }} onFinish={(v) => void submit(v)}>
        <Form.Item name="date" label={t(step === 'handIn' ? 'pay.cash.handedInOn' : 'pay.cash.depositedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="text" label={t(step === 'handIn' ? 'pay.cash.handedInTo' : 'pay.cash.bankSlipNo')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 当场收缴 (B4): receipts, hand-in and bank deposit each within 2 working days; overdue flagged; Excel export. */
export default function CashReceiptsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<{ receipt: CashReceipt; step: 'handIn' | 'deposit' } | null>(null);
  const query = { ...cleanQuery(filters), ...paging } as CashReceiptListQuery;
  const list = useLoad((signal) => paymentsApi.cash(query, signal), JSON.stringify(query));
  const apply = (f: Filters) => {
    setFilters(f);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const late = (flag: boolean) => (flag ? <Tag color="red">{t('pay.cash.overdue')}</Tag> : null);
  return (
    <Page
      title={t('menu.cashReceipts')}
      testId="cash-receipts-page"
      extra={<ExportButton path={paymentsApi.cashExportPath} query={cleanQuery(filters)} filename={`${t('menu.cashReceipts')}.xlsx`} />}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap align="center">
          <Input.Search
            allowClear
            placeholder={`${t('pay.cash.receiptNumber')} / ${t('pay.case')}`}
            style={{ width: 240 }}
            onSearch={(q) => apply({ ...filters, q: q || undefined })}
          />
          <Select
            allowClear
            placeholder={t('pay.cash.stage')}
            style={{ width: 140 }}
            value={filters.stage}
            onChange={(v) => apply({ ...filters, stage: v })}
            options={(['hand_in', 'deposit', 'done'] as const).map((s) => ({ value: s, label: t(`pay.cash.stage.${s}`) }))}
          />
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r) => apply({ ...filters, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <span>
            {t('pay.cash.overdue')}{' '}
            <Switch size="small" checked={!!filters.overdue} onChange={(v) => apply({ ...filters, overdue: v || undefined })} />
          </span>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<CashReceipt>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1200 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        columns={[
          { title: t('pay.cash.receiptNumber'), dataIndex: 'receiptNumber', width: 140 },
          {
            title: t('pay.case'),
            dataIndex: 'caseNumber',
            width: 220,
            render: (n: string | null, r) => <Link to={`/cases/${r.caseId}`}>{n ?? r.caseId.slice(0, 8)}</Link>,
          },
          { title: t('pay.party'), dataIndex: 'partyName', width: 100 },
          { title: t('pay.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (f: number) => formatFen(f) },
          { title: t('pay.cash.collectedOn'), dataIndex: 'collectedOn', width: 110 },
          {
            title: t('pay.cash.handInDue'),
            dataIndex: 'handInDue',
            width: 140,
            render: (d: string, r) => (
              <>
                {d} {!r.handedInOn && late(r.handInOverdue)}
              </>
            ),
          },
          {
            title: t('pay.cash.handedInOn'),
            width: 170,
            render: (_, r) =>
              r.handedInOn ? (
                <>
                  {r.handedInOn} {late(r.handInOverdue)}
                </>
              ) : (
                can('case:write') && (
                  <Button size="small" onClick={() => setEditing({ receipt: r, step: 'handIn' })}>
                    {t('pay.cash.handIn')}
                  </Button>
                )
              ),
          },
          { title: t('pay.cash.depositDue'), dataIndex: 'depositDue', width: 110, render: (d: string | null) => d ?? '—' },
          {
            title: t('pay.cash.depositedOn'),
            width: 170,
            render: (_, r) =>
              r.depositedOn ? (
                <>
                  {r.depositedOn} {late(r.depositOverdue)}
                </>
              ) : r.handedInOn && can('case:write') ? (
                <Button size="small" onClick={() => setEditing({ receipt: r, step: 'deposit' })}>
                  {t('pay.cash.deposit')} {late(r.depositOverdue)}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {editing && (
        <StepModal
          receipt={editing.receipt}
          step={editing.step}
          onClose={(changed) => {
            setEditing(null);
            if (changed) list.reload();
          }}
        />
      )}
    </Page>
  );
}
