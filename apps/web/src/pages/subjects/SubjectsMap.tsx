// The registry on a map: the subjects inside the window (GET /api/v1/subjects/map), one dot each, coloured by risk
// level; a click opens the subject. Reloaded when the map stops moving. Loaded lazily (maplibre-gl).
import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import type { CoordinateSystemCode, SubjectMapPage } from '@chengguan/contracts';
import { convertPoint } from '@chengguan/domain';
import type { MapData } from '../../map/map-data.ts';
import { createBaseMap, displayCrs } from '../../map/map-setup.ts';
import { subjectApi } from '../../api/subjects.ts';

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
  const crs: CoordinateSystemCode = displayCrs(data);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const m = createBaseMap(el, data, {
      sources: { subjects: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
      layers: [
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
    });
    if (!m) {
      setFailed(true);
      return;
    }
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
