// 数据资源目录: every table of the platform with its owner, fields, update frequency and sharing level (filters,
// server paging, Excel export); the administrator edits an asset and issues partner keys for the standard interfaces.
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  TreeSelect,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { CreateSharingKeyBody, DataAsset, SharingKey, UpdateDataAssetBody } from '@chengguan/contracts';
import { SHARING_LEVELS, UPDATE_FREQUENCIES } from '@chengguan/contracts';
import { dataSharingApi } from '../../api/data-sharing.ts';
import { newIdempotencyKey, type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { toTreeSelect, useOrgTree } from '../../lib/orgTree.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton, cleanQuery } from '../../components/ExportButton.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';

type Filters = { keyword?: string; sharingLevel?: string; exportable?: boolean };
const LEVEL_COLOURS: Record<string, string> = { public: 'green', shared: 'blue', restricted: 'default' };

export default function DataCatalogPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const { me } = useAuth();
  const isAdmin = !!me?.permissions.includes('catalog:admin');
  // The catalogue is the city's: its administrator edits it; a district's administrator issues keys for his district.
  const canEdit = isAdmin && !!me?.cityWide;
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<DataAsset | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [form] = Form.useForm<UpdateDataAssetBody>();
  const [keyForm] = Form.useForm<CreateSharingKeyBody>();
  const query = cleanQuery({ ...filters, ...paging }) as Query;
  const list = useLoad((signal) => dataSharingApi.assets(query, signal), JSON.stringify(query));
  const keys = useLoad((signal) => (isAdmin ? dataSharingApi.keys(signal) : Promise.resolve([] as SharingKey[])), `keys|${isAdmin}`);
  const exportable = useLoad((signal) => dataSharingApi.assets({ exportable: true, pageSize: 50 }, signal), 'exportable');
  const orgs = useOrgTree();
  const tree = useMemo(() => toTreeSelect(orgs.data ?? []), [orgs.data]);
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const save = useSubmit<UpdateDataAssetBody, DataAsset>(
    form,
    (v, idempotencyKey) => dataSharingApi.updateAsset(editing!.code, v, { idempotencyKey }),
    {
      successMessage: t('catalog.saved'),
      onSuccess: () => {
        setEditing(null);
        list.reload();
      },
    },
  );
  const issue = useSubmit<CreateSharingKeyBody, { apiKey: string }>(keyForm, (v) => dataSharingApi.createKey(v), {
    onSuccess: (k) => {
      setIssuing(false);
      keys.reload();
      modal.info({
        title: t('catalog.key.shown'),
        content: (
          <Typography.Paragraph copyable data-testid="catalog-key-secret">
            {k.apiKey}
          </Typography.Paragraph>
        ),
      });
    },
  });
  const revoke = async (id: string) => {
    try {
      await dataSharingApi.revokeKey(id, { idempotencyKey: newIdempotencyKey() });
      keys.reload();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    }
  };
  const columns = useMemo<TableColumnsType<DataAsset>>(
    () => [
      { title: t('catalog.col.code'), dataIndex: 'code', width: 200 },
      { title: t('catalog.col.name'), dataIndex: 'name', width: 180 },
      { title: t('catalog.col.owner'), dataIndex: 'owner', width: 180 },
      {
        title: t('catalog.col.frequency'),
        dataIndex: 'updateFrequency',
        width: 90,
        render: (f: DataAsset['updateFrequency']) => t(`catalog.frequency.${f}`),
      },
      {
        title: t('catalog.col.level'),
        dataIndex: 'sharingLevel',
        width: 100,
        render: (l: DataAsset['sharingLevel']) => <Tag color={LEVEL_COLOURS[l]}>{t(`catalog.level.${l}`)}</Tag>,
      },
      { title: t('catalog.col.interface'), dataIndex: 'exportable', width: 90, render: (e: boolean) => (e ? t('catalog.yes') : '—') },
      {
        title: t('catalog.col.fields'),
        key: 'fields',
        ellipsis: true,
        render: (_, a) => a.fields.map((f) => f.label).join('、'),
      },
      ...(canEdit
        ? [
            {
              title: '',
              key: 'edit',
              width: 80,
              render: (_: unknown, a: DataAsset) => (
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(a);
                    form.setFieldsValue({
                      name: a.name,
                      owner: a.owner,
                      updateFrequency: a.updateFrequency,
                      sharingLevel: a.sharingLevel,
                      fields: a.fields,
                    });
                  }}
                  data-testid="catalog-edit"
                >
                  {t('catalog.edit')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, canEdit, form],
  );
  return (
    <Page
      title={t('catalog.title')}
      testId="catalog-page"
      extra={<ExportButton path={dataSharingApi.assetsExportPath} query={cleanQuery(filters)} filename={`${t('catalog.title')}.xlsx`} />}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <ListSearch value={filters.keyword} onSearch={(keyword) => setFilter({ keyword })} placeholder={t('catalog.search')} />
          <Select
            allowClear
            placeholder={t('catalog.col.level')}
            style={{ width: 130 }}
            value={filters.sharingLevel}
            onChange={(v: string | undefined) => setFilter({ sharingLevel: v })}
            options={SHARING_LEVELS.map((l) => ({ value: l, label: t(`catalog.level.${l}`) }))}
          />
          <Select
            allowClear
            placeholder={t('catalog.col.interface')}
            style={{ width: 130 }}
            value={filters.exportable}
            onChange={(v: boolean | undefined) => setFilter({ exportable: v })}
            options={[
              { value: true, label: t('catalog.yes') },
              { value: false, label: t('catalog.no') },
            ]}
          />
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<DataAsset>
        rowKey="code"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1200 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="catalog-table"
      />
      {isAdmin && (
        <Card
          size="small"
          title={t('catalog.keys')}
          style={{ marginTop: 16 }}
          extra={
            <Button type="primary" onClick={() => setIssuing(true)} data-testid="catalog-key-new">
              {t('catalog.key.new')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">{t('catalog.keys.help')}</Typography.Paragraph>
          <Table<SharingKey>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={keys.data ?? []}
            columns={[
              { title: t('catalog.key.partner'), dataIndex: 'partnerName' },
              { title: t('catalog.key.scope'), dataIndex: 'scopeOrgName' },
              { title: t('catalog.key.assets'), dataIndex: 'assetCodes', render: (c: string[]) => c.join('、') },
              { title: t('catalog.key.hint'), dataIndex: 'keyHint', render: (h: string) => `…${h}` },
              {
                title: t('catalog.key.state'),
                key: 'state',
                render: (_, k) => (k.revokedAt ? <Tag>{t('catalog.key.revoked')}</Tag> : <Tag color="green">{t('catalog.key.live')}</Tag>),
              },
              {
                title: '',
                key: 'revoke',
                render: (_, k) =>
                  !k.revokedAt && (
                    <Button size="small" danger onClick={() => void revoke(k.id)}>
                      {t('catalog.key.revoke')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <Modal
        open={!!editing}
        title={editing ? `${t('catalog.edit')} ${editing.code}` : ''}
        onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then((v) => save.submit(v))}
        confirmLoading={save.loading}
        width={760}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Flex gap={12}>
            <Form.Item name="name" label={t('catalog.col.name')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="owner" label={t('catalog.col.owner')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input maxLength={60} />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="updateFrequency" label={t('catalog.col.frequency')} style={{ flex: 1 }}>
              <Select options={UPDATE_FREQUENCIES.map((f) => ({ value: f, label: t(`catalog.frequency.${f}`) }))} />
            </Form.Item>
            <Form.Item name="sharingLevel" label={t('catalog.col.level')} style={{ flex: 1 }}>
              <Select options={SHARING_LEVELS.map((l) => ({ value: l, label: t(`catalog.level.${l}`) }))} data-testid="catalog-level" />
            </Form.Item>
          </Flex>
          <Form.List name="fields">
            {(items) => (
              <div style={{ maxHeight: 300, overflow: 'auto' }}>
                {items.map((item) => (
                  <Flex key={item.key} gap={8}>
                    <Form.Item name={[item.name, 'name']} style={{ width: 180, marginBottom: 8 }}>
                      <Input disabled />
                    </Form.Item>
                    <Form.Item name={[item.name, 'label']} rules={[{ required: true }]} style={{ flex: 1, marginBottom: 8 }}>
                      <Input maxLength={60} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'labelEn']} rules={[{ required: true }]} style={{ flex: 1, marginBottom: 8 }}>
                      <Input maxLength={80} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'type']} hidden>
                      <Input />
                    </Form.Item>
                  </Flex>
                ))}
              </div>
            )}
          </Form.List>
        </Form>
      </Modal>
      <Modal
        open={issuing}
        title={t('catalog.key.new')}
        onCancel={() => setIssuing(false)}
        onOk={() => void keyForm.validateFields().then((v) => issue.submit(v))}
        confirmLoading={issue.loading}
        destroyOnHidden
      >
        <Form form={keyForm} layout="vertical">
          <Form.Item name="partnerName" label={t('catalog.key.partner')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="scopeOrgId" label={t('catalog.key.scope')} rules={[{ required: true }]}>
            <TreeSelect treeData={tree} treeDefaultExpandAll />
          </Form.Item>
          <Form.Item name="assetCodes" label={t('catalog.key.assets')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={(exportable.data?.items ?? [])
                .filter((a) => a.sharingLevel !== 'restricted')
                .map((a) => ({ value: a.code, label: `${a.name}（${t(`catalog.level.${a.sharingLevel}`)}）` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
