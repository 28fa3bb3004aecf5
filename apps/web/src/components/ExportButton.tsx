import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download, type Query } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Excel export of the whole filtered list (the server pages it into one workbook); `label` names another download (a PDF). */
export function ExportButton({
  path,
  query,
  filename,
  testId,
  label,
}: {
  path: string;
  query: Query;
  filename: string;
  testId?: string;
  label?: string;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await download(path, query, filename);
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {busy ? t('common.exporting') : (label ?? t('common.exportExcel'))}
    </Button>
  );
}

/** Drops empty filter values so the query string stays clean. */
export function cleanQuery<T extends Record<string, unknown>>(q: T): Query {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Query;
}
