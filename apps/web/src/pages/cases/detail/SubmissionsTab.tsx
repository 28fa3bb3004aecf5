import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import type { CaseDetail, CasePortalSubmission } from '@chengguan/contracts';
import { caseFileUrls } from '../../../api/cases-files.ts';
import { errorText } from '../../../api/errors.ts';
import { submissionsApi } from '../../../api/submissions.ts';
import { StoredFileLink } from '../../../components/StoredFileLink.tsx';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { formatInstant } from '../format.ts';

/** 当事人提交: the party's statements (with his attachments), hearing requests and signed consent from the portal. */
export function SubmissionsTab({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const loaded = useLoad((signal) => submissionsApi.ofCase(detail.id, signal), `${detail.id}:${detail.version}`);
  if (loaded.error) return <Alert type="error" showIcon message={errorText(loaded.error, t, lang)} />;
  const items = loaded.data ?? [];
  return (
    <List<CasePortalSubmission>
      loading={loaded.loading}
      dataSource={items}
      locale={{ emptyText: <Empty description={t('case.submissions.none')} /> }}
      data-testid="case-submissions"
      renderItem={(s) => (
        <List.Item key={s.id}>
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Tag color="blue">{t(`case.submissions.kind.${s.kind}` as MessageKey)}</Tag>
              <Typography.Text type="secondary">
                {t('case.legalDate')} {s.legalDate} · {formatInstant(s.createdAt)}
              </Typography.Text>
              {s.signerName && <Typography.Text>{t('case.submissions.signer', { name: s.signerName })}</Typography.Text>}
            </Space>
            {s.content && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.content}</Typography.Paragraph>}
            {s.files.length > 0 && (
              <Space wrap>
                {s.files.map((f, i) => (
                  <StoredFileLink
                    key={f.sm3}
                    url={caseFileUrls.submission(detail.id, s.id, f.sm3)}
                    name={f.role === 'signature' ? t('case.submissions.signature') : t('case.submissions.attachment', { n: i + 1 })}
                    testId="submission-file"
                  />
                ))}
              </Space>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
