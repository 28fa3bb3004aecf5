import { Alert, Flex, Progress, Typography } from 'antd';
import type { ImportError, ImportReport } from '@chengguan/contracts';
import type { UploadPhase } from '../../../api/law-upload.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

/** Upload progress (bytes sent), then an indeterminate bar while the server checks or writes. */
export function ImportProgress({ phase, dryRun }: { phase: UploadPhase; dryRun: boolean }) {
  const { t } = useI18n();
  const uploading = phase.phase === 'upload';
  return (
    <Flex vertical gap={4} data-testid="law-import-progress" data-phase={phase.phase}>
      <Progress
        percent={uploading ? Math.round(phase.fraction * 100) : 100}
        status="active"
        showInfo={uploading}
        strokeColor={uploading ? undefined : { from: '#91caff', to: '#1659c7' }}
      />
      <Typography.Text type="secondary">
        {uploading ? t('law.import.uploading') : dryRun ? t('law.import.checking') : t('law.import.writing')}
      </Typography.Text>
    </Flex>
  );
}

/** The server's report: every bad row and column, or the count written. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, lang } = useI18n();
  const summary = !report.ok
    ? t('law.import.failed', { n: report.errors.length, rows: report.rows })
    : report.dryRun
      ? t('law.import.dryRunOk', { rows: report.rows, created: report.created, updated: report.updated })
      : t('law.import.done', { created: report.created, updated: report.updated });
  return (
    <Flex vertical gap={12}>
      <Alert
        type={!report.ok ? 'error' : report.dryRun ? 'info' : 'success'}
        showIcon
        message={summary}
        description={!report.ok ? t('law.import.nothingWritten') : report.dryRun ? t('law.import.dryRunNote') : undefined}
        data-testid={report.dryRun ? 'law-import-dryrun-result' : 'law-import-result'}
        data-ok={String(report.ok)}
        data-created={report.created}
        data-updated={report.updated}
      />
      {report.errors.length > 0 && (
        <DataTable<ImportError & { key: number }>
          size="small"
          rowKey="key"
          dataSource={report.errors.map((e, key) => ({ ...e, key }))}
          pagination={report.errors.length > 50 ? { pageSize: 50 } : false}
          data-testid="law-import-report"
          columns={[
            { title: t('law.import.row'), dataIndex: 'row', width: 90, render: (r: number) => (r === 0 ? t('law.import.wholeFile') : r) },
            { title: t('law.import.column'), dataIndex: 'column', width: 200, render: (c: string | null) => c ?? '—' },
            {
              title: t('law.import.message'),
              key: 'message',
              render: (_, e) => (lang.startsWith('en') ? e.messageEn || e.message : e.message),
            },
          ]}
        />
      )}
    </Flex>
  );
}
