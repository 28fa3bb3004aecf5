import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Progress, Select, Table, Tag, Typography, Upload } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { OrgNode, SubjectImportBatch, SubjectImportProblemPage, SubjectImportProblemRow } from '@chengguan/contracts';
import { api, ApiError, download, newIdempotencyKey } from '../../../api/client.ts';
import { orgApi } from '../../../api/endpoints.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { errorText } from '../../../api/errors.ts';
import { xhrUpload } from '../../../api/xhr-upload.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Page } from '../../../components/Page.tsx';

const BASE = '/api/v1/subject-imports';
const POLL_MS = 1000;
const PAGE_SIZE = 20;

/** The district bureaus of the tree the caller sees, in tree order. */
function districtBureaus(nodes: readonly OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => (n.kind === 'district_bureau' ? [n] : districtBureaus(n.children)));
}

const isBatch = (status: number, body: unknown): body is SubjectImportBatch =>
  status === 202 && typeof body === 'object' && body !== null && typeof (body as { id?: unknown }).id === 'string';

/**
 * 导入: upload the city's list (.xlsx or .csv), watch the check, read its problems by row and column (or download
 * them as Excel), then import the rows that passed; duplicates go to the merge review. The check and the import run
 * on the server as jobs; the page polls the batch for their progress.
 */
export default function SubjectImportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [batch, setBatch] = useState<SubjectImportBatch | null>(null);
  const [problems, setProblems] = useState<SubjectImportProblemPage | null>(null);
  const [page, setPage] = useState(1);
  const [committing, setCommitting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const commitKey = useRef<string | null>(null);
  // A user above district level (the city bureau) chooses the district bureau the list goes to; a district user's
  // list goes to his own bureau.
  const { me } = useAuth();
  const picksBureau = !!me?.cityWide;
  const [bureaus, setBureaus] = useState<OrgNode[] | null>(null);
  const [bureauId, setBureauId] = useState<string | undefined>(undefined);
  const [bureauError, setBureauError] = useState<string | null>(null);
  useEffect(() => {
    if (!picksBureau) return;
    orgApi
      .tree()
      .then((tree) => setBureaus(districtBureaus(tree)))
      .catch((e: unknown) => void message.error(errorText(e, t, lang)));
  }, [picksBureau, message, t, lang]);

  const busy = uploading !== null || batch?.status === 'checking' || batch?.status === 'committing';

  // Poll the batch while the server works on it.
  useEffect(() => {
    if (!batch || (batch.status !== 'checking' && batch.status !== 'committing')) return;
    const timer = setTimeout(() => {
      api
        .get<SubjectImportBatch>(`${BASE}/${batch.id}`)
        .then(setBatch)
        .catch((e: unknown) => void message.error(errorText(e, t, lang)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [batch, message, t, lang]);

  const loadProblems = useCallback(
    (id: string, p: number) => {
      api
        .get<SubjectImportProblemPage>(`${BASE}/${id}/problems`, { page: p, pageSize: PAGE_SIZE })
        .then((r) => {
          setProblems(r);
          setPage(p);
        })
        .catch((e: unknown) => void message.error(errorText(e, t, lang)));
    },
    [message, t, lang],
  );

  const checkedId = batch && (batch.status === 'checked' || batch.status === 'committed') ? batch.id : null;
  useEffect(() => {
    if (checkedId) loadProblems(checkedId, 1);
  }, [checkedId, loadProblems]);

  const onCheck = async () => {
    if (!file) {
      void message.warning(t('subjectImport.pickFile'));
      return;
    }
    if (picksBureau && !bureauId) {
      setBureauError(t('subjectImport.pickBureau'));
      return;
    }
    setBatch(null);
    setProblems(null);
    commitKey.current = null;
    setUploading(0);
    try {
      const opened = await xhrUpload<SubjectImportBatch>({
        url: `${BASE}?fileName=${encodeURIComponent(file.name.slice(0, 200))}${bureauId ? `&bureauId=${bureauId}` : ''}`,
        body: file,
        contentType: file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/octet-stream',
        lang,
        idempotencyKey: newIdempotencyKey(),
        accept: isBatch,
        onProgress: (f) => setUploading(Math.round(f * 100)),
      });
      setBatch(opened);
    } catch (e) {
      // The server's refusal of the bureau is shown at the picker.
      if (picksBureau && e instanceof ApiError && e.body.field?.includes('bureauId')) setBureauError(e.text(lang));
      else void message.error(errorText(e, t, lang));
    } finally {
      setUploading(null);
    }
  };

  const onCommit = async () => {
    if (!batch) return;
    setCommitting(true);
    // The same key on a retry: the server queues the commit once.
    commitKey.current ??= newIdempotencyKey();
    try {
      setBatch(await api.post<SubjectImportBatch>(`${BASE}/${batch.id}/commit`, {}, { idempotencyKey: commitKey.current }));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setCommitting(false);
    }
  };

  const onReport = async () => {
    if (!batch) return;
    setExporting(true);
    try {
      await download(`${BASE}/${batch.id}/report.xlsx`, {}, '执法对象导入检查结果.xlsx');
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const reset = () => {
    setFile(null);
    setBatch(null);
    setProblems(null);
    commitKey.current = null;
  };

  const lines = (problems?.items ?? []).flatMap((r: SubjectImportProblemRow) =>
    r.issues.map((i, k) => ({ key: `${r.rowNo}-${k}`, rowNo: r.rowNo, name: r.name, status: r.status, ...i })),
  );

  return (
    <Page title={t('menu.subjectImport')} testId="subject-import-page">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" style={{ maxWidth: 720 }}>
          {picksBureau && (
            <Form.Item
              label={t('subjectImport.bureau')}
              required
              extra={t('subjectImport.bureauHint')}
              validateStatus={bureauError ? 'error' : undefined}
              help={bureauError ?? undefined}
            >
              <Select
                data-testid="subject-import-bureau"
                showSearch
                optionFilterProp="label"
                loading={bureaus === null}
                disabled={busy || !!batch}
                placeholder={t('subjectImport.pickBureau')}
                value={bureauId}
                onChange={(v: string) => {
                  setBureauId(v);
                  setBureauError(null);
                }}
                options={(bureaus ?? []).map((b) => ({ value: b.id, label: b.name }))}
                style={{ maxWidth: 360 }}
              />
            </Form.Item>
          )}
          <Form.Item label={t('subjectImport.file')} extra={t('subjectImport.fileHint')}>
            <div data-testid="subject-import-file">
              <Upload.Dragger
                accept=".xlsx,.csv"
                maxCount={1}
                disabled={busy}
                beforeUpload={(f) => {
                  reset();
                  setFile(f);
                  return false;
                }}
                onRemove={reset}
                fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('subjectImport.drop')}</p>
              </Upload.Dragger>
            </div>
          </Form.Item>
          <Flex gap={12} wrap>
            <Button
              icon={<CheckCircleOutlined />}
              disabled={!file || busy || !!batch}
              onClick={() => void onCheck()}
              data-testid="subject-import-check"
            >
              {t('subjectImport.check')}
            </Button>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={batch?.status !== 'checked' || batch.validRows === 0}
              loading={committing}
              onClick={() => void onCommit()}
              data-testid="subject-import-commit"
            >
              {t('subjectImport.commit')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              disabled={!checkedId}
              loading={exporting}
              onClick={() => void onReport()}
              data-testid="subject-import-report"
            >
              {t('subjectImport.report')}
            </Button>
            {batch && !busy && (
              <Button type="link" onClick={reset}>
                {t('subjectImport.newFile')}
              </Button>
            )}
          </Flex>
        </Form>
      </Card>
      {uploading !== null && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('subjectImport.uploading', { percent: uploading })}</Typography.Text>
          <Progress percent={uploading} />
        </Card>
      )}
      {batch && <BatchState batch={batch} />}
      {problems && (
        <Card size="small" title={t('subjectImport.problems')} data-testid="subject-import-problems">
          <Table
            size="small"
            rowKey="key"
            dataSource={lines}
            locale={{ emptyText: t('subjectImport.noProblems') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: problems.total,
              showSizeChanger: false,
              onChange: (p) => checkedId && loadProblems(checkedId, p),
            }}
            columns={[
              { title: t('subjectImport.row'), dataIndex: 'rowNo', width: 80 },
              { title: t('subjectImport.name'), dataIndex: 'name', width: 220 },
              { title: t('subjectImport.column'), dataIndex: 'column', width: 160 },
              { title: t('subjectImport.problem'), dataIndex: 'messageZh' },
              {
                title: t('subjectImport.kind'),
                dataIndex: 'status',
                width: 140,
                render: (s: string) =>
                  s === 'duplicate' ? (
                    <Tag color="orange">{t('subjectImport.kind.duplicate')}</Tag>
                  ) : (
                    <Tag color="red">{t('subjectImport.kind.invalid')}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      )}
    </Page>
  );
}

function BatchState({ batch }: { batch: SubjectImportBatch }) {
  const { t } = useI18n();
  const counts = { total: batch.totalRows, valid: batch.validRows, invalid: batch.invalidRows, duplicate: batch.duplicateRows };
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="subject-import-state">
      {batch.status === 'checking' && (
        <>
          <Typography.Text>{t('subjectImport.checking', { n: batch.processedRows })}</Typography.Text>
          <Progress percent={99} status="active" showInfo={false} />
        </>
      )}
      {batch.status === 'failed' && <Alert type="error" showIcon message={t('subjectImport.failed', { reason: batch.errorZh ?? '' })} />}
      {batch.status === 'checked' && (
        <Alert type={batch.validRows > 0 ? 'success' : 'warning'} showIcon message={t('subjectImport.checked', counts)} />
      )}
      {batch.status === 'committing' && (
        <>
          <Typography.Text>{t('subjectImport.committing', { n: batch.committedRows, total: batch.validRows })}</Typography.Text>
          <Progress percent={batch.validRows > 0 ? Math.floor((batch.committedRows / batch.validRows) * 100) : 0} status="active" />
        </>
      )}
      {batch.status === 'committed' && (
        <Alert
          type="success"
          showIcon
          message={t('subjectImport.committed', { n: batch.committedRows, duplicate: batch.duplicateRows, invalid: batch.invalidRows })}
        />
      )}
    </Card>
  );
}
