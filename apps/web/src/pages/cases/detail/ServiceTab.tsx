import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { FilePdfOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseDetail, RecordServiceBody, ServiceConsentBody, ServiceRecord, ServiceRecordMethod } from '@chengguan/contracts';
import { serviceApi } from '../../../api/service.ts';
import { errorText } from '../../../api/errors.ts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { caseFileUrls } from '../../../api/cases-files.ts';
import { StoredFileLink } from '../../../components/StoredFileLink.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { FileUpload } from '../components/FileUpload.tsx';
import { RuleAlert } from '../components/RuleAlert.tsx';
import { useCaseSubmit } from '../useCaseSubmit.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { bureauToday } from '../../../lib/bureauTime';

const METHODS: ServiceRecordMethod[] = ['direct', 'lien', 'mail', 'electronic', 'public_notice'];
const STATUS_COLOR = { served: 'green', pending: 'gold', failed: 'red' } as const;

type ServiceValues = Omit<RecordServiceBody, 'servedOn' | 'postedOn' | 'receivedOn' | 'publishedOn'> & {
  servedOn?: Dayjs;
  postedOn?: Dayjs;
  receivedOn?: Dayjs;
  publishedOn?: Dayjs;
};
type ConsentValues = Omit<ServiceConsentBody, 'signedOn'> & { signedOn: Dayjs };

const day = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Only the fields the chosen method uses are sent (民诉法 Arts. 87–91, 沪条例 Art. 25). */
function toBody(v: ServiceValues): RecordServiceBody {
  const text = (s?: string) => (s && s.trim() ? s.trim() : undefined);
  const body: RecordServiceBody = { documentId: v.documentId, method: v.method };
  const put = <K extends keyof RecordServiceBody>(k: K, value: RecordServiceBody[K] | undefined) => {
    if (value !== undefined) body[k] = value;
  };
  put('note', text(v.note));
  if (v.method === 'direct' || v.method === 'lien') {
    put('servedOn', day(v.servedOn));
    put('witnessName', text(v.witnessName));
    put('mediaSm3', v.mediaSm3);
    put('address', text(v.address));
  }
  if (v.method === 'direct') {
    put('recipientName', text(v.recipientName));
    put('signatureSm3', v.signatureSm3);
    put('refusalNote', text(v.refusalNote));
  }
  if (v.method === 'mail') {
    put('trackingNumber', text(v.trackingNumber));
    put('postedOn', day(v.postedOn));
    put('receivedOn', day(v.receivedOn));
    put('address', text(v.address));
  }
  if (v.method === 'public_notice') {
    put('noticeReason', text(v.noticeReason));
    put('medium', text(v.medium));
    put('publishedOn', day(v.publishedOn));
  }
  return body;
}

/** 「送达」: service records of every issued document, the F2 consent, adding a record, the 送达回证. */
export function ServiceTab({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const loaded = useLoad((signal) => serviceApi.overview(detail.id, signal), `${detail.id}:${detail.version}`);
  const [adding, setAdding] = useState(false);
  const [consenting, setConsenting] = useState(false);
  const o = loaded.data;
  const refresh = () => {
    loaded.reload();
    onChanged();
  };

  const columns: TableColumnsType<ServiceRecord> = [
    {
      title: t('service.document'),
      dataIndex: 'documentTitle',
      render: (title: string, r) => (
        <Space direction="vertical" size={0}>
          <span>{title}</span>
          {r.documentNumber && <Typography.Text type="secondary">{r.documentNumber}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('service.method'),
      dataIndex: 'method',
      width: 110,
      render: (m: ServiceRecordMethod) => t(`service.method.${m}` as MessageKey),
    },
    {
      title: t('service.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: ServiceRecord['status']) => <Tag color={STATUS_COLOR[s]}>{t(`service.status.${s}` as MessageKey)}</Tag>,
    },
    {
      title: t('service.servedOn'),
      dataIndex: 'servedOn',
      width: 130,
      render: (d: string | null, r) => d ?? (r.deemedOn ? `${t('service.deemedOn')} ${r.deemedOn}` : '—'),
    },
    {
      title: t('service.details'),
      render: (_: unknown, r) =>
        [
          r.recipientName && `${t('service.field.recipientName')}：${r.recipientName}`,
          r.refusalNote && `${t('service.field.refusalNote')}：${r.refusalNote}`,
          r.witnessName && `${t('service.field.witnessName')}：${r.witnessName}`,
          r.trackingNumber && `${t('service.field.trackingNumber')}：${r.trackingNumber}`,
          r.address && `${t('service.field.address')}：${r.address}`,
          r.medium && `${t('service.field.medium')}：${r.medium}（${r.publishedOn}）`,
          r.caseStep && t(`service.step.${r.caseStep}` as MessageKey),
        ]
          .filter(Boolean)
          .join('；'),
    },
    {
      title: t('service.files'),
      width: 150,
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          {r.signatureSm3 && (
            <StoredFileLink
              url={caseFileUrls.service(detail.id, r.id, 'signature')}
              name={t('service.field.signatureSm3')}
              testId="service-signature-file"
            />
          )}
          {r.mediaSm3 && (
            <StoredFileLink
              url={caseFileUrls.service(detail.id, r.id, 'media')}
              name={t('service.field.mediaSm3')}
              testId="service-media-file"
            />
          )}
          {!r.signatureSm3 && !r.mediaSm3 && '—'}
        </Space>
      ),
    },
    {
      title: t('service.receipt'),
      width: 120,
      render: (_: unknown, r) =>
        r.receiptDocumentId ? (
          <a href={serviceApi.receiptUrl(detail.id, r.id)} target="_blank" rel="noreferrer" data-testid="service-receipt">
            <FilePdfOutlined /> {t('service.receipt')}
          </a>
        ) : (
          <Typography.Text type="secondary">{r.status === 'served' ? t('service.receiptPending') : '—'}</Typography.Text>
        ),
    },
  ];

  return (
    <div data-testid="service-tab">
      {!!loaded.error && <Alert type="error" showIcon message={errorText(loaded.error, t, lang)} style={{ marginBottom: 12 }} />}
      {o && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('service.consent')}>
              {o.electronicServiceConsentOn ? (
                <Tag color="green" icon={<SafetyCertificateOutlined />}>
                  {t('service.consentOn', { date: o.electronicServiceConsentOn })}
                </Tag>
              ) : (
                <Typography.Text type="secondary">{t('service.noConsent')}</Typography.Text>
              )}
              {o.consents.map((c) => (
                <div key={c.id}>
                  {c.signedOn} · {t(`service.consent.${c.channel}` as MessageKey)} {c.address} ·{' '}
                  {t(`service.consent.via.${c.via}` as MessageKey)}
                  {c.signatureSm3 && (
                    <>
                      {' · '}
                      <StoredFileLink
                        url={caseFileUrls.consent(detail.id, c.id)}
                        name={t(c.via === 'portal' ? 'service.consent.signature' : 'service.consent.scanFile')}
                        testId="service-consent-file"
                      />
                    </>
                  )}
                </div>
              ))}
            </Descriptions.Item>
          </Descriptions>
          {o.decisionServiceDue && <Alert type="info" showIcon message={t('service.decisionDue', { date: o.decisionServiceDue })} />}
          {o.pendingDeemedService && (
            <Alert
              type="warning"
              showIcon
              data-testid="service-pending-deemed"
              message={t('service.pendingDeemed', {
                published: o.pendingDeemedService.publishedOn,
                deemed: o.pendingDeemedService.deemedOn,
              })}
            />
          )}
          {o.canWrite && (
            <Space>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                disabled={o.documents.length === 0}
                data-testid="service-add"
              >
                {t('service.add')}
              </Button>
              <Button onClick={() => setConsenting(true)} data-testid="service-add-consent">
                {t('service.addConsent')}
              </Button>
            </Space>
          )}
          <DataTable<ServiceRecord>
            rowKey="id"
            size="small"
            loading={loaded.loading}
            dataSource={o.services}
            columns={columns}
            pagination={false}
          />
        </Space>
      )}
      {o && adding && (
        <ServiceForm caseId={detail.id} documents={o.documents} today={o.today} onClose={() => setAdding(false)} onDone={refresh} />
      )}
      {consenting && <ConsentForm caseId={detail.id} version={detail.version} onClose={() => setConsenting(false)} onDone={refresh} />}
    </div>
  );
}

function ServiceForm({
  caseId,
  documents,
  today,
  onClose,
  onDone,
}: {
  caseId: string;
  documents: { id: string; title: string; number: string | null; kind: string }[];
  today: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<ServiceValues>();
  const method = Form.useWatch('method', form) ?? 'direct';
  const refused = !!Form.useWatch('refusalNote', form);
  const { submit, loading, ruleError, clearRuleError } = useCaseSubmit<ServiceValues, ServiceRecord>(
    form,
    (v, idempotencyKey) => serviceApi.record(caseId, toBody(v), { idempotencyKey }),
    {
      successMessage: t('service.saved'),
      onSuccess: () => {
        onClose();
        onDone();
      },
    },
  );
  const date = (name: keyof ServiceValues, label: MessageKey, required = true) => (
    <Form.Item name={name} label={t(label)} rules={[{ required }]}>
      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(today), 'day')} />
    </Form.Item>
  );
  const needsWitness = method === 'lien' || (method === 'direct' && refused);
  return (
    <Modal open title={t('service.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={loading} destroyOnHidden width={640}>
      <RuleAlert error={ruleError} onClose={clearRuleError} />
      <Form<ServiceValues>
        form={form}
        name="service"
        layout="vertical"
        initialValues={{ method: 'direct', documentId: documents[0]?.id, servedOn: dayjs(today) }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="documentId" label={t('service.document')} rules={[{ required: true }]}>
          <Select
            options={documents.map((d) => ({ value: d.id, label: `${d.title}${d.number ? `（${d.number}）` : ''}` }))}
            data-testid="service-document"
          />
        </Form.Item>
        <Form.Item name="method" label={t('service.method')} rules={[{ required: true }]}>
          <Select
            options={METHODS.map((m) => ({ value: m, label: t(`service.method.${m}` as MessageKey) }))}
            data-testid="service-method"
          />
        </Form.Item>
        {(method === 'direct' || method === 'lien') && date('servedOn', 'service.field.servedOn')}
        {method === 'direct' && (
          <>
            <Form.Item name="recipientName" label={t('service.field.recipientName')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="signatureSm3" label={t('service.field.signatureSm3')}>
              <FileUpload accept="image/*,application/pdf" testId="service-signature" />
            </Form.Item>
            <Form.Item name="refusalNote" label={t('service.field.refusalNote')} extra={t('service.field.refusalHint')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        {needsWitness && (
          <>
            <Form.Item name="witnessName" label={t('service.field.witnessName')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="mediaSm3" label={t('service.field.mediaSm3')}>
              <FileUpload accept="image/*,video/*" testId="service-media" />
            </Form.Item>
          </>
        )}
        {(method === 'lien' || method === 'mail') && (
          <Form.Item name="address" label={t('service.field.address')}>
            <Input maxLength={300} />
          </Form.Item>
        )}
        {method === 'mail' && (
          <>
            <Form.Item name="trackingNumber" label={t('service.field.trackingNumber')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={50} />
            </Form.Item>
            {date('postedOn', 'service.field.postedOn')}
            {date('receivedOn', 'service.field.receivedOn')}
          </>
        )}
        {method === 'electronic' && <Alert type="info" showIcon message={t('service.electronicHint')} style={{ marginBottom: 12 }} />}
        {method === 'public_notice' && (
          <>
            <Form.Item name="noticeReason" label={t('service.field.noticeReason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="medium" label={t('service.field.medium')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            {date('publishedOn', 'service.field.publishedOn')}
          </>
        )}
        <Form.Item name="note" label={t('service.field.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ConsentForm({ caseId, version, onClose, onDone }: { caseId: string; version: number; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ConsentValues>();
  const { submit, loading, ruleError, clearRuleError } = useCaseSubmit<ConsentValues, unknown>(
    form,
    (v, idempotencyKey) =>
      serviceApi.consent(
        caseId,
        {
          signedOn: v.signedOn.format('YYYY-MM-DD'),
          channel: v.channel,
          address: v.address.trim(),
          ...(v.signatureSm3 ? { signatureSm3: v.signatureSm3 } : {}),
          expectedVersion: version,
        },
        { idempotencyKey },
      ),
    {
      successMessage: t('service.saved'),
      onSuccess: () => {
        onClose();
        onDone();
      },
    },
  );
  return (
    <Modal open title={t('service.addConsent')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={loading} destroyOnHidden>
      <RuleAlert error={ruleError} onClose={clearRuleError} />
      <Form<ConsentValues>
        form={form}
        name="consent"
        layout="vertical"
        initialValues={{ channel: 'sms', signedOn: bureauToday() }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="signedOn" label={t('service.consent.signedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="channel" label={t('service.consent.channel')} rules={[{ required: true }]}>
          <Select options={(['sms', 'email'] as const).map((c) => ({ value: c, label: t(`service.consent.${c}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="address" label={t('service.consent.address')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="signatureSm3" label={t('service.consent.scan')}>
          <FileUpload accept="image/*,application/pdf" testId="consent-scan" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
