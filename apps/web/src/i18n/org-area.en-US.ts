import type { OrgAreaMessageKey } from './org-area.zh-CN.ts';

export const orgAreaEnUS: Record<OrgAreaMessageKey, string> = {
  'orgArea.button': 'Service area',
  'orgArea.title': 'Service area of {name}',
  'orgArea.none': 'This squad has no service area yet: paste or read a boundary, preview it and save',
  'orgArea.mapUnavailable': 'The map cannot be shown now; you can still paste a boundary, preview it and save',
  'orgArea.legend': 'Blue: the saved area; orange: the boundary being edited',
  'orgArea.streetName': 'Street / town',
  'orgArea.streetNameRequired': 'Enter the street or town',
  'orgArea.geometry': 'Boundary (GeoJSON)',
  'orgArea.geometryHint':
    'A Polygon or MultiPolygon (WGS-84 longitude/latitude), or a Feature or FeatureCollection holding one; each ring ends where it starts',
  'orgArea.geometryRequired': 'Paste or read a boundary',
  'orgArea.notJson': 'Not a valid GeoJSON text',
  'orgArea.readFile': 'Read a boundary file',
  'orgArea.preview': 'Preview subjects inside',
  'orgArea.inside': 'Subjects inside',
  'orgArea.joining': 'Of which joining this squad',
  'orgArea.leaving': 'Leaving this squad',
  'orgArea.saved': 'Service area saved; {n} subjects changed squad with it',
};
