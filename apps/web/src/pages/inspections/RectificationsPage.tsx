import { useMemo, useState } from 'react';
import { Alert, Card, Flex, Select, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { RECTIFICATION_STATUSES, type RectificationOrder } from '@chengguan/contracts';
import { inspectionsApi } from '../../api/inspections.ts';
import { type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';

const COLORS: Record<RectificationOrder['status'], string> = { open: 'gold', rectified: 'green', not_rectified: 'red' };

/** 责令改正: the orders of the jurisdiction, their deadline, re-inspection and how the re-inspection closed them. */
export default function RectificationsPage() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<string | undefined>('open');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { status, ...paging } as Query;
  const list = useLoad((signal) => inspectionsApi.rectifications(query, signal), JSON.stringify(query));
  const columns = useMemo<TableColumnsType<RectificationOrder>>(
    () => [
      { title: t('insp.tasks.subject'), dataIndex: 'subjectName', width: 200 },
      {
        title: t('insp.rect.items'),
        dataIndex: 'items',
        render: (items: RectificationOrder['items']) => items.map((i) => i.textZh).join('；'),
      },
      { title: t('insp.rect.deadlineOn'), dataIndex: 'deadlineOn', width: 120 },
      { title: t('insp.rect.reinspectOn'), dataIndex: 'reinspectOn', width: 120 },
      {
        title: t('insp.tasks.status'),
        dataIndex: 'status',
        width: 100,
        render: (s: RectificationOrder['status']) => <Tag color={COLORS[s]}>{t(`insp.rect.status.${s}`)}</Tag>,
      },
      { title: t('insp.rect.closedOn'), dataIndex: 'closedOn', width: 130, render: (d: string | null) => d ?? '—' },
      {
        title: t('common.actions'),
        key: 'a',
        width: 100,
        render: (_, r) => <Link to={`/inspection-visits/${r.visitId}`}>{t('common.details')}</Link>,
      },
    ],
    [t],
  );
  return (
    <Page
      title={t('insp.rect.title')}
      testId="rectifications-page"
      extra={
        <ExportButton
          path={inspectionsApi.rectificationsExportPath}
          query={{ status } as Query}
          filename={`${t('insp.rect.title')}.xlsx`}
        />
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12}>
          <Select
            allowClear
            placeholder={t('insp.tasks.status')}
            value={status}
            onChange={(v: string | undefined) => {
              setStatus(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={RECTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`insp.rect.status.${s}`) }))}
            style={{ width: 150 }}
          />
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<RectificationOrder>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
      />
    </Page>
  );
}
