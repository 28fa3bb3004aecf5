// The registry on a map: the subjects inside the window (GET /api/v1/subjects/map), one dot each, coloured by risk
// level; a click opens the subject. Reloaded when the map stops moving. Loaded lazily (maplibre-gl).
import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { CoordinateSystemCode, SubjectMapPage } from '@chengguan/contracts';
import { convertPoint } from '@chengguan/domain';
import type { MapData } from '../../map/map-data.ts';
import { subjectApi } from '../../api/subjects.ts';

setWorkerUrl(workerUrl);

export const RISK_COLOURS: Record<string, string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' };

type Props = {
  data: MapData;
  kind?: string;
  riskLevel?: string;
  onOpen: (id: string) => void;
  onLoaded: (page: SubjectMapPage) => void;
  unavailableText: string;
};

export default function SubjectsMap({ data, kind, riskLevel, onOpen, onLoaded, unavailableText }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const open = useRef(onOpen);
  open.current = onOpen;
  const loaded = useRef(onLoaded);
  loaded.current = onLoaded;
  const crs: CoordinateSystemCode = data.config.baseMap?.crs ?? 'wgs84';

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const base = data.config.baseMap;
    const style: StyleSpecification = {
      version: 8,
      sources: {
        ...(base
          ? { base: { type: 'raster', tiles: base.tiles, tileSize: 256, maxzoom: base.maxZoom, attribution: base.attribution } }
          : {}),
        subjects: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      },
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': '#f5f7fa' } },
        ...(base ? [{ id: 'base', type: 'raster' as const, source: 'base' }] : []),
        {
          id: 'subjects',
          type: 'circle',
          source: 'subjects',
          paint: {
            'circle-radius': 6,
            'circle-color': ['coalesce', ['get', 'colour'], '#8c8c8c'],
            'circle-stroke-color': '#fff',
            'circle-stroke-width': 1.5,
          },
        },
      ],
    };
    const [w, s, e, n] = data.config.bounds as [number, number, number, number];
    let m: MapLibreMap;
    try {
      m = new MapLibreMap({
        container: el,
        style,
        bounds: [convertPoint([w, s], 'wgs84', crs), convertPoint([e, n], 'wgs84', crs)],
        attributionControl: base ? { compact: true } : false,
        dragRotate: false,
        maxZoom: base?.maxZoom ?? 18,
      });
    } catch {
      setFailed(true);
      return;
    }
    m.on('error', () => undefined);
    let ctrl: AbortController | null = null;
    const reload = () => {
      const b = m.getBounds();
      const sw = convertPoint([b.getWest(), b.getSouth()], crs, 'wgs84');
      const ne = convertPoint([b.getEast(), b.getNorth()], crs, 'wgs84');
      const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
      ctrl?.abort();
      ctrl = new AbortController();
      subjectApi
        .map(
          {
            minLon: clamp(sw[0], -180, 180),
            minLat: clamp(sw[1], -90, 90),
            maxLon: clamp(ne[0], -180, 180),
            maxLat: clamp(ne[1], -90, 90),
            ...(kind ? { kind: kind as never } : {}),
            ...(riskLevel ? { riskLevel } : {}),
          },
          ctrl.signal,
        )
        .then((page) => {
          const source = m.getSource('subjects') as GeoJSONSource | undefined;
          source?.setData({
            type: 'FeatureCollection',
            features: page.items.map((p) => ({
              type: 'Feature',
              geometry: { type: 'Point', coordinates: convertPoint([p.lon, p.lat], 'wgs84', crs) },
              properties: { id: p.id, name: p.name, colour: p.riskLevel ? (RISK_COLOURS[p.riskLevel] ?? null) : null },
            })),
          });
          el.setAttribute('data-points', String(page.items.length));
          el.setAttribute('data-point-ids', page.items.map((p) => p.id).join(' '));
          loaded.current(page);
        })
        .catch(() => undefined);
    };
    m.on('load', () => {
      el.setAttribute('data-map-loaded', 'true');
      reload();
    });
    m.on('moveend', reload);
    m.on('click', 'subjects', (ev) => {
      const id = ev.features?.[0]?.properties?.id as string | undefined;
      if (id) open.current(id);
    });
    m.on('mouseenter', 'subjects', () => (m.getCanvas().style.cursor = 'pointer'));
    m.on('mouseleave', 'subjects', () => (m.getCanvas().style.cursor = ''));
    return () => {
      ctrl?.abort();
      m.remove();
    };
  }, [data, crs, kind, riskLevel]);

  if (failed)
    return (
      <div data-testid="subjects-map" data-map-failed="true" style={{ padding: 12, color: '#8c8c8c' }}>
        {unavailableText}
      </div>
    );
  return <div ref={container} data-testid="subjects-map" style={{ width: '100%', height: 520, borderRadius: 6, overflow: 'hidden' }} />;
}
