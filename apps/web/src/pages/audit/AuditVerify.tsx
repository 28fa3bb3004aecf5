import { useState } from 'react';
import { Alert, Button, Spin, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AuditVerifyProblem, AuditVerifyResult } from '@chengguan/contracts';
import { auditApi } from '../../api/endpoints.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** One finding of the verification, in words: what is wrong, at which entry, and on whose evidence. */
function problemText(t: Translate, p: AuditVerifyProblem): string {
  const what = t(`audit.problem.${p.kind}`, { seq: p.seq ?? '?', cp: p.checkpointSeq ?? '?' });
  const source =
    p.source === 'database'
      ? t('audit.source.database')
      : p.source === 'file'
        ? p.line !== null
          ? t('audit.source.fileLine', { line: p.line })
          : t('audit.source.file')
        : '';
  return what + source;
}

function anchorsText(t: Translate, r: AuditVerifyResult): string {
  const c = r.checkpoints;
  if (c.lastSeq === null) return t('audit.verifyNoAnchors');
  return t('audit.verifyAnchors', { k: c.checked, seq: c.lastSeq, at: when(c.lastAt), m: c.rowsAfterLast });
}

/** Runs the server's verification of the SM3 chain and of every signed checkpoint, and shows its findings. */
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
            <>
              <div data-testid="audit-verify-anchors">{anchorsText(t, result)}</div>
              {result.headHash && (
                <Typography.Text type="secondary" copyable={{ text: result.headHash }} style={{ wordBreak: 'break-all' }}>
                  {t('audit.verifyOkDesc', { hash: result.headHash })}
                </Typography.Text>
              )}
            </>
          }
          data-testid="audit-verify-result"
          data-ok="true"
        />
      )}
      {result && !result.ok && (
        <Alert
          type="error"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          message={t('audit.verifyBroken', { seq: result.firstBrokenSeq ?? '?' })}
          description={
            <>
              <div>{t('audit.verifyProblems', { n: result.problems.length })}</div>
              <ul style={{ margin: '4px 0', paddingInlineStart: 20 }} data-testid="audit-verify-problems">
                {result.problems.map((p, i) => (
                  <li key={i} data-kind={p.kind}>
                    {problemText(t, p)}
                  </li>
                ))}
              </ul>
              {result.problemsTruncated && <div>{t('audit.problemsTruncated', { n: result.problems.length })}</div>}
              <Typography.Text type="secondary">{anchorsText(t, result)}</Typography.Text>
            </>
          }
          data-testid="audit-verify-result"
          data-ok="false"
        />
      )}
      {error && <Alert type="error" showIcon closable style={{ marginBottom: 16 }} message={error} data-testid="audit-verify-error" />}
    </>
  );

  return { button, panel };
}
