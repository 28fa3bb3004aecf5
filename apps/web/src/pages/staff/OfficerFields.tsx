import type { CSSProperties } from 'react';
import { Form, Input, Radio, Select, Switch, TreeSelect } from 'antd';
import type { OrgNode, Role, RoleInfo } from '@chengguan/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { roleLabel } from '../../i18n/labels.ts';
import { toTreeSelect } from '../../lib/orgTree.ts';

export const EMPLOYEE_NO = /^[A-Za-z0-9-]{3,20}$/;
export const PHONE = /^1\d{10}$/;
export const USERNAME = /^[a-z][a-z0-9_.]{2,31}$/;

/** An org picker over the org tree, searchable by name. */
export function OrgTreeSelect(props: {
  tree: OrgNode[];
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const { tree, testId, ...rest } = props;
  return (
    <TreeSelect
      // remount once the tree has loaded, so the default expansion applies to it
      key={tree.length ? 'loaded' : 'empty'}
      {...rest}
      treeData={toTreeSelect(tree)}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={tree.flatMap((n) => [n.id, ...n.children.map((c) => c.id)])}
      popupMatchSelectWidth={false}
      listHeight={360}
      data-testid={testId}
    />
  );
}

/**
 * The roles the server says the user may grant (R1–R4), plus the officer's other roles shown greyed out: they stay as
 * they are. His own roles nobody changes (R1). Incompatible pairs (R5) are refused by the server at this field.
 */
function roleChoices(roleInfos: RoleInfo[], current: Role[], t: ReturnType<typeof useI18n>['t']) {
  const grantable = roleInfos.filter((r) => r.grantable).map((r) => r.code);
  const fixed = current.filter((r) => !grantable.includes(r));
  return {
    fixed,
    options: roleInfos
      .filter((r) => r.grantable || fixed.includes(r.code))
      .map((r) => ({ value: r.code, label: roleLabel(t, r.code), disabled: !r.grantable })),
  };
}

/** The fields an officer has in both the create and the edit form. */
export function OfficerBasicFields({
  tree,
  phoneHint,
  roleInfos,
  currentRoles = [],
  self = false,
}: {
  tree: OrgNode[];
  phoneHint?: string;
  roleInfos: RoleInfo[];
  currentRoles?: Role[];
  self?: boolean;
}) {
  const { t } = useI18n();
  const { options, fixed } = roleChoices(roleInfos, currentRoles, t);
  const rolesHint = self ? t('officer.rolesSelf') : fixed.length > 0 ? t('officer.rolesFixed') : t('officer.rolesHint');
  return (
    <>
      <Form.Item
        name="orgId"
        label={t('officer.org')}
        rules={[{ required: true, message: t('common.required', { field: t('officer.org') }) }]}
      >
        <OrgTreeSelect tree={tree} testId="officer-org-select" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('officer.name')}
        rules={[{ required: true, min: 2, max: 30, whitespace: true, message: t('officer.nameRule') }]}
      >
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="gender" label={t('officer.gender')}>
        <Radio.Group
          options={[
            { value: 'M', label: t('officer.genderM') },
            { value: 'F', label: t('officer.genderF') },
          ]}
        />
      </Form.Item>
      <Form.Item name="phone" label={t('officer.phone')} rules={[{ pattern: PHONE, message: t('officer.phoneRule') }]}>
        <Input maxLength={11} inputMode="tel" placeholder={phoneHint} />
      </Form.Item>
      <Form.Item name="title" label={t('officer.title')} rules={[{ max: 30 }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item
        name="legalQualification"
        label={t('officer.legalQualification')}
        extra={t('officer.legalQualificationHint')}
        valuePropName="checked"
      >
        <Switch data-testid="officer-legal-qualification" />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t('officer.roles')}
        extra={rolesHint}
        rules={[{ required: true, message: t('common.required', { field: t('officer.roles') }) }]}
      >
        <Select mode="multiple" options={options} disabled={self} data-testid="officer-roles-select" />
      </Form.Item>
    </>
  );
}
