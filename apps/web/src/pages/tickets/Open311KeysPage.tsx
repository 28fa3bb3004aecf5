import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CreatedOpen311Key, Open311Key, OrgNode } from '@chengguan/contracts';
import { open311KeyApi } from '../../api/command.ts';
import { orgApi } from '../../api/endpoints.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { serverPagination } from '../../lib/paging.ts';
import type { Query } from '../../api/client.ts';
import { bureauTime } from '../../lib/bureauTime';

function bureausOf(nodes: readonly OrgNode[]): { value: string; label: string }[] {
  return nodes.flatMap((n) => [
    ...(n.kind === 'district_bureau' && n.active ? [{ value: n.id, label: n.name }] : []),
    ...bureausOf(n.children),
  ]);
}

/**
 * Open311 合作方密钥 (the administrator's): the partner keys of the bureaus in his jurisdiction — issue one (the key is
 * shown this once; only its digest is kept), revoke one. Filtered and paged on the server, exported with the same filters.
 */
export default function Open311KeysPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [reload, setReload] = useState(0);
  const [filters, setFilters] = useState<{ q?: string; status?: 'active' | 'revoked'; bureauId?: string }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [issuing, setIssuing] = useState(false);
  const [created, setCreated] = useState<CreatedOpen311Key | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; bureauId: string }>();
  const query = { ...filters, ...paging } as Query;
  const keys = useLoad((signal) => open311KeyApi.list(query, signal), `keys:${JSON.stringify(query)}:${reload}`);
  const setFilter = (patch: typeof filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const orgs = useLoad((signal) => orgApi.tree().then((x) => (signal.aborted ? [] : x)), 'orgs');
  const bureaus = useMemo(() => bureausOf(orgs.data ?? []), [orgs.data]);
  const issue = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      setCreated(await open311KeyApi.create(v));
      setIssuing(false);
      setReload((r) => r + 1);
    } catch (err) {
      if (!applyServerErrors(form, err, lang)) void message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (k: Open311Key) => {
    try {
      await open311KeyApi.revoke(k.id);
      void message.success(t('o311.revoked'));
      setReload((r) => r + 1);
    } catch (err) {
      void message.error(errorText(err, t, lang));
    }
  };
  const columns: TableColumnsType<Open311Key> = [
    { title: t('o311.col.name'), dataIndex: 'name', width: 200 },
    { title: t('o311.col.bureau'), dataIndex: 'bureauName', width: 200 },
    { title: t('o311.col.hint'), dataIndex: 'keyHint', width: 110, render: (h: string) => `…${h}` },
    { title: t('o311.col.created'), dataIndex: 'createdAt', width: 170, render: bureauTime },
    { title: t('o311.col.requests'), dataIndex: 'requestCount', width: 100 },
    {
      title: t('o311.col.status'),
      key: 'status',
      width: 170,
      render: (_, k) =>
        k.revokedAt ? (
          <Tag>{t('o311.status.revoked', { at: bureauTime(k.revokedAt) })}</Tag>
        ) : (
          <Tag color="green">{t('o311.status.active')}</Tag>
        ),
    },
    {
      title: t('command.col.actions'),
      key: 'revoke',
      width: 100,
      render: (_, k) =>
        k.revokedAt ? null : (
          <Popconfirm title={t('o311.revokeConfirm', { name: k.name })} onConfirm={() => void revoke(k)}>
            <Button size="small" danger data-testid="o311-revoke">
              {t('o311.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Page
      title={t('o311.title')}
      testId="open311-keys-page"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setIssuing(true);
          }}
          data-testid="o311-issue"
        >
          {t('o311.issue')}
        </Button>
      }
    >
      <Alert type="info" showIcon message={t('o311.hint')} style={{ marginBottom: 16 }} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.q} onSearch={(q) => setFilter({ q })} placeholder={t('o311.search')} />
          <Select
            allowClear
            placeholder={t('o311.col.bureau')}
            value={filters.bureauId}
            onChange={(bureauId?: string) => setFilter({ bureauId })}
            options={bureaus}
            style={{ width: 180 }}
            data-testid="o311-filter-bureau"
          />
          <Select
            allowClear
            placeholder={t('o311.col.status')}
            value={filters.status}
            onChange={(status?: 'active' | 'revoked') => setFilter({ status })}
            options={[
              { value: 'active', label: t('o311.status.active') },
              { value: 'revoked', label: t('o311.status.revokedShort') },
            ]}
            style={{ width: 120 }}
          />
          <ExportButton path={open311KeyApi.exportPath} query={filters as Query} filename={`${t('o311.title')}.xlsx`} />
        </Flex>
      </Card>
      {!!keys.error && <Alert type="error" showIcon message={errorText(keys.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<Open311Key>
        rowKey="id"
        size="middle"
        loading={keys.loading}
        dataSource={keys.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1050 }}
        pagination={serverPagination(paging, keys.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="o311-table"
      />
      <Modal
        open={issuing}
        title={t('o311.issue')}
        onCancel={() => setIssuing(false)}
        onOk={() => void issue()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="name"
            label={t('o311.col.name')}
            rules={[{ required: true, message: t('common.required', { field: t('o311.col.name') }) }]}
          >
            <Input maxLength={100} data-testid="o311-name" />
          </Form.Item>
          <Form.Item
            name="bureauId"
            label={t('o311.col.bureau')}
            rules={[{ required: true, message: t('common.required', { field: t('o311.col.bureau') }) }]}
          >
            <Select options={bureaus} loading={orgs.loading} data-testid="o311-bureau" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={created !== null}
        title={t('o311.createdTitle')}
        onOk={() => setCreated(null)}
        onCancel={() => setCreated(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon message={t('o311.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code data-testid="o311-key">
          {created?.apiKey}
        </Typography.Paragraph>
      </Modal>
    </Page>
  );
}
