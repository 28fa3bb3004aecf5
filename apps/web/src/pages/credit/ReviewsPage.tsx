import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Select, Space, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { REVIEW_CAUSE_LABELS, REVIEW_KINDS, REVIEW_OUTCOMES, type CaseReviewQuery, type CaseReviewView } from '@chengguan/contracts';
import { errorText } from '../../api/errors.ts';
import { reviewsApi } from '../../api/credit.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ActionFormDrawer, type ActionSpec } from '../../components/ActionFormDrawer.tsx';
import { useOrgOptions } from '../waste/waste-shared.tsx';
import { REVIEW_FORMS } from '../supervision/forms.ts';
import { bureauToday } from '../../lib/bureauTime';

type Filter = {
  kind?: CaseReviewQuery['kind'];
  outcome?: CaseReviewQuery['outcome'];
  orgId?: string;
  decided?: [Dayjs | null, Dayjs | null] | null;
};

/**
 * 复议诉讼: reviews and lawsuits of the jurisdiction with outcome and cause; Excel; the monthly 纠错/败诉 report.
 * review:write (法制, 局领导) records a review or lawsuit and its outcome (维持/变更/撤销/确认违法/败诉 with the cause).
 */
export default function ReviewsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const canWrite = !!me?.permissions.includes('review:write');
  const squads = useOrgOptions('squad');
  const [tick, setTick] = useState(0);
  const [action, setAction] = useState<{ spec: ActionSpec; target: string } | null>(null);
  const [filters, setFilters] = useState<CaseReviewQuery>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [month, setMonth] = useState<Dayjs>(bureauToday().subtract(1, 'month'));
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => reviewsApi.list(query, signal), `${JSON.stringify(query)}|${tick}`);
  const fail = (e: unknown) => void message.error(errorText(e, t, lang));
  const columns: TableColumnsType<CaseReviewView> = [
    { title: t('reviews.kind'), dataIndex: 'kind', width: 100, render: (k: string) => t(`reviews.kind.${k}` as MessageKey) },
    {
      title: t('credit.documentNumber'),
      dataIndex: 'caseNumber',
      width: 200,
      render: (n: string | null, r) => <Link to={`/cases/${r.caseId}`}>{n ?? r.caseId.slice(0, 8)}</Link>,
    },
    { title: t('reviews.forum'), dataIndex: 'forum', width: 180 },
    { title: t('reviews.filedOn'), dataIndex: 'filedOn', width: 120 },
    {
      title: t('reviews.outcome'),
      dataIndex: 'outcome',
      width: 110,
      render: (o: string | null, r) =>
        o ? <Tag color={r.adverse ? 'red' : 'green'}>{t(`reviews.outcome.${o}` as MessageKey)}</Tag> : t('reviews.pending'),
    },
    {
      title: t('reviews.cause'),
      dataIndex: 'cause',
      width: 160,
      render: (c: keyof typeof REVIEW_CAUSE_LABELS | null) =>
        c ? (lang === 'en-US' ? REVIEW_CAUSE_LABELS[c].en : REVIEW_CAUSE_LABELS[c].zh) : '—',
    },
    { title: t('act.f.decidedOn'), dataIndex: 'decidedOn', width: 110 },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            width: 120,
            render: (_: unknown, r: CaseReviewView) =>
              r.outcome ? null : (
                <Button
                  size="small"
                  onClick={() => setAction({ spec: REVIEW_FORMS.outcome, target: r.id })}
                  data-testid={`open-${REVIEW_FORMS.outcome.key}-${r.id}`}
                >
                  {t(REVIEW_FORMS.outcome.title)}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Page
      title={t('reviews.title')}
      testId="reviews-page"
      extra={
        <Space wrap>
          {canWrite && (
            <Button
              type="primary"
              onClick={() => setAction({ spec: REVIEW_FORMS.create, target: '' })}
              data-testid={`open-${REVIEW_FORMS.create.key}`}
            >
              {t(REVIEW_FORMS.create.title)}
            </Button>
          )}
          <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} />
          <Button icon={<DownloadOutlined />} onClick={() => void reviewsApi.exportMonth(month.format('YYYY-MM')).catch(fail)}>
            {t('reviews.exportMonth')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void reviewsApi.monthPdf(month.format('YYYY-MM')).catch(fail)}
            data-testid="reviews-month-pdf"
          >
            {t('act.bulletinPdf')}
          </Button>
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<Filter>
          layout="inline"
          style={{ rowGap: 12 }}
          onFinish={(v) => {
            setFilters({
              kind: v.kind,
              outcome: v.outcome,
              orgId: v.orgId,
              decidedFrom: v.decided?.[0]?.format('YYYY-MM-DD'),
              decidedTo: v.decided?.[1]?.format('YYYY-MM-DD'),
            });
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        >
          <Form.Item name="orgId">
            <Select allowClear placeholder={t('act.f.squad')} style={{ width: 180 }} options={squads} />
          </Form.Item>
          <Form.Item name="decided">
            <DatePicker.RangePicker
              placeholder={[t('act.f.decidedOn'), t('act.f.decidedOn')]}
              allowEmpty={[true, true]}
              style={{ maxWidth: '100%' }}
            />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              allowClear
              placeholder={t('reviews.kind')}
              style={{ width: 130 }}
              options={REVIEW_KINDS.map((k) => ({ value: k, label: t(`reviews.kind.${k}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="outcome">
            <Select
              allowClear
              placeholder={t('reviews.outcome')}
              style={{ width: 130 }}
              options={[
                ...REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`reviews.outcome.${o}` as MessageKey) })),
                { value: 'pending', label: t('reviews.pending') },
              ]}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void reviewsApi.export(filters).catch(fail)}>
              {t('common.exportExcel')}
            </Button>
          </Space>
        </Form>
      </Card>
      {list.error ? <Alert type="error" showIcon message={errorText(list.error, t, lang)} /> : null}
      <DataTable<CaseReviewView>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="reviews-table"
      />
      {action && (
        <ActionFormDrawer spec={action.spec} target={action.target} onClose={() => setAction(null)} onDone={() => setTick((n) => n + 1)} />
      )}
    </Page>
  );
}
