import { useMemo, useState } from 'react';
import { Alert, DatePicker, Radio, Space, Table, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import type { OrgNode, TicketRatesTable } from '@chengguan/contracts';
import type { Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { ticketsApi } from '../../api/tickets.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useOrgTree } from '../../lib/orgTree.ts';
import { bureauToday } from '../../lib/bureauTime';

type Row = TicketRatesTable['rows'][number];
type Rate = Row['onTime'];
const RATE_KEYS = ['firstContact', 'onTime', 'resolution', 'satisfaction', 'conversion'] as const;

/** District bureaus (and other units above squads) the table may be narrowed to. */
function unitsOf(nodes: readonly OrgNode[]): { value: string; title: string; children: ReturnType<typeof unitsOf> }[] {
  return nodes.filter((n) => n.kind !== 'squad').map((n) => ({ value: n.id, title: n.name, children: unitsOf(n.children) }));
}

/** 诉件指标月表: the four rates and 诉转案率 per squad or district bureau for a month, exportable to Excel. */
export default function TicketRatesPage() {
  const { t, lang } = useI18n();
  const [month, setMonth] = useState<Dayjs>(bureauToday());
  const [groupBy, setGroupBy] = useState<'squad' | 'district'>('squad');
  const [orgId, setOrgId] = useState<string | undefined>();
  const orgs = useOrgTree();
  const query: Query = { month: month.format('YYYY-MM'), groupBy, ...(orgId ? { orgId } : {}) };
  const table = useLoad((signal) => ticketsApi.ratesTable(query, signal), JSON.stringify(query));
  const units = useMemo(() => unitsOf(orgs.data ?? []), [orgs.data]);
  const rate = (r: Rate) => (r.percent === null ? '—' : `${r.percent.toFixed(2)}%（${r.numerator}/${r.denominator}）`);
  const rows: Row[] = table.data ? [...table.data.rows, { orgId: null, orgName: t('conv.table.total'), ...table.data.total }] : [];
  return (
    <Page
      title={t('conv.table.title')}
      testId="ticket-rates-page"
      extra={
        <ExportButton
          path={ticketsApi.ratesTableExportPath}
          query={query}
          filename={`${t('conv.table.title')}-${query.month as string}.xlsx`}
        />
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} data-testid="rates-month" />
        <Radio.Group
          optionType="button"
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as 'squad' | 'district')}
          options={[
            { value: 'squad', label: t('conv.table.bySquad') },
            { value: 'district', label: t('conv.table.byDistrict') },
          ]}
        />
        <TreeSelect
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t('conv.table.district')}
          treeData={units}
          value={orgId}
          onChange={(v: string | undefined) => setOrgId(v)}
          treeDefaultExpandAll
        />
      </Space>
      {table.error ? <Alert type="error" showIcon message={errorText(table.error, t, lang)} style={{ marginBottom: 16 }} /> : null}
      <Table<Row>
        size="small"
        rowKey={(r) => r.orgId ?? r.orgName}
        loading={table.loading}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: groupBy === 'squad' ? t('conv.table.squad') : t('conv.table.districtCol'), dataIndex: 'orgName' },
          { title: t('conv.table.received'), dataIndex: 'received', align: 'right' },
          ...RATE_KEYS.map((k) => ({
            title: t(`conv.rate.${k}` as MessageKey),
            key: k,
            align: 'right' as const,
            render: (_: unknown, r: Row) => rate(r[k]),
          })),
        ]}
      />
    </Page>
  );
}
