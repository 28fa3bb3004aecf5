import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, DatePicker, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { EnforcementListItem, EnforcementStatusCode } from '@chengguan/contracts';
import { enforcementApi, type EnforcementFilters } from '../../api/enforcement.ts';
import { download, type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useOrgTree } from '../../lib/orgTree.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { formatFen } from '../cases/format.ts';
import { OrgTreeSelect } from '../staff/OfficerFields.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

const FILTER_STATUSES: EnforcementStatusCode[] = [
  'awaiting_reminder',
  'reminded',
  'court_window_open',
  'court_deadline_near',
  'review_pending',
  'court_applied',
  'court_deadline_passed',
  'paying',
];

/** 「强制执行」: 待催告 / 已催告 / 可申请 / 临近申请期限 for squad leaders; paged on the server; Excel export. */
export default function EnforcementListPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const orgs = useOrgTree();
  const [filters, setFilters] = useState<EnforcementFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [busy, setBusy] = useState<'export' | 'check' | null>(null);
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => enforcementApi.list(query, signal), JSON.stringify(query));
  const set = (p: Partial<EnforcementFilters>) => {
    setFilters((f) => ({ ...f, ...p }));
    setPaging((x) => ({ ...x, page: 1 }));
  };
  const run = async (what: 'export' | 'check') => {
    setBusy(what);
    try {
      if (what === 'export') {
        await download(enforcementApi.exportPath, filters as Query, `${t('menu.enforcement')}.xlsx`);
        void message.success(t('common.exportDone'));
      } else {
        const r = await enforcementApi.check();
        void message.success(t('enf.checked', { checked: r.checked, marked: r.marked }));
        list.reload();
      }
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setBusy(null);
    }
  };
  const columns = useMemo<TableColumnsType<EnforcementListItem>>(
    () => [
      {
        title: t('enf.caseNumber'),
        dataIndex: 'caseNumber',
        width: 210,
        fixed: 'left',
        render: (n: string | null, r) => <Link to={`/cases/${r.caseId}`}>{n ?? r.caseId.slice(0, 8)}</Link>,
      },
      {
        title: t('enf.status'),
        dataIndex: 'status',
        width: 130,
        render: (s: EnforcementStatusCode) => <Tag>{t(`enf.status.${s}` as MessageKey)}</Tag>,
      },
      { title: t('enf.party'), dataIndex: 'partyName', width: 110 },
      { title: t('enf.squad'), dataIndex: 'orgName', width: 150, ellipsis: true },
      { title: t('enf.offence'), dataIndex: 'offenceName', width: 200, ellipsis: true },
      { title: t('enf.fine'), dataIndex: 'fineFen', width: 110, align: 'right', render: (f: number) => formatFen(f) },
      { title: t('enf.surchargeToday'), dataIndex: 'surchargeFen', width: 130, align: 'right', render: (f: number) => formatFen(f) },
      { title: t('enf.paymentDue'), dataIndex: 'paymentDue', width: 110 },
      { title: t('enf.awaitingSince'), dataIndex: 'awaitingReminderSince', width: 110, render: (d: string | null) => d ?? '—' },
      { title: t('enf.reminderServedOn'), dataIndex: 'reminderServedOn', width: 110, render: (d: string | null) => d ?? '—' },
      { title: t('enf.courtOpensOn'), dataIndex: 'courtOpensOn', width: 130, render: (d: string | null) => d ?? '—' },
      {
        title: t('enf.lastDay'),
        dataIndex: 'courtClosesOn',
        width: 110,
        render: (d: string | null, r) =>
          d ? <Typography.Text type={r.status === 'court_deadline_near' ? 'danger' : undefined}>{d}</Typography.Text> : '—',
      },
    ],
    [t],
  );
  return (
    <Page
      title={t('menu.enforcement')}
      testId="enforcement-list-page"
      extra={
        <>
          {can('case:approve') && (
            <Button icon={<SyncOutlined />} loading={busy === 'check'} onClick={() => void run('check')} data-testid="enf-check">
              {t('enf.check')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void run('export')} data-testid="enf-export">
            {busy === 'export' ? t('common.exporting') : t('common.exportExcel')}
          </Button>
        </>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('enf.status')}
          value={filters.status}
          onChange={(status: EnforcementStatusCode | undefined) => set({ status })}
          options={FILTER_STATUSES.map((s) => ({ value: s, label: t(`enf.status.${s}` as MessageKey) }))}
          style={{ width: 180 }}
          data-testid="enf-filter-status"
        />
        <OrgTreeSelect
          tree={orgs.data ?? []}
          allowClear
          placeholder={t('enf.squad')}
          value={filters.orgId}
          onChange={(orgId) => set({ orgId })}
          style={{ width: 200 }}
          testId="enf-filter-org"
        />
        <DatePicker.RangePicker
          placeholder={[t('enf.dueRange'), t('enf.dueRange')]}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          allowEmpty={[true, true]}
        />
      </Space>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<EnforcementListItem>
        rowKey="caseId"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1600 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
      />
    </Page>
  );
}
