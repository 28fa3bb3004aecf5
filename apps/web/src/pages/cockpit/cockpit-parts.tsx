// The pieces of a theme view shared by the cockpit page and the command centre's wall: KPI cards against targets,
// the trend, the forecast with its holdout error, the choropleth by district or street, the units below.
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { CockpitThemeView, KpiValue } from '@chengguan/contracts';
import { cockpitApi } from '../../api/cockpit.ts';
import { mapApi } from '../../api/map.ts';
import { EChart, registerGeo } from '../../components/EChart.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export const kpiName = (k: { name: string; nameEn: string }, lang: string) => (lang === 'en-US' ? k.nameEn : k.name);

export function formatKpi(k: Pick<KpiValue, 'unit' | 'value'>): string {
  if (k.value === null) return '—';
  if (k.unit === 'percent') return `${k.value}%`;
  return k.value.toLocaleString('zh-CN');
}

export function KpiCards({ view, dark, onDefinition }: { view: CockpitThemeView; dark?: boolean; onDefinition?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      {view.kpis.map((k) => (
        <Col key={k.key} xs={12} md={8} xl={6}>
          <Card size="small" data-testid={`kpi-${k.key}`} style={dark ? { background: '#0b1f3a', borderColor: '#1d3b66' } : undefined}>
            <Statistic
              title={<span style={dark ? { color: '#9fb7d9' } : undefined}>{kpiName(k, lang)}</span>}
              value={k.connected ? formatKpi(k) : t('cockpit.notConnected')}
              suffix={k.unit === 'yuan' && k.value !== null ? (lang === 'en-US' ? 'yuan' : '元') : undefined}
              valueStyle={{ color: k.met === false ? '#cf1322' : k.met ? '#389e0d' : dark ? '#e6f0ff' : undefined }}
            />
            <Space size={6} wrap style={{ fontSize: 12 }}>
              {k.stock && <Tag>{t('cockpit.stock')}</Tag>}
              {k.target !== null && (
                <Typography.Text type="secondary" style={dark ? { color: '#9fb7d9' } : undefined}>
                  {t('cockpit.target')} {k.targetOp === '<=' ? '≤' : '≥'} {k.target}
                  {k.unit === 'percent' ? '%' : ''}
                </Typography.Text>
              )}
              {k.met !== null && <Tag color={k.met ? 'green' : 'red'}>{k.met ? t('cockpit.met') : t('cockpit.notMet')}</Tag>}
              {k.unit === 'percent' && k.denominator !== null && (
                <Typography.Text type="secondary">
                  {k.numerator}/{k.denominator}
                </Typography.Text>
              )}
              {k.listUrl && !dark && (
                <Link to={k.listUrl} data-testid={`kpi-list-${k.key}`}>
                  {t('cockpit.list')}
                </Link>
              )}
              {onDefinition && <Link to={`/cockpit/definitions#${k.key}`}>{t('cockpit.definition')}</Link>}
            </Space>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function TrendChart({ view, height, dark }: { view: CockpitThemeView; height?: number; dark?: boolean }) {
  const { lang } = useI18n();
  const option = useMemo(
    () => ({
      backgroundColor: 'transparent',
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: dark ? { color: '#cfe0ff' } : undefined },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: view.trend.months },
      yAxis: [
        { type: 'value', name: '' },
        { type: 'value', name: '%', max: 100, splitLine: { show: false } },
      ],
      series: view.trend.series.map((s) => {
        const percent = view.kpis.find((k) => k.key === s.key)?.unit === 'percent';
        return { name: kpiName(s, lang), type: percent ? 'line' : 'bar', yAxisIndex: percent ? 1 : 0, data: s.values, smooth: true };
      }),
    }),
    [view, lang, dark],
  );
  return <EChart option={option} height={height ?? 280} testId="cockpit-trend" theme={dark ? 'dark' : undefined} />;
}

export function ForecastChart({ view, height, dark }: { view: CockpitThemeView; height?: number; dark?: boolean }) {
  const { t, lang } = useI18n();
  const f = view.forecast;
  const option = useMemo(() => {
    if (!f) return {};
    const actual = view.trend.series.find((s) => s.key === f.kpi);
    const months = [...new Set([...(view.trend.months ?? []), ...f.months])].sort();
    const at = (ms: readonly string[], vs: readonly (number | null)[]) => months.map((m) => (ms.includes(m) ? vs[ms.indexOf(m)] : null));
    return {
      backgroundColor: 'transparent',
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: dark ? { color: '#cfe0ff' } : undefined },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value' },
      series: [
        { name: t('cockpit.forecastActual'), type: 'line', data: actual ? at(view.trend.months, actual.values) : [] },
        { name: t('cockpit.forecastHoldout'), type: 'line', lineStyle: { type: 'dotted' }, data: at(f.holdoutMonths, f.holdoutForecast) },
        { name: t('cockpit.forecastNext'), type: 'line', lineStyle: { type: 'dashed' }, data: at(f.months, f.values) },
      ],
    };
  }, [f, view, t, dark]);
  if (!f)
    return (
      <Typography.Text type="secondary" data-testid="cockpit-forecast">
        {t('cockpit.mapeNone')}
      </Typography.Text>
    );
  const kpi = view.kpis.find((k) => k.key === f.kpi);
  return (
    <div data-testid="cockpit-forecast">
      <Typography.Text type="secondary" style={dark ? { color: '#9fb7d9' } : undefined}>
        {kpi ? kpiName(kpi, lang) : f.kpi} · {t(`cockpit.method.${f.method}`)} · {t('cockpit.mape')}：
        <span data-testid="cockpit-mape">{f.mape === null ? t('cockpit.mapeNone') : `${f.mape}%`}</span>
      </Typography.Text>
      <EChart option={option} height={height ?? 240} theme={dark ? 'dark' : undefined} />
    </div>
  );
}

/** The choropleth of the headline KPI: districts of the city, or the streets (squads' areas) of a district. */
export function ChoroplethMap({
  view,
  kpiKey,
  onDrill,
  height,
  dark,
}: {
  view: CockpitThemeView;
  kpiKey: string;
  onDrill: (orgId: string) => void;
  height?: number;
  dark?: boolean;
}) {
  const { t } = useI18n();
  const [mapName, setMapName] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setMapName(null);
    if (view.mapLevel === 'none') return;
    const name = view.mapLevel === 'district' ? 'cg-districts' : `cg-streets-${view.org.id}`;
    const load = view.mapLevel === 'district' ? mapApi.districts(ctl.signal) : cockpitApi.areas(view.org.id, ctl.signal);
    load
      .then((geo) => {
        if (ctl.signal.aborted) return;
        registerGeo(name, geo);
        setMapName(name);
      })
      .catch(() => undefined);
    return () => ctl.abort();
  }, [view.mapLevel, view.org.id]);
  const data = useMemo(
    () =>
      view.children
        .filter((c) => c.areaName && c.orgId)
        .map((c) => ({ name: c.areaName!, value: c.values[kpiKey] ?? null, orgId: c.orgId, unit: c.name })),
    [view, kpiKey],
  );
  const max = Math.max(1, ...data.map((d) => Number(d.value) || 0));
  const option = useMemo(
    () =>
      mapName
        ? {
            backgroundColor: 'transparent',
            tooltip: {
              trigger: 'item',
              formatter: (p: { data?: { unit: string; value: number | null } }) => (p.data ? `${p.data.unit}: ${p.data.value ?? '—'}` : ''),
            },
            visualMap: {
              min: 0,
              max,
              left: 8,
              bottom: 8,
              calculable: true,
              inRange: { color: ['#e6f4ff', '#1677ff', '#002c8c'] },
              textStyle: dark ? { color: '#cfe0ff' } : undefined,
            },
            series: [{ type: 'map', map: mapName, roam: true, data, label: { show: false }, emphasis: { label: { show: true } } }],
          }
        : {},
    [mapName, data, max, dark],
  );
  if (view.mapLevel === 'none') return <Typography.Text type="secondary">{t('cockpit.mapNone')}</Typography.Text>;
  return (
    <EChart
      option={option}
      height={height ?? 360}
      testId="cockpit-map"
      theme={dark ? 'dark' : undefined}
      onClick={(p) => {
        const d = p.data as { orgId?: string } | undefined;
        if (d?.orgId) onDrill(d.orgId);
      }}
    />
  );
}

export function ChildrenTable({ view, onDrill }: { view: CockpitThemeView; onDrill: (orgId: string) => void }) {
  const { t, lang } = useI18n();
  const cols = view.kpis.filter((k) => k.connected);
  return (
    <Table
      size="small"
      rowKey={(r) => r.orgId ?? 'own'}
      data-testid="cockpit-children"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={view.children}
      columns={[
        {
          title: t('cockpit.unit'),
          dataIndex: 'name',
          fixed: 'left',
          render: (name: string, r) =>
            r.orgId ? (
              <a onClick={() => onDrill(r.orgId!)} data-testid="cockpit-drill">
                {name}
              </a>
            ) : (
              name
            ),
        },
        ...cols.map((k) => ({
          title: kpiName(k, lang),
          key: k.key,
          render: (_: unknown, r: CockpitThemeView['children'][number]) => {
            const v = r.values[k.key] ?? null;
            const text = formatKpi({ unit: k.unit, value: v });
            const url = r.orgId && k.listUrl ? k.listUrl.replace(`orgId=${view.org.id}`, `orgId=${r.orgId}`) : null;
            return url ? <Link to={url}>{text}</Link> : text;
          },
        })),
      ]}
    />
  );
}
