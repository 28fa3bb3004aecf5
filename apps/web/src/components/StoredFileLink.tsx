import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Modal, Space, Typography } from 'antd';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { fetchFile, saveBlob } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Opened = { url: string; blob: Blob; name: string; type: string };

/**
 * A stored file (evidence, a 笔录 scan, a signature, the party's attachment): fetched with the session, checked by the
 * server against its SM3, then shown here — photos, video, audio and PDF in a window, anything else saved. A file the
 * server refuses (altered, missing) shows the server's message instead of the bytes.
 */
export function StoredFileLink({ url, name, children, testId }: { url: string; name: string; children?: ReactNode; testId?: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<Opened | null>(null);
  useEffect(() => () => (opened ? URL.revokeObjectURL(opened.url) : undefined), [opened]);

  const open = async () => {
    setBusy(true);
    try {
      const f = await fetchFile(url, name);
      const viewable = /^(image|video|audio)\//.test(f.blob.type) || f.blob.type === 'application/pdf';
      if (!viewable) {
        saveBlob(f.blob, f.name);
        return;
      }
      setOpened({ url: URL.createObjectURL(f.blob), blob: f.blob, name: f.name, type: f.blob.type });
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Link onClick={() => void open()} disabled={busy} data-testid={testId}>
        <PaperClipOutlined /> {children ?? name}
      </Typography.Link>
      <Modal
        open={!!opened}
        title={opened?.name}
        width={opened?.type === 'application/pdf' ? 900 : 720}
        onCancel={() => setOpened(null)}
        footer={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => opened && saveBlob(opened.blob, opened.name)}>
              {t('common.download')}
            </Button>
            <Button type="primary" onClick={() => setOpened(null)}>
              {t('common.close')}
            </Button>
          </Space>
        }
        destroyOnHidden
      >
        {opened?.type.startsWith('image/') && (
          <img src={opened.url} alt={opened.name} style={{ maxWidth: '100%' }} data-testid="stored-file-image" />
        )}
        {opened?.type.startsWith('video/') && <video src={opened.url} controls style={{ width: '100%' }} />}
        {opened?.type.startsWith('audio/') && <audio src={opened.url} controls style={{ width: '100%' }} />}
        {opened?.type === 'application/pdf' && (
          <iframe src={opened.url} title={opened.name} style={{ width: '100%', height: '70vh', border: 0 }} />
        )}
      </Modal>
    </>
  );
}
