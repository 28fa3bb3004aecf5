import { useEffect, useRef } from 'react';
import { Button, Col, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CockpitThemeView } from '@chengguan/contracts';
import { useNavigate } from 'react-router-dom';
import { cockpitApi } from '../../api/cockpit.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { ChoroplethMap, ForecastChart, KpiCards, TrendChart } from './cockpit-parts.tsx';

const REFRESH_MS = 60_000;

/** 指挥大屏: every theme the user may see on one dark wall, refreshed every minute. */
export default function CockpitScreenPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const box = useRef<HTMLDivElement>(null);
  const themes = useLoad((s) => cockpitApi.themes(s), 'themes');
  const ids = (themes.data?.themes ?? []).map((x) => x.id);
  const views = useLoad((s) => Promise.all(ids.map((id) => cockpitApi.view(id, {}, s))), ids.join(','));
  const reload = views.reload;
  useEffect(() => {
    const h = setInterval(reload, REFRESH_MS);
    return () => clearInterval(h);
  }, [reload]);
  const list: CockpitThemeView[] = views.data ?? [];
  const first = list[0];
  return (
    <div ref={box} data-testid="cockpit-screen" style={{ background: '#061329', color: '#e6f0ff', padding: 16, minHeight: '100vh' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ color: '#e6f0ff', margin: 0 }}>
          {first?.org.name} · {t('cockpit.title')}
        </Typography.Title>
        <Space>
          <Typography.Text style={{ color: '#9fb7d9' }}>
            {first && `${t('cockpit.readAt')} ${dayjs(first.readAt).format('YYYY-MM-DD HH:mm')}`}
          </Typography.Text>
          <Button onClick={() => void box.current?.requestFullscreen?.()}>{t('cockpit.fullscreen')}</Button>
        </Space>
      </Space>
      {list.map((v) => (
        <div key={v.theme.id} style={{ marginTop: 16 }}>
          <Typography.Title level={4} style={{ color: '#7fb0ff' }}>
            {lang === 'en-US' ? v.theme.nameEn : v.theme.name}
          </Typography.Title>
          <KpiCards view={v} dark />
          <Row gutter={16} style={{ marginTop: 12 }}>
            <Col xs={24} xl={8}>
              <ChoroplethMap
                view={v}
                dark
                height={300}
                kpiKey={v.forecast?.kpi ?? v.kpis[0]!.key}
                onDrill={(orgId) => navigate(`/cockpit?theme=${v.theme.id}&orgId=${orgId}`)}
              />
            </Col>
            <Col xs={24} xl={8}>
              <TrendChart view={v} dark height={300} />
            </Col>
            <Col xs={24} xl={8}>
              <ForecastChart view={v} dark height={270} />
            </Col>
          </Row>
        </div>
      ))}
    </div>
  );
}
