// The place of a case on a map. Points are stored in WGS-84; a point picked on a GCJ-02 base map is sent with
// `crs: 'gcj02'` and converted by the server. The base map is a server setting (MAP_TILE_URL …); without one the
// console draws only the shipped district boundaries, so a map needs no network.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Uuid } from './common.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const COORDINATE_SYSTEM_CODES = ['wgs84', 'gcj02'] as const;
export type CoordinateSystemCode = (typeof COORDINATE_SYSTEM_CODES)[number];
export const CoordinateSystemSchema = Type.Union(COORDINATE_SYSTEM_CODES.map((c) => Type.Literal(c)));

export const Longitude = Type.Number({ minimum: -180, maximum: 180, description: 'degrees east' });
export const Latitude = Type.Number({ minimum: -90, maximum: 90, description: 'degrees north' });

/** A point as captured: the phone's position (wgs84) or a point picked on the map (the base map's system). */
export const GeoPointBody = Type.Object({ lon: Longitude, lat: Latitude, crs: CoordinateSystemSchema });
export type GeoPointBody = Static<typeof GeoPointBody>;

/** Where a point lies: the district (from the shipped boundaries) and whether that is the bureau's own area. */
export const PlaceInfo = Type.Object({
  /** WGS-84. */
  lon: Type.Number(),
  lat: Type.Number(),
  /** Inside the city's bounding box (the districts' box with a margin): a case point outside it is refused. */
  withinCity: Type.Boolean(),
  /** The district the point lies in, or null outside every district. */
  district: Nullable(Type.String()),
  /** The district of the bureau the case (or the form's squad) belongs to; null for the city bureau. */
  bureauDistrict: Nullable(Type.String()),
  /** The point lies in the bureau's district (for the city bureau: in any district). */
  inBureauArea: Type.Boolean(),
});
export type PlaceInfo = Static<typeof PlaceInfo>;

/** The case's point as stored, with where it lies. */
export const CasePoint = Type.Composite([PlaceInfo, Type.Object({ capturedCrs: CoordinateSystemSchema })]);
export type CasePoint = Static<typeof CasePoint>;

export const LocateQuery = Type.Object({
  lon: Longitude,
  lat: Latitude,
  crs: CoordinateSystemSchema,
  /** The squad the form registers for; defaults to the user's own unit. */
  orgId: Type.Optional(Uuid),
});
export type LocateQuery = Static<typeof LocateQuery>;

export const MapConfig = Type.Object({
  /** The configured base map, or null: the console then draws the district boundaries alone. */
  baseMap: Nullable(
    Type.Object({
      /** Tile URL templates with {z}, {x} and {y}. */
      tiles: Type.Array(Type.String()),
      attribution: Type.String(),
      /** The system the tiles are drawn in; points and boundaries are converted to it for display. */
      crs: CoordinateSystemSchema,
      maxZoom: Type.Integer(),
    }),
  ),
  /** [west, south, east, north] of the city in WGS-84 (the bounds a case point must lie in). */
  bounds: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  /** What the shipped boundaries are and where they come from. */
  boundarySource: Type.String(),
});
export type MapConfig = Static<typeof MapConfig>;

export const DistrictFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      properties: Type.Object({ name: Type.String() }),
      /** Polygon or MultiPolygon in WGS-84. */
      geometry: Type.Unknown(),
    }),
  ),
});
export type DistrictFeatureCollection = Static<typeof DistrictFeatureCollection>;
