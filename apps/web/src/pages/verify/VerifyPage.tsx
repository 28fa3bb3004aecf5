import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Typography, Upload } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import type { DocumentComparison } from '@chengguan/contracts';
import { ApiError } from '../../api/client.ts';
import { documentsApi } from '../../api/documents.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';

/**
 * 执法文书核验 (public, phones first): reached from the QR code printed on a document. Shows whether the document is
 * genuine (SM2 signature of the bureau over its SM3, stored copy intact) and compares a PDF the reader holds.
 */
export default function VerifyPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('c') ?? '';
  const { t, lang } = useI18n();
  const loaded = useLoad(() => documentsApi.verify(id, code), `${id}:${code}`);
  const [comparison, setComparison] = useState<DocumentComparison | null>(null);
  const [compareError, setCompareError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const v = loaded.data;

  const frame = (children: React.ReactNode) => (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 16 }} data-testid="verify-page">
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        {t('doc.verify.title')}
      </Typography.Title>
      {children}
    </div>
  );

  if (loaded.loading && !v) return frame(<Skeleton active />);
  if (loaded.error || !v) {
    const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;
    return frame(
      <Result status={notFound ? '404' : 'error'} title={notFound ? t('doc.verify.notFound') : errorText(loaded.error, t, lang)} />,
    );
  }
  const ok = v.signatureValid && v.storedIntact && v.status === 'issued';
  return frame(
    <>
      <div data-testid="verify-result" data-ok={ok}>
        <Result
          status={ok ? 'success' : 'warning'}
          title={v.status === 'withdrawn' ? t('doc.verify.withdrawn') : ok ? t('doc.verify.genuine') : t('doc.verify.problem')}
          subTitle={`${v.title}${v.number ? ` · ${v.number}` : ''}`}
          style={{ padding: '12px 0' }}
        />
      </div>
      <Card size="small">
        <Descriptions size="small" column={1} labelStyle={{ width: 110 }}>
          {v.status === 'withdrawn' && v.withdrawnReason && (
            <Descriptions.Item label={t('doc.verify.withdrawnReason')}>{v.withdrawnReason}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('doc.verify.agency')}>{v.agency}</Descriptions.Item>
          <Descriptions.Item label={t('doc.number')}>{v.number ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('doc.issuedOn')}>{v.issuedOn}</Descriptions.Item>
          <Descriptions.Item label={t('doc.verify.party')}>{v.partyMasked}</Descriptions.Item>
          <Descriptions.Item label={t('doc.verify.signature')}>
            {v.signatureValid ? t('doc.verify.valid') : t('doc.verify.invalid')}
          </Descriptions.Item>
          <Descriptions.Item label={t('doc.verify.stored')}>
            {v.storedIntact ? t('doc.verify.intact') : t('doc.verify.altered')}
          </Descriptions.Item>
          <Descriptions.Item label="SM3">
            <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 11 }}>
              {v.sm3}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('doc.verify.fingerprint')}>
            <Typography.Text code style={{ fontSize: 11 }}>
              {v.publicKeyFingerprint}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('doc.verify.compare')} style={{ marginTop: 12 }}>
        <Upload
          accept="application/pdf"
          showUploadList={false}
          beforeUpload={(file) => {
            setBusy(true);
            setCompareError(null);
            documentsApi
              .compare(id, code, file)
              .then(setComparison)
              .catch((e: unknown) => setCompareError(errorText(e, t, lang)))
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button icon={<FilePdfOutlined />} loading={busy} block data-testid="verify-pick">
            {t('doc.verify.pick')}
          </Button>
        </Upload>
        {comparison && (
          <Alert
            style={{ marginTop: 12 }}
            type={comparison.matches ? 'success' : 'error'}
            showIcon
            message={comparison.matches ? t('doc.verify.matches') : t('doc.verify.differs')}
            description={<span style={{ wordBreak: 'break-all', fontSize: 11 }}>SM3 {comparison.sm3}</span>}
            data-testid="verify-comparison"
          />
        )}
        {compareError && <Alert style={{ marginTop: 12 }} type="error" showIcon message={compareError} />}
      </Card>
    </>,
  );
}
