import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Empty, Row, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { cockpitApi } from '../../api/cockpit.ts';
import { errorText } from '../../api/errors.ts';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { ChildrenTable, ChoroplethMap, ForecastChart, KpiCards, TrendChart } from './cockpit-parts.tsx';
import { bureauToday } from '../../lib/bureauTime';

/** 数据驾驶舱: one theme at a time for an org and a month; drill 市 → 区 → … → 中队 → the list behind a number. */
export default function CockpitPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const themes = useLoad((s) => cockpitApi.themes(s), 'themes');
  const list = themes.data?.themes ?? [];
  const theme = params.get('theme') ?? list[0]?.id;
  const orgId = params.get('orgId') ?? undefined;
  const month = params.get('month') ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next);
  };
  const key = JSON.stringify({ theme, orgId, month });
  const view = useLoad(
    (s) => (theme ? cockpitApi.view(theme, { ...(orgId ? { orgId } : {}), ...(month ? { month } : {}) }, s) : Promise.resolve(undefined)),
    key,
  );
  const v = view.data;
  const drill = (id: string) => set({ orgId: id });
  return (
    <Page
      title={t('cockpit.title')}
      testId="cockpit-page"
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(v?.month ?? month ?? bureauToday().format('YYYY-MM'))}
            onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
            data-testid="cockpit-month"
          />
          <Link to="/cockpit/screen">
            <Button>{t('cockpit.screen')}</Button>
          </Link>
          <Link to="/cockpit/definitions">
            <Button>{t('menu.cockpitDefinitions')}</Button>
          </Link>
        </Space>
      }
    >
      {themes.data && list.length === 0 && <Empty description={t('cockpit.noThemes')} />}
      {list.length > 0 && (
        <Tabs
          activeKey={theme}
          onChange={(k) => set({ theme: k })}
          items={list.map((x) => ({ key: x.id, label: lang === 'en-US' ? x.nameEn : x.name }))}
        />
      )}
      {view.error ? <Alert type="error" showIcon message={errorText(view.error, t, lang)} /> : null}
      {v && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Breadcrumb
            data-testid="cockpit-breadcrumb"
            items={v.breadcrumb.map((o, i) => ({
              title: i === v.breadcrumb.length - 1 ? o.name : <a onClick={() => drill(o.id)}>{o.name}</a>,
            }))}
          />
          <KpiCards view={v} onDefinition />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('cockpit.map')}>
                <ChoroplethMap view={v} kpiKey={v.forecast?.kpi ?? v.kpis[0]!.key} onDrill={drill} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('cockpit.trend')}>
                <TrendChart view={v} />
              </Card>
              <Card size="small" title={t('cockpit.forecast')} style={{ marginTop: 16 }}>
                <ForecastChart view={v} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('cockpit.units')}>
            <ChildrenTable view={v} onDrill={drill} />
          </Card>
          <Typography.Text type="secondary">
            {t('cockpit.readAt')} {dayjs(v.readAt).format('YYYY-MM-DD HH:mm:ss')} · {t('cockpit.refreshNote')}
          </Typography.Text>
        </Space>
      )}
    </Page>
  );
}
