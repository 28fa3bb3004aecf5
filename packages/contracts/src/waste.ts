// 建筑垃圾两点一线 (construction waste, issue 14 §3–5; docs/waste.md): the register (producing sites, disposal sites,
// yards, transport companies, vehicles, 处置核准 permits with their approved route), the signed GPS feed, the day's
// analysis, its clues with their track evidence, and seizures (扣押) of vehicles.
import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDate, literals, MultilineText, Nullable, PageQuery, Text, Uuid } from './common.ts';
import { CoordinateSystemSchema, Latitude, Longitude } from './geo.ts';
import { PartyBody } from './cases.ts';

export const WASTE_SITE_KINDS = ['producing', 'disposal', 'yard'] as const;
export type WasteSiteKind = (typeof WASTE_SITE_KINDS)[number];
export const WASTE_SITE_KIND_ZH: Record<WasteSiteKind, string> = { producing: '工地', disposal: '消纳场', yard: '停车场' };

export const WASTE_CLUE_KINDS = ['no_arrival', 'deviation', 'stop', 'no_permit'] as const;
export type WasteClueKind = (typeof WASTE_CLUE_KINDS)[number];
export const WASTE_CLUE_KIND_ZH: Record<WasteClueKind, string> = {
  no_arrival: '出场未到消纳场',
  deviation: '偏离核准路线',
  stop: '非核准地点长时间停留',
  no_permit: '无核准车辆进出工地',
};
export const WASTE_CLUE_STATUSES = ['open', 'confirmed', 'dismissed'] as const;

const Plate = Text(16, { minLength: 2, description: '车牌号, e.g. 沪D·A1234' });
const Name = Text(100, { minLength: 1 });

// ---- register ----------------------------------------------------------------------------------------------------

export const WasteSite = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  bureauName: Type.String(),
  kind: literals(WASTE_SITE_KINDS),
  name: Type.String(),
  address: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  radiusM: Type.Integer(),
  cells: Type.Integer(),
  createdAt: Type.String(),
});
export type WasteSite = Static<typeof WasteSite>;

export const CreateWasteSiteBody = Type.Object({
  bureauId: Uuid,
  kind: literals(WASTE_SITE_KINDS),
  name: Name,
  address: Text(200, { minLength: 1 }),
  lon: Longitude,
  lat: Latitude,
  crs: CoordinateSystemSchema,
  radiusM: Int(20, 2000),
});
export type CreateWasteSiteBody = Static<typeof CreateWasteSiteBody>;

export const WasteSiteQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  kind: Type.Optional(literals(WASTE_SITE_KINDS)),
  q: Type.Optional(Text(50)),
  ...PageQuery,
});
export type WasteSiteQuery = Static<typeof WasteSiteQuery>;

export const WasteCompany = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  bureauName: Type.String(),
  name: Type.String(),
  creditCode: Type.String(),
  licenceNo: Type.String(),
  licenceValidUntil: Type.String(),
  licenceStatus: literals(['valid', 'revoked'] as const),
  vehicles: Type.Integer(),
  createdAt: Type.String(),
});
export type WasteCompany = Static<typeof WasteCompany>;

export const CreateWasteCompanyBody = Type.Object({
  bureauId: Uuid,
  name: Name,
  creditCode: Code('^[0-9A-HJ-NPQRTUWXY]{18}$', 18, '统一社会信用代码, 18 characters'),
  licenceNo: Text(40, { minLength: 1 }),
  licenceValidUntil: IsoDate,
});
export type CreateWasteCompanyBody = Static<typeof CreateWasteCompanyBody>;

export const WasteCompanyQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  licenceStatus: Type.Optional(literals(['valid', 'revoked'] as const)),
  q: Type.Optional(Text(50)),
  ...PageQuery,
});
export type WasteCompanyQuery = Static<typeof WasteCompanyQuery>;

export const WasteVehicle = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  plate: Type.String(),
  companyId: Uuid,
  companyName: Type.String(),
  licenceNo: Type.String(),
  licenceValidUntil: Type.String(),
  status: literals(['active', 'seized'] as const),
  createdAt: Type.String(),
});
export type WasteVehicle = Static<typeof WasteVehicle>;

export const CreateWasteVehicleBody = Type.Object({
  companyId: Uuid,
  plate: Plate,
  licenceNo: Text(40, { minLength: 1 }),
  licenceValidUntil: IsoDate,
});
export type CreateWasteVehicleBody = Static<typeof CreateWasteVehicleBody>;

export const WasteVehicleQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  companyId: Type.Optional(Uuid),
  status: Type.Optional(literals(['active', 'seized'] as const)),
  q: Type.Optional(Text(50)),
  ...PageQuery,
});
export type WasteVehicleQuery = Static<typeof WasteVehicleQuery>;

const RoutePoint = Type.Tuple([Longitude, Latitude]);

export const WastePermit = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  number: Type.String(),
  producingSiteId: Uuid,
  producingSiteName: Type.String(),
  disposalSites: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  companyId: Uuid,
  companyName: Type.String(),
  plates: Type.Array(Type.String()),
  /** WGS-84. */
  route: Type.Array(Type.Array(Type.Number())),
  corridorM: Type.Integer(),
  corridorCells: Type.Integer(),
  validFrom: Type.String(),
  validUntil: Type.String(),
  status: literals(['valid', 'revoked'] as const),
  createdAt: Type.String(),
});
export type WastePermit = Static<typeof WastePermit>;

export const CreateWastePermitBody = Type.Object({
  number: Text(40, { minLength: 1 }),
  producingSiteId: Uuid,
  /** W1: at least one (checked with the rule, not the schema, so the refusal cites it). */
  disposalSiteIds: Type.Array(Uuid, { maxItems: 10, uniqueItems: true }),
  companyId: Uuid,
  vehicleIds: Type.Array(Uuid, { maxItems: 500, uniqueItems: true }),
  route: Type.Array(RoutePoint, { maxItems: 500 }),
  crs: CoordinateSystemSchema,
  /** Half-width of the corridor either side of the route, metres. */
  corridorM: Int(30, 1000),
  validFrom: IsoDate,
  validUntil: IsoDate,
});
export type CreateWastePermitBody = Static<typeof CreateWastePermitBody>;

export const WastePermitQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  companyId: Type.Optional(Uuid),
  validOn: Type.Optional(IsoDate),
  q: Type.Optional(Text(50)),
  ...PageQuery,
});
export type WastePermitQuery = Static<typeof WastePermitQuery>;

// ---- GPS feed ----------------------------------------------------------------------------------------------------

/** One fix of a truck's terminal: WGS-84, `at` in Unix milliseconds. Any number is accepted: cleaning counts bad ones. */
export const GpsFixBody = Type.Object({
  plate: Plate,
  at: Type.Number({ minimum: 0, maximum: 1e14 }),
  /** Wider than the globe on purpose: a fix outside the valid range is counted as invalid by the cleaning, not refused. */
  lng: Type.Number({ minimum: -1000, maximum: 1000 }),
  lat: Type.Number({ minimum: -1000, maximum: 1000 }),
});
export type GpsFixBody = Static<typeof GpsFixBody>;

/** A batch from the GPS platform, signed (HMAC-SM3); the same batch id is taken once. */
export const GpsBatch = Type.Object({
  batchId: Code('^[A-Za-z0-9_-]{4,64}$', 64, 'the sender’s batch id: the same id is taken once'),
  points: Type.Array(GpsFixBody, { maxItems: 50000 }),
});
export type GpsBatch = Static<typeof GpsBatch>;

export const GpsBatchCounts = Type.Object({
  received: Type.Integer(),
  kept: Type.Integer(),
  outOfOrder: Type.Integer(),
  duplicates: Type.Integer(),
  impossibleSpeed: Type.Integer(),
  invalid: Type.Integer(),
});
export type GpsBatchCounts = Static<typeof GpsBatchCounts>;

export const GpsBatchAnswer = Type.Object({ batchId: Type.String(), duplicate: Type.Boolean(), counts: GpsBatchCounts });
export type GpsBatchAnswer = Static<typeof GpsBatchAnswer>;

export const GpsFeedStatus = Type.Object({
  adapter: Type.String(),
  labelZh: Type.String(),
  simulator: Type.Boolean(),
  day: Type.String(),
  batches: Type.Integer(),
  counts: GpsBatchCounts,
  partitions: Type.Array(Type.String()),
});
export type GpsFeedStatus = Static<typeof GpsFeedStatus>;

export const SimulateGpsBody = Type.Object({
  day: IsoDate,
  /** Trucks driven: the registered vehicles with a valid permit first, then unregistered plates. */
  trucks: Int(1, 5000),
  hours: Type.Optional(Int(1, 24)),
  seed: Type.Optional(Int(0, 2 ** 31 - 1)),
});
export type SimulateGpsBody = Static<typeof SimulateGpsBody>;

export const SimulateGpsQueued = Type.Object({ jobId: Uuid });
export type SimulateGpsQueued = Static<typeof SimulateGpsQueued>;

export const SimulateGpsResult = Type.Object({ batches: Type.Integer(), points: Type.Integer(), counts: GpsBatchCounts });
export type SimulateGpsResult = Static<typeof SimulateGpsResult>;

// ---- analysis and clues ------------------------------------------------------------------------------------------

/** The shortest stop an analysis may ask for, minutes (the track summaries drop shorter runs of a cell). */
export const WASTE_MIN_STOP_MINUTES = 1;

export const RunWasteAnalysisBody = Type.Object({
  day: IsoDate,
  /** Minutes in one place outside every registered site that make a stop. */
  stopMinutes: Type.Optional(Int(WASTE_MIN_STOP_MINUTES, 600)),
  /** Minutes off the approved corridor that make a deviation. */
  deviationMinutes: Type.Optional(Int(1, 600)),
});
export type RunWasteAnalysisBody = Static<typeof RunWasteAnalysisBody>;

export const WasteAnalysisRun = Type.Object({
  id: Uuid,
  day: Type.String(),
  points: Type.Integer(),
  trips: Type.Integer(),
  clues: Type.Integer(),
  byKind: Type.Record(Type.String(), Type.Integer()),
  millis: Type.Integer(),
  /** What was read: the day's summaries made at ingest (when current), or every fix. */
  reading: literals(['summaries', 'points'] as const),
  runAt: Type.String(),
});
export type WasteAnalysisRun = Static<typeof WasteAnalysisRun>;

export const WasteClue = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  day: Type.String(),
  kind: literals(WASTE_CLUE_KINDS),
  plate: Type.String(),
  vehicleId: Nullable(Uuid),
  companyName: Nullable(Type.String()),
  siteName: Nullable(Type.String()),
  from: Type.String(),
  to: Type.String(),
  minutes: Type.Number(),
  points: Type.Integer(),
  lon: Type.Number(),
  lat: Type.Number(),
  status: literals(WASTE_CLUE_STATUSES),
  caseId: Nullable(Uuid),
  dismissReason: Nullable(Type.String()),
});
export type WasteClue = Static<typeof WasteClue>;

export const WasteClueQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  day: Type.Optional(IsoDate),
  kind: Type.Optional(literals(WASTE_CLUE_KINDS)),
  status: Type.Optional(literals(WASTE_CLUE_STATUSES)),
  plate: Type.Optional(Text(16)),
  ...PageQuery,
});
export type WasteClueQuery = Static<typeof WasteClueQuery>;

export const ConfirmWasteClueBody = Type.Object({
  offenceCode: Text(40, { minLength: 1 }),
  /** The squad that handles the case. */
  orgId: Uuid,
  party: PartyBody,
  facts: Type.Optional(MultilineText(20000, { minLength: 1 })),
});
export type ConfirmWasteClueBody = Static<typeof ConfirmWasteClueBody>;

export const DismissWasteClueBody = Type.Object({ reason: MultilineText(500, { minLength: 2 }) });
export type DismissWasteClueBody = Static<typeof DismissWasteClueBody>;

export const TrackQuery = Type.Object({ plate: Plate, day: IsoDate });
export type TrackQuery = Static<typeof TrackQuery>;

/** A vehicle's day for replay: its points in time order (WGS-84), its corridors and the registered sites it touched. */
export const WasteTrack = Type.Object({
  plate: Type.String(),
  day: Type.String(),
  /** [unix seconds, lng, lat] */
  points: Type.Array(Type.Tuple([Type.Number(), Type.Number(), Type.Number()])),
  /** Each permit's corridor (H3 outline) and its approved route, [lng, lat] from the producing site to the disposal site. */
  corridors: Type.Array(
    Type.Object({ permitNumber: Type.String(), outline: Type.Array(Type.Unknown()), route: Type.Array(Type.Array(Type.Number())) }),
  ),
  sites: Type.Array(Type.Object({ id: Uuid, name: Type.String(), kind: literals(WASTE_SITE_KINDS), outline: Type.Array(Type.Unknown()) })),
});
export type WasteTrack = Static<typeof WasteTrack>;

export const ClueHeatQuery = Type.Object({ bureauId: Type.Optional(Uuid), from: IsoDate, to: IsoDate });
export type ClueHeatQuery = Static<typeof ClueHeatQuery>;

/** Clues counted per H3 cell (resolution 8, about 0.7 km²), with the cell's outline. */
export const ClueHeat = Type.Object({
  cells: Type.Array(Type.Object({ cell: Type.String(), count: Type.Integer(), ring: Type.Array(Type.Array(Type.Number())) })),
});
export type ClueHeat = Static<typeof ClueHeat>;

// ---- seizure (扣押) ----------------------------------------------------------------------------------------------

export const SeizeVehicleBody = Type.Object({
  seizedOn: IsoDate,
  /** H1: prior approval by the agency head, or an emergency reported for approval within 24 hours. */
  emergency: Type.Boolean(),
  approvedBy: Type.Optional(Uuid),
  approvedAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type SeizeVehicleBody = Static<typeof SeizeVehicleBody>;

export const WasteSeizure = Type.Object({
  id: Uuid,
  clueId: Uuid,
  caseId: Uuid,
  vehicleId: Uuid,
  plate: Type.String(),
  seizedOn: Type.String(),
  emergency: Type.Boolean(),
  deadline: Type.String(),
  deadlineBasis: Type.String(),
  releasedOn: Nullable(Type.String()),
});
export type WasteSeizure = Static<typeof WasteSeizure>;
