import { useState } from 'react';
import { Alert, Button, Spin, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditVerifyResult } from '@chengguan/contracts';
import { auditApi } from '../../api/endpoints.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** Runs the server's SM3 chain verification and shows its verdict. */
export function useAuditVerify() {
  const { t, lang } = useI18n();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setRunning(true);
    setResult(null);
    setError(null);
    try {
      setResult(await auditApi.verify({ idempotencyKey: newIdempotencyKey() }));
    } catch (e) {
      setError(errorText(e, t, lang));
    } finally {
      setRunning(false);
    }
  };

  const button = (
    <Button icon={<SafetyCertificateOutlined />} loading={running} onClick={() => void run()} data-testid="audit-verify">
      {t('audit.verify')}
    </Button>
  );

  const panel = (
    <>
      {running && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          message={
            <Spin size="small" spinning>
              <span style={{ paddingInlineStart: 28 }}>{t('audit.verifying')}</span>
            </Spin>
          }
          data-testid="audit-verify-running"
        />
      )}
      {result?.ok && (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          message={t('audit.verifyOk', { n: result.checked })}
          description={
            result.headHash && (
              <Typography.Text type="secondary" copyable={{ text: result.headHash }} style={{ wordBreak: 'break-all' }}>
                {t('audit.verifyOkDesc', { hash: result.headHash })}
              </Typography.Text>
            )
          }
          data-testid="audit-verify-result"
          data-ok="true"
        />
      )}
      {result && !result.ok && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('audit.verifyBroken', { seq: result.firstBrokenSeq ?? '?' })}
          description={t('audit.verifyBrokenDesc', { reason: result.reason ?? '—', n: result.checked })}
          data-testid="audit-verify-result"
          data-ok="false"
        />
      )}
      {error && <Alert type="error" showIcon closable style={{ marginBottom: 16 }} message={error} data-testid="audit-verify-error" />}
    </>
  );

  return { button, panel };
}
