import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { App, Button, Drawer, Flex, Form, Grid, Popconfirm, Space } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { LawKind } from '@chengguan/contracts';
import { libraryApi, type BodyOf, type EntryOf } from '../../../api/law.ts';
import { newIdempotencyKey } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { VerificationTag } from '../components/VerificationTag.tsx';
import type { LibraryDrawerProps } from './LibraryPage.tsx';

type Props<K extends LawKind, F extends object> = LibraryDrawerProps<K> & {
  kind: K;
  testId: string;
  titleCreate: string;
  titleOf: (e: EntryOf<K>) => string;
  /** Stored entry → form values (dates as dayjs, money in 元). */
  toForm: (e: EntryOf<K>) => F;
  /** Form values of a new entry; `from` is the entry a new version starts from. */
  blank: (from?: EntryOf<K>) => Partial<F>;
  /** Form values → request body (dates as YYYY-MM-DD, money in fen). */
  toBody: (v: F) => BodyOf<K>;
  /** Server field → form field, where they differ (nested objects are shown on one field). */
  fieldMap?: Record<string, string>;
  /** Shown above the form of a stored entry (e.g. the versions of an offence). */
  aside?: (e: EntryOf<K>) => ReactNode;
  children: ReactNode;
};

/** The create / edit drawer of a library entry; the server's field errors appear at the fields. */
export function EntryDrawer<K extends LawKind, F extends object>(p: Props<K, F>) {
  const { target, canWrite, onClose, onSaved, kind, testId, toForm, blank, toBody } = p;
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<F>();
  const [deleting, setDeleting] = useState(false);
  const endpoints = useMemo(() => libraryApi(kind), [kind]);
  const editing = target?.mode === 'edit' ? target.entry : null;

  const { submit, loading, reset } = useSubmit<F, EntryOf<K>>(
    form,
    (v, idempotencyKey) =>
      editing ? endpoints.update(editing.id, toBody(v), { idempotencyKey }) : endpoints.create(toBody(v), { idempotencyKey }),
    { successMessage: editing ? t('common.saved') : t('common.created'), onSuccess: onSaved, fieldMap: p.fieldMap },
  );

  useEffect(() => {
    if (!target) return;
    reset();
    form.resetFields();
    const values = target.mode === 'edit' ? toForm(target.entry) : blank(target.from);
    form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
    // toForm / blank are recreated on every render of the page; the target alone decides what to show.
  }, [target, form, reset]);

  const remove = async () => {
    if (!editing) return;
    setDeleting(true);
    try {
      await endpoints.remove(editing.id, { idempotencyKey: newIdempotencyKey() });
      void message.success(t('law.deleted'));
      onSaved();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      width={screens.lg ? 720 : '100%'}
      forceRender
      title={
        editing ? (
          <Space wrap>
            <span data-testid={`${testId}-drawer-title`}>{p.titleOf(editing)}</span>
            <VerificationTag mark={editing.verification} source={editing.source} note={editing.note} />
          </Space>
        ) : (
          p.titleCreate
        )
      }
      extra={
        canWrite && (
          <Space>
            {editing && (
              <Popconfirm title={t('law.deleteConfirm')} onConfirm={() => void remove()}>
                <Button danger icon={<DeleteOutlined />} loading={deleting} data-testid={`${testId}-delete`}>
                  {t('law.delete')}
                </Button>
              </Popconfirm>
            )}
            <Button type="primary" loading={loading} onClick={() => form.submit()} data-testid={`${testId}-submit`}>
              {t('common.save')}
            </Button>
          </Space>
        )
      }
      data-testid={`${testId}-drawer`}
    >
      <Flex vertical gap={16}>
        {editing && p.aside?.(editing)}
        <Form<F> form={form} name={`law-${kind}`} layout="vertical" disabled={!canWrite} onFinish={(v) => void submit(v)}>
          {p.children}
        </Form>
      </Flex>
    </Drawer>
  );
}
