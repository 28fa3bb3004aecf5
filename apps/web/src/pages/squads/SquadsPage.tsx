import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Statistic, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { SQUAD_RATINGS, type SquadOverviewQuery, type SquadRow } from '@chengguan/contracts';
import { errorText } from '../../api/errors.ts';
import { squadsApi } from '../../api/credit.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { useLoad } from '../../lib/useLoad.ts';

/** 规范化中队: the squads of the jurisdiction for a year, their scores and ratings, the shares against the targets. */
export default function SquadsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const thisYear = new Date().getFullYear();
  const [filters, setFilters] = useState<SquadOverviewQuery>({ year: thisYear });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...filters, ...paging };
  const o = useLoad((signal) => squadsApi.overview(query, signal), JSON.stringify(query));
  const columns: TableColumnsType<SquadRow> = [
    { title: t('squads.squad'), dataIndex: 'orgName', width: 200 },
    { title: t('squads.self'), dataIndex: 'selfTotal', width: 100, render: (v: number | null) => v ?? '—' },
    { title: t('squads.inspection'), dataIndex: 'inspectionTotal', width: 100, render: (v: number | null) => v ?? '—' },
    {
      title: t('squads.rating'),
      width: 140,
      render: (_v, r) =>
        r.rating ? (
          <Tag color="green">
            {t(`squads.rating.${r.rating}` as MessageKey)}
            {r.stars ? ` ${'★'.repeat(r.stars)}` : ''}
          </Tag>
        ) : (
          t('squads.none')
        ),
    },
  ];
  const d = o.data;
  return (
    <Page title={t('squads.title')} testId="squads-page">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<{ year: number; rating?: SquadOverviewQuery['rating'] }>
          layout="inline"
          initialValues={{ year: thisYear }}
          onFinish={(v) => (setFilters({ year: v.year, rating: v.rating }), setPaging((p) => ({ ...p, page: 1 })))}
        >
          <Form.Item name="year" label={t('training.year')}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="rating">
            <Select
              allowClear
              placeholder={t('squads.rating')}
              style={{ width: 160 }}
              options={[
                ...SQUAD_RATINGS.map((r) => ({ value: r, label: t(`squads.rating.${r}` as MessageKey) })),
                { value: 'none', label: t('squads.none') },
              ]}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void squadsApi.export(filters).catch((e: unknown) => message.error(errorText(e, t, lang)))}
            >
              {t('common.exportExcel')}
            </Button>
          </Space>
        </Form>
      </Card>
      {o.error ? <Alert type="error" showIcon message={errorText(o.error, t, lang)} /> : null}
      {d && (
        <Row gutter={12} style={{ marginBottom: 12 }}>
          <Col xs={24} sm={12}>
            <Card size="small">
              <Statistic title={t('squads.shareRated')} value={d.ratedPct} suffix="%" />
              {t('squads.target')} {d.targetRatedPct}%{' '}
              <Tag color={d.ratedMet ? 'green' : 'orange'}>{d.ratedMet ? t('squads.met') : t('squads.notMet')}</Tag>
            </Card>
          </Col>
          <Col xs={24} sm={12}>
            <Card size="small">
              <Statistic title={t('squads.shareModel')} value={d.modelPct} suffix="%" />
              {t('squads.target')} {d.targetModelPct}%{' '}
              <Tag color={d.modelMet ? 'green' : 'orange'}>{d.modelMet ? t('squads.met') : t('squads.notMet')}</Tag>
            </Card>
          </Col>
        </Row>
      )}
      <DataTable<SquadRow>
        rowKey="orgId"
        size="small"
        loading={o.loading}
        columns={columns}
        dataSource={d?.items ?? []}
        pagination={serverPagination(paging, d?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
      />
    </Page>
  );
}
