// 勤务地图: a squad's service area and patrol areas, the officers on duty now at their latest point (only those who
// agreed to position recording, GET /api/v1/duty/positions), and — for a squad leader — drawing a patrol area by
// clicking its corners. The map is the console's one MapView (lazy, maplibre-gl).
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { GeoPointBody, OfficerPositions } from '@chengguan/contracts';
import { convertPoint } from '@chengguan/domain';
import { dutyApi } from '../../api/duty.ts';
import { errorText } from '../../api/errors.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { loadMapData, type MapData } from '../../map/map-data.ts';
import type { MapArea, MapPoint } from '../../map/MapView.tsx';
import { Page } from '../../components/Page.tsx';
import { SquadPicker } from './SquadPicker.tsx';

const MapView = lazy(() => import('../../map/MapView.tsx'));

export default function DutyMapPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const canWrite = !!me?.permissions.includes('duty:write');
  const [orgId, setOrgId] = useState<string>();
  const [mapData, setMapData] = useState<MapData | null>(null);
  const [corners, setCorners] = useState<[number, number][]>([]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    loadMapData().then(setMapData, () => setMapData(null));
  }, []);
  const areas = useLoad((signal) => (orgId ? dutyApi.patrolAreas(orgId, signal) : Promise.resolve(undefined)), `areas|${orgId}`);
  // Where officers are is shown to those who dispatch and lead them (the server refuses a fellow officer).
  const seesPositions = !!me?.roles.some((r) => r !== 'field_officer');
  const positions = useLoad<OfficerPositions | undefined>(
    (signal) => (orgId && seesPositions ? dutyApi.positions({ orgId }, signal) : Promise.resolve(undefined)),
    `pos|${orgId}`,
  );
  const pick = useCallback((id: string) => {
    setOrgId(id);
    setCorners([]);
  }, []);
  const onPick = useCallback((p: GeoPointBody) => {
    const w = convertPoint([p.lon, p.lat], p.crs, 'wgs84');
    setCorners((c) => [...c, [Math.round(w[0] * 1e6) / 1e6, Math.round(w[1] * 1e6) / 1e6]]);
  }, []);
  const draft = useMemo(
    () => (corners.length >= 3 ? { type: 'Polygon' as const, coordinates: [[...corners, corners[0]!]] } : null),
    [corners],
  );
  const shownAreas = useMemo<MapArea[]>(
    () => [
      ...(areas.data?.serviceArea ? [{ id: 'service', geometry: areas.data.serviceArea as MapArea['geometry'], color: '#1677ff' }] : []),
      ...(areas.data?.items ?? []).map((a) => ({ id: a.id, geometry: a.geometry as MapArea['geometry'], color: '#52c41a' })),
      ...(draft ? [{ id: 'draft', geometry: draft, color: '#fa8c16' }] : []),
    ],
    [areas.data, draft],
  );
  const points = useMemo<MapPoint[]>(
    () => (positions.data?.items ?? []).map((p) => ({ id: p.officerId, lon: p.lng, lat: p.lat, title: `${p.name} ${p.shiftName}` })),
    [positions.data],
  );
  const saveArea = async () => {
    if (!orgId || !draft) return;
    setBusy(true);
    try {
      await dutyApi.savePatrolArea({ orgId, name, geometry: draft }, { idempotencyKey: newIdempotencyKey() });
      void message.success(t('duty.map.areaSaved'));
      setCorners([]);
      setName('');
      areas.reload();
    } catch (err) {
      void message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('duty.map.title')} testId="duty-map-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <SquadPicker value={orgId} onChange={pick} />
        <Button onClick={positions.reload}>{t('common.refresh')}</Button>
      </Space>
      {!!areas.error && <Alert type="error" showIcon message={errorText(areas.error, t, lang)} style={{ marginBottom: 16 }} />}
      <Flex gap={16} wrap>
        <div style={{ flex: '2 1 420px', minWidth: 300 }}>
          {mapData ? (
            <Suspense fallback={<Spin />}>
              <MapView
                data={mapData}
                value={null}
                onPick={canWrite ? onPick : undefined}
                height={460}
                testId="duty-map"
                unavailableText={t('duty.map.unavailable')}
                areas={shownAreas}
                points={points}
              />
            </Suspense>
          ) : (
            <Spin />
          )}
        </div>
        <Flex vertical gap={16} style={{ flex: '1 1 300px' }}>
          {seesPositions && (
            <Card size="small" title={t('duty.map.onDuty')}>
              {positions.data && (
                <Typography.Paragraph type="secondary">
                  {t('duty.map.retention', { days: positions.data.retentionDays })}
                </Typography.Paragraph>
              )}
              <Table
                size="small"
                rowKey="officerId"
                pagination={false}
                loading={positions.loading}
                dataSource={positions.data?.items ?? []}
                locale={{ emptyText: t('duty.map.noneOnDuty') }}
                columns={[
                  { title: t('duty.col.name'), dataIndex: 'name' },
                  { title: t('duty.col.shift'), dataIndex: 'shiftName' },
                  { title: t('duty.col.at'), dataIndex: 'at', render: (a: string) => dayjs(a).format('HH:mm') },
                ]}
                data-testid="duty-positions"
              />
            </Card>
          )}
          <Card size="small" title={t('duty.map.areas')}>
            <Flex wrap gap={4}>
              {(areas.data?.items ?? []).map((a) => (
                <Tag key={a.id} color="green">
                  {a.name}
                </Tag>
              ))}
            </Flex>
            {canWrite && (
              <Flex vertical gap={8} style={{ marginTop: 12 }}>
                <Typography.Text strong>{t('duty.map.draw')}</Typography.Text>
                <Typography.Text type="secondary">{t('duty.map.drawHint')}</Typography.Text>
                <Typography.Text>{t('duty.map.points', { n: corners.length })}</Typography.Text>
                <Input placeholder={t('duty.map.areaName')} value={name} onChange={(e) => setName(e.target.value)} maxLength={40} />
                <Space>
                  <Button onClick={() => setCorners([])}>{t('duty.map.clear')}</Button>
                  <Button type="primary" disabled={!draft || !name} loading={busy} onClick={() => void saveArea()}>
                    {t('duty.map.saveArea')}
                  </Button>
                </Space>
              </Flex>
            )}
          </Card>
        </Flex>
      </Flex>
    </Page>
  );
}
