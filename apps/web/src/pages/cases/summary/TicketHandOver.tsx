import { useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Typography } from 'antd';
import { CheckCircleOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import type { CaseDetail, RecordServiceBody } from '@chengguan/contracts';
import { uploadFile } from '../../../api/cases-files.ts';
import { newIdempotencyKey } from '../../../api/client.ts';
import { documentsApi } from '../../../api/documents.ts';
import { applyServerErrors, errorText, isRetryable } from '../../../api/errors.ts';
import { serviceApi } from '../../../api/service.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { SignaturePad, type SignaturePadHandle } from '../../portal/SignaturePad.tsx';
import '../../portal/portal.css';

type Values = { recipientName: string; refused: boolean; witnessName?: string };

/**
 * The ticket's 当场处罚决定书 as the step issued it: print (the frozen PDF in a window) and hand-over to the party — a
 * direct 送达 record of the service module with the party's drawn signature (民诉法 Art. 87), or his refusal with a
 * witness (Art. 89); the server checks both and issues the 送达回证.
 */
export function TicketHandOver({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const docs = useLoad((signal) => documentsApi.ofCase(detail.id, signal), `${detail.id}:${detail.version}`);
  const [served, setServed] = useState(0);
  const overview = useLoad((signal) => serviceApi.overview(detail.id, signal), `${detail.id}:${detail.version}:${served}`);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const refused = Form.useWatch('refused', form) ?? false;
  const pad = useRef<SignaturePadHandle>(null);
  const key = useRef(newIdempotencyKey());

  const documentId = docs.data?.stage.find((d) => d.kind === 'summary_decision')?.documentIds[0];
  const servable = overview.data?.documents.find((d) => d.id === documentId);
  const servedOn = servable?.servedOn ?? null;

  const print = () => {
    if (documentId) void documentsApi.open(documentId).catch((e: unknown) => void message.error(errorText(e, t, lang)));
  };

  const submit = async (v: Values) => {
    if (!documentId || !overview.data) return;
    if (!v.refused && pad.current?.isEmpty()) {
      void message.error(t('doc.handover.needSignature'));
      return;
    }
    setSaving(true);
    try {
      const body: RecordServiceBody = {
        documentId,
        method: 'direct',
        servedOn: overview.data.today,
        recipientName: v.recipientName.trim(),
      };
      if (v.refused) {
        body.refusalNote = t('doc.handover.refused');
        if (v.witnessName?.trim()) body.witnessName = v.witnessName.trim();
      } else {
        const png = Uint8Array.from(atob(pad.current!.toPngBase64()), (c) => c.charCodeAt(0));
        const file = await uploadFile({ file: new Blob([png], { type: 'image/png' }), lang, idempotencyKey: newIdempotencyKey() });
        body.signatureSm3 = file.sm3;
      }
      await serviceApi.record(detail.id, body, { idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      void message.success(t('doc.handover.saved'));
      setOpen(false);
      setServed((n) => n + 1);
    } catch (e) {
      if (!isRetryable(e)) key.current = newIdempotencyKey();
      if (!applyServerErrors(form, e, lang)) void message.error(errorText(e, t, lang));
    } finally {
      setSaving(false);
    }
  };

  if (!documentId) return null;
  return (
    <div data-testid="ticket-handover" style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap>
        <Button icon={<PrinterOutlined />} style={{ flex: 1 }} onClick={print} data-testid="ticket-print">
          {t('doc.handover.print')}
        </Button>
        {servedOn ? (
          <Typography.Text type="success" style={{ flex: 1, alignSelf: 'center' }} data-testid="ticket-served">
            <CheckCircleOutlined /> {t('doc.handover.done', { date: servedOn })}
          </Typography.Text>
        ) : (
          overview.data?.canWrite && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              style={{ flex: 1 }}
              onClick={() => setOpen(true)}
              data-testid="ticket-handover-open"
            >
              {t('doc.handover.handOver')}
            </Button>
          )
        )}
      </Flex>
      <Modal
        open={open}
        title={t('doc.handover.title')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'ticket-handover-submit' } as never}
        destroyOnHidden
      >
        <Alert type="info" showIcon message={t('doc.handover.help')} style={{ marginBottom: 12 }} />
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ recipientName: detail.party.name, refused: false }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="recipientName" label={t('doc.handover.recipient')} rules={[{ required: true, max: 100 }]}>
            <Input maxLength={100} data-testid="ticket-recipient" />
          </Form.Item>
          {!refused && (
            <Form.Item label={t('doc.handover.signature')} required>
              <SignaturePad ref={pad} testId="ticket-signature" />
              <Button size="small" type="link" onClick={() => pad.current?.clear()}>
                {t('doc.handover.clear')}
              </Button>
            </Form.Item>
          )}
          <Form.Item name="refused" valuePropName="checked">
            <Checkbox>{t('doc.handover.refused')}</Checkbox>
          </Form.Item>
          {refused && (
            <Form.Item name="witnessName" label={t('doc.handover.witness')} rules={[{ required: true, max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
