import { useRef, useState } from 'react';
import { App, Button, Flex, List, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { EyeOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { CaseDocumentsAnswer, DocumentKind, IssuedDocumentCreated, StageDocumentInfo } from '@chengguan/contracts';
import { DOCUMENT_KIND_TITLES } from '@chengguan/contracts';
import { documentsApi } from '../../../api/documents.ts';
import { newIdempotencyKey } from '../../../api/client.ts';
import { errorText, isRetryable } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { citationText } from '../../../components/Citation.tsx';

const kindTitle = (kind: DocumentKind, lang: string) =>
  lang.startsWith('en') ? DOCUMENT_KIND_TITLES[kind].en : DOCUMENT_KIND_TITLES[kind].zh;

/** Preview (样稿) and issue of one kind, with its own idempotency key; `onIssued` reloads the tab. */
function useIssue(caseId: string, onIssued: (r: IssuedDocumentCreated) => void) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const keys = useRef(new Map<DocumentKind, string>());
  const keyOf = (kind: DocumentKind) => keys.current.get(kind) ?? keys.current.set(kind, newIdempotencyKey()).get(kind)!;
  const preview = async (kind: DocumentKind) => {
    setBusy(`preview:${kind}`);
    try {
      const url = await documentsApi.previewUrl(caseId, { kind });
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setBusy(null);
    }
  };
  const issue = async (kind: DocumentKind) => {
    setBusy(`issue:${kind}`);
    try {
      const r = await documentsApi.issue(caseId, { kind }, keyOf(kind));
      keys.current.delete(kind);
      void message.success(t('doc.issuedOk', { title: r.document.title }));
      onIssued(r);
    } catch (e) {
      if (!isRetryable(e)) keys.current.delete(kind);
      void message.error(errorText(e, t, lang));
    } finally {
      setBusy(null);
    }
  };
  return { busy, preview, issue };
}

/**
 * 文书 the case's stage needs (the server's list, from the domain's rule of each document), made and not made, with
 * the one action that makes each — then the other kinds the stage allows, as buttons. Nothing is decided here.
 */
export function StageDocuments({
  caseId,
  answer,
  onIssued,
}: {
  caseId: string;
  answer: CaseDocumentsAnswer;
  onIssued: (r: IssuedDocumentCreated) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { busy, preview, issue } = useIssue(caseId, onIssued);

  const open = (id: string) => void documentsApi.open(id).catch((e: unknown) => void message.error(errorText(e, t, lang)));
  const makeButtons = (kind: DocumentKind) => (
    <>
      <Button size="small" icon={<EyeOutlined />} loading={busy === `preview:${kind}`} onClick={() => void preview(kind)}>
        {t('doc.preview')}
      </Button>
      <Popconfirm title={t('doc.issueConfirm')} onConfirm={() => void issue(kind)}>
        <Button size="small" type="primary" loading={busy === `issue:${kind}`} data-testid={`doc-make-${kind}`}>
          {t('doc.stage.make')}
        </Button>
      </Popconfirm>
    </>
  );
  const hint = (d: StageDocumentInfo): string | null => {
    if (d.source === 'service') return t('doc.stage.byService');
    if (!d.canIssue && d.source === 'record') return t('doc.stage.byRecord');
    if (!d.canIssue)
      return (
        d.reasons
          .map((r) => (lang.startsWith('en') ? `${r.textEn} (${r.article})` : `${r.textZh}（${citationText(r.article, lang)}）`))
          .join(lang.startsWith('en') ? '; ' : '；') || null
      );
    return null;
  };

  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('doc.stage.title')}
      </Typography.Title>
      <List<StageDocumentInfo>
        size="small"
        bordered
        dataSource={answer.stage}
        locale={{ emptyText: t('doc.stage.empty') }}
        data-testid="stage-documents"
        style={{ marginBottom: 16 }}
        renderItem={(d) => (
          <List.Item data-testid={`stage-doc-${d.kind}`} data-made={String(d.made)}>
            <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{kindTitle(d.kind, lang)}</Typography.Text>
                <Tag color={d.made ? 'success' : 'default'}>{d.made ? t('doc.stage.made') : t('doc.stage.notMade')}</Tag>
                {d.number && (
                  <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                    {t('doc.stage.number', { number: d.number })}
                  </Typography.Text>
                )}
              </Flex>
              <Tooltip title={d.rule.ruleId}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {lang.startsWith('en') ? `${d.rule.textEn} (${d.rule.article})` : `${d.rule.textZh}（${d.citationZh}）`}
                </Typography.Text>
              </Tooltip>
              <Flex gap={8} wrap align="center">
                {d.made ? (
                  <Button
                    size="small"
                    icon={<FilePdfOutlined />}
                    onClick={() => open(d.documentIds[0]!)}
                    data-testid={`doc-open-${d.kind}`}
                  >
                    {t('doc.stage.open')}
                  </Button>
                ) : (
                  d.canIssue && makeButtons(d.kind)
                )}
                {!d.made && hint(d) && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {hint(d)}
                  </Typography.Text>
                )}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      {answer.canIssue && answer.others.length > 0 && (
        <div data-testid="other-documents" style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('doc.others.title')}</Typography.Text>
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {answer.others.map((kind) => (
              <Popconfirm key={kind} title={t('doc.issueConfirm')} onConfirm={() => void issue(kind)}>
                <Button size="small" loading={busy === `issue:${kind}`} data-testid={`doc-make-${kind}`}>
                  {kindTitle(kind, lang)}
                </Button>
              </Popconfirm>
            ))}
          </Flex>
        </div>
      )}
    </>
  );
}
