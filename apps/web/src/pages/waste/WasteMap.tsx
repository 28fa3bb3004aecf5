// The construction-waste map (loaded lazily with maplibre-gl through the console's shared map setup): a truck's day as
// a line with the clue's stretch drawn stronger, its permits' corridors with each approved route as a dashed line from
// its start (the producing site, green) to its end (the disposal site, red), the sites it touched, or the clue heat
// cells. Data arrive in WGS-84 and are drawn in the base map's system.
import { useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { ClueHeat, WasteTrack } from '@chengguan/contracts';
import type { MapData } from '../../map/map-data.ts';
import { createBaseMap, displayCrs, pointToDisplay, toDisplay } from '../../map/map-setup.ts';

type GeoJSONData = Extract<StyleSpecification['sources'][string], { type: 'geojson' }>['data'];

export type WasteMapProps = {
  data: MapData;
  testId: string;
  unavailableText: string;
  height?: number;
  track?: WasteTrack | null;
  /** The clue's stretch, Unix seconds. */
  stretch?: { from: number; to: number } | null;
  heat?: ClueHeat | null;
};

const SITE_COLOR = { producing: '#fa8c16', disposal: '#52c41a', yard: '#8c8c8c' } as const;

export default function WasteMap({ data, testId, unavailableText, height = 360, track, stretch, heat }: WasteMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const [built, setBuilt] = useState(0);
  const crs = displayCrs(data);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const empty = { type: 'FeatureCollection', features: [] } as unknown as GeoJSONData;
    const m = createBaseMap(el, data, {
      sources: {
        areas: { type: 'geojson', data: empty },
        track: { type: 'geojson', data: empty },
        stretch: { type: 'geojson', data: empty },
        routes: { type: 'geojson', data: empty },
        'route-ends': { type: 'geojson', data: empty },
      },
      layers: [
        { id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['get', 'opacity'] } },
        { id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': ['get', 'color'], 'line-width': 1 } },
        {
          id: 'route-line',
          type: 'line',
          source: 'routes',
          paint: { 'line-color': '#0958d9', 'line-width': 3, 'line-dasharray': [2, 1.5], 'line-opacity': 0.8 },
        },
        { id: 'track-line', type: 'line', source: 'track', paint: { 'line-color': '#1677ff', 'line-width': 2 } },
        { id: 'stretch-line', type: 'line', source: 'stretch', paint: { 'line-color': '#cf1322', 'line-width': 5 } },
        {
          id: 'route-ends',
          type: 'circle',
          source: 'route-ends',
          paint: { 'circle-radius': 6, 'circle-color': ['get', 'color'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
        },
      ],
    });
    if (!m) {
      setFailed(true);
      return;
    }
    map.current = m;
    m.on('load', () => {
      el.setAttribute('data-map-loaded', 'true');
      setBuilt((b) => b + 1);
    });
    return () => {
      map.current = null;
      m.remove();
    };
  }, [data]);

  useEffect(() => {
    const m = map.current;
    const el = container.current;
    if (!m || !el || !built) return;
    const areas: unknown[] = [];
    for (const c of track?.corridors ?? []) {
      areas.push({
        type: 'Feature',
        properties: { color: '#1677ff', opacity: 0.1 },
        geometry: toDisplay({ type: 'MultiPolygon', coordinates: c.outline as number[][][][] }, crs),
      });
    }
    for (const s of track?.sites ?? []) {
      areas.push({
        type: 'Feature',
        properties: { color: SITE_COLOR[s.kind], opacity: 0.3 },
        geometry: toDisplay({ type: 'MultiPolygon', coordinates: s.outline as number[][][][] }, crs),
      });
    }
    const max = Math.max(1, ...(heat?.cells ?? []).map((c) => c.count));
    for (const c of heat?.cells ?? []) {
      areas.push({
        type: 'Feature',
        properties: { color: '#f5222d', opacity: 0.15 + 0.6 * (c.count / max) },
        geometry: toDisplay({ type: 'Polygon', coordinates: [c.ring] }, crs),
      });
    }
    const line = (pts: number[][]) =>
      ({
        type: 'FeatureCollection',
        features:
          pts.length > 1
            ? [
                {
                  type: 'Feature',
                  properties: {},
                  geometry: { type: 'LineString', coordinates: pts.map((p) => pointToDisplay(p[1]!, p[2]!, crs)) },
                },
              ]
            : [],
      }) as unknown as GeoJSONData;
    const all = track?.points ?? [];
    // The stretch with the fix before and after it, so that a stretch of one fix is still drawn as a line.
    const first = stretch ? all.findIndex((p) => p[0] >= stretch.from) : -1;
    const after = stretch ? all.findIndex((p) => p[0] > stretch.to) : -1;
    const part = first < 0 ? [] : all.slice(Math.max(0, first - 1), after < 0 ? all.length : after + 1);
    const set = (id: string, d: GeoJSONData) => (m.getSource(id) as { setData: (x: GeoJSONData) => void } | undefined)?.setData(d);
    set('areas', { type: 'FeatureCollection', features: areas } as unknown as GeoJSONData);
    // Each permit's approved route: a line along its corridor, its start and end marked.
    const routes = (track?.corridors ?? []).filter((c) => c.route.length > 1);
    set('routes', {
      type: 'FeatureCollection',
      features: routes.map((c) => ({
        type: 'Feature',
        properties: { permit: c.permitNumber },
        geometry: { type: 'LineString', coordinates: c.route.map((p) => pointToDisplay(p[0]!, p[1]!, crs)) },
      })),
    } as unknown as GeoJSONData);
    set('route-ends', {
      type: 'FeatureCollection',
      features: routes.flatMap((c) =>
        [
          { at: c.route[0]!, color: '#52c41a', end: 'start' },
          { at: c.route.at(-1)!, color: '#cf1322', end: 'end' },
        ].map((e) => ({
          type: 'Feature',
          properties: { permit: c.permitNumber, color: e.color, end: e.end },
          geometry: { type: 'Point', coordinates: pointToDisplay(e.at[0]!, e.at[1]!, crs) },
        })),
      ),
    } as unknown as GeoJSONData);
    el.setAttribute('data-route-lines', String(routes.length));
    set('track', line(all));
    set('stretch', line(part));
    el.setAttribute('data-track-points', String(all.length));
    el.setAttribute('data-stretch-points', String(part.length));
    el.setAttribute('data-heat-cells', String(heat?.cells.length ?? 0));
    // Fit the view to what is drawn: the stretch first, else the track, else the heat cells.
    const focus =
      part.length > 1
        ? part.map((p) => [p[1]!, p[2]!])
        : all.length
          ? all.map((p) => [p[1]!, p[2]!])
          : (heat?.cells ?? []).flatMap((c) => c.ring);
    if (focus.length) {
      const shown = focus.map((p) => pointToDisplay(p[0]!, p[1]!, crs));
      const lons = shown.map((p) => p[0]);
      const lats = shown.map((p) => p[1]);
      m.fitBounds(
        [
          [Math.min(...lons), Math.min(...lats)],
          [Math.max(...lons), Math.max(...lats)],
        ],
        { padding: 40, maxZoom: 16, duration: 0 },
      );
    }
  }, [track, stretch, heat, crs, built]);

  if (failed) {
    return (
      <div data-testid={testId} data-map-failed="true" style={{ padding: 12, color: '#8c8c8c' }}>
        {unavailableText}
      </div>
    );
  }
  return <div ref={container} data-testid={testId} style={{ width: '100%', height, borderRadius: 6, overflow: 'hidden' }} />;
}
