import { useRef, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import type { CaseDetail, CaseDocument, DocumentKind, IssuedDocumentInfo } from '@chengguan/contracts';
import { DOCUMENT_KIND_TITLES } from '@chengguan/contracts';
import { documentsApi } from '../../../api/documents.ts';
import { newIdempotencyKey } from '../../../api/client.ts';
import { applyServerErrors, errorText, isRetryable } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { docTypeLabel } from '../labels.ts';
import { StageDocuments } from './StageDocuments.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

const kindTitle = (kind: DocumentKind, lang: string) =>
  lang.startsWith('en') ? DOCUMENT_KIND_TITLES[kind].en : DOCUMENT_KIND_TITLES[kind].zh;

/**
 * 文书: what the case's stage needs, made and not made, with the action that makes each (StageDocuments); the
 * documents issued for the case (frozen PDFs with SM3 and SM2 signature), to download, verify or void.
 */
export function DocumentsTab({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const loaded = useLoad((signal) => documentsApi.ofCase(detail.id, signal), `${detail.id}:${detail.version}`);
  const [verifyPaths, setVerifyPaths] = useState<Record<string, string>>({});
  const answer = loaded.data;

  const withGlyphs = (answer?.issued ?? []).filter((d) => d.missingGlyphs.length > 0);
  const [voiding, setVoiding] = useState<IssuedDocumentInfo | null>(null);
  const [voidForm] = Form.useForm<{ reason: string }>();
  const voidKey = useRef(newIdempotencyKey());
  const withdraw = async () => {
    if (!voiding) return;
    const { reason } = await voidForm.validateFields();
    try {
      await documentsApi.withdraw(voiding.id, { reason }, voidKey.current);
      voidKey.current = newIdempotencyKey();
      void message.success(t('doc.withdrawnOk'));
      setVoiding(null);
      voidForm.resetFields();
      loaded.reload();
    } catch (e) {
      if (!isRetryable(e)) voidKey.current = newIdempotencyKey();
      if (!applyServerErrors(voidForm, e, lang)) void message.error(errorText(e, t, lang));
    }
  };

  return (
    <div data-testid="case-documents">
      {answer && (
        <StageDocuments
          caseId={detail.id}
          answer={answer}
          onIssued={(r) => {
            setVerifyPaths((m) => ({ ...m, [r.document.id]: r.verifyPath }));
            loaded.reload();
          }}
        />
      )}
      {withGlyphs.map((d) => (
        <Alert
          key={d.id}
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 8 }}
          message={`${d.title}${d.number ? `（${d.number}）` : ''}：${t('doc.missingGlyphs', { chars: d.missingGlyphs.join(' ') })}`}
        />
      ))}
      {!!loaded.error && <Alert type="error" showIcon message={errorText(loaded.error, t, lang)} style={{ marginBottom: 12 }} />}
      <Typography.Title level={5}>{t('doc.issued')}</Typography.Title>
      <DataTable<IssuedDocumentInfo>
        rowKey="id"
        size="small"
        loading={loaded.loading}
        pagination={false}
        dataSource={answer?.issued ?? []}
        locale={{ emptyText: t('doc.none') }}
        scroll={{ x: 760 }}
        data-testid="issued-documents"
        columns={[
          {
            title: t('doc.kind'),
            dataIndex: 'kind',
            render: (k: DocumentKind, d) => (lang.startsWith('en') ? kindTitle(k, lang) : d.title),
          },
          {
            title: t('doc.number'),
            dataIndex: 'number',
            render: (n: string | null) => (n ? <Typography.Text copyable>{n}</Typography.Text> : '—'),
          },
          { title: t('doc.issuedOn'), dataIndex: 'issuedOn', width: 110 },
          {
            title: t('doc.sm3'),
            dataIndex: 'sm3',
            width: 120,
            render: (s: string) => (
              <Tooltip title={s}>
                <Typography.Text code copyable={{ text: s }}>
                  {s.slice(0, 8)}
                </Typography.Text>
              </Tooltip>
            ),
          },
          { title: t('doc.issuedBy'), dataIndex: 'issuedByName', render: (n: string | null) => n ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d) => (
              <Space size={4} wrap>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => void documentsApi.download(d.id, `${d.title}.pdf`)}>
                  {t('doc.download')}
                </Button>
                {verifyPaths[d.id] && (
                  <Tooltip title={t('doc.verifyOnce')}>
                    <a href={verifyPaths[d.id]} target="_blank" rel="noreferrer">
                      <SafetyCertificateOutlined /> {t('doc.verifyLink')}
                    </a>
                  </Tooltip>
                )}
                {d.missingGlyphs.length > 0 && <Tag color="warning">{d.missingGlyphs.join(' ')}</Tag>}
                {d.status === 'withdrawn' ? (
                  <Tooltip title={d.withdrawnReason}>
                    <Tag color="red">{t('doc.withdrawn')}</Tag>
                  </Tooltip>
                ) : (
                  answer?.canWithdraw && (
                    <Button size="small" danger onClick={() => setVoiding(d)} data-testid={`doc-withdraw-${d.id}`}>
                      {t('doc.withdraw')}
                    </Button>
                  )
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={voiding !== null}
        title={voiding ? `${t('doc.withdrawTitle')}：${voiding.title}${voiding.number ? `（${voiding.number}）` : ''}` : ''}
        onCancel={() => setVoiding(null)}
        onOk={() => void withdraw()}
        okButtonProps={{ danger: true }}
        destroyOnHidden
      >
        <Alert type="warning" showIcon message={t('doc.withdrawHelp')} style={{ marginBottom: 12 }} />
        <Form form={voidForm} layout="vertical">
          <Form.Item name="reason" label={t('doc.withdrawReason')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
      {detail.documents.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('doc.numberedSteps')}
          </Typography.Title>
          <DataTable<CaseDocument>
            rowKey={(d) => `${d.docType}-${d.number}`}
            size="small"
            pagination={false}
            dataSource={detail.documents}
            columns={[
              { title: t('case.docType'), dataIndex: 'docType', render: (d: CaseDocument['docType']) => docTypeLabel(t, d) },
              { title: t('case.docNumber'), dataIndex: 'number', render: (n: string) => <Typography.Text copyable>{n}</Typography.Text> },
              { title: t('case.issuedOn'), dataIndex: 'issuedOn' },
            ]}
          />
        </>
      )}
    </div>
  );
}
