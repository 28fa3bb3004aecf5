import { useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Radio, Select } from 'antd';
import type { InspectionTask } from '@chengguan/contracts';
import { inspectionsApi } from '../../api/inspections.ts';
import { officerApi } from '../../api/endpoints.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { applyServerErrors, errorText, isRetryable } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';

type Values = { origin: 'special' | 'reinspection'; inspectorIds: string[]; matterCodes: string[]; dueOn: string };

/**
 * A squad leader sets a 专项检查 or a 复查 at the subject of a task he sees: two officers of his squad (the server checks
 * their credentials), matters that fit the subject's kind, a due date.
 */
export function SpecialTaskDrawer({
  task,
  onClose,
  onCreated,
}: {
  task: InspectionTask | null;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const officers = useLoad(
    (signal) => officerApi.list({ orgId: me?.orgId, active: true, page: 1, pageSize: 200 }, signal),
    `squad-officers:${me?.orgId ?? ''}`,
  );
  const matters = useLoad(
    (signal) => (task ? inspectionsApi.matters({ subjectKind: task.subjectKind, active: true }, signal) : Promise.resolve([])),
    task?.subjectKind ?? '',
  );
  const save = async (v: Values) => {
    if (!task) return;
    setSaving(true);
    try {
      await inspectionsApi.createTask({ subjectId: task.subjectId, ...v }, { idempotencyKey: key.current });
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
    <Drawer open={task !== null} width={480} title={t('insp.special.title')} onClose={onClose} destroyOnClose>
      {task && (
        <Form form={form} layout="vertical" initialValues={{ origin: 'special' }} onFinish={(v) => void save(v)}>
          <Alert
            type="info"
            message={`${task.subjectName}${task.subjectAddress ? ` · ${task.subjectAddress}` : ''}`}
            style={{ marginBottom: 12 }}
          />
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
              options={(officers.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.employeeNo}）` }))}
            />
          </Form.Item>
          <Form.Item
            name="matterCodes"
            label={t('insp.tasks.matters')}
            rules={[{ required: true, message: t('common.required', { field: t('insp.tasks.matters') }) }]}
          >
            <Select
              mode="multiple"
              loading={matters.loading}
              options={(matters.data ?? []).map((m) => ({ value: m.code, label: m.nameZh }))}
            />
          </Form.Item>
          <Form.Item
            name="dueOn"
            label={t('insp.tasks.dueOn')}
            rules={[{ required: true, message: t('common.required', { field: t('insp.tasks.dueOn') }) }]}
          >
            <Input type="date" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
