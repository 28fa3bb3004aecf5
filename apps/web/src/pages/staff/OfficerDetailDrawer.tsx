import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Grid, Input, Space, Switch, Tag } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Officer, OrgNode, Role, RoleInfo, UpdateOfficerBody } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { officerApi } from '../../api/endpoints.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { OfficerBasicFields } from './OfficerFields.tsx';
import { BLOCKING_STATUSES, CredentialStatusTag } from './CredentialStatusTag.tsx';
import { CredentialList } from './CredentialList.tsx';
import { OfficerFileCard } from './OfficerFileCard.tsx';

type EditForm = {
  orgId: string;
  name: string;
  gender?: 'M' | 'F' | null;
  phone?: string;
  title?: string;
  legalQualification: boolean;
  roles: Role[];
  active: boolean;
  password?: string;
};

const sameRoles = (a: Role[], b: Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/** Only what the user changed goes to the server; the masked phone is never sent back. */
function changes(o: Officer, v: EditForm): UpdateOfficerBody {
  const body: UpdateOfficerBody = {};
  if (v.orgId !== o.orgId) body.orgId = v.orgId;
  if (v.name.trim() !== o.name) body.name = v.name.trim();
  if (v.gender && v.gender !== o.gender) body.gender = v.gender;
  if (v.phone && v.phone.trim() !== '') body.phone = v.phone.trim();
  if ((v.title ?? '').trim() !== (o.title ?? '')) body.title = (v.title ?? '').trim();
  if (v.legalQualification !== o.legalQualification) body.legalQualification = v.legalQualification;
  if (!sameRoles(v.roles, o.roles)) body.roles = v.roles;
  if (v.active !== o.active) body.active = v.active;
  if (v.password) body.password = v.password;
  return body;
}

export function OfficerDetailDrawer({
  row,
  tree,
  roleInfos,
  canWrite,
  onClose,
  onChanged,
}: {
  row: Officer | null;
  tree: OrgNode[];
  roleInfos: RoleInfo[];
  canWrite: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<EditForm>();
  const [officer, setOfficer] = useState<Officer | null>(row);
  const [unlocking, setUnlocking] = useState(false);

  const load = useCallback(
    async (id: string) => {
      try {
        setOfficer(await officerApi.get(id));
      } catch (e) {
        void message.error(errorText(e, t, lang));
      }
    },
    [message, t, lang],
  );

  useEffect(() => {
    setOfficer(row);
    if (row) void load(row.id);
  }, [row, load]);

  useEffect(() => {
    if (!officer) return;
    form.resetFields();
    form.setFieldsValue({
      orgId: officer.orgId,
      name: officer.name,
      gender: officer.gender,
      title: officer.title ?? '',
      legalQualification: officer.legalQualification,
      roles: officer.roles,
      active: officer.active,
    });
  }, [officer, form]);

  const afterWrite = (updated?: Officer) => {
    if (updated && typeof updated === 'object' && 'id' in updated) setOfficer(updated);
    if (officer) void load(officer.id);
    onChanged();
  };

  const { submit, loading } = useSubmit<EditForm, Officer | undefined>(
    form,
    async (v, idempotencyKey) => {
      if (!officer) return undefined;
      const body = changes(officer, v);
      if (Object.keys(body).length === 0) return undefined;
      return officerApi.update(officer.id, body, { idempotencyKey });
    },
    { successMessage: t('common.saved'), onSuccess: (o) => afterWrite(o) },
  );

  const unlock = async () => {
    if (!officer) return;
    setUnlocking(true);
    try {
      afterWrite(await officerApi.unlock(officer.id, { idempotencyKey: newIdempotencyKey() }));
      void message.success(t('officer.unlocked'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setUnlocking(false);
    }
  };

  const blocked = officer ? BLOCKING_STATUSES.includes(officer.credentialStatus) : false;
  const self = !!officer && officer.id === me?.id;
  // Resetting the password or deactivating the account of someone whose role the user may not grant would hand that
  // role over; the server refuses it (R4), the form says so beforehand.
  const grantable = roleInfos.filter((r) => r.grantable).map((r) => r.code);
  const reserved = !!officer && !self && officer.roles.some((r) => !grantable.includes(r));
  return (
    <Drawer
      open={!!row}
      onClose={onClose}
      width={screens.lg ? 760 : '100%'}
      title={
        officer && (
          <Space wrap>
            <span data-testid="officer-detail-name">{officer.name}</span>
            <CredentialStatusTag status={officer.credentialStatus} />
            {officer.locked && (
              <Tag color="red" icon={<LockOutlined />} data-testid="officer-locked-tag">
                {officer.lockedUntil ? t('officer.lockedUntil', { time: dayjs(officer.lockedUntil).format('HH:mm') }) : t('officer.locked')}
              </Tag>
            )}
            {!officer.active && <Tag>{t('officer.inactive')}</Tag>}
          </Space>
        )
      }
      extra={
        officer?.locked &&
        canWrite && (
          <Button icon={<UnlockOutlined />} loading={unlocking} onClick={() => void unlock()} data-testid="officer-unlock">
            {t('officer.unlock')}
          </Button>
        )
      }
      data-testid="officer-detail-drawer"
    >
      {officer && (
        <Flex vertical gap={16}>
          {blocked && <Alert type="error" showIcon message={t('credential.blockedTip')} data-testid="officer-blocked-alert" />}
          {officer.locked && <Alert type="warning" showIcon message={t('officer.lockedTip')} data-testid="officer-locked-alert" />}
          <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
            <Descriptions.Item label={t('officer.employeeNo')}>{officer.employeeNo}</Descriptions.Item>
            <Descriptions.Item label={t('officer.username')}>{officer.username ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('officer.phone')}>{officer.phone ?? '—'}</Descriptions.Item>
          </Descriptions>
          <OfficerFileCard officerId={officer.id} canWrite={canWrite} onChanged={() => afterWrite()} />
          <CredentialList officerId={officer.id} credentials={officer.credentials} canWrite={canWrite} onChanged={() => afterWrite()} />
          <Form<EditForm>
            form={form}
            name="officerEdit"
            layout="vertical"
            disabled={!canWrite}
            onFinish={(v) => void submit(v)}
            style={{ maxWidth: 560 }}
          >
            <OfficerBasicFields
              tree={tree}
              phoneHint={officer.phone ? t('officer.phoneKeep', { phone: officer.phone }) : undefined}
              roleInfos={roleInfos}
              currentRoles={officer.roles}
              self={self}
            />
            <Form.Item
              name="active"
              label={t('officer.activeFilter')}
              valuePropName="checked"
              extra={reserved && officer.active ? t('officer.reservedAccount') : undefined}
            >
              <Switch
                checkedChildren={t('officer.active')}
                unCheckedChildren={t('officer.inactive')}
                disabled={self || (reserved && officer.active)}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('officer.newPassword')}
              extra={reserved ? t('officer.reservedAccount') : t('officer.newPasswordHint')}
            >
              <Input.Password autoComplete="new-password" disabled={reserved} />
            </Form.Item>
            {canWrite && (
              <Button type="primary" htmlType="submit" loading={loading} data-testid="officer-save">
                {t('common.save')}
              </Button>
            )}
          </Form>
        </Flex>
      )}
    </Drawer>
  );
}
