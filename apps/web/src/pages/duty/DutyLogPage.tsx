// 执法日志: the entries the case, ticket and inspection steps wrote and the officers' own, per squad, officer and date,
// filtered by source and "3级18类" tag, paged on the server and exported to Excel; an officer adds his own entry.
import { useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, TreeSelect, type TableColumnsType } from 'antd';
import { bureauToday } from '../../lib/bureauTime';
import dayjs, { type Dayjs } from 'dayjs';
import type { DutyLogEntry, DutyLogTag } from '@chengguan/contracts';
import { DUTY_LOG_SOURCES } from '@chengguan/contracts';
import { dutyApi } from '../../api/duty.ts';
import type { Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton, cleanQuery } from '../../components/ExportButton.tsx';
import { FilterPanel, countSet } from '../../components/FilterPanel.tsx';
import { SquadPicker } from './SquadPicker.tsx';

type Filters = { orgId?: string; from?: string; to?: string; source?: string; tag?: string };
type TagNode = { value: string; title: string; children: TagNode[] };

function tagTree(tags: DutyLogTag[], lang: string, parent: string | null = null): TagNode[] {
  return tags
    .filter((x) => x.parentCode === parent)
    .map((x) => ({ value: x.code, title: lang.startsWith('en') ? x.nameEn : x.nameZh, children: tagTree(tags, lang, x.code) }));
}

export default function DutyLogPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const canWrite = !!me?.permissions.includes('duty:report');
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [writing, setWriting] = useState(false);
  const [form] = Form.useForm<{ entryDate: Dayjs; tagCode: string; summary: string }>();
  const query = cleanQuery({ ...filters, ...paging }) as Query;
  const list = useLoad((signal) => dutyApi.log(query, signal), JSON.stringify(query));
  const tags = useLoad((signal) => dutyApi.logTags(signal), 'tags');
  const tree = useMemo(() => tagTree(tags.data ?? [], lang), [tags.data, lang]);
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const { submit, loading } = useSubmit(
    form,
    (v: { entryDate: Dayjs; tagCode: string; summary: string }, idempotencyKey) =>
      dutyApi.writeLog({ entryDate: v.entryDate.format('YYYY-MM-DD'), tagCode: v.tagCode, summary: v.summary }, { idempotencyKey }),
    {
      successMessage: t('duty.log.written'),
      onSuccess: () => {
        setWriting(false);
        form.resetFields();
        list.reload();
      },
    },
  );
  const columns: TableColumnsType<DutyLogEntry> = [
    { title: t('duty.log.date'), dataIndex: 'entryDate', width: 110 },
    { title: t('duty.log.time'), dataIndex: 'at', width: 80, render: (a: string) => dayjs(a).format('HH:mm') },
    { title: t('duty.squad'), dataIndex: 'orgName', width: 150 },
    { title: t('duty.log.officer'), dataIndex: 'officerName', width: 100, render: (n: string | null) => n ?? '—' },
    { title: t('duty.log.source'), dataIndex: 'source', width: 90, render: (s: DutyLogEntry['source']) => t(`duty.log.source.${s}`) },
    { title: t('duty.log.tag'), dataIndex: 'tagPath', width: 240 },
    { title: t('duty.log.summary'), dataIndex: 'summary', ellipsis: true },
  ];
  return (
    <Page
      title={t('duty.log.title')}
      testId="duty-log-page"
      extra={
        <Space>
          {canWrite && (
            <Button type="primary" onClick={() => setWriting(true)} data-testid="duty-log-write">
              {t('duty.log.write')}
            </Button>
          )}
          <ExportButton path={dutyApi.logExportPath} query={cleanQuery(filters)} filename={`${t('duty.log.title')}.xlsx`} />
        </Space>
      }
    >
      <Alert type="info" showIcon message={t('duty.log.auto')} style={{ marginBottom: 16 }} />
      <FilterPanel active={countSet(filters)}>
        <Space wrap style={{ marginBottom: 16 }}>
          {me?.roles.some((r) => r !== 'field_officer') && (
            <SquadPicker value={filters.orgId} onChange={(id) => setFilter({ orgId: id })} />
          )}
          <DatePicker.RangePicker
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(v) => setFilter({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            data-testid="duty-log-dates"
          />
          <Select
            allowClear
            placeholder={t('duty.log.source')}
            style={{ width: 130 }}
            value={filters.source}
            onChange={(v: string | undefined) => setFilter({ source: v })}
            options={DUTY_LOG_SOURCES.map((s) => ({ value: s, label: t(`duty.log.source.${s}`) }))}
            data-testid="duty-log-source"
          />
          <TreeSelect
            allowClear
            placeholder={t('duty.log.tag')}
            style={{ width: 240 }}
            treeData={tree}
            value={filters.tag}
            onChange={(v: string | undefined) => setFilter({ tag: v })}
            data-testid="duty-log-tag"
          />
          <Button onClick={() => setFilter({ from: undefined, to: undefined, source: undefined, tag: undefined })}>
            {t('common.reset')}
          </Button>
        </Space>
      </FilterPanel>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<DutyLogEntry>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1000 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="duty-log-table"
      />
      <Modal
        open={writing}
        title={t('duty.log.write')}
        onCancel={() => setWriting(false)}
        onOk={() => void form.validateFields().then((v) => submit(v))}
        confirmLoading={loading}
        okButtonProps={{ 'data-testid': 'duty-log-submit' } as Record<`data-${string}`, string>}
      >
        <Form form={form} layout="vertical" initialValues={{ entryDate: bureauToday() }}>
          <Form.Item name="entryDate" label={t('duty.log.date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="tagCode" label={t('duty.log.tag')} rules={[{ required: true }]}>
            <TreeSelect treeData={tree} treeDefaultExpandAll data-testid="duty-log-form-tag" />
          </Form.Item>
          <Form.Item name="summary" label={t('duty.log.summary')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={4} maxLength={1000} data-testid="duty-log-form-summary" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
