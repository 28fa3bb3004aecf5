import { useRef, useState } from 'react';
import { App, Button, Flex, Progress, Typography } from 'antd';
import { CheckCircleFilled, CloseOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { uploadFile } from '../../../api/cases-files.ts';
import { newIdempotencyKey } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';

type Item = { key: string; name: string; size: number; sm3?: string; fraction: number; failed?: boolean };

const MAX_BYTES = 20 * 1024 * 1024;

function shortHash(h: string): string {
  return `${h.slice(0, 12)}…${h.slice(-8)}`;
}

/**
 * Uploads files as they are picked and keeps the SM3 hash the server computed at upload (the evidence's
 * fingerprint, A4). `multiple`: the value is the list of hashes (photos); otherwise the one hash.
 */
export function FileUpload({
  multiple,
  accept,
  value,
  onChange,
  id,
  testId = 'file-upload',
}: {
  multiple?: boolean;
  accept?: string;
  value?: string | string[];
  onChange?: (v: string | string[] | undefined) => void;
  id?: string;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const itemsRef = useRef<Item[]>([]);

  const publish = (next: Item[]) => {
    itemsRef.current = next;
    setItems(next);
    const hashes = next.filter((i) => i.sm3).map((i) => i.sm3 as string);
    onChange?.(multiple ? hashes : hashes[0]);
  };
  const patch = (key: string, p: Partial<Item>) => {
    itemsRef.current = itemsRef.current.map((i) => (i.key === key ? { ...i, ...p } : i));
    setItems(itemsRef.current);
  };

  const start = async (file: File) => {
    if (file.size > MAX_BYTES) {
      void message.error(t('case.fileTooLarge'));
      return;
    }
    const key = newIdempotencyKey();
    const base = multiple ? itemsRef.current : [];
    itemsRef.current = [...base, { key, name: file.name, size: file.size, fraction: 0 }];
    setItems(itemsRef.current);
    try {
      const stored = await uploadFile({ file, lang, idempotencyKey: key, onProgress: (f) => patch(key, { fraction: f }) });
      patch(key, { sm3: stored.sm3, fraction: 1 });
      publish(itemsRef.current);
    } catch (e) {
      patch(key, { failed: true });
      void message.error(errorText(e, t, lang));
    }
  };

  const remove = (key: string) => publish(itemsRef.current.filter((i) => i.key !== key));
  const shown = items.length > 0 ? items : typeof value === 'string' ? [{ key: value, name: '', size: 0, sm3: value, fraction: 1 }] : [];

  return (
    <div data-testid={testId}>
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        style={{ display: 'none' }}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          for (const f of multiple ? files : files.slice(0, 1)) void start(f);
        }}
      />
      <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
        {multiple ? t('case.addFiles') : t('case.pickFile')}
      </Button>
      {shown.map((i) => (
        <Flex key={i.key} gap={8} align="center" style={{ marginTop: 8, minWidth: 0 }} data-testid={`${testId}-item`}>
          {i.sm3 ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <PaperClipOutlined />}
          <div style={{ flex: 1, minWidth: 0 }}>
            {i.name && (
              <Typography.Text ellipsis style={{ display: 'block' }}>
                {i.name}
              </Typography.Text>
            )}
            {i.sm3 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: i.sm3 }} data-testid="file-sm3" data-sm3={i.sm3}>
                SM3 {shortHash(i.sm3)}
              </Typography.Text>
            ) : i.failed ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('case.uploadFailed')}
              </Typography.Text>
            ) : (
              <Progress percent={Math.round(i.fraction * 100)} size="small" />
            )}
          </div>
          {(i.sm3 || i.failed) && (
            <Button type="text" size="small" icon={<CloseOutlined />} onClick={() => remove(i.key)} aria-label={t('case.removeFile')} />
          )}
        </Flex>
      ))}
    </div>
  );
}
