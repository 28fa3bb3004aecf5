import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Select, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { DownloadOutlined, LockOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Officer } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { credStatusOptions, roleLabel, roleOptions } from '../../i18n/labels.ts';
import { officerApi, type OfficerFilters } from '../../api/endpoints.ts';
import { download, type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useOrgTree } from '../../lib/orgTree.ts';
import { Page } from '../../components/Page.tsx';
import { CredentialStatusTag } from './CredentialStatusTag.tsx';
import { OrgTreeSelect } from './OfficerFields.tsx';
import { OfficerCreateDrawer } from './OfficerCreateDrawer.tsx';
import { OfficerDetailDrawer } from './OfficerDetailDrawer.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';

export default function OfficersPage() {
  const { t, lang } = useI18n();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const canWrite = can('staff:write');
  const orgs = useOrgTree();
  const tree = orgs.data ?? [];
  const [filters, setFilters] = useState<OfficerFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Officer | null>(null);
  const [exporting, setExporting] = useState(false);

  const query = { ...filters, ...paging };
  const list = useLoad((signal) => officerApi.list(query, signal), JSON.stringify(query));
  // The roles, and which of them this user may grant: the forms offer only those.
  const roles = useLoad(() => officerApi.roles(), 'roles');
  const roleInfos = useMemo(() => roles.data ?? [], [roles.data]);

  const setFilter = (patch: OfficerFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await download(officerApi.exportPath, filters as Query, `${t('officer.listTitle')}.xlsx`);
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const columns = useMemo<TableColumnsType<Officer>>(
    () => [
      {
        title: t('officer.name'),
        dataIndex: 'name',
        fixed: 'left',
        width: 120,
        render: (name: string, o) => (
          <Space size={4}>
            <a data-testid="officer-name">{name}</a>
            {o.locked && (
              <Tooltip title={t('officer.locked')}>
                <LockOutlined style={{ color: '#cf1322' }} data-testid="officer-locked" />
              </Tooltip>
            )}
          </Space>
        ),
      },
      { title: t('officer.employeeNo'), dataIndex: 'employeeNo', width: 110 },
      { title: t('officer.org'), dataIndex: 'orgName', width: 200, ellipsis: true },
      {
        title: t('officer.roles'),
        dataIndex: 'roles',
        render: (roles: Officer['roles']) =>
          roles.map((r) => (
            <Tag key={r} color={r === 'admin' ? 'geekblue' : undefined}>
              {roleLabel(t, r)}
            </Tag>
          )),
      },
      { title: t('officer.phone'), dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
      {
        title: t('officer.credentialStatus'),
        dataIndex: 'credentialStatus',
        width: 150,
        render: (s: Officer['credentialStatus']) => <CredentialStatusTag status={s} />,
      },
      {
        title: t('officer.accountStatus'),
        key: 'account',
        width: 120,
        render: (_, o) => (
          <Space size={4} wrap>
            {o.active ? <Tag color="blue">{t('officer.active')}</Tag> : <Tag>{t('officer.inactive')}</Tag>}
            {o.locked && <Tag color="red">{t('officer.locked')}</Tag>}
          </Space>
        ),
      },
    ],
    [t],
  );

  return (
    <Page
      title={t('officer.listTitle')}
      testId="officers-page"
      extra={
        <>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="officers-export">
            {exporting ? t('common.exporting') : t('common.exportExcel')}
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="officer-create">
              {t('officer.create')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <ListSearch
            value={filters.q}
            onSearch={(q) => setFilter({ q })}
            placeholder={t('officer.searchPlaceholder')}
            testId="officers-search"
          />
          <OrgTreeSelect
            tree={tree}
            allowClear
            placeholder={t('officer.org')}
            value={filters.orgId}
            onChange={(v) => setFilter({ orgId: v })}
            style={{ width: 220 }}
            testId="officers-filter-org"
          />
          <Select
            allowClear
            placeholder={t('officer.role')}
            options={roleOptions(t)}
            value={filters.role}
            onChange={(v: string | undefined) => setFilter({ role: v })}
            style={{ width: 170 }}
            data-testid="officers-filter-role"
          />
          <Select
            allowClear
            placeholder={t('officer.credentialStatus')}
            options={credStatusOptions(t)}
            value={filters.credentialStatus}
            onChange={(v: string | undefined) => setFilter({ credentialStatus: v })}
            style={{ width: 170 }}
            data-testid="officers-filter-credential"
          />
          <Select
            allowClear
            placeholder={t('officer.activeFilter')}
            options={[
              { value: 'true', label: t('officer.active') },
              { value: 'false', label: t('officer.inactive') },
            ]}
            value={filters.active === undefined ? undefined : String(filters.active)}
            onChange={(v: string | undefined) => setFilter({ active: v === undefined ? undefined : v === 'true' })}
            style={{ width: 130 }}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setFilters({});
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<Officer>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1000 }}
        onRow={(o) => ({ onClick: () => setSelected(o), style: { cursor: 'pointer' } })}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="officers-table"
      />
      <OfficerCreateDrawer
        open={creating}
        tree={tree}
        roleInfos={roleInfos}
        defaultOrgId={filters.orgId ?? me?.orgId}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          list.reload();
        }}
      />
      <OfficerDetailDrawer
        row={selected}
        tree={tree}
        roleInfos={roleInfos}
        canWrite={canWrite}
        onClose={() => setSelected(null)}
        onChanged={list.reload}
      />
    </Page>
  );
}
