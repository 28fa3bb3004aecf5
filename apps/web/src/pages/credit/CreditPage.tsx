import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import {
  CREDIT_RECORD_STATUSES,
  CREDIT_REPAIR_STATUSES,
  type CreditRecordQuery,
  type CreditRecordView,
  type CreditRepairQuery,
  type CreditRepairView,
  type CreditReportView,
} from '@chengguan/contracts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { creditApi } from '../../api/credit.ts';
import { useAuth } from '../../auth/auth.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { CreditSettingsTab } from './CreditSettingsTab.tsx';

type RecordFilter = { status?: CreditRecordQuery['status']; q?: string; range?: [Dayjs | null, Dayjs | null] };

function Records() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordFilter>();
  const [filters, setFilters] = useState<CreditRecordQuery>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => creditApi.records(query, signal), JSON.stringify(query));
  const columns: TableColumnsType<CreditRecordView> = [
    {
      title: t('credit.documentNumber'),
      dataIndex: 'documentNumber',
      width: 220,
      render: (n: string, r) => <Link to={`/cases/${r.caseId}`}>{n}</Link>,
    },
    { title: t('credit.subject'), dataIndex: 'subjectName', width: 160 },
    { title: t('credit.penalty'), dataIndex: 'penaltyText', width: 160 },
    { title: t('credit.decidedOn'), dataIndex: 'decidedOn', width: 110 },
    { title: t('credit.publishUntil'), dataIndex: 'publishUntil', width: 110 },
    { title: t('credit.repairPossibleOn'), dataIndex: 'repairPossibleOn', width: 120 },
    {
      title: t('credit.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <Tag>{t(`credit.status.${s}` as MessageKey)}</Tag>,
    },
    {
      title: t('credit.exchange'),
      width: 110,
      render: (_v, r) =>
        r.exchange ? (
          <Tag color={r.exchange.status === 'sent' ? 'green' : 'orange'}>{t(`credit.exchange.${r.exchange.status}` as MessageKey)}</Tag>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<RecordFilter>
          form={form}
          layout="inline"
          style={{ rowGap: 12 }}
          onFinish={(v) => {
            setFilters({
              status: v.status,
              q: v.q?.trim() || undefined,
              decidedFrom: v.range?.[0]?.format('YYYY-MM-DD'),
              decidedTo: v.range?.[1]?.format('YYYY-MM-DD'),
            });
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        >
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('credit.status')}
              style={{ width: 120 }}
              options={CREDIT_RECORD_STATUSES.map((s) => ({ value: s, label: t(`credit.status.${s}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('credit.keyword')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void creditApi.exportRecords(filters).catch((e: unknown) => message.error(errorText(e, t, lang)))}
            >
              {t('common.exportExcel')}
            </Button>
          </Space>
        </Form>
      </Card>
      {list.error ? <Alert type="error" showIcon message={errorText(list.error, t, lang)} /> : null}
      <DataTable<CreditRecordView>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
      />
    </>
  );
}

function Repairs() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<CreditRepairQuery['status']>('pending');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [target, setTarget] = useState<CreditRepairView | null>(null);
  const [form] = Form.useForm<{ note: string; approve: boolean }>();
  const query = { status, ...paging };
  const list = useLoad((signal) => creditApi.repairs(query, signal), JSON.stringify(query));
  const decide = async (approve: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !target) return;
    try {
      await creditApi.decide(target.id, { approve, note: v.note.trim() });
      void message.success(t('credit.repair.done'));
      setTarget(null);
      list.reload();
    } catch (e) {
      if (!applyServerErrors(form, e, lang)) void message.error(errorText(e, t, lang));
    }
  };
  const columns: TableColumnsType<CreditRepairView> = [
    { title: t('credit.documentNumber'), dataIndex: 'documentNumber', width: 220 },
    { title: t('credit.subject'), dataIndex: 'subjectName', width: 150 },
    { title: t('credit.repair.applicant'), dataIndex: 'applicant', width: 100 },
    { title: t('credit.repair.appliedAt'), dataIndex: 'appliedAt', width: 170, render: (v: string) => new Date(v).toLocaleString() },
    {
      title: t('credit.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string) => <Tag>{t(`credit.repair.status.${s}` as MessageKey)}</Tag>,
    },
    {
      title: '',
      width: 90,
      render: (_v, r) =>
        r.status === 'pending' && can('credit:write') ? (
          <Button size="small" onClick={() => (form.resetFields(), setTarget(r))}>
            {t('credit.repair.decide')}
          </Button>
        ) : (
          r.decisionNote
        ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          value={status}
          onChange={(v) => (setStatus(v), setPaging((p) => ({ ...p, page: 1 })))}
          style={{ width: 140 }}
          options={CREDIT_REPAIR_STATUSES.map((s) => ({ value: s, label: t(`credit.repair.status.${s}` as MessageKey) }))}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void creditApi.exportRepairs({ status }).catch((e: unknown) => message.error(errorText(e, t, lang)))}
        >
          {t('common.exportExcel')}
        </Button>
      </Space>
      <DataTable<CreditRepairView>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
      />
      <Modal
        open={target !== null}
        title={t('credit.repair.decide')}
        onCancel={() => setTarget(null)}
        footer={[
          <Button key="r" danger onClick={() => void decide(false)}>
            {t('credit.repair.reject')}
          </Button>,
          <Button key="a" type="primary" onClick={() => void decide(true)}>
            {t('credit.repair.approve')}
          </Button>,
        ]}
      >
        <Typography.Paragraph>
          {t('credit.repair.corrected')}：{target?.corrected}
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('credit.repair.commitment')}：{target?.commitment}
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('credit.repair.note')} rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type ReportForm = { subjectCode: string; subjectName: string; range: [Dayjs, Dayjs] };

function Report({ bureauId }: { bureauId: string | null }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<ReportForm>();
  const [issued, setIssued] = useState<CreditReportView | null>(null);
  const { message } = App.useApp();
  const onFinish = async (v: ReportForm) => {
    if (!bureauId) return;
    try {
      setIssued(
        await creditApi.report({
          bureauId,
          subjectCode: v.subjectCode.trim(),
          subjectName: v.subjectName.trim(),
          periodFrom: v.range[0].format('YYYY-MM-DD'),
          periodTo: v.range[1].format('YYYY-MM-DD'),
        }),
      );
      void message.success(t('credit.report.issued'));
    } catch (e) {
      if (!applyServerErrors(form, e, lang)) void message.error(errorText(e, t, lang));
    }
  };
  return (
    <Card size="small">
      <Form<ReportForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} style={{ maxWidth: 480 }}>
        <Form.Item name="subjectName" label={t('credit.subject')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="subjectCode" label={t('credit.subjectCode')} rules={[{ required: true, whitespace: true, min: 2, max: 30 }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['range']} label={t('credit.report.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('credit.report.issue')}
        </Button>
      </Form>
      {issued && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          message={`${t('credit.report.count')}：${issued.recordCount}`}
          description={
            <a href={`/api/v1/credit/reports/${issued.id}/pdf`} target="_blank" rel="noreferrer">
              {t('credit.report.download')}
            </a>
          }
        />
      )}
    </Card>
  );
}

/** 信用管理: credit records and their exchange with the credit platform (a simulator, said plainly), repairs, the report. */
export default function CreditPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  // Credit pages are for the bureau's own users (法制, 领导, 督察, 管理员): their unit is the bureau.
  const bureauId = me?.orgId ?? null;
  const settings = useLoad(async () => (bureauId ? creditApi.settings(bureauId).catch(() => null) : null), bureauId ?? '');
  return (
    <Page title={t('credit.title')} testId="credit-page">
      {settings.data ? (
        <Alert
          style={{ marginBottom: 12 }}
          type={settings.data.connector.simulator ? 'warning' : 'info'}
          showIcon
          data-testid="credit-connector"
          message={`${t('credit.simulator')}：${lang === 'en-US' ? settings.data.connector.labelEn : settings.data.connector.labelZh}`}
        />
      ) : null}
      <Tabs
        items={[
          { key: 'records', label: t('credit.records'), children: <Records /> },
          { key: 'repairs', label: t('credit.repairs'), children: <Repairs /> },
          { key: 'report', label: t('credit.report'), children: <Report bureauId={bureauId} /> },
          { key: 'settings', label: t('act.cr.tab'), children: <CreditSettingsTab bureauId={bureauId} /> },
        ]}
      />
    </Page>
  );
}
