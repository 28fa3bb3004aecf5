import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Drawer, Form, Input, Radio, Select } from 'antd';
import type { InspectionTask, SubjectKindCode } from '@chengguan/contracts';
import { inspectionsApi } from '../../api/inspections.ts';
import { officerApi } from '../../api/endpoints.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { applyServerErrors, errorText, isRetryable } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { SubjectSelect, type PickedSubject } from '../subjects/SubjectSelect.tsx';
import { MatterSelect } from './MatterSelect.tsx';

type Values = {
  subjectId: string;
  origin: 'special' | 'reinspection';
  inspectorIds: string[];
  matterCodes: string[];
  dueOn: string;
};

/**
 * A squad leader sets a 专项检查 or a 复查: a live subject of his jurisdiction found by name, address or code (the
 * subject of the task the drawer was opened from, if any), two officers of his squad (the server checks their
 * credentials), matters that fit the subject's kind, a due date.
 */
export function SpecialTaskDrawer({
  open,
  from,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** The task row the drawer was opened from: its subject comes chosen. */
  from: InspectionTask | null;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const initial = useMemo<PickedSubject | null>(
    () =>
      from ? { id: from.subjectId, name: from.subjectName, kind: from.subjectKind as SubjectKindCode, address: from.subjectAddress } : null,
    [from],
  );
  const [subject, setSubject] = useState<PickedSubject | null>(initial);
  useEffect(() => setSubject(initial), [initial, open]);
  const officers = useLoad(
    (signal) => officerApi.list({ orgId: me?.orgId, active: true, page: 1, pageSize: 200 }, signal),
    `squad-officers:${me?.orgId ?? ''}`,
  );
  const kinds = useMemo(() => (subject?.kind ? [subject.kind] : []), [subject]);
  const save = async (v: Values) => {
    setSaving(true);
    try {
      await inspectionsApi.createTask(v, { idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      void message.success(t('common.created'));
      onCreated();
    } catch (e) {
      if (!isRetryable(e)) key.current = newIdempotencyKey();
      if (!applyServerErrors(form, e, lang)) void message.error(errorText(e, t, lang));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer open={open} width={520} title={t('insp.special.title')} onClose={onClose} destroyOnClose>
      {open && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ origin: 'special', subjectId: from?.subjectId }}
          onFinish={(v) => void save(v)}
          data-testid="special-task-form"
        >
          <Form.Item
            name="subjectId"
            label={t('insp.special.subject')}
            rules={[{ required: true, message: t('common.required', { field: t('insp.special.subject') }) }]}
          >
            <SubjectSelect
              initial={initial}
              testId="special-subject"
              onPicked={(s) => {
                if (s?.kind !== subject?.kind) form.setFieldValue('matterCodes', []);
                setSubject(s ?? null);
              }}
            />
          </Form.Item>
          <Form.Item name="origin" label={t('insp.tasks.origin')}>
            <Radio.Group
              options={[
                { value: 'special', label: t('insp.origin.special') },
                { value: 'reinspection', label: t('insp.origin.reinspection') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="inspectorIds"
            label={t('insp.tasks.inspectors')}
            rules={[{ required: true, len: 2, type: 'array', message: t('insp.special.twoInspectors') }]}
          >
            <Select
              mode="multiple"
              maxCount={2}
              loading={officers.loading}
              optionFilterProp="label"
              options={(officers.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.employeeNo}）` }))}
              data-testid="special-inspectors"
            />
          </Form.Item>
          <Form.Item
            name="matterCodes"
            label={t('insp.tasks.matters')}
            extra={subject ? undefined : t('insp.special.pickSubjectFirst')}
            rules={[{ required: true, message: t('common.required', { field: t('insp.tasks.matters') }) }]}
          >
            {subject ? <MatterSelect kinds={kinds} testId="special-matters" /> : <Select mode="multiple" disabled />}
          </Form.Item>
          <Form.Item
            name="dueOn"
            label={t('insp.tasks.dueOn')}
            rules={[{ required: true, message: t('common.required', { field: t('insp.tasks.dueOn') }) }]}
          >
            <Input type="date" data-testid="special-due" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="special-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
