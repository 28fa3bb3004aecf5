import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Statistic,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  FILE_ISSUE_FOUND_BY,
  FILE_ISSUE_KINDS,
  type FileIntegrityIssue,
  type FileIssueListQuery,
  type FileScrubRun,
} from '@chengguan/contracts';
import { fileIntegrityApi } from '../../api/files.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

type FilterForm = {
  status?: FileIssueListQuery['status'];
  kind?: FileIssueListQuery['kind'];
  foundBy?: FileIssueListQuery['foundBy'];
  sm3?: string;
  range?: [Dayjs | null, Dayjs | null];
};

const at = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—');

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/**
 * 文件完整性: the stored files whose bytes no longer hash to their SM3 (or are gone), found when read or by the daily
 * scrub, in the administrator's jurisdiction; the scrub's last and next run, its history, and 「立即巡检」.
 */
export default function FileIntegrityPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<FileIssueListQuery>({ status: 'open' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [runPaging, setRunPaging] = useState({ page: 1, pageSize: 10 });
  const [exporting, setExporting] = useState(false);
  const [starting, setStarting] = useState(false);
  const [tick, setTick] = useState(0);
  const query = { ...filters, ...paging };
  const overview = useLoad((signal) => fileIntegrityApi.overview(signal), `overview:${tick}`);
  const issues = useLoad((signal) => fileIntegrityApi.issues(query, signal), `${JSON.stringify(query)}:${tick}`);
  const runs = useLoad((signal) => fileIntegrityApi.runs(runPaging, signal), `${JSON.stringify(runPaging)}:${tick}`);
  const refresh = () => setTick((n) => n + 1);

  const onSearch = (v: FilterForm) => {
    const sm3 = v.sm3?.trim().toLowerCase();
    setFilters({
      status: v.status,
      kind: v.kind,
      foundBy: v.foundBy,
      sm3: sm3 ? sm3 : undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await fileIntegrityApi.exportIssues(filters, '文件完整性问题.xlsx');
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const onScrub = async () => {
    setStarting(true);
    try {
      await fileIntegrityApi.scrubNow();
      void message.success(t('files.scrubStarted'));
      refresh();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setStarting(false);
    }
  };

  const columns: TableColumnsType<FileIntegrityIssue> = [
    {
      title: t('files.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (k: string) => <Tag color="red">{t(`files.kind.${k}` as MessageKey)}</Tag>,
    },
    {
      title: t('files.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <Tag color={s === 'open' ? 'orange' : 'green'}>{t(`files.status.${s}` as MessageKey)}</Tag>,
    },
    {
      title: t('files.sm3'),
      dataIndex: 'sm3',
      width: 170,
      render: (h: string) => (
        <Typography.Text code copyable={{ text: h }} data-testid="file-issue-sm3">
          {h.slice(0, 16)}…
        </Typography.Text>
      ),
    },
    { title: t('files.bureau'), dataIndex: 'bureauName', width: 200, render: (v: string | null) => v ?? '—' },
    { title: t('files.mime'), dataIndex: 'mime', width: 130 },
    { title: t('files.size'), dataIndex: 'size', width: 100, render: (n: number) => size(n) },
    {
      title: t('files.actual'),
      width: 180,
      render: (_: unknown, i) =>
        i.actualSm3 ? (
          <Typography.Text type="secondary" copyable={{ text: i.actualSm3 }}>
            {i.actualSm3.slice(0, 10)}… · {size(i.actualSize ?? 0)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('files.foundBy'), dataIndex: 'foundBy', width: 120, render: (f: string) => t(`files.foundBy.${f}` as MessageKey) },
    { title: t('files.firstSeenAt'), dataIndex: 'firstSeenAt', width: 170, render: at },
    { title: t('files.lastSeenAt'), dataIndex: 'lastSeenAt', width: 170, render: at },
    { title: t('files.timesSeen'), dataIndex: 'timesSeen', width: 90 },
    { title: t('files.uploadedAt'), dataIndex: 'uploadedAt', width: 170, render: at },
    { title: t('files.resolvedAt'), dataIndex: 'resolvedAt', width: 170, render: at },
  ];

  const runColumns: TableColumnsType<FileScrubRun> = [
    { title: t('files.run.startedAt'), dataIndex: 'startedAt', width: 170, render: at },
    { title: t('files.run.finishedAt'), dataIndex: 'finishedAt', width: 170, render: at },
    {
      title: t('files.run.trigger'),
      dataIndex: 'trigger',
      width: 90,
      render: (v: string) => t(`files.run.trigger.${v}` as MessageKey),
    },
    { title: t('files.run.startedBy'), dataIndex: 'startedByName', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('files.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <Tag color={s === 'done' ? 'green' : 'blue'}>{t(`files.run.status.${s}` as MessageKey)}</Tag>,
    },
    { title: t('files.run.files'), dataIndex: 'filesChecked', width: 110 },
    { title: t('files.run.bytes'), dataIndex: 'bytesChecked', width: 110, render: (n: number) => size(n) },
    {
      title: t('files.run.mismatched'),
      dataIndex: 'mismatched',
      width: 90,
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    {
      title: t('files.run.missing'),
      dataIndex: 'missing',
      width: 80,
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { title: t('files.run.restored'), dataIndex: 'restored', width: 80 },
  ];

  const o = overview.data;
  const last = o?.lastRun ?? null;
  const running = last?.status === 'running';

  return (
    <Page
      title={t('files.title')}
      testId="file-integrity-page"
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={refresh}>
            {t('common.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={starting}
            disabled={running}
            onClick={() => void onScrub()}
            data-testid="file-scrub-now"
          >
            {running ? t('files.running') : t('files.scrubNow')}
          </Button>
        </>
      }
    >
      <Alert type="info" showIcon message={t('files.intro')} style={{ marginBottom: 16 }} />
      {overview.error ? <Alert type="error" showIcon message={errorText(overview.error, t, lang)} style={{ marginBottom: 16 }} /> : null}
      <Card size="small" style={{ marginBottom: 16 }} loading={overview.loading && !o}>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Statistic
              title={t('files.openIssues')}
              value={o?.openIssues ?? 0}
              valueStyle={o && o.openIssues > 0 ? { color: '#cf1322' } : undefined}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('files.storedFiles')} value={o?.storedFiles ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('files.lastRun')} value={last ? at(last.finishedAt ?? last.startedAt) : t('files.never')} />
            {last && (
              <Typography.Text type="secondary" data-testid="file-last-run">
                {running
                  ? t('files.running')
                  : t('files.runSummary', {
                      files: last.filesChecked,
                      mismatched: last.mismatched,
                      missing: last.missing,
                      restored: last.restored,
                    })}
              </Typography.Text>
            )}
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('files.nextRun')} value={o?.nextRunAt ? at(o.nextRunAt) : '—'} />
          </Col>
        </Row>
      </Card>
      <Tabs
        items={[
          {
            key: 'issues',
            label: t('files.issues'),
            children: (
              <>
                <Card size="small" style={{ marginBottom: 16 }}>
                  <Form<FilterForm>
                    form={form}
                    layout="inline"
                    onFinish={onSearch}
                    initialValues={{ status: 'open' }}
                    style={{ rowGap: 12 }}
                  >
                    <Form.Item name="status">
                      <Select
                        allowClear
                        placeholder={t('files.status')}
                        style={{ width: 120 }}
                        options={(['open', 'resolved'] as const).map((s) => ({ value: s, label: t(`files.status.${s}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name="kind">
                      <Select
                        allowClear
                        placeholder={t('files.kind')}
                        style={{ width: 170 }}
                        options={FILE_ISSUE_KINDS.map((k) => ({ value: k, label: t(`files.kind.${k}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name="foundBy">
                      <Select
                        allowClear
                        placeholder={t('files.foundBy')}
                        style={{ width: 150 }}
                        options={FILE_ISSUE_FOUND_BY.map((f) => ({ value: f, label: t(`files.foundBy.${f}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name="sm3" rules={[{ pattern: /^\s*[0-9a-fA-F]{1,64}\s*$/, message: t('files.sm3Prefix') }]}>
                      <Input allowClear placeholder={t('files.sm3Prefix')} style={{ width: 170 }} />
                    </Form.Item>
                    <Form.Item name="range">
                      <DatePicker.RangePicker />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                      {t('common.search')}
                    </Button>
                    <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} style={{ marginLeft: 8 }}>
                      {exporting ? t('common.exporting') : t('common.exportExcel')}
                    </Button>
                  </Form>
                </Card>
                {issues.error ? (
                  <Alert type="error" showIcon message={errorText(issues.error, t, lang)} style={{ marginBottom: 16 }} />
                ) : null}
                <DataTable<FileIntegrityIssue>
                  rowKey="id"
                  size="small"
                  loading={issues.loading}
                  columns={columns}
                  dataSource={issues.data?.items ?? []}
                  scroll={{ x: 1900 }}
                  pagination={serverPagination(paging, issues.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
                />
              </>
            ),
          },
          {
            key: 'runs',
            label: t('files.runs'),
            children: (
              <DataTable<FileScrubRun>
                rowKey="id"
                size="small"
                loading={runs.loading}
                columns={runColumns}
                dataSource={runs.data?.items ?? []}
                scroll={{ x: 1100 }}
                pagination={serverPagination(runPaging, runs.data?.total ?? 0, setRunPaging, (n) => t('common.total', { n }))}
              />
            ),
          },
        ]}
      />
    </Page>
  );
}
