import { useState, type ReactNode } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, FileAddOutlined, FilePdfOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseDetail, EnforcementOverview, ReviewLitigation } from '@chengguan/contracts';
import { enforcementApi } from '../../../api/enforcement.ts';
import { errorText } from '../../../api/errors.ts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { RuleAlert } from '../components/RuleAlert.tsx';
import { formatFen } from '../format.ts';
import { useCaseSubmit } from '../useCaseSubmit.ts';
import { citationText } from '../../../components/Citation.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

type Dialog = 'reminder' | 'package' | 'filing' | 'review' | { end: ReviewLitigation } | null;
type Values = Record<string, string | Dayjs | undefined>;

const STATUS_COLOR: Record<string, string> = {
  awaiting_reminder: 'orange',
  reminded: 'blue',
  court_window_open: 'green',
  court_deadline_near: 'red',
  court_deadline_passed: 'default',
  court_applied: 'purple',
  review_pending: 'gold',
  paying: 'cyan',
};

/** The fields each dialog asks for; dates go out as YYYY-MM-DD. */
const DIALOG_FIELDS: Record<
  'reminder' | 'package' | 'filing' | 'review' | 'end',
  { name: string; label: MessageKey; kind: 'date' | 'text' | 'long' | 'kind'; required?: boolean }[]
> = {
  reminder: [
    { name: 'date', label: 'enf.reminderDate', kind: 'date', required: true },
    { name: 'paymentMethod', label: 'enf.paymentMethod', kind: 'long' },
  ],
  package: [
    { name: 'date', label: 'enf.packageDate', kind: 'date', required: true },
    { name: 'court', label: 'enf.court', kind: 'text', required: true },
    { name: 'subjectMatter', label: 'enf.subjectMatter', kind: 'long' },
  ],
  filing: [
    { name: 'date', label: 'enf.packageDate', kind: 'date', required: true },
    { name: 'court', label: 'enf.court', kind: 'text', required: true },
    { name: 'courtCaseNumber', label: 'enf.courtCaseNumber', kind: 'text' },
  ],
  review: [
    { name: 'kind', label: 'enf.review.kind', kind: 'kind', required: true },
    { name: 'filedOn', label: 'enf.review.filedOn', kind: 'date', required: true },
    { name: 'body', label: 'enf.review.body', kind: 'text', required: true },
    { name: 'caseNumber', label: 'enf.review.caseNumber', kind: 'text' },
  ],
  end: [
    { name: 'endedOn', label: 'enf.review.endedOn', kind: 'date', required: true },
    { name: 'result', label: 'enf.review.result', kind: 'long', required: true },
  ],
};

function toBody(v: Values): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === '') continue;
    out[k] = typeof x === 'string' ? x.trim() : x.format('YYYY-MM-DD');
  }
  return out;
}

/** 「执行」: G1 period, G2 surcharge today (paused during 复议 / 诉讼), 催告书, the G3 window and its last day, the package. */
export function EnforcementTab({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const loaded = useLoad((signal) => enforcementApi.overview(detail.id, signal), `${detail.id}:${detail.version}`);
  const [fresh, setFresh] = useState<EnforcementOverview | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const o = fresh ?? loaded.data;
  if (!o) return loaded.error ? <Alert type="error" showIcon message={errorText(loaded.error, t, lang)} /> : null;

  const item = (label: MessageKey, value: ReactNode, testId?: string) => (
    <Descriptions.Item label={t(label)}>
      <span data-testid={testId}>{value ?? '—'}</span>
    </Descriptions.Item>
  );
  const windowOpen = o.status === 'court_window_open' || o.status === 'court_deadline_near';
  const canRemind = ['awaiting_reminder', 'reminded', 'court_window_open', 'court_deadline_near'].includes(o.status);

  return (
    <div data-testid="enforcement-tab" data-status={o.status}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          {item('enf.status', <Tag color={STATUS_COLOR[o.status]}>{t(`enf.status.${o.status}` as MessageKey)}</Tag>, 'enf-status')}
          {item('enf.fine', formatFen(o.fineFen))}
          {item('enf.paid', formatFen(o.paidFen))}
          {item('enf.paymentDue', o.paymentDue)}
          {item(
            'enf.surchargeToday',
            <>
              {formatFen(o.surchargeFen)}
              {o.pausedDays > 0 && <div>{t('enf.pausedDays', { n: o.pausedDays })}</div>}
              {o.surchargeLine && <Typography.Text type="secondary">{o.surchargeLine.textZh}</Typography.Text>}
            </>,
            'enf-surcharge',
          )}
          {item('enf.awaitingSince', o.awaitingReminderSince)}
          {item('enf.reminderServedOn', o.reminderServedOn)}
          {item('enf.reminderWaitEnds', o.reminderWaitEnds)}
          {item('enf.courtOpensOn', o.courtOpensOn, 'enf-opens')}
          {item(
            'enf.courtClosesOn',
            o.courtClosesOn ? (
              <Typography.Text strong type={o.status === 'court_deadline_near' ? 'danger' : undefined}>
                {o.courtClosesOn}
              </Typography.Text>
            ) : null,
            'enf-closes',
          )}
          {item('enf.courtAppliedOn', o.courtAppliedOn)}
        </Descriptions>
        {o.courtLines.length > 0 && o.status !== 'paying' && o.status !== 'none' && (
          <Alert type="info" showIcon message={o.courtLines.map((l) => `${l.textZh}（${citationText(l.article, 'zh-CN')}）`).join('；')} />
        )}
        {o.canWrite && (
          <Space wrap>
            <Button icon={<FileAddOutlined />} disabled={!canRemind} onClick={() => setDialog('reminder')} data-testid="enf-reminder">
              {t('enf.issueReminder')}
            </Button>
            {o.canApprove && (
              <>
                <Button icon={<FilePdfOutlined />} disabled={!windowOpen} onClick={() => setDialog('package')} data-testid="enf-package">
                  {t('enf.preparePackage')}
                </Button>
                <Button icon={<SendOutlined />} disabled={!windowOpen} onClick={() => setDialog('filing')} data-testid="enf-filing">
                  {t('enf.recordFiling')}
                </Button>
              </>
            )}
            <Button onClick={() => setDialog('review')} disabled={o.decisionReceivedOn === null} data-testid="enf-review">
              {t('enf.addReview')}
            </Button>
          </Space>
        )}
        {o.courtPackage && (
          <>
            <a href={enforcementApi.courtPackageUrl(detail.id)} data-testid="enf-package-download">
              <DownloadOutlined /> {t('enf.downloadPackage')}（{o.courtPackage.createdOn}）
            </a>
            <DataTable
              size="small"
              rowKey={(r) => `${r.item}-${r.file ?? ''}`}
              pagination={false}
              title={() => t('enf.manifest')}
              dataSource={o.courtPackage.manifest}
              columns={[
                { title: '#', dataIndex: 'item', width: 40 },
                { title: '', dataIndex: 'titleZh', width: 200 },
                { title: '', dataIndex: 'file', render: (f: string | null, r) => f ?? r.note },
                {
                  title: 'SM3',
                  dataIndex: 'sm3',
                  render: (h: string | null) => (h ? <Typography.Text code>{h.slice(0, 16)}…</Typography.Text> : '—'),
                },
              ]}
            />
          </>
        )}
        <DataTable
          size="small"
          rowKey="id"
          pagination={false}
          title={() => t('enf.documents')}
          dataSource={o.documents}
          columns={[
            { title: '', dataIndex: 'title' },
            { title: '', dataIndex: 'number', render: (n: string | null) => n ?? '—' },
            { title: '', dataIndex: 'issuedOn' },
            { title: t('enf.reminderServedOn'), dataIndex: 'servedOn', render: (d: string | null) => d ?? '—' },
          ]}
        />
        <DataTable<ReviewLitigation>
          size="small"
          rowKey="id"
          pagination={false}
          title={() => t('enf.reviews')}
          dataSource={o.reviewOrLitigations}
          columns={[
            { title: t('enf.review.kind'), dataIndex: 'kind', render: (k: string) => t(`enf.review.${k}` as MessageKey) },
            { title: t('enf.review.filedOn'), dataIndex: 'filedOn' },
            { title: t('enf.review.body'), dataIndex: 'body' },
            { title: t('enf.review.endedOn'), dataIndex: 'endedOn', render: (d: string | null) => d ?? '—' },
            { title: t('enf.review.result'), dataIndex: 'result', render: (r: string | null) => r ?? '—' },
            { title: t('enf.review.pausedDays'), dataIndex: 'pausedDays' },
            {
              title: '',
              render: (_: unknown, r) =>
                !r.endedOn && o.canWrite ? (
                  <Button size="small" onClick={() => setDialog({ end: r })}>
                    {t('enf.endReview')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Space>
      {dialog && (
        <EnforcementDialog
          caseId={detail.id}
          dialog={dialog}
          today={o.today}
          onClose={() => setDialog(null)}
          onDone={(next) => {
            setFresh(next);
            setDialog(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function EnforcementDialog({
  caseId,
  dialog,
  today,
  onClose,
  onDone,
}: {
  caseId: string;
  dialog: Exclude<Dialog, null>;
  today: string;
  onClose: () => void;
  onDone: (o: EnforcementOverview) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = typeof dialog === 'string' ? dialog : 'end';
  const { submit, loading, ruleError, clearRuleError } = useCaseSubmit<Values, EnforcementOverview>(
    form,
    (v, idempotencyKey) => {
      const body = toBody(v) as never;
      const w = { idempotencyKey };
      if (typeof dialog !== 'string') return enforcementApi.endReview(caseId, dialog.end.id, body, w);
      if (dialog === 'reminder') return enforcementApi.reminder(caseId, body, w);
      if (dialog === 'package') return enforcementApi.courtPackage(caseId, body, w);
      if (dialog === 'filing') return enforcementApi.courtFiling(caseId, body, w);
      return enforcementApi.review(caseId, body, w);
    },
    { successMessage: t('enf.done'), onSuccess: onDone },
  );
  const titles: Record<typeof kind, MessageKey> = {
    reminder: 'enf.issueReminder',
    package: 'enf.preparePackage',
    filing: 'enf.recordFiling',
    review: 'enf.addReview',
    end: 'enf.endReview',
  };
  const initial: Values = { date: dayjs(today), filedOn: dayjs(today), endedOn: dayjs(today), kind: 'review' };
  return (
    <Modal open title={t(titles[kind])} onCancel={onClose} onOk={() => form.submit()} confirmLoading={loading} destroyOnHidden>
      <RuleAlert error={ruleError} onClose={clearRuleError} />
      {kind === 'reminder' && <Alert type="info" showIcon message={t('enf.reminderHint')} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" name={`enf-${kind}`} initialValues={initial} onFinish={(v) => void submit(v)}>
        {DIALOG_FIELDS[kind].map((f) => (
          <Form.Item key={f.name} name={f.name} label={t(f.label)} rules={f.required ? [{ required: true }] : []}>
            {f.kind === 'date' ? (
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(today), 'day')} />
            ) : f.kind === 'kind' ? (
              <Select options={(['review', 'litigation'] as const).map((k) => ({ value: k, label: t(`enf.review.${k}`) }))} />
            ) : f.kind === 'long' ? (
              <Input.TextArea rows={3} maxLength={2000} />
            ) : (
              <Input maxLength={100} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
