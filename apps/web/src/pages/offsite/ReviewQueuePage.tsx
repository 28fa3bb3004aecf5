// 非现场执法审核队列: the grouped events waiting for the one reviewer (技术与法律二审合一); filters, server paging,
// Excel export; the refused deliveries with their reasons; the device simulator, labelled as such.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Select, Tag, type TableColumnsType } from 'antd';
import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import type { OffsiteDelivery, OffsiteReviewSummary } from '@chengguan/contracts';
import { OFFSITE_REVIEW_STATES } from '@chengguan/contracts';
import { offsiteApi } from '../../api/offsite.ts';
import { newIdempotencyKey, type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';

type Filters = { q?: string; state?: string; scene?: string; from?: string; to?: string };

export default function ReviewQueuePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [filters, setFilters] = useState<Filters>({ state: 'pending' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [refusedPaging, setRefusedPaging] = useState({ page: 1, pageSize: 10 });
  const [busy, setBusy] = useState(false);
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => offsiteApi.reviews(query, signal), JSON.stringify(query));
  const scenes = useLoad((signal) => offsiteApi.scenes(signal), 'scenes');
  const connector = useLoad((signal) => offsiteApi.connector(signal), `conn|${list.data?.total ?? ''}`);
  const refused = useLoad(
    (signal) => offsiteApi.deliveries({ status: 'refused', ...refusedPaging } as Query, signal),
    `refused|${JSON.stringify(refusedPaging)}|${list.data?.total ?? ''}`,
  );
  const canPlay = !!me?.permissions.includes('offsite:device');
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const sceneName = (code: string) => scenes.data?.find((s) => s.code === code)?.[lang.startsWith('en') ? 'nameEn' : 'name'] ?? code;
  const play = async () => {
    setBusy(true);
    try {
      const r = await offsiteApi.play({ count: 20 }, { idempotencyKey: newIdempotencyKey() });
      message.success(t('offsite.reviews.played', { played: r.played, accepted: r.accepted, refused: r.refused }));
      list.reload();
    } catch (err) {
      message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const columns = useMemo<TableColumnsType<OffsiteReviewSummary>>(
    () => [
      {
        title: t('offsite.col.number'),
        dataIndex: 'number',
        width: 190,
        render: (n: string, r) => (
          <Link to={`/offsite-reviews/${r.id}`} data-testid="review-link">
            {n}
          </Link>
        ),
      },
      { title: t('offsite.col.scene'), dataIndex: 'sceneName', width: 110, render: (_: string, r) => sceneName(r.scene) },
      {
        title: t('offsite.col.party'),
        dataIndex: 'partyKey',
        width: 180,
        render: (p: string | null) => (p ? p.replace(/^(plate|subject):/, '') : '—'),
      },
      { title: t('offsite.col.firstAt'), dataIndex: 'firstAt', width: 160, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
      { title: t('offsite.col.events'), dataIndex: 'eventCount', width: 80 },
      {
        title: t('offsite.col.blocked'),
        dataIndex: 'blocked',
        width: 130,
        render: (b: boolean) => (b ? <Tag color="orange">{t('offsite.usable.no')}</Tag> : '—'),
      },
      {
        title: t('offsite.col.state'),
        dataIndex: 'state',
        width: 120,
        render: (s: OffsiteReviewSummary['state']) => t(`offsite.state.${s}`),
      },
    ],
    [t, scenes.data, lang],
  );
  const refusedColumns = useMemo<TableColumnsType<OffsiteDelivery>>(
    () => [
      { title: t('offsite.col.device'), dataIndex: 'deviceCode', width: 160 },
      {
        title: t('offsite.col.receivedAt'),
        dataIndex: 'receivedAt',
        width: 160,
        render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm'),
      },
      { title: t('offsite.col.reason'), dataIndex: 'reason', ellipsis: true },
    ],
    [t],
  );
  return (
    <Page
      title={t('offsite.reviews.title')}
      testId="offsite-reviews-page"
      extra={
        <>
          {canPlay && (
            <Button icon={<ExperimentOutlined />} loading={busy} onClick={() => void play()} data-testid="offsite-play">
              {t('offsite.reviews.play')}
            </Button>
          )}
          <ExportButton path={offsiteApi.reviewsExportPath} query={filters as Query} filename={`${t('offsite.reviews.title')}.xlsx`} />
        </>
      }
    >
      {connector.data?.simulator && (
        <Alert
          type="warning"
          showIcon
          message={t('offsite.reviews.simulatorNote')}
          style={{ marginBottom: 16 }}
          data-testid="offsite-simulator-note"
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('offsite.reviews.search')} />
          <Select
            allowClear
            placeholder={t('offsite.col.state')}
            value={filters.state}
            onChange={(v: string | undefined) => setFilter({ state: v })}
            options={OFFSITE_REVIEW_STATES.map((s) => ({ value: s, label: t(`offsite.state.${s}`) }))}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('offsite.col.scene')}
            value={filters.scene}
            onChange={(v: string | undefined) => setFilter({ scene: v })}
            options={(scenes.data ?? []).map((s) => ({ value: s.code, label: sceneName(s.code) }))}
            style={{ width: 130 }}
          />
          <DatePicker.RangePicker
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(r) => setFilter({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
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
      <DataTable<OffsiteReviewSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1000 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="offsite-reviews-table"
      />
      <Card size="small" title={t('offsite.reviews.refusedTitle')} style={{ marginTop: 16 }}>
        <DataTable<OffsiteDelivery>
          rowKey="id"
          size="small"
          loading={refused.loading}
          dataSource={refused.data?.items ?? []}
          columns={refusedColumns}
          pagination={serverPagination(refusedPaging, refused.data?.total ?? 0, setRefusedPaging, (n) => t('common.total', { n }))}
          data-testid="offsite-refused-table"
        />
      </Card>
    </Page>
  );
}
