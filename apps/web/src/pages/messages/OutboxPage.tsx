import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { MESSAGE_PURPOSES, MESSAGE_STATUSES, type MessageItem, type MessageListQuery } from '@chengguan/contracts';
import { messagesApi } from '../../api/messages.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

type FilterForm = {
  purpose?: MessageListQuery['purpose'];
  status?: MessageListQuery['status'];
  recipient?: string;
  keyword?: string;
  range?: [Dayjs | null, Dayjs | null];
};

const trimmed = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/** 短信发件箱（本地通道）: what the platform sent — with the local provider, what it would have sent. Administrators only. */
export default function OutboxPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<MessageListQuery>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => messagesApi.list(query, signal), JSON.stringify(query));
  const provider = useLoad((signal) => messagesApi.provider(signal), 'provider');
  const local = provider.data?.local ?? true;

  const onSearch = (v: FilterForm) => {
    setFilters({
      purpose: v.purpose,
      status: v.status,
      recipient: trimmed(v.recipient),
      keyword: trimmed(v.keyword),
      fromDate: v.range?.[0]?.format('YYYY-MM-DD'),
      toDate: v.range?.[1]?.format('YYYY-MM-DD'),
    });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await messagesApi.export(filters);
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<MessageItem> = [
    { title: t('messages.at'), dataIndex: 'createdAt', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('messages.recipient'), dataIndex: 'recipient', width: 150 },
    {
      title: t('messages.purpose'),
      dataIndex: 'purpose',
      width: 100,
      render: (p: string) => <Tag>{t(`messages.purpose.${p}` as MessageKey)}</Tag>,
    },
    {
      title: t('messages.text'),
      dataIndex: 'text',
      render: (v: string) => (
        <Typography.Text data-testid="outbox-text" style={{ whiteSpace: 'pre-wrap' }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('messages.status'),
      dataIndex: 'status',
      width: 130,
      render: (s: string, m) => (
        <Tag color={s === 'delivered' ? 'green' : s === 'failed' ? 'red' : 'blue'} title={m.error ?? undefined}>
          {t(`messages.status.${s}` as MessageKey)}
        </Tag>
      ),
    },
    {
      title: t('messages.case'),
      dataIndex: 'caseNumber',
      width: 200,
      render: (n: string | null, m) => (m.caseId ? <Link to={`/cases/${m.caseId}`}>{n ?? m.caseId.slice(0, 8)}</Link> : '—'),
    },
    { title: t('messages.provider'), dataIndex: 'provider', width: 90 },
  ];

  return (
    <Page
      title={local ? t('messages.title') : t('messages.titleProvider', { name: provider.data?.name ?? '' })}
      testId="outbox-page"
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
          {exporting ? t('common.exporting') : t('common.exportExcel')}
        </Button>
      }
    >
      {local && (
        <Alert
          type="warning"
          showIcon
          message={t('messages.localWarning')}
          style={{ marginBottom: 16 }}
          data-testid="outbox-local-warning"
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm> form={form} layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
          <Form.Item name="purpose">
            <Select
              allowClear
              placeholder={t('messages.purpose')}
              style={{ width: 130 }}
              options={MESSAGE_PURPOSES.map((p) => ({ value: p, label: t(`messages.purpose.${p}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('messages.status')}
              style={{ width: 150 }}
              options={MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`messages.status.${s}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="recipient">
            <Input allowClear placeholder={t('messages.recipient')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="keyword">
            <Input allowClear placeholder={t('messages.keyword')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('common.search')}
          </Button>
        </Form>
      </Card>
      {list.error ? <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} /> : null}
      <DataTable<MessageItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
      />
    </Page>
  );
}
