// 考核 (B7, docs/supervision.md §6): officers' and squads' cards, each line explained; proportionality alerts. Fines are
// never a score — the page says so.
import { useState } from 'react';
import { Alert, Card, DatePicker, Segmented, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { ProportionalityAlert, ScoreCard } from '@chengguan/contracts';
import { supervisionApi } from '../../api/supervision.ts';
import type { Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ScoreItems } from './ScoreItems.tsx';
import { bureauToday } from '../../lib/bureauTime';

export function ScoreLines({ card }: { card: ScoreCard }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<ScoreCard['lines'][number]> = [
    { title: t('sup.scores.item'), width: 160, render: (_: unknown, l) => (lang.startsWith('en') ? l.labelEn : l.labelZh) },
    {
      title: t('sup.scores.points'),
      width: 120,
      render: (_: unknown, l) => (l.points === null ? <Tag>{t('sup.scores.notScored')}</Tag> : `${l.points} / ${l.maxPoints}`),
    },
    { title: t('sup.scores.explanation'), render: (_: unknown, l) => (lang.startsWith('en') ? l.explanationEn : l.explanationZh) },
  ];
  return <Table rowKey="item" size="small" pagination={false} dataSource={card.lines} columns={columns} />;
}

export default function ScoresPage() {
  const { t, lang } = useI18n();
  const [level, setLevel] = useState<'officer' | 'squad'>('officer');
  const [range, setRange] = useState<[string, string]>([
    bureauToday().startOf('year').format('YYYY-MM-DD'),
    bureauToday().format('YYYY-MM-DD'),
  ]);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query: Query = { level, from: range[0], to: range[1], ...paging };
  const cards = useLoad((signal) => supervisionApi.scores(query, signal), JSON.stringify(query));
  const alerts = useLoad((signal) => supervisionApi.proportionality({ from: range[0], to: range[1] }, signal), range.join());
  const columns: TableColumnsType<ScoreCard> = [
    { title: t('sup.scores.name'), dataIndex: 'name' },
    { title: t('sup.org'), dataIndex: 'orgName' },
    { title: t('sup.scores.total'), width: 140, render: (_: unknown, c) => `${c.total} / ${c.max}` },
  ];
  const alertColumns: TableColumnsType<ProportionalityAlert> = [
    { title: t('sup.scores.name'), dataIndex: 'name', width: 140 },
    { title: t('sup.prop.offence'), dataIndex: 'offenceName' },
    { title: t('sup.prop.cases'), dataIndex: 'cases', width: 80 },
    { title: t('sup.prop.median'), dataIndex: 'medianFen', width: 130, render: (f: number) => f / 100 },
    { title: t('sup.prop.cityMedian'), dataIndex: 'cityMedianFen', width: 130, render: (f: number) => f / 100 },
    { title: t('sup.prop.reasons'), render: (_: unknown, a) => (lang.startsWith('en') ? a.reasonsEn : a.reasonsZh).join('; ') },
  ];
  return (
    <Page title={t('sup.scores.title')} testId="supervision-scores">
      <Alert type="info" showIcon message={t('sup.scores.noFines')} style={{ marginBottom: 16 }} data-testid="sup-no-fines" />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={level}
          onChange={(v) => {
            setLevel(v as 'officer' | 'squad');
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'officer', label: t('sup.scores.level.officer') },
            { value: 'squad', label: t('sup.scores.level.squad') },
          ]}
        />
        <DatePicker.RangePicker
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
      </Space>
      {!!cards.error && <Alert type="error" showIcon message={errorText(cards.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<ScoreCard>
        rowKey="id"
        size="middle"
        loading={cards.loading}
        dataSource={cards.data?.items ?? []}
        columns={columns}
        expandable={{ expandedRowRender: (c) => <ScoreLines card={c} /> }}
        pagination={serverPagination(paging, cards.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="sup-scores"
      />
      <Card size="small" title={t('sup.prop.title')} style={{ marginTop: 16 }}>
        {alerts.data && alerts.data.length === 0 ? (
          <Alert type="success" showIcon message={t('sup.prop.none')} />
        ) : (
          <DataTable<ProportionalityAlert>
            rowKey={(a) => `${a.level}-${a.id}-${a.offenceCode}`}
            size="small"
            loading={alerts.loading}
            dataSource={alerts.data ?? []}
            columns={alertColumns}
            pagination={false}
          />
        )}
      </Card>
      <ScoreItems />
    </Page>
  );
}
