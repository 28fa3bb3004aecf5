import { useEffect } from 'react';
import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import type { CreateOrgBody, Org, OrgKind, OrgNode, UpdateOrgBody } from '@chengguan/contracts';
import { orgApi } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { kindOptions } from '../../i18n/labels.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

export type OrgFormTarget = { mode: 'create'; parent: OrgNode } | { mode: 'edit'; org: OrgNode };

type OrgForm = {
  kind: OrgKind;
  name: string;
  shortName?: string;
  code: string;
  regionCode?: string;
  sortOrder?: number;
  active?: boolean;
};

// A convenience default only; which kinds may sit under which is the server's rule.
const DEFAULT_CHILD_KIND: Record<OrgKind, OrgKind> = {
  city_bureau: 'district_bureau',
  district_bureau: 'squad',
  special_unit: 'brigade',
  brigade: 'squad',
  squad: 'squad',
};

const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

export function OrgFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: OrgFormTarget | null;
  onClose: () => void;
  onSaved: (org: Org) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<OrgForm>();
  const editing = target?.mode === 'edit';

  const { submit, loading, reset } = useSubmit<OrgForm, Org>(
    form,
    (v, idempotencyKey) => {
      if (!target) throw new Error('no target');
      if (target.mode === 'create') {
        const body: CreateOrgBody = {
          parentId: target.parent.id,
          kind: v.kind,
          name: v.name.trim(),
          code: v.code.trim(),
          shortName: blankToUndefined(v.shortName),
          regionCode: blankToUndefined(v.regionCode),
          sortOrder: v.sortOrder ?? undefined,
        };
        return orgApi.create(body, { idempotencyKey });
      }
      const body: UpdateOrgBody = {
        name: v.name.trim(),
        shortName: v.shortName?.trim() ?? '',
        sortOrder: v.sortOrder ?? undefined,
        active: v.active,
        ...(blankToUndefined(v.regionCode) ? { regionCode: v.regionCode?.trim() } : {}),
      };
      return orgApi.update(target.org.id, body, { idempotencyKey });
    },
    { successMessage: t('common.saved'), onSuccess: onSaved },
  );

  useEffect(() => {
    if (!target) return;
    reset();
    form.resetFields();
    if (target.mode === 'create') form.setFieldsValue({ kind: DEFAULT_CHILD_KIND[target.parent.kind] });
    else {
      const o = target.org;
      form.setFieldsValue({
        kind: o.kind,
        name: o.name,
        shortName: o.shortName ?? '',
        code: o.code,
        regionCode: o.regionCode ?? '',
        sortOrder: o.sortOrder,
        active: o.active,
      });
    }
  }, [target, form, reset]);

  const title = !target ? '' : target.mode === 'create' ? `${t('org.addChild')} · ${target.parent.name}` : t('org.editOrg');
  return (
    <Modal
      open={!!target}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={loading}
      okText={t('common.save')}
      forceRender
      data-testid="org-form-modal"
    >
      <Form<OrgForm> form={form} name="orgForm" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
          <Select options={kindOptions(t)} disabled={editing} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, min: 2, max: 60, whitespace: true, message: t('org.nameRule') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="shortName" label={t('org.shortName')} rules={[{ max: 20 }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,32}$/, message: t('org.codeRule') }]}
        >
          <Input disabled={editing} maxLength={32} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('org.regionCode')} rules={[{ pattern: /^\d{6}$/, message: t('org.regionCodeRule') }]}>
          <Input maxLength={6} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('org.sortOrder')}>
          <InputNumber style={{ width: '100%' }} min={0} max={99_999} precision={0} />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('org.active')} valuePropName="checked">
            <Switch checkedChildren={t('org.activeOn')} unCheckedChildren={t('org.activeOff')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
