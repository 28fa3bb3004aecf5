import type { MapMessageKey } from './map.zh-CN.ts';

export const mapEnUS: Record<MapMessageKey, string> = {
  'map.field': 'Place on the map',
  'map.locate': 'Use my position',
  'map.clear': 'Clear the place',
  'map.hint': 'Press “Use my position” or click the map; drag the marker to adjust',
  'map.coords': 'Longitude {lon}°, latitude {lat}°',
  'map.fromDevice': 'phone position',
  'map.fromDeviceAccuracy': 'phone position, accurate to about {m} m',
  'map.fromMap': 'picked on the map',
  'map.inDistrict': 'in {name}',
  'map.noDistrict': 'outside every district of the city',
  'map.outsideBureau': 'This place is {where}, outside the bureau’s area ({bureau}); please check',
  'map.outsideCity': 'This place lies outside the city and will be refused on saving; locate again or pick the place on the map',
  'map.denied':
    'Location permission was not given: allow this site to use your location in the browser settings, or pick the place on the map',
  'map.unavailable': 'Your position is not available right now; retry later or pick the place on the map',
  'map.unsupported': 'This browser cannot give a position; pick the place on the map',
  'map.noWebgl': 'This browser cannot draw the map; you can still use your position and type the address',
  'map.loadFailed': 'The map data did not load; you can still type the address',
  'map.boundariesOnly': 'No base map is configured: the map shows the district boundaries only',
  'map.caseTitle': 'Place of the case',
  'map.capturedWgs84': 'satellite (WGS-84) position',
  'map.capturedGcj02': 'converted from a point picked on a GCJ-02 map',
};
