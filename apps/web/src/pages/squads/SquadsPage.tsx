import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Statistic, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { SQUAD_RATINGS, type CriteriaSheetView, type SquadOverviewQuery, type SquadRow } from '@chengguan/contracts';
import { errorText } from '../../api/errors.ts';
import { squadsApi } from '../../api/credit.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ActionFormDrawer, type ActionSpec } from '../../components/ActionFormDrawer.tsx';
import { SQUAD_FORMS } from '../supervision/forms.ts';
import { useOrgOptions } from '../waste/waste-shared.tsx';

/** 规范化中队: the squads of the jurisdiction for a year, their scores and ratings, the shares against the targets. */
export default function SquadsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const can = (p: string) => !!me?.permissions.includes(p);
  const thisYear = new Date().getFullYear();
  const [action, setAction] = useState<{ spec: ActionSpec; initial?: Record<string, unknown> } | null>(null);
  const [tick, setTick] = useState(0);
  // The criteria sheets the user may assess against, for the assessment form's choice.
  const bureauId = useOrgOptions('district_bureau')[0]?.value;
  const sheets = useLoad(
    (signal) =>
      bureauId && (can('squad:assess') || can('squad:admin'))
        ? api.get<CriteriaSheetView[]>('/api/v1/squads/sheets', { bureauId }, signal)
        : Promise.resolve([]),
    `${bureauId ?? ''}|${tick}`,
  );
  const [filters, setFilters] = useState<SquadOverviewQuery>({ year: thisYear });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...filters, ...paging };
  const o = useLoad((signal) => squadsApi.overview(query, signal), `${JSON.stringify(query)}|${tick}`);
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
    <Page
      title={t('squads.title')}
      testId="squads-page"
      extra={
        <Space wrap>
          {can('squad:admin') && (
            <Button onClick={() => setAction({ spec: SQUAD_FORMS.sheet, initial: { year: thisYear } })} data-testid="open-sq-sheet">
              {t(SQUAD_FORMS.sheet.title)}
            </Button>
          )}
          {(can('squad:assess') || can('squad:admin')) && (
            <Button onClick={() => setAction({ spec: SQUAD_FORMS.assessment })} data-testid="open-sq-assessment">
              {t(SQUAD_FORMS.assessment.title)}
            </Button>
          )}
          {can('squad:admin') && (
            <>
              <Button onClick={() => setAction({ spec: SQUAD_FORMS.rating, initial: { year: thisYear } })} data-testid="open-sq-rating">
                {t(SQUAD_FORMS.rating.title)}
              </Button>
              <Button onClick={() => setAction({ spec: SQUAD_FORMS.targets })} data-testid="open-sq-targets">
                {t(SQUAD_FORMS.targets.title)}
              </Button>
            </>
          )}
        </Space>
      }
    >
      {action && (
        <ActionFormDrawer<{ id?: string; orgId?: string }>
          spec={action.spec}
          target=""
          initial={action.initial}
          choices={{ sheetId: (sheets.data ?? []).map((s) => ({ value: s.id, label: `${s.year} ${s.title}` })) }}
          onClose={() => setAction(null)}
          onDone={(r) => {
            setTick((n) => n + 1);
            // An assessment leads to the rating that rests on it.
            if (action.spec.key === SQUAD_FORMS.assessment.key && r.id && can('squad:admin'))
              setTimeout(() => setAction({ spec: SQUAD_FORMS.rating, initial: { year: thisYear, orgId: r.orgId, assessmentId: r.id } }), 0);
          }}
        />
      )}
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
