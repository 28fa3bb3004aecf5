// What the construction-waste pages share: the district bureaus a user may register for, the drawer a register form
// sits in, and the point picked on the console's map or typed.
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Button, Drawer, Flex, Form, InputNumber, Select, Spin, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { GeoPointBody, OrgNode } from '@chengguan/contracts';
import { COORDINATE_SYSTEM_CODES } from '@chengguan/contracts';
import { orgApi } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useMapData } from '../../map/LocationField.tsx';
import type { MapLine, MapPoint } from '../../map/MapView.tsx';

const MapView = lazy(() => import('../../map/MapView.tsx'));

function flatten(nodes: readonly OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** The active orgs of a kind the user sees, as options. */
export function useOrgOptions(kind: 'district_bureau' | 'squad', enabled = true): { value: string; label: string }[] {
  const orgs = useLoad(
    (signal) => (enabled ? orgApi.tree() : Promise.resolve([] as OrgNode[])).then((x) => (signal.aborted ? [] : x)),
    String(enabled),
  );
  const { t } = useI18n();
  const all = flatten(orgs.data ?? []);
  const options = all.filter((o) => o.active && o.kind === kind).map((o) => ({ value: o.id, label: o.name }));
  if (kind !== 'district_bureau') return options;
  // A squad's officers see their squad, not its bureau: the bureau is named by the squad's bureauId.
  const own = [...new Set(all.map((o) => o.bureauId).filter((b): b is string => !!b && !options.some((x) => x.value === b)))];
  return [...options, ...own.map((b) => ({ value: b, label: t('waste.ownBureau') }))];
}

/** A register form in a drawer: the fields, a save button; the server's errors land at the fields (useSubmit). */
export function FormDrawer({
  open,
  title,
  onClose,
  onSave,
  saving,
  testId,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  onSave: () => void;
  saving: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={open}
      title={title}
      width="min(640px, 100vw)"
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={onSave} data-testid={`${testId}-save`}>
          {t('waste.save')}
        </Button>
      }
    >
      {children}
    </Drawer>
  );
}

export const crsOptions = (t: ReturnType<typeof useI18n>['t']) =>
  COORDINATE_SYSTEM_CODES.map((c) => ({ value: c, label: t(`waste.crs.${c}`) }));

/** Longitude, latitude and their system typed, or picked by a click on the map (which sets all three). */
export function PointFields({ form, testId }: { form: FormInstance; testId: string }) {
  const { t } = useI18n();
  const { data } = useMapData();
  const lon = Form.useWatch('lon', form) as number | undefined;
  const lat = Form.useWatch('lat', form) as number | undefined;
  const crs = (Form.useWatch('crs', form) as GeoPointBody['crs'] | undefined) ?? 'wgs84';
  const value = typeof lon === 'number' && typeof lat === 'number' ? { lon, lat, crs } : null;
  return (
    <>
      <Flex gap={12} wrap>
        <Form.Item name="lon" label={t('waste.field.lon')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 140 }}>
          <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} data-testid={`${testId}-lon`} />
        </Form.Item>
        <Form.Item name="lat" label={t('waste.field.lat')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 140 }}>
          <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} data-testid={`${testId}-lat`} />
        </Form.Item>
        <Form.Item name="crs" label={t('waste.field.crs')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 140 }}>
          <Select options={crsOptions(t)} />
        </Form.Item>
      </Flex>
      <Typography.Text type="secondary">{t('waste.map.pickHint')}</Typography.Text>
      {data ? (
        <Suspense fallback={<Spin />}>
          <MapView
            data={data}
            value={value}
            onPick={(p) => form.setFieldsValue({ lon: p.lon, lat: p.lat, crs: p.crs })}
            height={240}
            testId={`${testId}-map`}
            unavailableText={t('waste.map.unavailable')}
          />
        </Suspense>
      ) : (
        <Spin />
      )}
    </>
  );
}

/**
 * Route points: one "lon, lat" a line, typed, or added by clicks on the map. The map draws the route as a line through
 * them, with a marker at its start (the producing site) and one at its end (the disposal site).
 */
export function RouteField({ form, testId }: { form: FormInstance; testId: string }) {
  const { t } = useI18n();
  const { data } = useMapData();
  const text = (Form.useWatch('routeText', form) as string | undefined) ?? '';
  const { lines, points } = useMemo(() => {
    const route = parseRoute(text);
    const lines: MapLine[] = route.length > 1 ? [{ id: 'route', coordinates: route, color: '#1677ff' }] : [];
    const points: MapPoint[] =
      route.length === 0 ? [] : [{ id: 'start', lon: route[0]![0], lat: route[0]![1], title: t('waste.route.start'), color: '#52c41a' }];
    if (route.length > 1)
      points.push({ id: 'end', lon: route.at(-1)![0], lat: route.at(-1)![1], title: t('waste.route.end'), color: '#cf1322' });
    return { lines, points };
  }, [text, t]);
  return (
    <>
      <Typography.Text type="secondary">{t('waste.route.hint')}</Typography.Text>
      {data ? (
        <Suspense fallback={<Spin />}>
          <MapView
            data={data}
            value={null}
            points={points}
            lines={lines}
            onPick={(p) => {
              const line = `${p.lon}, ${p.lat}`;
              form.setFieldsValue({ routeText: text.trim() ? `${text.trim()}\n${line}` : line, crs: p.crs });
            }}
            height={240}
            testId={`${testId}-map`}
            unavailableText={t('waste.map.unavailable')}
          />
        </Suspense>
      ) : (
        <Spin />
      )}
    </>
  );
}

/** "lon, lat" lines as points; a line that is not two numbers is left out (the form's rule names it). */
export function parseRoute(text: string): [number, number][] {
  return text
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split(/[,，\s]+/).map(Number))
    .filter((p) => p.length === 2 && p.every((n) => Number.isFinite(n)))
    .map((p) => [p[0]!, p[1]!]);
}

export function badRouteLine(text: string): number | null {
  const lines = text.split(/\n/).map((l) => l.trim());
  for (const [i, l] of lines.entries()) {
    if (!l) continue;
    const p = l.split(/[,，\s]+/).map(Number);
    if (p.length !== 2 || !p.every((n) => Number.isFinite(n)) || Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90) return i + 1;
  }
  return null;
}

export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
