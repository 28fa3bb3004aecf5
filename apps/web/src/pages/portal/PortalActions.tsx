import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { applyServerErrors } from '../../api/errors.ts';
import { portalApi } from '../../api/portal.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { NotAllowed, type PortalViewProps } from './PortalCaseView.tsx';

/** 陈述、申辩 with optional attachments (uploaded first, referenced by SM3). */
export function StatementCard({ data, onChange, onError }: PortalViewProps) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ content: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const action = data.actions.statement;
  const hasStatement = data.submissions.some((s) => s.kind === 'statement');
  if (!action.allowed && !hasStatement && !data.deadlines.some((d) => d.kind === 'statement')) return null;

  const submit = async (v: { content: string }) => {
    setSaving(true);
    try {
      const attachments = files.map((f) => (f.response as { sm3: string } | undefined)?.sm3).filter((s): s is string => !!s);
      onChange(await portalApi.statement({ content: v.content.trim(), attachments }));
      form.resetFields();
      setFiles([]);
      setDone(true);
    } catch (e) {
      if (!applyServerErrors(form, e, lang)) onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('portal.statement.title')} data-testid="portal-statement-card">
      {done && (
        <Alert
          type="success"
          showIcon
          message={t('portal.statement.done')}
          style={{ marginBottom: 12 }}
          data-testid="portal-statement-done"
        />
      )}
      {!action.allowed ? (
        <NotAllowed action={action} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="content" label={t('portal.statement.content')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
            <Input.TextArea rows={5} placeholder={t('portal.statement.placeholder')} data-testid="portal-statement-content" />
          </Form.Item>
          <Form.Item label={t('portal.statement.attachments')}>
            <Upload
              fileList={files}
              accept="image/jpeg,image/png,application/pdf"
              maxCount={10}
              onChange={({ fileList }) => setFiles(fileList)}
              customRequest={({ file, onSuccess, onError: fail }) => {
                portalApi
                  .upload(file as File)
                  .then((r) => onSuccess?.(r))
                  .catch((e: Error) => fail?.(e));
              }}
            >
              <Button icon={<UploadOutlined />}>{t('portal.statement.upload')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={saving} data-testid="portal-statement-submit">
            {t('portal.statement.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** 申请听证 (only when the notice stated the right, within 5 working days — D4, D5). */
export function HearingCard({ data, onChange, onError }: PortalViewProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const action = data.actions.hearingRequest;
  const requested = data.submissions.some((s) => s.kind === 'hearing_request');
  if (!data.deadlines.some((d) => d.kind === 'hearing_request') && !requested) return null;

  const submit = async () => {
    setSaving(true);
    try {
      onChange(await portalApi.hearing(reason.trim() ? { reason: reason.trim() } : {}));
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('portal.hearing.title')} data-testid="portal-hearing-card">
      {requested ? (
        <Alert type="success" showIcon message={t('portal.hearing.done')} />
      ) : !action.allowed ? (
        <NotAllowed action={action} />
      ) : (
        <>
          <Input.TextArea
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('portal.hearing.reason')}
            maxLength={2000}
          />
          <Button style={{ marginTop: 8 }} block onClick={submit} loading={saving} data-testid="portal-hearing-submit">
            {t('portal.hearing.submit')}
          </Button>
        </>
      )}
    </Card>
  );
}
