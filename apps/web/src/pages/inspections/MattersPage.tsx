import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Collapse, Drawer, Flex, Form, Input, Select, Switch, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { SUBJECT_KIND_CODES, PHOTO_RULES, type InspectionMatter, type InspectionMatterBody } from '@chengguan/contracts';
import { inspectionsApi } from '../../api/inspections.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { applyServerErrors, errorText, isRetryable } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';

type Values = InspectionMatterBody & { active: boolean };

/** 检查事项清单: every matter with its checks, basis and photo rule; the city's administrators add and edit them. */
export default function MattersPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const list = useLoad((signal) => inspectionsApi.matters({}, signal), String(tick));
  const [editing, setEditing] = useState<InspectionMatter | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const isAdmin = !!me?.roles.includes('admin');

  const open = (m: InspectionMatter | 'new') => {
    setEditing(m);
    form.resetFields();
    if (m !== 'new') form.setFieldsValue({ ...m, subjectKinds: m.subjectKinds as Values['subjectKinds'] });
    else form.setFieldsValue({ active: true, items: [{ code: '', textZh: '', legalBasisZh: '', photo: 'when_failed' }] } as never);
  };

  const save = async (v: Values) => {
    setSaving(true);
    try {
      if (editing === 'new') {
        const { active: _a, ...body } = v;
        await inspectionsApi.createMatter(body, { idempotencyKey: key.current });
      } else if (editing) {
        const { code: _c, ...body } = v;
        await inspectionsApi.updateMatter(editing.id, { ...body, expectedVersion: editing.version }, { idempotencyKey: key.current });
      }
      key.current = newIdempotencyKey();
      void message.success(t('common.saved'));
      setEditing(null);
      setTick((n) => n + 1);
    } catch (e) {
      if (!isRetryable(e)) key.current = newIdempotencyKey();
      if (!applyServerErrors(form, e, lang)) void message.error(errorText(e, t, lang));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Page
      title={t('insp.matters.title')}
      testId="inspection-matters-page"
      extra={
        isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('common.add')}
          </Button>
        )
      }
    >
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} />}
      <Collapse
        items={(list.data ?? []).map((m) => ({
          key: m.id,
          label: (
            <span>
              {m.code} {m.nameZh} {!m.active && <Tag>{t('common.no')}</Tag>} <Tag>{`${t('insp.matters.version')} ${m.version}`}</Tag>
            </span>
          ),
          extra: isAdmin ? (
            <Button size="small" onClick={(e) => (e.stopPropagation(), open(m))}>
              {t('common.edit')}
            </Button>
          ) : undefined,
          children: (
            <div>
              <Typography.Paragraph type="secondary">{m.legalBasisZh}</Typography.Paragraph>
              <div style={{ marginBottom: 8 }}>
                {m.subjectKinds.map((k) => (
                  <Tag key={k}>{t(`insp.kind.${k}` as 'insp.kind.street_shop')}</Tag>
                ))}
              </div>
              {m.items.map((i) => (
                <Card size="small" key={i.code} style={{ marginBottom: 6 }}>
                  <b>{i.code}</b> {i.textZh} <Tag>{t(`insp.photo.${i.photo}`)}</Tag>
                  <div style={{ fontSize: 12, color: '#888' }}>{i.legalBasisZh}</div>
                </Card>
              ))}
            </div>
          ),
        }))}
      />
      <Drawer open={editing !== null} width={640} title={t('insp.matters.title')} onClose={() => setEditing(null)} destroyOnClose>
        <Alert type="info" showIcon message={t('insp.matters.editHint')} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item
            name="code"
            label={t('insp.matters.code')}
            rules={[{ required: true, message: t('common.required', { field: t('insp.matters.code') }) }]}
          >
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item
            name="nameZh"
            label={t('insp.matters.name')}
            rules={[{ required: true, message: t('common.required', { field: t('insp.matters.name') }) }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="legalBasisZh"
            label={t('insp.matters.basis')}
            rules={[{ required: true, message: t('common.required', { field: t('insp.matters.basis') }) }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item
            name="subjectKinds"
            label={t('insp.matters.kinds')}
            rules={[{ required: true, message: t('common.required', { field: t('insp.matters.kinds') }) }]}
          >
            <Select mode="multiple" options={SUBJECT_KIND_CODES.map((k) => ({ value: k, label: t(`insp.kind.${k}`) }))} />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label={t('insp.matters.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Card size="small" key={field.key} style={{ marginBottom: 8 }}>
                    <Flex gap={8}>
                      <Form.Item
                        name={[field.name, 'code']}
                        label={t('insp.matters.itemCode')}
                        rules={[{ required: true, message: t('common.required', { field: t('insp.matters.itemCode') }) }]}
                        style={{ flex: 1 }}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item name={[field.name, 'photo']} label={t('insp.matters.itemPhoto')} style={{ flex: 1 }}>
                        <Select options={PHOTO_RULES.map((p) => ({ value: p, label: t(`insp.photo.${p}`) }))} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(field.name)} />
                    </Flex>
                    <Form.Item
                      name={[field.name, 'textZh']}
                      label={t('insp.matters.itemText')}
                      rules={[{ required: true, message: t('common.required', { field: t('insp.matters.itemText') }) }]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'legalBasisZh']}
                      label={t('insp.matters.basis')}
                      rules={[{ required: true, message: t('common.required', { field: t('insp.matters.basis') }) }]}
                    >
                      <Input />
                    </Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ code: '', textZh: '', legalBasisZh: '', photo: 'when_failed' })} block>
                  {t('insp.matters.addItem')}
                </Button>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 12 }}>
            {t('common.save')}
          </Button>
        </Form>
      </Drawer>
    </Page>
  );
}
