// The place on a form: the phone's position on request (the browser asks the user's consent when the button is
// pressed), shown on the map, adjusted by dragging the marker or clicking the map. Which district it lies in and
// whether that is the bureau's area is the server's answer (GET /api/v1/map/locate), shown under the map.
import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { AimOutlined, CloseOutlined } from '@ant-design/icons';
import type { GeoPointBody, PlaceInfo } from '@chengguan/contracts';
import { mapApi } from '../api/map.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { loadMapData, type MapData } from './map-data.ts';

const MapView = lazy(() => import('./MapView.tsx'));

/** How long to wait for a position, and how old a cached one may be (the browser's own cache). */
export const GEOLOCATION_OPTIONS: PositionOptions = { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 };

type Origin = 'device' | 'map';

export function useMapData(): { data: MapData | null; error: boolean } {
  const [data, setData] = useState<MapData | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    loadMapData().then(
      (d) => live && setData(d),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return { data, error };
}

/** Where a point lies, from the server, for the squad the form registers for. */
export function usePlace(value: GeoPointBody | null | undefined, orgId: string | undefined): PlaceInfo | null {
  const [place, setPlace] = useState<PlaceInfo | null>(null);
  useEffect(() => {
    if (!value) {
      setPlace(null);
      return;
    }
    const ctrl = new AbortController();
    mapApi.locate({ ...value, ...(orgId ? { orgId } : {}) }, ctrl.signal).then(setPlace, () => setPlace(null));
    return () => ctrl.abort();
  }, [value, orgId]);
  return place;
}

export function PlaceNote({ place, testId }: { place: PlaceInfo | null; testId: string }) {
  const { t } = useI18n();
  if (!place) return null;
  if (!place.withinCity) return <Alert type="error" showIcon message={t('map.outsideCity')} data-testid={`${testId}-outside`} />;
  if (!place.inBureauArea) {
    const where = place.district ? t('map.inDistrict', { name: place.district }) : t('map.noDistrict');
    const message = place.bureauDistrict ? t('map.outsideBureau', { where, bureau: place.bureauDistrict }) : where;
    return <Alert type="warning" showIcon message={message} data-testid={`${testId}-outside`} />;
  }
  return <Typography.Text data-testid={`${testId}-district`}>{t('map.inDistrict', { name: place.district ?? '' })}</Typography.Text>;
}

export function formatCoords(t: ReturnType<typeof useI18n>['t'], p: { lon: number; lat: number }): string {
  return t('map.coords', { lon: p.lon.toFixed(6), lat: p.lat.toFixed(6) });
}

/** A form control (antd Form.Item `name="point"`): value and onChange are the point as captured. */
export function LocationField({
  value,
  onChange,
  orgId,
  testId = 'location',
}: {
  value?: GeoPointBody | null;
  onChange?: (v: GeoPointBody | null) => void;
  orgId?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const { data, error } = useMapData();
  const [locating, setLocating] = useState(false);
  const [origin, setOrigin] = useState<Origin | null>(null);
  const [accuracy, setAccuracy] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const place = usePlace(value, orgId);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setProblem(t('map.unsupported'));
      return;
    }
    setLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setOrigin('device');
        setAccuracy(Math.round(pos.coords.accuracy));
        // A phone's receiver reports WGS-84.
        onChange?.({ lon: pos.coords.longitude, lat: pos.coords.latitude, crs: 'wgs84' });
      },
      (err) => {
        setLocating(false);
        setProblem(err.code === err.PERMISSION_DENIED ? t('map.denied') : t('map.unavailable'));
      },
      GEOLOCATION_OPTIONS,
    );
  };

  const picked = (p: GeoPointBody) => {
    setOrigin('map');
    setAccuracy(null);
    onChange?.(p);
  };

  return (
    <div data-testid={testId} style={{ width: '100%' }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid={`${testId}-locate`}>
          {t('map.locate')}
        </Button>
        {value ? (
          <Button icon={<CloseOutlined />} onClick={() => onChange?.(null)} data-testid={`${testId}-clear`}>
            {t('map.clear')}
          </Button>
        ) : null}
      </Space>
      {problem ? <Alert type="info" showIcon message={problem} style={{ marginBottom: 8 }} data-testid={`${testId}-problem`} /> : null}
      {error ? (
        <Alert type="warning" showIcon message={t('map.loadFailed')} style={{ marginBottom: 8 }} />
      ) : !data ? (
        <Spin />
      ) : (
        <Suspense fallback={<Spin />}>
          <MapView
            data={data}
            value={value ?? null}
            onPick={picked}
            highlightDistrict={place?.bureauDistrict ?? null}
            testId={`${testId}-map`}
            unavailableText={t('map.noWebgl')}
          />
        </Suspense>
      )}
      <div style={{ marginTop: 6 }}>
        {value ? (
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Typography.Text
              type="secondary"
              data-testid={`${testId}-coords`}
              data-lon={value.lon}
              data-lat={value.lat}
              data-crs={value.crs}
            >
              {formatCoords(t, value)}
              {origin === 'device' ? ` · ${accuracy !== null ? t('map.fromDeviceAccuracy', { m: accuracy }) : t('map.fromDevice')}` : ''}
              {origin === 'map' ? ` · ${t('map.fromMap')}` : ''}
            </Typography.Text>
            <PlaceNote place={place} testId={testId} />
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('map.hint')}</Typography.Text>
        )}
        {data && !data.config.baseMap ? (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('map.boundariesOnly')}
            </Typography.Text>
          </div>
        ) : null}
      </div>
    </div>
  );
}
