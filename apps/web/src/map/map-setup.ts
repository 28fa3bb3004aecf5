// The one map setup every map of the console shares (loaded with maplibre-gl, inside the lazy map chunks): the base
// map when one is configured, the background, the view fitted to the city's bounds in the base map's system, no
// rotation, and a failure the caller shows as text. Data arrive in WGS-84 and are converted here for display
// (GCJ-02 for Chinese base maps).
import { Map as MapLibreMap, setWorkerUrl, type LayerSpecification, type SourceSpecification, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The map's worker is a file of its own beside the chunk: served from this origin (script-src 'self').
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { CoordinateSystemCode } from '@chengguan/contracts';
import { convertPoint } from '@chengguan/domain';
import type { MapData } from './map-data.ts';

setWorkerUrl(workerUrl);

export type AreaGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** The system points are drawn in: the base map's, else WGS-84. */
export function displayCrs(data: MapData): CoordinateSystemCode {
  return data.config.baseMap?.crs ?? 'wgs84';
}

/** A WGS-84 polygon in the display system. */
export function toDisplay(g: AreaGeometry, crs: CoordinateSystemCode): AreaGeometry {
  if (crs === 'wgs84') return g;
  const ring = (r: number[][]) => r.map((p) => convertPoint([p[0]!, p[1]!], 'wgs84', crs));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

/** A WGS-84 point in the display system. */
export function pointToDisplay(lon: number, lat: number, crs: CoordinateSystemCode): [number, number] {
  return convertPoint([lon, lat], 'wgs84', crs);
}

export const EMPTY_COLLECTION = { type: 'FeatureCollection' as const, features: [] };

/**
 * Builds the map in `el`: the base layers first, then the caller's sources and layers. Null when the browser cannot
 * draw it (no WebGL): the caller shows its text instead.
 */
export function createBaseMap(
  el: HTMLElement,
  data: MapData,
  extra: { sources?: Record<string, SourceSpecification>; layers?: LayerSpecification[]; interactive?: { pitch?: boolean } } = {},
): MapLibreMap | null {
  const crs = displayCrs(data);
  const base = data.config.baseMap;
  const style: StyleSpecification = {
    version: 8,
    sources: {
      ...(base ? { base: { type: 'raster', tiles: base.tiles, tileSize: 256, maxzoom: base.maxZoom, attribution: base.attribution } } : {}),
      ...(extra.sources ?? {}),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f5f7fa' } },
      ...(base ? [{ id: 'base', type: 'raster' as const, source: 'base' }] : []),
      ...(extra.layers ?? []),
    ],
  };
  const [w, s, e, n] = data.config.bounds as [number, number, number, number];
  try {
    const m = new MapLibreMap({
      container: el,
      style,
      bounds: [convertPoint([w, s], 'wgs84', crs), convertPoint([e, n], 'wgs84', crs)],
      attributionControl: base ? { compact: true } : false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxZoom: base?.maxZoom ?? 18,
    });
    m.touchZoomRotate.disableRotation();
    m.on('error', () => undefined);
    return m;
  } catch {
    return null;
  }
}
