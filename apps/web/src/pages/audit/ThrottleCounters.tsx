import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Select,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { THROTTLE_RULES, type ThrottleCounter, type ThrottleRule } from '@chengguan/contracts';
import { throttleApi, type ThrottleFilters } from '../../api/endpoints.ts';
import { download, type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

type FilterForm = { rule?: ThrottleRule; subject?: string; refusedOnly?: boolean; range?: [Dayjs | null, Dayjs | null] };

const ADDRESS_RULES: readonly ThrottleRule[] = ['login_address', 'portal_code_address', 'public_address'];
const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** 访问频率限制: the counters of the abuse limits, for the city bureau (they belong to no district). */
export function ThrottleCounters() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<ThrottleFilters>({ refusedOnly: true });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => throttleApi.list(query, signal), JSON.stringify(query));
  const ruleLabel = (r: ThrottleRule) => t(`throttle.rule.${r}`);

  const onSearch = (v: FilterForm) => {
    setFilters({
      rule: v.rule,
      subject: v.subject?.trim() || undefined,
      refusedOnly: v.refusedOnly || undefined,
      from: v.range?.[0]?.toISOString(),
      to: v.range?.[1]?.toISOString(),
    });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await download(throttleApi.exportPath, filters as Query, `${t('throttle.tab')}.xlsx`);
      void message.success(t('common.exportDone'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<ThrottleCounter> = [
    { title: t('throttle.rule'), dataIndex: 'rule', width: 210, render: (r: ThrottleRule) => <Tag>{ruleLabel(r)}</Tag> },
    {
      title: t('throttle.subject'),
      dataIndex: 'subject',
      render: (s: string, c) =>
        ADDRESS_RULES.includes(c.rule) ? (
          s
        ) : (
          <Tooltip title={s}>
            <Typography.Text type="secondary">
              {t('throttle.digest')} {s.slice(0, 12)}…
            </Typography.Text>
          </Tooltip>
        ),
    },
    {
      title: t('throttle.window'),
      key: 'window',
      width: 230,
      render: (_, c) => `${time(c.windowStart)} – ${dayjs(c.windowEnd).format('HH:mm')}`,
    },
    { title: t('throttle.hits'), dataIndex: 'hits', width: 80, align: 'right' },
    { title: t('throttle.limit'), dataIndex: 'limit', width: 80, align: 'right' },
    {
      title: t('throttle.refused'),
      dataIndex: 'refused',
      width: 100,
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
    },
    { title: t('throttle.lastAt'), dataIndex: 'lastAt', width: 150, render: time },
  ];

  return (
    <>
      <Alert type="info" showIcon message={t('throttle.intro')} style={{ marginBottom: 16 }} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm>
          form={form}
          name="throttleFilter"
          layout="inline"
          initialValues={{ refusedOnly: true }}
          onFinish={onSearch}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="rule">
            <Select
              allowClear
              placeholder={t('throttle.rule')}
              options={THROTTLE_RULES.map((r) => ({ value: r, label: ruleLabel(r) }))}
              style={{ width: 230 }}
              data-testid="throttle-filter-rule"
            />
          </Form.Item>
          <Form.Item name="subject">
            <Input allowClear placeholder={t('throttle.subjectPlaceholder')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item name="refusedOnly" valuePropName="checked">
            <Checkbox>{t('throttle.refusedOnly')}</Checkbox>
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onSearch(form.getFieldsValue());
              }}
            >
              {t('common.reset')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="throttle-export">
              {exporting ? t('common.exporting') : t('common.exportExcel')}
            </Button>
          </Flex>
        </Form>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<ThrottleCounter>
        rowKey={(c) => `${c.rule}:${c.subject}:${c.windowStart}`}
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1000 }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="throttle-table"
      />
    </>
  );
}
