// 综合指挥's map (loaded lazily with maplibre-gl): the squads' service areas, the duplicate proposals (a dashed line
// from the later ticket to the earlier one it may be merged into), the open tickets coloured by clock, and any number
// of point overlays — each one prop entry (the command page passes the officers on duty from the duty positions).
// A click on a ticket selects it (the queue shows and acts on the same ticket).
import { useEffect, useRef, useState } from 'react';
import { Popup, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { CommandMap as CommandMapData } from '@chengguan/contracts';
import type { MapData } from './map-data.ts';
import { CLOCK_LEGEND } from './clock-colours.ts';
import { createBaseMap, displayCrs, EMPTY_COLLECTION, pointToDisplay, toDisplay, type AreaGeometry } from './map-setup.ts';

/** A point of an overlay, in WGS-84; `detail` is a second line of its popup. */
export type OverlayPoint = { id: string; lon: number; lat: number; label?: string; detail?: string };
/** One more layer of points: loaded when the map is ready and every `refreshMs` (if given). */
export type MapOverlay = {
  id: string;
  colour: string;
  legend?: string;
  load: (signal: AbortSignal) => Promise<OverlayPoint[]>;
  refreshMs?: number;
  /** A click on a point opens a popup: its label, its detail and a link (text and what it opens). */
  link?: { text: string; open: (id: string, label: string) => void };
  /** Off until the user turns it on (a layer of thousands of points). */
  startHidden?: boolean;
  /** The page offers a search of this layer's points by label, with this placeholder. */
  finder?: string;
};

/** A point of an overlay to show: the map centres on it and opens its popup (`seq` repeats the same point). */
export type OverlayFocus = { overlayId: string; pointId: string; seq: number };

/** The popup of an overlay point: built as DOM (never HTML from data), the link calls back into the console. */
function popupContent(label: string, detail: string, link: NonNullable<MapOverlay['link']>, id: string): HTMLElement {
  const box = document.createElement('div');
  box.setAttribute('data-testid', 'map-popup');
  const title = document.createElement('div');
  title.style.fontWeight = '600';
  title.textContent = label;
  box.appendChild(title);
  if (detail) {
    const d = document.createElement('div');
    d.textContent = detail;
    box.appendChild(d);
  }
  const a = document.createElement('a');
  a.href = '#';
  a.textContent = link.text;
  a.setAttribute('data-testid', 'map-popup-link');
  a.onclick = (e) => {
    e.preventDefault();
    link.open(id, label);
  };
  box.appendChild(a);
  return box;
}

function openPopup(m: MapLibreMap, at: [number, number], label: string, detail: string, link: NonNullable<MapOverlay['link']>, id: string) {
  return new Popup({ closeButton: true })
    .setLngLat(at)
    .setDOMContent(popupContent(label, detail, link, id))
    .addTo(m);
}

const CLOCK_COLOURS: Record<string, string> = Object.fromEntries(CLOCK_LEGEND);

type Props = {
  data: MapData;
  content: CommandMapData | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  overlays?: readonly MapOverlay[];
  /** The overlays turned off (their points are neither drawn nor loaded). */
  hiddenOverlays?: readonly string[];
  focus?: OverlayFocus | null;
  /** Each overlay's points as loaded (the page's finder lists them). */
  onOverlayPoints?: (overlayId: string, points: readonly OverlayPoint[]) => void;
  height?: number;
  unavailableText: string;
};

export default function CommandMap({
  data,
  content,
  selectedId,
  onSelect,
  overlays = [],
  hiddenOverlays = [],
  focus = null,
  onOverlayPoints,
  height = 560,
  unavailableText,
}: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(0);
  const [failed, setFailed] = useState(false);
  const select = useRef(onSelect);
  select.current = onSelect;
  const crs = displayCrs(data);
  const overlayKey = overlays.map((o) => `${o.id}:${o.colour}`).join(',');
  const hiddenKey = [...hiddenOverlays].sort().join(',');
  const points = useRef<Record<string, readonly OverlayPoint[]>>({});
  const reportPoints = useRef(onOverlayPoints);
  reportPoints.current = onOverlayPoints;
  const popup = useRef<Popup | null>(null);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const overlaySources = Object.fromEntries(
      overlays.map((o) => [`overlay-${o.id}`, { type: 'geojson' as const, data: EMPTY_COLLECTION }]),
    );
    const m = createBaseMap(el, data, {
      sources: {
        areas: { type: 'geojson', data: EMPTY_COLLECTION },
        duplicates: { type: 'geojson', data: EMPTY_COLLECTION },
        tickets: { type: 'geojson', data: EMPTY_COLLECTION },
        ...overlaySources,
      },
      layers: [
        { id: 'area-fill', type: 'fill', source: 'areas', paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.05 } },
        { id: 'area-line', type: 'line', source: 'areas', paint: { 'line-color': '#1677ff', 'line-width': 1.2 } },
        {
          id: 'duplicates',
          type: 'line',
          source: 'duplicates',
          paint: { 'line-color': '#d46b08', 'line-width': 2, 'line-dasharray': [2, 1] },
        },
        {
          id: 'tickets',
          type: 'circle',
          source: 'tickets',
          paint: {
            'circle-radius': ['case', ['==', ['get', 'selected'], true], 10, 6],
            'circle-color': ['coalesce', ['get', 'colour'], '#8c8c8c'],
            'circle-stroke-color': ['case', ['==', ['get', 'selected'], true], '#000', '#fff'],
            'circle-stroke-width': ['case', ['==', ['get', 'selected'], true], 2.5, 1.5],
          },
        },
        ...overlays.map((o) => ({
          id: `overlay-${o.id}`,
          type: 'circle' as const,
          source: `overlay-${o.id}`,
          paint: { 'circle-radius': 5, 'circle-color': o.colour, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
        })),
      ],
    });
    if (!m) {
      setFailed(true);
      return;
    }
    m.on('load', () => {
      el.setAttribute('data-map-loaded', 'true');
      map.current = m;
      setReady((r) => r + 1);
    });
    m.on('click', 'tickets', (ev) => {
      const id = ev.features?.[0]?.properties?.id as string | undefined;
      if (id) select.current(id);
    });
    for (const o of overlays) {
      const link = o.link;
      if (!link) continue;
      const layer = `overlay-${o.id}`;
      m.on('click', layer, (ev) => {
        const f = ev.features?.[0];
        const props = (f?.properties ?? {}) as { id?: string; label?: string; detail?: string };
        if (!f || !props.id || f.geometry.type !== 'Point') return;
        popup.current?.remove();
        popup.current = openPopup(m, f.geometry.coordinates as [number, number], props.label ?? '', props.detail ?? '', link, props.id);
      });
      m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
    }
    m.on('mouseenter', 'tickets', () => (m.getCanvas().style.cursor = 'pointer'));
    m.on('mouseleave', 'tickets', () => (m.getCanvas().style.cursor = ''));
    return () => {
      map.current = null;
      m.remove();
    };
    // Built once per map data and set of overlays; the content follows below.
  }, [data, crs, overlayKey]);

  // The areas, the duplicate lines and the tickets, whenever they or the selection change.
  useEffect(() => {
    const m = map.current;
    const el = container.current;
    if (!m || !el || !content) return;
    (m.getSource('areas') as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: content.areas.map((a) => ({
        type: 'Feature',
        geometry: toDisplay(a.geometry as AreaGeometry, crs),
        properties: { orgId: a.orgId, name: a.orgName },
      })),
    });
    (m.getSource('duplicates') as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: content.duplicates.map((d) => ({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [pointToDisplay(d.from[0], d.from[1], crs), pointToDisplay(d.to[0], d.to[1], crs)] },
        properties: { ticketId: d.ticketId, parentId: d.parentId },
      })),
    });
    (m.getSource('tickets') as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: content.tickets.map((t) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: pointToDisplay(t.lon, t.lat, crs) },
        properties: { id: t.id, number: t.number, colour: CLOCK_COLOURS[t.clock] ?? null, selected: t.id === selectedId },
      })),
    });
    el.setAttribute('data-points', String(content.tickets.length));
    el.setAttribute('data-areas', String(content.areas.length));
    el.setAttribute('data-duplicates', String(content.duplicates.length));
    const sel = selectedId ? content.tickets.find((t) => t.id === selectedId) : undefined;
    if (sel) {
      const p = pointToDisplay(sel.lon, sel.lat, crs);
      if (!m.getBounds().contains(p)) m.easeTo({ center: p, duration: 0 });
    }
  }, [content, selectedId, crs, ready]);

  // Overlays: loaded when the map is ready and they are on, refreshed on their own period.
  useEffect(() => {
    const m = map.current;
    const el = container.current;
    if (!m || !el || overlays.length === 0) return;
    const ctrl = new AbortController();
    const timers: ReturnType<typeof setInterval>[] = [];
    for (const o of overlays) {
      const hidden = hiddenOverlays.includes(o.id);
      if (m.getLayer(`overlay-${o.id}`)) m.setLayoutProperty(`overlay-${o.id}`, 'visibility', hidden ? 'none' : 'visible');
      if (hidden) {
        el.removeAttribute(`data-overlay-${o.id}`);
        continue;
      }
      const load = () =>
        o
          .load(ctrl.signal)
          .then((loaded) => {
            points.current[o.id] = loaded;
            reportPoints.current?.(o.id, loaded);
            (m.getSource(`overlay-${o.id}`) as GeoJSONSource | undefined)?.setData({
              type: 'FeatureCollection',
              features: loaded.map((p) => ({
                type: 'Feature',
                geometry: { type: 'Point', coordinates: pointToDisplay(p.lon, p.lat, crs) },
                properties: { id: p.id, label: p.label ?? null, detail: p.detail ?? null },
              })),
            });
            el.setAttribute(`data-overlay-${o.id}`, String(loaded.length));
          })
          .catch(() => undefined);
      void load();
      if (o.refreshMs) timers.push(setInterval(() => void load(), o.refreshMs));
    }
    return () => {
      ctrl.abort();
      timers.forEach(clearInterval);
    };
  }, [overlayKey, hiddenKey, crs, ready]);

  // A point the page asks for: centred, its popup open.
  useEffect(() => {
    const m = map.current;
    if (!m || !focus) return;
    const o = overlays.find((x) => x.id === focus.overlayId);
    const p = points.current[focus.overlayId]?.find((x) => x.id === focus.pointId);
    if (!o || !p) return;
    const at = pointToDisplay(p.lon, p.lat, crs);
    m.jumpTo({ center: at, zoom: Math.max(m.getZoom(), 15) });
    popup.current?.remove();
    if (o.link) popup.current = openPopup(m, at, p.label ?? '', p.detail ?? '', o.link, p.id);
  }, [focus?.seq, ready]);

  if (failed)
    return (
      <div data-testid="command-map" data-map-failed="true" style={{ padding: 12, color: '#8c8c8c' }}>
        {unavailableText}
      </div>
    );
  return <div ref={container} data-testid="command-map" style={{ width: '100%', height, borderRadius: 6, overflow: 'hidden' }} />;
}
