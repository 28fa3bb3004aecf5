// A squad's service area on the map: the saved area (blue outline) and the one being edited (orange), the view fitted
// to them. Areas are WGS-84; the map converts them to the base map's system (GCJ-02 for Chinese base maps). Loaded
// lazily (maplibre-gl).
import { useEffect, useRef, useState } from 'react';
import { LngLatBounds, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { CoordinateSystemCode } from '@chengguan/contracts';
import type { MapData } from '../../map/map-data.ts';
import { createBaseMap, displayCrs, toDisplay, type AreaGeometry } from '../../map/map-setup.ts';

export type { AreaGeometry };

type Props = { data: MapData; saved: AreaGeometry | null; draft: AreaGeometry | null; unavailableText: string };

const collection = (g: AreaGeometry | null, crs: CoordinateSystemCode) => ({
  type: 'FeatureCollection' as const,
  features: g ? [{ type: 'Feature' as const, geometry: toDisplay(g, crs), properties: {} }] : [],
});

function positions(g: AreaGeometry): number[][] {
  return g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
}

export default function SquadAreaMap({ data, saved, draft, unavailableText }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(0);
  const crs: CoordinateSystemCode = displayCrs(data);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const m = createBaseMap(el, data, {
      sources: {
        districts: { type: 'geojson', data: collection(null, crs) },
        saved: { type: 'geojson', data: collection(null, crs) },
        draft: { type: 'geojson', data: collection(null, crs) },
      },
      layers: [
        { id: 'districts', type: 'line', source: 'districts', paint: { 'line-color': '#bfbfbf', 'line-width': 1 } },
        { id: 'saved', type: 'line', source: 'saved', paint: { 'line-color': '#1677ff', 'line-width': 2 } },
        { id: 'draft-fill', type: 'fill', source: 'draft', paint: { 'fill-color': '#fa8c16', 'fill-opacity': 0.2 } },
        { id: 'draft', type: 'line', source: 'draft', paint: { 'line-color': '#fa8c16', 'line-width': 2, 'line-dasharray': [2, 1] } },
      ],
    });
    if (!m) {
      setFailed(true);
      return;
    }
    m.on('load', () => {
      (m.getSource('districts') as GeoJSONSource | undefined)?.setData({
        type: 'FeatureCollection',
        features: data.districts.features.map((f) => ({
          type: 'Feature',
          geometry: toDisplay(f.geometry as AreaGeometry, crs),
          properties: {},
        })),
      });
      el.setAttribute('data-map-loaded', 'true');
      map.current = m;
      setReady((r) => r + 1);
    });
    return () => {
      map.current = null;
      m.remove();
    };
  }, [data, crs]);

  // The areas, whenever they change: drawn, and the view fitted to the one being edited (else the saved one).
  useEffect(() => {
    const m = map.current;
    const el = container.current;
    if (!m || !el) return;
    (m.getSource('saved') as GeoJSONSource | undefined)?.setData(collection(saved, crs));
    (m.getSource('draft') as GeoJSONSource | undefined)?.setData(collection(draft, crs));
    el.setAttribute('data-saved', saved ? 'true' : 'false');
    el.setAttribute('data-draft', draft ? 'true' : 'false');
    const shown = draft ?? saved;
    if (!shown) return;
    const bounds = new LngLatBounds();
    for (const p of positions(toDisplay(shown, crs))) bounds.extend([p[0]!, p[1]!]);
    if (!bounds.isEmpty()) m.fitBounds(bounds, { padding: 24, duration: 0, maxZoom: 16 });
  }, [saved, draft, crs, ready]);

  if (failed)
    return (
      <div data-testid="squad-area-map" data-map-failed="true" style={{ padding: 12, color: '#8c8c8c' }}>
        {unavailableText}
      </div>
    );
  return <div ref={container} data-testid="squad-area-map" style={{ width: '100%', height: 360, borderRadius: 6, overflow: 'hidden' }} />;
}
