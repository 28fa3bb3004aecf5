// The map itself, loaded lazily (its chunk carries maplibre-gl): the shipped district boundaries, the configured base
// map when there is one, and one marker that may be dragged — or moved by a click — when the map is editable.
// Points arrive and leave in the system they were captured in; the map converts them to the base map's system for
// display (GCJ-02 for Chinese base maps) and hands a picked point back in that system, which the server converts.
import { useEffect, useRef, useState } from 'react';
import { Marker, type Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import type { CoordinateSystemCode, DistrictFeatureCollection, GeoPointBody } from '@chengguan/contracts';
import { convertPoint } from '@chengguan/domain';
import type { MapData } from './map-data.ts';
import { createBaseMap, displayCrs } from './map-setup.ts';

export type MapViewProps = {
  data: MapData;
  value: GeoPointBody | null;
  /** Editable: a click on the map or a dragged marker answers the new point in the map's system. */
  onPick?: (point: GeoPointBody) => void;
  /** The district drawn stronger (the bureau's own). */
  highlightDistrict?: string | null;
  height?: number;
  testId: string;
  /** Shown when the browser cannot draw the map. */
  unavailableText: string;
  /** Extra polygons drawn over the districts (WGS-84): a squad's service area, its patrol areas, a draft. */
  areas?: readonly MapArea[];
  /** Extra markers (WGS-84), e.g. officers on duty; each titled for a hover or a long press. */
  points?: readonly MapPoint[];
  /** Lines (WGS-84 [lon, lat] points), e.g. a permit's approved route; drawn as one LineString layer. */
  lines?: readonly MapLine[];
};

export type MapArea = { id: string; geometry: Geometry; color: string };
export type MapPoint = { id: string; lon: number; lat: number; title: string; color?: string };
export type MapLine = { id: string; coordinates: readonly (readonly [number, number])[]; color: string };

type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

function displayDistricts(fc: DistrictFeatureCollection, crs: CoordinateSystemCode): DistrictFeatureCollection {
  if (crs === 'wgs84') return fc;
  const ring = (r: number[][]) => r.map((p) => convertPoint([p[0]!, p[1]!], 'wgs84', crs));
  return {
    ...fc,
    features: fc.features.map((f) => {
      const g = f.geometry as Geometry;
      const geometry =
        g.type === 'Polygon'
          ? { ...g, coordinates: g.coordinates.map(ring) }
          : { ...g, coordinates: g.coordinates.map((p) => p.map(ring)) };
      return { ...f, geometry };
    }),
  };
}

type GeoJSONData = Extract<StyleSpecification['sources'][string], { type: 'geojson' }>['data'];

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export default function MapView({
  data,
  value,
  onPick,
  highlightDistrict,
  height = 260,
  testId,
  unavailableText,
  areas,
  points,
  lines,
}: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [failed, setFailed] = useState(false);
  const extraMarkers = useRef<Marker[]>([]);
  // Bumped when a map is built, so the marker is placed on the new one.
  const [built, setBuilt] = useState(0);
  const crs: CoordinateSystemCode = displayCrs(data);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const base = data.config.baseMap;
    const m = createBaseMap(el, data, {
      sources: { districts: { type: 'geojson', data: displayDistricts(data.districts, crs) as unknown as GeoJSONData } },
      layers: [
        {
          id: 'district-fill',
          type: 'fill',
          source: 'districts',
          paint: {
            'fill-color': ['case', ['==', ['get', 'name'], highlightDistrict ?? ''], '#1677ff', '#8c8c8c'],
            'fill-opacity': ['case', ['==', ['get', 'name'], highlightDistrict ?? ''], 0.12, base ? 0.02 : 0.06],
          },
        },
        { id: 'district-line', type: 'line', source: 'districts', paint: { 'line-color': '#1677ff', 'line-width': 1.2 } },
      ],
    });
    if (!m) {
      setFailed(true);
      return;
    }
    map.current = m;
    setBuilt((b) => b + 1);
    m.on('load', () => el.setAttribute('data-map-loaded', 'true'));
    // What the map drew: the districts of the boundary layer now on screen (a test reads it; users see the lines).
    m.on('idle', () => {
      const names = new Set(m.queryRenderedFeatures({ layers: ['district-fill'] }).map((f) => String(f.properties.name)));
      el.setAttribute('data-rendered-districts', String(names.size));
    });
    m.on('click', (ev) => pick.current?.({ lon: round6(ev.lngLat.lng), lat: round6(ev.lngLat.lat), crs }));
    return () => {
      marker.current = null;
      map.current = null;
      m.remove();
    };
    // The map is built once per data and highlight; the marker follows `value` below.
  }, [data, crs, highlightDistrict]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!value) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const shown = convertPoint([value.lon, value.lat], value.crs, crs);
    if (!marker.current) {
      const mk = new Marker({ draggable: !!onPick, color: '#cf1322' }).setLngLat(shown).addTo(m);
      mk.getElement().setAttribute('data-testid', `${testId}-marker`);
      mk.on('dragend', () => {
        const p = mk.getLngLat();
        pick.current?.({ lon: round6(p.lng), lat: round6(p.lat), crs });
      });
      marker.current = mk;
      m.jumpTo({ center: shown, zoom: Math.max(m.getZoom(), 14) });
    } else {
      marker.current.setLngLat(shown);
      if (!m.getBounds().contains(shown)) m.jumpTo({ center: shown });
    }
  }, [value, crs, onPick, testId, built]);

  // The extra polygons: one GeoJSON source and two layers, refreshed when the list changes (once the style is loaded).
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const ring = (r: number[][]) => r.map((p) => convertPoint([p[0]!, p[1]!], 'wgs84', crs));
    const fc = {
      type: 'FeatureCollection' as const,
      features: (areas ?? []).map((a) => ({
        type: 'Feature' as const,
        properties: { id: a.id, color: a.color },
        geometry:
          a.geometry.type === 'Polygon'
            ? { type: 'Polygon' as const, coordinates: a.geometry.coordinates.map(ring) }
            : { type: 'MultiPolygon' as const, coordinates: a.geometry.coordinates.map((p) => p.map(ring)) },
      })),
    };
    const apply = () => {
      const src = m.getSource('extra-areas') as { setData?: (d: GeoJSONData) => void } | undefined;
      if (src?.setData) {
        src.setData(fc as unknown as GeoJSONData);
        return;
      }
      m.addSource('extra-areas', { type: 'geojson', data: fc as unknown as GeoJSONData });
      m.addLayer({
        id: 'extra-fill',
        type: 'fill',
        source: 'extra-areas',
        paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.15 },
      });
      m.addLayer({ id: 'extra-line', type: 'line', source: 'extra-areas', paint: { 'line-color': ['get', 'color'], 'line-width': 2 } });
    };
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [areas, crs, built]);

  // The lines: one GeoJSON source and a line layer, refreshed when the list changes (once the style is loaded).
  useEffect(() => {
    const m = map.current;
    const el = container.current;
    if (!m || !el) return;
    const drawn = (lines ?? []).filter((l) => l.coordinates.length > 1);
    const fc = {
      type: 'FeatureCollection' as const,
      features: drawn.map((l) => ({
        type: 'Feature' as const,
        properties: { id: l.id, color: l.color },
        geometry: { type: 'LineString' as const, coordinates: l.coordinates.map((p) => convertPoint([p[0], p[1]], 'wgs84', crs)) },
      })),
    };
    el.setAttribute('data-lines', String(drawn.length));
    const apply = () => {
      const src = m.getSource('extra-lines') as { setData?: (d: GeoJSONData) => void } | undefined;
      if (src?.setData) {
        src.setData(fc as unknown as GeoJSONData);
        return;
      }
      m.addSource('extra-lines', { type: 'geojson', data: fc as unknown as GeoJSONData });
      m.addLayer({
        id: 'extra-lines',
        type: 'line',
        source: 'extra-lines',
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': ['get', 'color'], 'line-width': 4, 'line-opacity': 0.85 },
      });
    };
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [lines, crs, built]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    for (const mk of extraMarkers.current) mk.remove();
    extraMarkers.current = (points ?? []).map((p) => {
      const mk = new Marker({ color: p.color ?? '#1677ff' }).setLngLat(convertPoint([p.lon, p.lat], 'wgs84', crs)).addTo(m);
      mk.getElement().setAttribute('title', p.title);
      mk.getElement().setAttribute('data-testid', `${testId}-point`);
      return mk;
    });
  }, [points, crs, testId, built]);

  if (failed) {
    return (
      <div data-testid={testId} data-map-failed="true" style={{ padding: 12, color: '#8c8c8c' }}>
        {unavailableText}
      </div>
    );
  }
  return <div ref={container} data-testid={testId} style={{ width: '100%', height, borderRadius: 6, overflow: 'hidden' }} />;
}
