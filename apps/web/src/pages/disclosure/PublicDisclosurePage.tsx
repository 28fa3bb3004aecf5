import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Pagination, Select, Space, Spin, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { PublicDisclosure, PublicDisclosureQuery } from '@chengguan/contracts';
import { disclosureApi } from '../../api/disclosure.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { PublicFrame } from '../portal/PublicFrame.tsx';

type FilterForm = { agency?: string; keyword?: string; range?: [Dayjs | null, Dayjs | null] };

function Entry({ d }: { d: PublicDisclosure }) {
  const { t } = useI18n();
  const c = d.content;
  return (
    <Card size="small" data-testid="disclosure-entry">
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Typography.Text strong>
          {d.documentNumber} {d.state === 'withdrawn' && <Tag color="red">{t('disclosure.withdrawn')}</Tag>}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {d.agencyName} · {t('disclosure.decidedOn')} {d.decidedOn} · {t('disclosure.publishedOn')} {d.publishedOn}
          {d.publicUntil ? ` · ${t('disclosure.publicUntil')} ${d.publicUntil}` : ''}
        </Typography.Text>
        {c && (
          <>
            <div>
              {t('disclosure.party')}：{c.partyName}
              {c.creditCode ? `（${t('disclosure.creditCode')} ${c.creditCode}）` : ''}
            </div>
            <div>
              {t('disclosure.facts')}：{c.facts}
            </div>
            <div>
              {t('disclosure.location')}：{c.location}
            </div>
            <div>
              {t('disclosure.legalBasis')}：{c.legalBasis}
            </div>
            <div>
              {t('disclosure.penalty')}：<Typography.Text strong>{c.penalty}</Typography.Text>
            </div>
          </>
        )}
        {d.withdrawal && (
          <Alert
            type="warning"
            showIcon
            message={t('disclosure.withdrawnNotice', {
              kind: t(`disclosure.change.${d.withdrawal.kind}` as MessageKey),
              body: d.withdrawal.body,
              date: d.withdrawal.changeOn,
              withdrawnOn: d.withdrawal.withdrawnOn ?? '',
              reason: d.withdrawal.reason,
            })}
          />
        )}
      </Space>
    </Card>
  );
}

/** 行政执法公示: public (no login), searchable by agency, date and keyword, paged on the server, phone-friendly. */
export default function PublicDisclosurePage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<PublicDisclosureQuery>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => disclosureApi.publicList(query, signal), JSON.stringify(query));
  const agencies = useLoad(() => disclosureApi.publicAgencies(), 'agencies');

  const onSearch = (v: FilterForm) => {
    setFilters({
      agency: v.agency,
      keyword: v.keyword?.trim() || undefined,
      fromDate: v.range?.[0]?.format('YYYY-MM-DD'),
      toDate: v.range?.[1]?.format('YYYY-MM-DD'),
    });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <PublicFrame title={t('disclosure.publicTitle')} testId="disclosure-public">
      <Typography.Paragraph type="secondary">{t('disclosure.publicIntro')}</Typography.Paragraph>
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={onSearch}>
          <Form.Item name="agency" label={t('disclosure.agency')} style={{ marginBottom: 8 }}>
            <Select
              allowClear
              placeholder={t('disclosure.allAgencies')}
              options={(agencies.data?.items ?? []).map((a) => ({ value: a, label: a }))}
            />
          </Form.Item>
          <Form.Item name="keyword" label={t('disclosure.keyword')} style={{ marginBottom: 8 }}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="range" label={t('disclosure.decidedOn')} style={{ marginBottom: 8 }}>
            <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            {t('common.search')}
          </Button>
        </Form>
      </Card>
      {list.error ? <Alert type="error" showIcon message={errorText(list.error, t, lang)} /> : null}
      {list.loading && !list.data ? <Spin style={{ display: 'block', margin: 24 }} /> : null}
      {list.data && list.data.items.length === 0 && <Empty description={t('disclosure.none')} />}
      {list.data?.items.map((d) => (
        <Entry key={d.id} d={d} />
      ))}
      {list.data && list.data.total > 0 && (
        <Pagination
          simple
          style={{ textAlign: 'center' }}
          current={paging.page}
          pageSize={paging.pageSize}
          total={list.data.total}
          onChange={(page, pageSize) => setPaging({ page, pageSize })}
          showTotal={(n) => t('disclosure.total', { n })}
        />
      )}
    </PublicFrame>
  );
}
