import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, ThunderboltOutlined, WarningFilled } from '@ant-design/icons';
import type { CaseListItem } from '@chengguan/contracts';
import { casesApi, type CaseFilters } from '../../../api/cases.ts';
import { download, type Query } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { Page } from '../../../components/Page.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { DeadlineStateTag, StateTag } from '../components/StateTag.tsx';
import { formatFen } from '../format.ts';
import { deadlineKindLabel, partyTypeLabel, procedureLabel } from '../labels.ts';
import { CaseFiltersBar } from './CaseFiltersBar.tsx';
import { serverPagination } from '../../../lib/paging.ts';
import { DataTable } from '../../../components/DataTable.tsx';

/** Filters given in the address (links from the workbench and the homes: ?overdue=true, ?mine=true, ?orgId=…). */
function filtersFromUrl(params: URLSearchParams): CaseFilters {
  const f: CaseFilters = {};
  if (params.get('overdue') === 'true') f.overdue = true;
  if (params.get('mine') === 'true') f.mine = true;
  // From a home's per-squad numbers (?orgId=…); the server lists nothing for an org outside the jurisdiction.
  const orgId = params.get('orgId');
  if (orgId) f.orgId = orgId;
  // From the cockpit's numbers (?from=…&to=…): cases discovered in the period.
  const from = params.get('from');
  const to = params.get('to');
  if (from) f.from = from;
  if (to) f.to = to;
  return f;
}

/** 案件列表: paged, sorted and filtered on the server; personal data as the server masks it; Excel export. */
export default function CaseListPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<CaseFilters>(() => filtersFromUrl(params));
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => casesApi.list(query, signal), JSON.stringify(query));

  const apply = (f: CaseFilters) => {
    setFilters(f);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await download(casesApi.exportPath, filters as Query, `${t('menu.caseList')}.xlsx`);
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const columns = useMemo<TableColumnsType<CaseListItem>>(
    () => [
      {
        title: t('case.caseNumber'),
        dataIndex: 'caseNumber',
        fixed: 'left',
        width: 210,
        render: (n: string | null, c) => (
          <Space size={4}>
            <Link to={`/cases/${c.id}`} data-testid="case-link">
              {n ?? <Typography.Text type="secondary">{t('case.noNumber')}</Typography.Text>}
            </Link>
            {c.hasOverdue && (
              <Tooltip title={t('case.overdue')}>
                <WarningFilled style={{ color: '#cf1322' }} data-testid="case-row-overdue" />
              </Tooltip>
            )}
          </Space>
        ),
      },
      { title: t('case.state'), dataIndex: 'state', width: 130, render: (s: CaseListItem['state']) => <StateTag state={s} /> },
      {
        title: t('case.procedure'),
        dataIndex: 'procedure',
        width: 90,
        render: (p: CaseListItem['procedure']) => <Tag color={p === 'summary' ? 'cyan' : undefined}>{procedureLabel(t, p)}</Tag>,
      },
      { title: t('case.offence'), dataIndex: 'offenceName', width: 220, ellipsis: true, render: (n: string, c) => `${c.offenceCode} ${n}` },
      {
        title: t('case.party'),
        dataIndex: 'partyName',
        width: 130,
        render: (n: string, c) => (
          <Tooltip title={partyTypeLabel(t, c.partyType)}>
            <span data-testid="case-row-party">{n}</span>
          </Tooltip>
        ),
      },
      { title: t('case.squad'), dataIndex: 'orgName', width: 150, ellipsis: true },
      { title: t('case.leadOfficer'), dataIndex: 'leadOfficerName', width: 90, render: (n: string | null) => n ?? '—' },
      { title: t('case.discoveredOn'), dataIndex: 'discoveredOn', width: 110, render: (d: string | null) => d ?? '—' },
      { title: t('case.fine'), dataIndex: 'fineFen', width: 110, align: 'right', render: (f: number | null) => formatFen(f) },
      {
        title: t('case.nextDeadline'),
        dataIndex: 'nextDeadline',
        width: 200,
        render: (d: CaseListItem['nextDeadline']) =>
          d ? (
            <Space size={4} wrap>
              <span>{deadlineKindLabel(t, d.kind)}</span>
              <Typography.Text type={d.state === 'overdue' ? 'danger' : undefined}>{d.dueDate}</Typography.Text>
              <DeadlineStateTag state={d.state} />
            </Space>
          ) : (
            '—'
          ),
      },
    ],
    [t],
  );

  return (
    <Page
      title={t('menu.caseList')}
      testId="case-list-page"
      extra={
        <>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="cases-export">
            {exporting ? t('common.exporting') : t('common.exportExcel')}
          </Button>
          {can('case:write') && (
            <>
              <Button icon={<ThunderboltOutlined />} onClick={() => navigate('/summary')}>
                {t('menu.summaryTicket')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')} data-testid="case-register">
                {t('case.register')}
              </Button>
            </>
          )}
        </>
      }
    >
      <CaseFiltersBar value={filters} onChange={apply} />
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<CaseListItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1400 }}
        onRow={(c) => ({ onDoubleClick: () => navigate(`/cases/${c.id}`) })}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) =>
          list.data?.totalCapped ? t('common.totalAtLeast', { n: n.toLocaleString() }) : t('common.total', { n }),
        )}
        data-testid="cases-table"
      />
    </Page>
  );
}
