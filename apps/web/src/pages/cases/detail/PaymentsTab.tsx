import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  QRCode,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { CaseDetail, CasePayments, Checkout, DeferralApplication, Overpayment, PaymentTransaction } from '@chengguan/contracts';
import { OVERPAYMENT_REASON_EN, OVERPAYMENT_REASON_ZH, PAYMENT_ORDER_STATUS_ZH, PAYMENT_TXN_STATUS_ZH } from '@chengguan/contracts';
import { paymentsApi } from '../../../api/payments.ts';
import { errorText } from '../../../api/errors.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { formatFen, formatInstant, toLegalDate, yuanToFen } from '../format.ts';
import { OverpaymentRefundModal } from '../../payments/OverpaymentRefundModal.tsx';
import { PaymentChannelNotice } from '../../payments/PaymentChannelNotice.tsx';
import { Citation } from '../../../components/Citation.tsx';
import { bureauToday } from '../../../lib/bureauTime';

const groups = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');

type DeferralForm = { kind: 'deferral' | 'instalments'; reason: string; until?: Dayjs; lines?: { dueOn: Dayjs; yuan: number }[] };

function DeferralApplyForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<DeferralForm>();
  const kind = Form.useWatch('kind', form);
  const { submit, loading } = useSubmit<DeferralForm, DeferralApplication>(
    form,
    (v, key) =>
      paymentsApi.applyDeferral(
        caseId,
        v.kind === 'instalments'
          ? {
              kind: 'instalments',
              reason: v.reason,
              instalments: (v.lines ?? []).map((l) => ({ dueOn: toLegalDate(l.dueOn), amountFen: yuanToFen(l.yuan) })),
            }
          : // The form requires the day; an empty one is refused by the server naming `until`.
            { kind: 'deferral', reason: v.reason, until: v.until ? toLegalDate(v.until) : '' },
        key,
      ),
    { successMessage: t('common.saved'), onSuccess: onDone, fieldMap: { instalments: 'lines' } },
  );
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ kind: 'deferral', lines: [{}, {}] }}
      onFinish={(v) => void submit(v)}
      data-testid="deferral-form"
    >
      <Form.Item name="kind" label={t('pay.deferral.kind')}>
        <Radio.Group>
          <Radio value="deferral">{t('pay.deferral.kind.deferral')}</Radio>
          <Radio value="instalments">{t('pay.deferral.kind.instalments')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('pay.deferral.reason')}
        rules={[{ required: true, message: t('common.required', { field: t('pay.deferral.reason') }) }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      {kind !== 'instalments' ? (
        <Form.Item
          name="until"
          label={t('pay.deferral.until')}
          rules={[{ required: true, message: t('common.required', { field: t('pay.deferral.until') }) }]}
        >
          <DatePicker />
        </Form.Item>
      ) : (
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <Form.Item label={t('pay.deferral.lines')}>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline">
                  <span>{i + 1}.</span>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true }]}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name={[f.name, 'yuan']} rules={[{ required: true }]}>
                    <InputNumber min={0.01} precision={2} suffix="元" />
                  </Form.Item>
                  {fields.length > 2 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t('pay.deferral.addLine')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      )}
      <Button type="primary" htmlType="submit" loading={loading}>
        {t('pay.deferral.apply')}
      </Button>
    </Form>
  );
}

function DeferralDecision({ app, onDone }: { app: DeferralApplication; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note: string; date: Dayjs }>();
  const [approve, setApprove] = useState(true);
  const { submit, loading } = useSubmit<{ note: string; date: Dayjs }, DeferralApplication>(
    form,
    (v, key) => paymentsApi.decideDeferral(app.id, { approve, note: v.note ?? '', date: toLegalDate(v.date) }, key),
    { successMessage: t('common.saved'), onSuccess: onDone },
  );
  return (
    <Form form={form} layout="inline" initialValues={{ date: bureauToday() }} onFinish={(v) => void submit(v)}>
      <Form.Item name="date" rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="note">
        <Input placeholder={t('pay.deferral.decisionNote')} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={loading && approve} onClick={() => setApprove(true)}>
        {t('pay.deferral.approve')}
      </Button>
      <Button danger htmlType="submit" loading={loading && !approve} onClick={() => setApprove(false)} style={{ marginLeft: 8 }}>
        {t('pay.deferral.reject')}
      </Button>
    </Form>
  );
}

function RefundForm({ caseId, txn, onDone }: { caseId: string; txn: PaymentTransaction; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ yuan: number; reason: string }>();
  const { submit, loading } = useSubmit(
    form,
    (v: { yuan: number; reason: string }, key: string) =>
      paymentsApi.refund(caseId, { transactionId: txn.id, amountFen: yuanToFen(v.yuan), reason: v.reason }, key),
    { successMessage: t('common.saved'), onSuccess: onDone, fieldMap: { amountFen: 'yuan' } },
  );
  return (
    <Form form={form} layout="inline" onFinish={(v) => void submit(v)}>
      <Form.Item name="yuan" rules={[{ required: true }]}>
        <InputNumber min={0.01} precision={2} suffix="元" />
      </Form.Item>
      <Form.Item name="reason" rules={[{ required: true }]}>
        <Input placeholder={t('pay.refundReason')} maxLength={500} />
      </Form.Item>
      <Button htmlType="submit" loading={loading}>
        {t('pay.refund')}
      </Button>
    </Form>
  );
}

function Summary({ data, caseId, onChange }: { data: CasePayments; caseId: string; onChange: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [co, setCo] = useState<Checkout | null>(null);
  const [busy, setBusy] = useState(false);
  const s = data.summary;
  const start = async () => {
    setBusy(true);
    try {
      setCo(await paymentsApi.checkout(caseId));
      onChange();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('pay.code')} data-testid="payments-summary">
      <Flex gap={24} wrap>
        {s.paymentCode && <QRCode value={s.paymentCode} size={132} />}
        <div style={{ flex: 1, minWidth: 280 }}>
          <Typography.Title
            level={4}
            copyable={s.paymentCode ? { text: s.paymentCode } : false}
            style={{ marginTop: 0 }}
            data-testid="payment-code"
          >
            {s.paymentCode ? groups(s.paymentCode) : '—'}
          </Typography.Title>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('pay.fine')}>{formatFen(s.fineFen)}</Descriptions.Item>
            <Descriptions.Item label={t('pay.surcharge')}>{formatFen(s.surchargeFen)}</Descriptions.Item>
            <Descriptions.Item label={t('pay.paid')}>{formatFen(s.paidFen)}</Descriptions.Item>
            <Descriptions.Item label={t('pay.due')}>
              <Typography.Text strong type={s.overdueDays > 0 ? 'danger' : undefined} data-testid="payment-due">
                {formatFen(s.dueFen)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('pay.dueDate')}>{s.paymentDue ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pay.asOf')}>
              {s.asOf}
              {s.overdueDays > 0 && <Tag color="red" style={{ marginLeft: 8 }}>{`${t('pay.overdueDays')} ${s.overdueDays}`}</Tag>}
            </Descriptions.Item>
          </Descriptions>
          {s.lines.map((l, i) => (
            <Typography.Paragraph key={i} type="secondary" style={{ marginBottom: 4 }}>
              {lang.startsWith('en') ? l.textEn : l.textZh}
              {lang.startsWith('en') ? ' (' : '（'}
              <Citation articles={l.article} ruleId={l.ruleId} />
              {lang.startsWith('en') ? ')' : '）'}
            </Typography.Paragraph>
          ))}
          <PaymentChannelNotice channel={s.channel} style={{ marginBottom: 8 }} />
          {s.payable ? (
            can('case:write') && (
              <Button type="primary" loading={busy} onClick={() => void start()} data-testid="payment-checkout">
                {t('pay.checkout')}
              </Button>
            )
          ) : (
            <Alert type="info" showIcon message={`${t('pay.notPayable')}：${s.notPayableReason ?? ''}`} />
          )}
          {co && (
            <Alert
              style={{ marginTop: 8 }}
              type="success"
              message={t('pay.checkoutOpened', { amount: formatFen(co.amountFen) })}
              action={
                <Button size="small" href={co.checkoutUrl} target="_blank">
                  {t('pay.openCashier')}
                </Button>
              }
            />
          )}
        </div>
      </Flex>
    </Card>
  );
}

/** Money of this case that was not booked against the fine, with its refund. */
function OverpaymentsCard({ items, onChange }: { items: Overpayment[]; onChange: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [refunding, setRefunding] = useState<Overpayment | null>(null);
  return (
    <Card size="small" title={t('pay.over.title')} data-testid="case-overpayments">
      <Alert type="warning" showIcon message={t('pay.over.hint')} style={{ marginBottom: 8 }} />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('pay.paidOn'), dataIndex: 'paidOn' },
          { title: t('pay.providerTxn'), dataIndex: 'providerTxnId' },
          { title: t('pay.over.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => formatFen(f) },
          {
            title: t('pay.over.reason'),
            dataIndex: 'reason',
            render: (r: Overpayment['reason']) => (
              <Tag color="orange">{lang.startsWith('en') ? OVERPAYMENT_REASON_EN[r] : OVERPAYMENT_REASON_ZH[r]}</Tag>
            ),
          },
          {
            title: t('pay.status'),
            render: (_, v) =>
              v.status === 'refunded' ? (
                <Tag color="green">{t('pay.over.status.refunded')}</Tag>
              ) : can('payment:refund') ? (
                <Button size="small" danger onClick={() => setRefunding(v)}>
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
            if (changed) onChange();
          }}
        />
      )}
    </Card>
  );
}

/** 缴款 tab of the case page: code and QR, amounts as of today, orders, callbacks, refunds, Art. 66 applications, B4 cash. */
export function PaymentsTab({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [applying, setApplying] = useState(false);
  const load = useLoad((signal) => paymentsApi.ofCase(detail.id, signal), `${detail.id}:${detail.version}`);
  if (load.error) return <Alert type="error" showIcon message={errorText(load.error, t, lang)} />;
  const data = load.data;
  if (!data) return <Card loading />;
  const pending = data.applications.find((a) => a.status === 'pending');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="payments-tab">
      <Summary data={data} caseId={detail.id} onChange={load.reload} />
      <Card size="small" title={t('pay.orders')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data.summary.orders}
          columns={[
            {
              title: t('pay.code'),
              dataIndex: 'paymentCode',
              render: (c: string) => <Typography.Text copyable>{groups(c)}</Typography.Text>,
            },
            {
              title: t('pay.kind'),
              render: (_, o) => (o.kind === 'fine' ? t('pay.kind.fine') : t('pay.kind.instalment', { n: o.instalmentNo ?? '' })),
            },
            { title: t('pay.principal'), dataIndex: 'principalFen', align: 'right', render: (f: number) => formatFen(f) },
            { title: t('pay.dueDate'), dataIndex: 'dueOn', render: (d: string | null) => d ?? '—' },
            { title: t('pay.paid'), dataIndex: 'paidFen', align: 'right', render: (f: number) => formatFen(f) },
            {
              title: t('pay.status'),
              dataIndex: 'status',
              render: (s: keyof typeof PAYMENT_ORDER_STATUS_ZH) => (
                <Tag color={s === 'paid' ? 'green' : undefined}>{PAYMENT_ORDER_STATUS_ZH[s]}</Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('pay.transactions')}>
        {data.transactions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.transactions}
            expandable={
              can('payment:refund')
                ? { expandedRowRender: (txn) => <RefundForm caseId={detail.id} txn={txn} onDone={load.reload} /> }
                : undefined
            }
            columns={[
              { title: t('pay.providerTxn'), dataIndex: 'providerTxnId' },
              { title: t('pay.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => formatFen(f) },
              { title: t('pay.expected'), dataIndex: 'expectedFen', align: 'right', render: (f: number | null) => formatFen(f) },
              { title: t('pay.booked'), dataIndex: 'bookedFen', align: 'right', render: (f: number) => formatFen(f) },
              { title: t('pay.paidOn'), dataIndex: 'paidAt', render: (d: string) => formatInstant(d) },
              {
                title: t('pay.status'),
                dataIndex: 'status',
                render: (s: PaymentTransaction['status']) => (
                  <Tag color={s === 'confirmed' ? 'green' : 'orange'}>{PAYMENT_TXN_STATUS_ZH[s]}</Tag>
                ),
              },
              { title: t('pay.refunded'), dataIndex: 'refundedFen', align: 'right', render: (f: number) => formatFen(f) },
              { title: t('pay.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
            ]}
          />
        )}
      </Card>
      {data.overpayments.length > 0 && <OverpaymentsCard items={data.overpayments} onChange={load.reload} />}
      {data.refunds.length > 0 && (
        <Card size="small" title={t('pay.refunds')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.refunds}
            columns={[
              { title: t('pay.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => formatFen(f) },
              { title: t('pay.refundReason'), dataIndex: 'reason' },
              { title: t('pay.status'), dataIndex: 'status' },
              { title: t('pay.providerTxn'), dataIndex: 'providerRefundId', render: (n: string | null) => n ?? '—' },
              { title: t('pay.createdAt'), dataIndex: 'requestedAt', render: (d: string) => formatInstant(d) },
            ]}
          />
        </Card>
      )}
      <Card
        size="small"
        title={t('pay.deferral')}
        extra={
          can('case:write') &&
          !pending &&
          data.summary.fineFen > 0 && (
            <Button size="small" onClick={() => setApplying((v) => !v)} data-testid="deferral-apply">
              {t('pay.deferral.apply')}
            </Button>
          )
        }
      >
        {applying && (
          <DeferralApplyForm
            caseId={detail.id}
            onDone={() => {
              setApplying(false);
              load.reload();
            }}
          />
        )}
        {data.applications.length === 0 && !applying && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {data.applications.map((a) => (
          <Card key={a.id} size="small" type="inner" style={{ marginTop: 8 }}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('pay.deferral.kind')}>{t(`pay.deferral.kind.${a.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('pay.status')}>
                <Tag color={a.status === 'approved' ? 'green' : a.status === 'rejected' ? 'red' : 'orange'}>
                  {t(`pay.deferral.status.${a.status}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('pay.deferral.reason')}>{a.reason}</Descriptions.Item>
              <Descriptions.Item label={t('pay.deferral.until')}>{a.until}</Descriptions.Item>
              {a.decisionNote && <Descriptions.Item label={t('pay.deferral.decisionNote')}>{a.decisionNote}</Descriptions.Item>}
            </Descriptions>
            {a.instalments.length > 0 && (
              <Table
                size="small"
                rowKey="seq"
                pagination={false}
                dataSource={a.instalments}
                columns={[
                  { title: '#', dataIndex: 'seq' },
                  { title: t('pay.dueDate'), dataIndex: 'dueOn' },
                  { title: t('pay.amount'), dataIndex: 'amountFen', render: (f: number) => formatFen(f) },
                  { title: t('pay.code'), dataIndex: 'paymentCode', render: (c: string | null) => (c ? groups(c) : '—') },
                ]}
              />
            )}
            {a.status === 'pending' && can('case:approve') && <DeferralDecision app={a} onDone={load.reload} />}
          </Card>
        ))}
      </Card>
      {data.cashReceipt && (
        <Card size="small" title={t('pay.cash')}>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('pay.cash.receiptNumber')}>{data.cashReceipt.receiptNumber}</Descriptions.Item>
            <Descriptions.Item label={t('pay.amount')}>{formatFen(data.cashReceipt.amountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('pay.cash.collectedOn')}>{data.cashReceipt.collectedOn}</Descriptions.Item>
            <Descriptions.Item label={t('pay.cash.handInDue')}>
              {data.cashReceipt.handInDue}
              {data.cashReceipt.handInOverdue && (
                <Tag color="red" style={{ marginLeft: 8 }}>
                  {t('pay.cash.overdue')}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('pay.cash.handedInOn')}>{data.cashReceipt.handedInOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pay.cash.depositedOn')}>
              {data.cashReceipt.depositedOn ?? '—'}
              {data.cashReceipt.depositOverdue && (
                <Tag color="red" style={{ marginLeft: 8 }}>
                  {t('pay.cash.overdue')}
                </Tag>
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </Space>
  );
}
