import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import {
  DISCLOSURE_CHANGE_KINDS,
  DISCLOSURE_STATES,
  type DisclosureItem,
  type DisclosureListQuery,
  type DisclosureWithdrawalBody,
} from '@chengguan/contracts';
import { disclosureApi } from '../../api/disclosure.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { bureauToday } from '../../lib/bureauTime';

type FilterForm = { state?: DisclosureListQuery['state']; overdue?: boolean; keyword?: string; range?: [Dayjs | null, Dayjs | null] };
type WithdrawForm = { kind: DisclosureWithdrawalBody['kind']; changeOn: Dayjs; body: string; reason: string };

/** 公示管理: entries of the jurisdiction, the I1 / I2 due dates, overdue ones flagged; recording a change withdraws (I2). */
export default function DisclosuresPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const [wForm] = Form.useForm<WithdrawForm>();
  const [filters, setFilters] = useState<DisclosureListQuery>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const [target, setTarget] = useState<DisclosureItem | null>(null);
  const [saving, setSaving] = useState(false);
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => disclosureApi.list(query, signal), JSON.stringify(query));

  const onSearch = (v: FilterForm) => {
    setFilters({
      state: v.state,
      overdue: v.overdue || undefined,
      keyword: v.keyword?.trim() || undefined,
      fromDate: v.range?.[0]?.format('YYYY-MM-DD'),
      toDate: v.range?.[1]?.format('YYYY-MM-DD'),
    });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await disclosureApi.export(filters);
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const onWithdraw = async (v: WithdrawForm) => {
    if (!target) return;
    setSaving(true);
    try {
      await disclosureApi.withdraw(target.id, {
        kind: v.kind,
        changeOn: v.changeOn.format('YYYY-MM-DD'),
        body: v.body.trim(),
        reason: v.reason.trim(),
      });
      void message.success(t('disclosure.withdrawDone'));
      setTarget(null);
      list.reload();
    } catch (e) {
      if (!applyServerErrors(wForm, e, lang)) void message.error(errorText(e, t, lang));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<DisclosureItem> = [
    {
      title: t('disclosure.documentNumber'),
      dataIndex: 'documentNumber',
      width: 230,
      render: (n: string, d) => <Link to={`/cases/${d.caseId}`}>{n}</Link>,
    },
    { title: t('disclosure.party'), width: 150, render: (_v, d) => d.content.partyName },
    { title: t('disclosure.penalty'), width: 150, render: (_v, d) => d.content.penalty },
    { title: t('disclosure.decidedOn'), dataIndex: 'decidedOn', width: 110 },
    {
      title: t('disclosure.state'),
      dataIndex: 'state',
      width: 170,
      render: (s: string, d) => (
        <>
          <Tag color={s === 'published' ? 'green' : s === 'withdrawn' ? 'default' : 'orange'}>
            {t(`disclosure.state.${s}` as MessageKey)}
          </Tag>
          {d.overdue && (
            <Tag color="red" data-testid="disclosure-overdue">
              {t(`disclosure.overdue.${d.overdue}` as MessageKey)}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('disclosure.publishDue'), dataIndex: 'publishDueOn', width: 110 },
    { title: t('disclosure.publishedOn'), dataIndex: 'publishedOn', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('disclosure.publicUntil'), dataIndex: 'publicUntil', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('disclosure.withdrawalDue'), dataIndex: 'withdrawalDueOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '',
      width: 140,
      fixed: 'right',
      render: (_v, d) =>
        can('disclosure:write') && d.state === 'published' ? (
          <Button size="small" danger onClick={() => (wForm.resetFields(), setTarget(d))}>
            {t('disclosure.withdraw')}
          </Button>
        ) : d.withdrawal ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.withdrawal.kindText}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <Page
      title={t('disclosure.title')}
      testId="disclosures-page"
      extra={
        <>
          <Button href="/disclosure" target="_blank">
            {t('disclosure.publicLink')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
            {exporting ? t('common.exporting') : t('common.exportExcel')}
          </Button>
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm> form={form} layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
          <Form.Item name="state">
            <Select
              allowClear
              placeholder={t('disclosure.state')}
              style={{ width: 130 }}
              options={DISCLOSURE_STATES.map((s) => ({ value: s, label: t(`disclosure.state.${s}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox>{t('disclosure.overdueOnly')}</Checkbox>
          </Form.Item>
          <Form.Item name="keyword">
            <Input allowClear placeholder={t('disclosure.keyword')} style={{ width: 220 }} />
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
      <DataTable<DisclosureItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1300 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
      />
      <Modal
        open={target !== null}
        title={t('disclosure.withdrawTitle')}
        onCancel={() => setTarget(null)}
        onOk={() => wForm.submit()}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('disclosure.withdrawHint')}</Typography.Paragraph>
        <Typography.Paragraph strong>{target?.documentNumber}</Typography.Paragraph>
        <Form form={wForm} layout="vertical" onFinish={onWithdraw} initialValues={{ kind: 'revoked', changeOn: bureauToday() }}>
          <Form.Item name="kind" label={t('disclosure.changeKind')} rules={[{ required: true }]}>
            <Select options={DISCLOSURE_CHANGE_KINDS.map((k) => ({ value: k, label: t(`disclosure.change.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="changeOn" label={t('disclosure.changeOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(bureauToday(), 'day')} />
          </Form.Item>
          <Form.Item name="body" label={t('disclosure.changeBody')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input placeholder="上海市浦东新区人民政府 / 上海市浦东新区人民法院" />
          </Form.Item>
          <Form.Item name="reason" label={t('disclosure.changeReason')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
