import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Popconfirm,
  Select,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, FileProtectOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { AUDIT_CHECKPOINT_REASONS, type AuditCheckpointEntry, type AuditCheckpointReason } from '@chengguan/contracts';
import { auditAnchorApi, type CheckpointFilters } from '../../api/endpoints.ts';
import { download, newIdempotencyKey, type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

type FilterForm = { reason?: AuditCheckpointReason; range?: [Dayjs | null, Dayjs | null] };

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

/** 审计链锚点: the signed checkpoints of the audit chain's head, for the city bureau's auditors. */
export function AuditCheckpoints() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<CheckpointFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [busy, setBusy] = useState<'write' | 'file' | 'xlsx' | null>(null);
  const query = { ...filters, ...paging };
  const status = useLoad((signal) => auditAnchorApi.status(signal), 'anchor-status');
  const list = useLoad((signal) => auditAnchorApi.list(query, signal), JSON.stringify(query));
  const reasonLabel = (r: AuditCheckpointReason) => t(`anchor.reason.${r}`);

  const onSearch = (v: FilterForm) => {
    setFilters({ reason: v.reason, from: v.range?.[0]?.toISOString(), to: v.range?.[1]?.toISOString() });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const act = async (what: 'write' | 'file' | 'xlsx') => {
    setBusy(what);
    try {
      if (what === 'write') {
        const { checkpoint } = await auditAnchorApi.writeNow({ idempotencyKey: newIdempotencyKey() });
        if (checkpoint) void message.success(t('anchor.written', { seq: checkpoint.seq }));
        else void message.info(t('anchor.alreadyAnchored'));
        status.reload();
        list.reload();
      } else if (what === 'file') {
        await download(auditAnchorApi.filePath, {}, `${t('anchor.tab')}.jsonl`);
        void message.success(t('anchor.downloadDone'));
      } else {
        await download(auditAnchorApi.exportPath, filters as Query, `${t('anchor.tab')}.xlsx`);
        void message.success(t('common.exportDone'));
      }
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setBusy(null);
    }
  };

  const s = status.data;
  const columns: TableColumnsType<AuditCheckpointEntry> = [
    { title: t('anchor.seq'), dataIndex: 'seq', width: 100, render: (seq: number) => t('anchor.seqValue', { seq }) },
    { title: t('anchor.at'), dataIndex: 'at', width: 170, render: time },
    { title: t('anchor.reason'), dataIndex: 'reason', width: 120, render: (r: AuditCheckpointReason) => <Tag>{reasonLabel(r)}</Tag> },
    {
      title: t('anchor.hash'),
      dataIndex: 'hash',
      render: (h: string) => (
        <Tooltip title={h}>
          <Typography.Text code copyable={{ text: h }}>
            {h.slice(0, 16)}…
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('anchor.signature'),
      dataIndex: 'signature',
      width: 150,
      render: (sig: string) => (
        <Typography.Text type="secondary" copyable={{ text: sig }}>
          {sig.slice(0, 12)}…
        </Typography.Text>
      ),
    },
    { title: t('anchor.key'), dataIndex: 'keyFingerprint', width: 200, ellipsis: true },
    { title: t('anchor.writtenBy'), dataIndex: 'writtenBy', width: 160, ellipsis: true },
  ];

  return (
    <div data-testid="anchor-tab">
      <Alert type="info" showIcon message={t('anchor.intro')} style={{ marginBottom: 16 }} />
      {!!status.error && <Alert type="error" showIcon message={errorText(status.error, t, lang)} style={{ marginBottom: 16 }} />}
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        loading={status.loading && !s}
        extra={
          <Flex gap={8} wrap>
            <Popconfirm title={t('anchor.writeNowConfirm')} onConfirm={() => void act('write')}>
              <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy === 'write'} data-testid="anchor-write">
                {t('anchor.writeNow')}
              </Button>
            </Popconfirm>
            <Tooltip title={t('anchor.downloadHint')}>
              <Button
                icon={<FileProtectOutlined />}
                loading={busy === 'file'}
                onClick={() => void act('file')}
                data-testid="anchor-download"
              >
                {t('anchor.download')}
              </Button>
            </Tooltip>
          </Flex>
        }
      >
        {s && (
          <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="anchor-status">
            <Descriptions.Item label={t('anchor.head')}>
              {s.headSeq === null ? '—' : t('anchor.seqValue', { seq: s.headSeq })}
            </Descriptions.Item>
            <Descriptions.Item label={t('anchor.last')}>
              {s.lastCheckpoint ? t('anchor.lastValue', { seq: s.lastCheckpoint.seq, at: time(s.lastCheckpoint.at) }) : t('anchor.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('anchor.pending')}>
              <Tooltip title={t('anchor.pendingHint')}>
                <Typography.Text type={s.rowsAfterLastCheckpoint > 0 ? 'warning' : undefined} data-testid="anchor-pending">
                  {t('anchor.pendingValue', { n: s.rowsAfterLastCheckpoint })}
                </Typography.Text>
              </Tooltip>
            </Descriptions.Item>
            <Descriptions.Item label={t('anchor.schedule')}>
              {t('anchor.scheduleValue', { minutes: s.intervalMinutes, rows: s.intervalRows })}
            </Descriptions.Item>
            <Descriptions.Item label={t('anchor.key')}>
              {s.keys.length === 0
                ? t('anchor.noKey')
                : s.keys.map((k) => (
                    <div key={k.fingerprint}>
                      <Typography.Text copyable={{ text: k.publicKey }}>{k.fingerprint}</Typography.Text>{' '}
                      <Typography.Text type="secondary">{t('anchor.keyCreated', { at: time(k.createdAt) })}</Typography.Text>
                    </div>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('anchor.file')}>{s.fileEnabled ? t('anchor.fileOn') : t('anchor.fileOff')}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex justify="space-between" wrap gap={12}>
          <Form<FilterForm> form={form} name="anchorFilter" layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
            <Form.Item name="reason">
              <Select
                allowClear
                placeholder={t('anchor.reason')}
                options={AUDIT_CHECKPOINT_REASONS.map((r) => ({ value: r, label: reasonLabel(r) }))}
                style={{ width: 160 }}
                data-testid="anchor-filter-reason"
              />
            </Form.Item>
            <Form.Item name="range">
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
            </Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  onSearch({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Flex>
          </Form>
          <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void act('xlsx')}>
            {busy === 'xlsx' ? t('common.exporting') : t('common.exportExcel')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<AuditCheckpointEntry>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }), [20, 50, 100, 200])}
        data-testid="anchor-table"
      />
    </div>
  );
}
