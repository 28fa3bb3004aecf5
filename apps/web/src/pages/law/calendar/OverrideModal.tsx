import { useEffect, useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Popconfirm, Radio } from 'antd';
import type { CalendarDay, CalendarOverride, CalendarOverrideBody } from '@chengguan/contracts';
import { lawApi } from '../../../api/law.ts';
import { newIdempotencyKey } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../lib/useSubmit.ts';

/** Sets or removes an administrator's override of one day; the note (e.g. the notice number) is required. */
export function OverrideModal({ day, onClose, onChanged }: { day: CalendarDay | null; onClose: () => void; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CalendarOverrideBody>();
  const [removing, setRemoving] = useState(false);
  const { submit, loading, reset } = useSubmit<CalendarOverrideBody, CalendarOverride>(
    form,
    (v, idempotencyKey) => lawApi.setOverride(day?.date ?? '', { kind: v.kind, note: v.note.trim() }, { idempotencyKey }),
    { successMessage: t('common.saved'), onSuccess: onChanged },
  );

  useEffect(() => {
    if (!day) return;
    reset();
    form.resetFields();
    form.setFieldsValue({ kind: day.kind === 'workday' ? 'holiday' : 'workday', note: day.source === 'override' ? (day.note ?? '') : '' });
    if (day.source === 'override') form.setFieldValue('kind', day.kind);
  }, [day, form, reset]);

  const remove = async () => {
    if (!day) return;
    setRemoving(true);
    try {
      await lawApi.removeOverride(day.date, { idempotencyKey: newIdempotencyKey() });
      void message.success(t('law.cal.removed'));
      onChanged();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setRemoving(false);
    }
  };

  return (
    <Modal
      open={!!day}
      title={day ? t('law.cal.editDay', { date: day.date }) : ''}
      onCancel={onClose}
      forceRender
      data-testid="law-cal-modal"
      footer={[
        day?.source === 'override' && (
          <Popconfirm key="remove" title={t('law.cal.removeConfirm')} onConfirm={() => void remove()}>
            <Button danger loading={removing} data-testid="law-cal-remove">
              {t('law.cal.remove')}
            </Button>
          </Popconfirm>
        ),
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={loading} onClick={() => form.submit()} data-testid="law-cal-save">
          {t('common.save')}
        </Button>,
      ]}
    >
      {day && (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('law.cal.now')}>
            {t(day.kind === 'workday' ? 'law.cal.workday' : 'law.cal.restDay')}
            {day.label ? `（${day.label}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('law.source')}>
            {day.source === 'override' ? t('law.cal.override') : t('law.cal.package')}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Form<CalendarOverrideBody> form={form} name="lawCalOverride" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('law.cal.setAs')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'workday', label: t('law.cal.workday') },
              { value: 'holiday', label: t('law.cal.restDay') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('law.cal.note')}
          extra={t('law.cal.noteHint')}
          rules={[{ required: true, whitespace: true, max: 500, message: t('common.required', { field: t('law.cal.note') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="law-cal-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
