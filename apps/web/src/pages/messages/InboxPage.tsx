import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Checkbox, Flex, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { InboxItem } from '@chengguan/contracts';
import { inboxApi } from '../../api/command.ts';
import { type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { bureauTime } from '../../lib/bureauTime';

/** 站内消息: the signed-in officer's own in-console messages (tickets' 临期 and overdue alerts …), newest first. */
export default function InboxPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [unread, setUnread] = useState(true);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [reload, setReload] = useState(0);
  const query = { ...(unread ? { unread: true } : {}), ...paging } as Query;
  const list = useLoad((signal) => inboxApi.list(query, signal), `${JSON.stringify(query)}:${reload}`);
  const read = async (m: InboxItem) => {
    try {
      await inboxApi.read(m.id);
      setReload((r) => r + 1);
    } catch (err) {
      void message.error(errorText(err, t, lang));
    }
  };
  const columns: TableColumnsType<InboxItem> = [
    { title: t('inbox.col.time'), dataIndex: 'createdAt', width: 170, render: bureauTime },
    {
      title: t('inbox.col.title'),
      dataIndex: 'title',
      width: 320,
      render: (title: string, m) => (
        <Flex gap={6} align="center">
          {!m.readAt && <Badge status="processing" />}
          {m.link ? (
            <Link to={m.link} onClick={() => void read(m)}>
              {title}
            </Link>
          ) : (
            title
          )}
        </Flex>
      ),
    },
    { title: t('inbox.col.body'), dataIndex: 'body', ellipsis: true },
    {
      title: t('inbox.col.read'),
      key: 'read',
      width: 120,
      render: (_, m) =>
        m.readAt ? (
          <Tag>{t('inbox.read')}</Tag>
        ) : (
          <Button size="small" onClick={() => void read(m)} data-testid="inbox-mark-read">
            {t('inbox.markRead')}
          </Button>
        ),
    },
  ];
  return (
    <Page
      title={t('inbox.title')}
      testId="inbox-page"
      extra={<ExportButton path={inboxApi.exportPath} query={unread ? { unread: true } : {}} filename={`${t('inbox.title')}.xlsx`} />}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} align="center">
          <Checkbox
            checked={unread}
            onChange={(e) => {
              setUnread(e.target.checked);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          >
            {t('inbox.unreadOnly')}
          </Checkbox>
          {list.data && <span>{t('inbox.unreadCount', { n: list.data.unread })}</span>}
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<InboxItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="inbox-table"
      />
    </Page>
  );
}
