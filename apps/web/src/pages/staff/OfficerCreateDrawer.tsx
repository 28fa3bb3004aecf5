import { useEffect } from 'react';
import { Button, Drawer, Form, Grid, Input, Space } from 'antd';
import type { CreateOfficerBody, Officer, OrgNode, Role, RoleInfo } from '@chengguan/contracts';
import { officerApi } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { EMPLOYEE_NO, OfficerBasicFields, USERNAME } from './OfficerFields.tsx';

type CreateForm = {
  orgId: string;
  name: string;
  employeeNo: string;
  gender?: 'M' | 'F';
  phone?: string;
  title?: string;
  legalQualification?: boolean;
  roles: Role[];
  username?: string;
  password?: string;
};

const opt = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

export function OfficerCreateDrawer({
  open,
  tree,
  roleInfos,
  defaultOrgId,
  onClose,
  onCreated,
}: {
  open: boolean;
  tree: OrgNode[];
  roleInfos: RoleInfo[];
  defaultOrgId?: string;
  onClose: () => void;
  onCreated: (o: Officer) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CreateForm>();
  const screens = Grid.useBreakpoint();
  const { submit, loading, reset } = useSubmit<CreateForm, Officer>(
    form,
    (v, idempotencyKey) => {
      const body: CreateOfficerBody = {
        orgId: v.orgId,
        name: v.name.trim(),
        employeeNo: v.employeeNo.trim(),
        gender: v.gender,
        phone: opt(v.phone),
        title: opt(v.title),
        legalQualification: v.legalQualification === true,
        roles: v.roles,
        username: opt(v.username),
        password: v.password ? v.password : undefined,
      };
      return officerApi.create(body, { idempotencyKey });
    },
    { successMessage: t('common.created'), onSuccess: onCreated },
  );

  useEffect(() => {
    if (!open) return;
    reset();
    form.resetFields();
    form.setFieldsValue({
      orgId: defaultOrgId,
      roles: roleInfos.some((r) => r.code === 'field_officer' && r.grantable) ? ['field_officer'] : [],
    });
  }, [open, form, reset, defaultOrgId, roleInfos]);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('officer.create')}
      width={screens.md ? 560 : '100%'}
      forceRender
      data-testid="officer-create-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={loading} onClick={() => form.submit()} data-testid="officer-create-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<CreateForm> form={form} name="officerCreate" layout="vertical" onFinish={(v) => void submit(v)}>
        <OfficerBasicFields tree={tree} roleInfos={roleInfos} />
        <Form.Item
          name="employeeNo"
          label={t('officer.employeeNo')}
          rules={[{ required: true, pattern: EMPLOYEE_NO, message: t('officer.employeeNoRule') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="username" label={t('officer.username')} rules={[{ pattern: USERNAME, message: t('officer.usernameRule') }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('officer.password')} rules={[{ max: 128 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
