// Photos of a problem point: each picked image is uploaded (POST /api/v1/files) and its SM3 kept for the form.
import { useState } from 'react';
import { App, Button, Flex, Tag } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { newIdempotencyKey } from '../../api/client.ts';
import { uploadFile } from '../../api/cases-files.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

export function PhotoUpload({ value, onChange, testId }: { value?: string[]; onChange?: (v: string[]) => void; testId: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      const added: string[] = [];
      for (const file of Array.from(files)) {
        added.push((await uploadFile({ file, lang, idempotencyKey: newIdempotencyKey() })).sm3);
      }
      onChange?.([...(value ?? []), ...added]);
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={6}>
      <Button icon={<UploadOutlined />} loading={busy} onClick={() => document.getElementById(`${testId}-input`)?.click()}>
        {t('campaign.photo.add')}
      </Button>
      <input
        id={`${testId}-input`}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid={testId}
        onChange={(e) => void pick(e.target.files)}
      />
      <Flex wrap gap={4}>
        {(value ?? []).map((sm3) => (
          <Tag key={sm3} closable onClose={() => onChange?.((value ?? []).filter((x) => x !== sm3))}>
            {t('campaign.photo.item', { hash: sm3.slice(0, 8) })}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}
