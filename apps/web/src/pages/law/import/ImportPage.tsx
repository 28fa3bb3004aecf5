import { useState } from 'react';
import { App, Button, Card, Flex, Form, Select, Typography, Upload } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { LAW_KINDS, type ImportReport, type LawKind } from '@chengguan/contracts';
import { libraryApi } from '../../../api/law.ts';
import { uploadImport, type UploadPhase } from '../../../api/law-upload.ts';
import { download } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { Page } from '../../../components/Page.tsx';
import { ImportProgress, ImportReportView } from './ImportReportView.tsx';

export const KIND_TITLES: Record<LawKind, MessageKey> = {
  provisions: 'menu.lawProvisions',
  offences: 'menu.lawOffences',
  'discretion-standards': 'menu.lawStandards',
  'exemption-items': 'menu.lawExemptions',
  guidance: 'menu.lawGuidance',
  'guiding-cases': 'menu.lawCases',
};

type Run = { dryRun: boolean };

/**
 * Import a bureau's list: a dry run first (the report names every bad row and column, nothing is written);
 * only a clean file can then be imported, in one transaction on the server.
 */
export default function ImportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<LawKind>('offences');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<UploadPhase | null>(null);
  const [running, setRunning] = useState<Run | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [exporting, setExporting] = useState(false);

  const { submit } = useSubmit<Run, ImportReport>(null, async ({ dryRun }, idempotencyKey) => {
    if (!file) throw new Error(t('law.import.pickFile'));
    return uploadImport({ kind, file, dryRun, lang, idempotencyKey, onPhase: setPhase });
  });

  const run = async (dryRun: boolean) => {
    setRunning({ dryRun });
    setReport(null);
    try {
      const r = await submit({ dryRun });
      if (r) setReport(r);
    } finally {
      setRunning(null);
      setPhase(null);
    }
  };

  const reset = (patch: () => void) => {
    patch();
    setReport(null);
  };

  const onTemplate = async () => {
    setExporting(true);
    try {
      await download(libraryApi(kind).templatePath, {}, `${t(KIND_TITLES[kind])}.xlsx`);
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const cleanDryRun = report?.dryRun === true && report.ok;
  return (
    <Page title={t('menu.lawImport')} testId="law-import-page">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" style={{ maxWidth: 640 }}>
          <Form.Item label={t('law.import.kind')}>
            <Flex gap={12} wrap align="center">
              <Select<LawKind>
                value={kind}
                onChange={(k) => reset(() => setKind(k))}
                options={LAW_KINDS.map((k) => ({ value: k, label: t(KIND_TITLES[k]) }))}
                style={{ width: 200 }}
                disabled={!!running}
                data-testid="law-import-kind"
              />
              <Button
                type="link"
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={() => void onTemplate()}
                data-testid="law-import-template"
              >
                {t('law.import.template')}
              </Button>
            </Flex>
          </Form.Item>
          <Form.Item label={t('law.import.file')} extra={t('law.import.fileHint')}>
            <div data-testid="law-import-file">
              <Upload.Dragger
                accept=".xlsx,.csv"
                maxCount={1}
                disabled={!!running}
                beforeUpload={(f) => {
                  reset(() => setFile(f));
                  return false;
                }}
                onRemove={() => reset(() => setFile(null))}
                fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('law.import.drop')}</p>
              </Upload.Dragger>
            </div>
          </Form.Item>
          <Flex gap={12} wrap>
            <Button
              icon={<CheckCircleOutlined />}
              disabled={!file || !!running}
              loading={running?.dryRun === true}
              onClick={() => void run(true)}
              data-testid="law-import-dryrun"
            >
              {t('law.import.dryRun')}
            </Button>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={!file || !cleanDryRun || !!running}
              loading={running?.dryRun === false}
              onClick={() => void run(false)}
              data-testid="law-import-submit"
            >
              {t('law.import.submit')}
            </Button>
          </Flex>
          {!cleanDryRun && file && !running && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {t('law.import.dryRunFirst')}
            </Typography.Text>
          )}
        </Form>
      </Card>
      {running && phase && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <ImportProgress phase={phase} dryRun={running.dryRun} />
        </Card>
      )}
      {report && <ImportReportView report={report} />}
    </Page>
  );
}
