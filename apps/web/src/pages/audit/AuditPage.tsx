import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Select,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, FilterOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { AuditEntry } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { auditApi, type AuditFilters } from '../../api/endpoints.ts';
import { download, type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { useAuditVerify } from './AuditVerify.tsx';
import { ThrottleCounters } from './ThrottleCounters.tsx';
import { AuditCheckpoints } from './AuditCheckpoints.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { auditActionLabel, auditActionOptions, auditObjectLabel, auditObjectOptions } from './audit-labels.ts';
import { DataTable } from '../../components/DataTable.tsx';

type FilterForm = { action?: string; entityType?: string; entityId?: string; actorId?: string; range?: [Dayjs | null, Dayjs | null] };

const trimmed = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

export default function AuditPage() {
  const { t, lang } = useI18n();
  const { can, me } = useAuth();
  const [tab, setTab] = useState('log');
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const verify = useAuditVerify();

  const query = { ...filters, ...paging };
  const list = useLoad((signal) => auditApi.list(query, signal), JSON.stringify(query));

  const apply = (f: AuditFilters) => {
    setFilters(f);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const onSearch = (v: FilterForm) =>
    apply({
      action: trimmed(v.action),
      entityType: trimmed(v.entityType),
      entityId: trimmed(v.entityId),
      actorId: trimmed(v.actorId),
      from: v.range?.[0]?.toISOString(),
      to: v.range?.[1]?.toISOString(),
    });
  const narrow = (patch: FilterForm) => {
    form.setFieldsValue(patch);
    onSearch(form.getFieldsValue());
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await download(auditApi.exportPath, filters as Query, `${t('audit.title')}.xlsx`);
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 120,
      render: (name: string | null, e) =>
        e.actorId ? (
          <Tooltip title={t('audit.filterByActor')}>
            <a
              onClick={(ev) => {
                ev.stopPropagation();
                narrow({ actorId: e.actorId ?? undefined });
              }}
            >
              {name ?? e.actorId}
            </a>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{name ?? t('audit.system')}</Typography.Text>
        ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 180,
      render: (a: string) => (
        <Tooltip title={a}>
          <Tag color="blue" data-testid="audit-action" data-action={a}>
            {auditActionLabel(a, t, lang)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      width: 120,
      render: (o: string) => (
        <Tooltip title={o}>
          <span data-testid="audit-object" data-object={o}>
            {auditObjectLabel(o, lang)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      ellipsis: true,
      render: (id: string | null, e) =>
        id ? (
          <Tooltip title={`${t('audit.filterByEntity')}: ${id}`}>
            <a
              onClick={(ev) => {
                ev.stopPropagation();
                narrow({ entityType: e.entityType, entityId: id });
              }}
            >
              <FilterOutlined /> {id}
            </a>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      width: 150,
      render: (h: string) => (
        <Tooltip title={h}>
          <Typography.Text code copyable={{ text: h }}>
            {h.slice(0, 12)}…
          </Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
  ];

  const log = (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm> form={form} name="auditFilter" layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
          <Form.Item name="action">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={auditActionOptions(t, lang)}
              placeholder={t('audit.action')}
              style={{ width: 200 }}
              data-testid="audit-filter-action"
            />
          </Form.Item>
          <Form.Item name="entityType">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={auditObjectOptions(lang)}
              placeholder={t('audit.entityType')}
              style={{ width: 160 }}
              data-testid="audit-filter-object"
            />
          </Form.Item>
          <Form.Item name="entityId">
            <Input allowClear placeholder={t('audit.entityId')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="actorId">
            <Input allowClear placeholder={t('audit.actorId')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Flex>
        </Form>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<AuditEntry>
        rowKey="seq"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12 }} data-testid="audit-data">
              {JSON.stringify(e.data, null, 2)}
            </pre>
          ),
        }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }), [20, 50, 100, 200])}
        data-testid="audit-table"
      />
    </>
  );

  return (
    <Page
      title={t('audit.title')}
      testId="audit-page"
      extra={
        tab !== 'throttle' && (
          <>
            {tab === 'log' && (
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="audit-export">
                {exporting ? t('common.exporting') : t('common.exportExcel')}
              </Button>
            )}
            {can('audit:verify') && verify.button}
          </>
        )
      }
    >
      {tab !== 'throttle' && verify.panel}
      {me?.cityWide ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'log', label: t('audit.title'), children: log },
            { key: 'throttle', label: t('throttle.tab'), children: <ThrottleCounters /> },
            ...(can('audit:verify') ? [{ key: 'anchor', label: t('anchor.tab'), children: <AuditCheckpoints /> }] : []),
          ]}
        />
      ) : (
        log
      )}
    </Page>
  );
}
