// The case page's map: the stored point (WGS-84) on the district boundaries, its district and — when it lies outside
// the bureau's area — a warning; all of it as the server answered it with the case.
import { lazy, Suspense } from 'react';
import { Card, Space, Spin, Typography } from 'antd';
import type { CasePoint } from '@chengguan/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatCoords, PlaceNote, useMapData } from './LocationField.tsx';

const MapView = lazy(() => import('./MapView.tsx'));

export function CasePlace({ point }: { point: CasePoint | null }) {
  const { t } = useI18n();
  const { data } = useMapData();
  if (!point) return null;
  return (
    <Card size="small" title={t('map.caseTitle')} style={{ marginBottom: 16 }} data-testid="case-place">
      {data ? (
        <Suspense fallback={<Spin />}>
          <MapView
            data={data}
            value={{ lon: point.lon, lat: point.lat, crs: 'wgs84' }}
            highlightDistrict={point.bureauDistrict}
            height={240}
            testId="case-place-map"
            unavailableText={t('map.noWebgl')}
          />
        </Suspense>
      ) : (
        <Spin />
      )}
      <Space direction="vertical" size={2} style={{ marginTop: 6 }}>
        <Typography.Text type="secondary" data-testid="case-place-coords" data-lon={point.lon} data-lat={point.lat}>
          {formatCoords(t, point)} · {point.capturedCrs === 'wgs84' ? t('map.capturedWgs84') : t('map.capturedGcj02')}
        </Typography.Text>
        <PlaceNote place={point} testId="case-place" />
      </Space>
    </Card>
  );
}
