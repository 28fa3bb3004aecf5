// 上海摊服务地图 (docs/stall-map.md): approved stall points for passers-by on a phone, without login — the map (when the
// browser can draw it) and the list with type, hours, pitches, rules and whether it is open now; a complaint about a
// point is filed through the citizen portal's sign-in and becomes a ticket.
import { useEffect, useRef, useState } from 'react';
import { Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import type { DistrictFeatureCollection, MapConfig, PublicStallPoint } from '@chengguan/contracts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { createBaseMap, displayCrs, pointToDisplay } from '../../map/map-setup.ts';

type PointType = PublicStallPoint['pointType'];
const COLORS: Record<PointType, string> = { featured: '#d4380d', guided: '#1659c7', outdoor: '#389e0d' };

export default function StallMapPage() {
  const { t } = useI18n();
  const [type, setType] = useState<PointType | 'all'>('all');
  const [points, setPoints] = useState<PublicStallPoint[] | null>(null);
  const [mapData, setMapData] = useState<{ config: MapConfig; districts: DistrictFeatureCollection } | null>(null);
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const q = type === 'all' ? '' : `?pointType=${type}`;
    void fetch(`/api/public/stall-points${q}`, { referrerPolicy: 'same-origin' })
      .then((r) => (r.ok ? (r.json() as Promise<PublicStallPoint[]>) : []))
      .then(setPoints, () => setPoints([]));
  }, [type]);
  useEffect(() => {
    void fetch('/api/public/stall-map', { referrerPolicy: 'same-origin' })
      .then((r) => (r.ok ? (r.json() as Promise<{ config: MapConfig; districts: DistrictFeatureCollection }>) : null))
      .then(setMapData, () => setMapData(null));
  }, []);
  useEffect(() => {
    if (!el.current || !mapData || !points) return;
    const crs = displayCrs(mapData);
    const features = points.map((p) => ({
      type: 'Feature' as const,
      properties: { color: COLORS[p.pointType], name: p.name },
      geometry: { type: 'Point' as const, coordinates: pointToDisplay(p.lon, p.lat, crs) },
    }));
    const m = createBaseMap(el.current, mapData, {
      sources: { stalls: { type: 'geojson', data: { type: 'FeatureCollection', features } } },
      layers: [
        {
          id: 'stalls',
          type: 'circle',
          source: 'stalls',
          paint: { 'circle-radius': 7, 'circle-color': ['get', 'color'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
        },
      ],
    });
    return () => m?.remove();
  }, [mapData, points]);

  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('stalls.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('stalls.intro')}</Typography.Text>
        <Segmented
          value={type}
          onChange={(v) => setType(v as PointType | 'all')}
          options={(['all', 'featured', 'guided', 'outdoor'] as const).map((k) => ({
            value: k,
            label: t(`stalls.type.${k}` as MessageKey),
          }))}
          data-testid="stalls-type"
        />
        <div ref={el} style={{ height: 280, borderRadius: 4, overflow: 'hidden', background: '#f5f7fa' }} data-testid="stalls-map" />
        {points && points.length === 0 ? <Empty description={t('stalls.empty')} /> : null}
        <List
          dataSource={points ?? []}
          loading={points === null}
          renderItem={(p) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="stall-card">
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  <Tag color={COLORS[p.pointType]}>{t(`stalls.type.${p.pointType}` as MessageKey)}</Tag>
                  <Tag color={p.openNow ? 'green' : 'default'}>{p.openNow ? t('stalls.openNow') : t('stalls.closedNow')}</Tag>
                </Space>
                {p.address ? <Typography.Text type="secondary">{p.address}</Typography.Text> : null}
                <Typography.Text>
                  {t('stalls.hours')}：{p.opensAt}–{p.closesAt} · {t('stalls.capacity')}：{p.capacity}
                </Typography.Text>
                <Typography.Text>
                  {t('stalls.rules')}：{p.rules}
                </Typography.Text>
                <a href={`/portal/citizen?stall=${p.id}`}>{t('stalls.complain')}</a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('stalls.complainHint')}
                </Typography.Text>
              </Space>
            </Card>
          )}
        />
      </Space>
    </div>
  );
}
