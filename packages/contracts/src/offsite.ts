// 非现场执法 (REQUIREMENTS.md R5; docs/offsite.md): the device register (A5, 处罚法 Art. 41), the signed device intake,
// the review queue where one reviewer does the technical and the legal check together (二审合一), and the scenes.
import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Sm3Hex, Text, Uuid } from './common.ts';
import { PartyBody } from './cases.ts';

export const OFFSITE_DEVICE_KINDS = ['camera', 'drone', 'hangar', 'iot_sensor', 'body_camera'] as const;
export const OFFSITE_DEVICE_STATUSES = ['active', 'suspended', 'retired'] as const;
export const OFFSITE_REVIEW_STATES = ['pending', 'confirmed', 'dismissed'] as const;
export const OFFSITE_DELIVERY_STATUSES = ['accepted', 'refused'] as const;

const SceneCode = Code('^[a-z0-9_]{2,30}$', 30, 'scene code');
const DeviceCode = Code('^[A-Za-z0-9_-]{2,40}$', 40, 'device code');
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });

/** A scene of off-site enforcement and the law matter it enforces. */
export const OffsiteScene = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  offenceCode: Nullable(Type.String()),
  pudongListed: Type.Boolean(),
  windowHours: Type.Integer(),
  active: Type.Boolean(),
});
export type OffsiteScene = Static<typeof OffsiteScene>;
export const UpdateOffsiteSceneBody = Type.Object({
  name: Type.Optional(Text(40, { minLength: 1 })),
  offenceCode: Type.Optional(Nullable(Text(40, { minLength: 1 }))),
  pudongListed: Type.Optional(Type.Boolean()),
  windowHours: Type.Optional(Int(1, 24 * 30)),
  active: Type.Optional(Type.Boolean()),
});
export type UpdateOffsiteSceneBody = Static<typeof UpdateOffsiteSceneBody>;
export const SceneCodeParams = Type.Object({ code: SceneCode });

/** One condition of A5 / E11 the device fails for a scene today. */
export const DeviceFitnessIssue = Type.Object({
  ruleId: Type.String(),
  basis: Type.String(),
  field: Type.String(),
  scene: Nullable(Type.String()),
  message: Type.String(),
  messageEn: Type.String(),
});
export type DeviceFitnessIssue = Static<typeof DeviceFitnessIssue>;

const DeviceFields = {
  code: DeviceCode,
  kind: literals(OFFSITE_DEVICE_KINDS),
  name: Text(100, { minLength: 1 }),
  vendor: Type.Optional(Nullable(Text(60))),
  /** The owning squad or bureau (jurisdiction). */
  orgId: Uuid,
  address: Type.Optional(Nullable(Text(200))),
  /** Fixed devices: WGS-84. */
  lon: Type.Optional(Nullable(Lon)),
  lat: Type.Optional(Nullable(Lat)),
  /** Drones and hangars: the flight area, a ring of [lon, lat]. */
  area: Type.Optional(Nullable(Type.Array(Type.Tuple([Lon, Lat]), { minItems: 3, maxItems: 200 }))),
  scenes: Type.Array(SceneCode, { maxItems: 20, uniqueItems: true }),
  legalReviewOn: Type.Optional(Nullable(IsoDate)),
  legalReviewer: Type.Optional(Nullable(Text(50))),
  legalReviewDoc: Type.Optional(Nullable(Text(100))),
  publishedOn: Type.Optional(Nullable(IsoDate)),
  publishedWhere: Type.Optional(Nullable(Text(200))),
  certBody: Type.Optional(Nullable(Text(100))),
  certNo: Type.Optional(Nullable(Text(60))),
  certOn: Type.Optional(Nullable(IsoDate)),
  certUntil: Type.Optional(Nullable(IsoDate)),
  status: Type.Optional(literals(OFFSITE_DEVICE_STATUSES)),
  retiredOn: Type.Optional(Nullable(IsoDate)),
  /** true: the device gets its own HMAC-SM3 key (answered once); false: the vendor's key from the settings. */
  ownSecret: Type.Optional(Type.Boolean()),
};
export const CreateOffsiteDeviceBody = Type.Object(DeviceFields);
export type CreateOffsiteDeviceBody = Static<typeof CreateOffsiteDeviceBody>;
export const UpdateOffsiteDeviceBody = Type.Partial(Type.Object(DeviceFields));
export type UpdateOffsiteDeviceBody = Static<typeof UpdateOffsiteDeviceBody>;

export const OffsiteDevice = Type.Object({
  id: Uuid,
  code: Type.String(),
  kind: literals(OFFSITE_DEVICE_KINDS),
  name: Type.String(),
  vendor: Nullable(Type.String()),
  orgId: Uuid,
  orgName: Type.String(),
  address: Nullable(Type.String()),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  area: Nullable(Type.Array(Type.Array(Type.Number()))),
  scenes: Type.Array(Type.String()),
  legalReviewOn: Nullable(Type.String()),
  legalReviewer: Nullable(Type.String()),
  legalReviewDoc: Nullable(Type.String()),
  publishedOn: Nullable(Type.String()),
  publishedWhere: Nullable(Type.String()),
  certBody: Nullable(Type.String()),
  certNo: Nullable(Type.String()),
  certOn: Nullable(Type.String()),
  certUntil: Nullable(Type.String()),
  status: literals(OFFSITE_DEVICE_STATUSES),
  retiredOn: Nullable(Type.String()),
  ownSecret: Type.Boolean(),
  /** A5 / E11 today: what is missing for each of its scenes; empty when its evidence may found a case. */
  issues: Type.Array(DeviceFitnessIssue),
  usable: Type.Boolean(),
  /** Only in the answer that created the key: the device's HMAC-SM3 key (hex). */
  secretHex: Type.Optional(Type.String()),
});
export type OffsiteDevice = Static<typeof OffsiteDevice>;

export const OffsiteDeviceListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Text(60)),
  kind: Type.Optional(literals(OFFSITE_DEVICE_KINDS)),
  scene: Type.Optional(SceneCode),
  status: Type.Optional(literals(OFFSITE_DEVICE_STATUSES)),
  orgId: Type.Optional(Uuid),
  /** true: only devices whose evidence may found a case today; false: only those that fail A5. */
  usable: Type.Optional(Type.Boolean()),
});
export type OffsiteDeviceListQuery = Static<typeof OffsiteDeviceListQuery>;

// ---------------------------------------------------------------------------------------------------------
// The device intake (signed like every connector: X-Exchange-Timestamp / -Nonce / -Signature, HMAC-SM3)

export const OffsiteMediaBody = Type.Object({
  kind: literals(['image', 'video'] as const),
  /** SM3 of the bytes, computed on the device. */
  sm3: Sm3Hex,
  mime: literals(['image/jpeg', 'image/png', 'video/mp4'] as const),
  /** The bytes, base64; or omitted when the file was uploaded before and `sm3` names it. */
  dataBase64: Type.Optional(Code('^[A-Za-z0-9+/]*={0,2}$', 8_000_000, 'base64')),
});
export type OffsiteMediaBody = Static<typeof OffsiteMediaBody>;

export const OffsiteEventBody = Type.Object({
  /** The device's own id of the event: the same id delivered again is one event (idempotency). */
  eventId: Code('^[A-Za-z0-9_.:-]{4,80}$', 80, 'event id'),
  deviceCode: DeviceCode,
  occurredAt: IsoDateTime,
  scene: SceneCode,
  lon: Type.Optional(Lon),
  lat: Type.Optional(Lat),
  address: Type.Optional(Text(200)),
  plate: Type.Optional(Text(12, { minLength: 5 })),
  /** 一店一码 of a registered subject, when the device recognised the shop. */
  subjectCode: Type.Optional(Text(40, { minLength: 1 })),
  media: Type.Array(OffsiteMediaBody, { minItems: 1, maxItems: 8 }),
});
export type OffsiteEventBody = Static<typeof OffsiteEventBody>;

export const OffsiteEventAnswer = Type.Object({
  eventId: Type.String(),
  result: literals(OFFSITE_DELIVERY_STATUSES),
  duplicate: Type.Boolean(),
  /** The review item the event joined (repeats of one act share it). */
  reviewId: Nullable(Type.String()),
  reasonCode: Nullable(Type.String()),
  ruleId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  reasonEn: Nullable(Type.String()),
  /** On a refusal (422), the platform's error fields as well. */
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  messageEn: Type.Optional(Type.String()),
  rule: Type.Optional(Type.String()),
});
export type OffsiteEventAnswer = Static<typeof OffsiteEventAnswer>;

export const OffsiteDelivery = Type.Object({
  id: Uuid,
  deviceCode: Type.String(),
  eventId: Type.String(),
  status: literals(OFFSITE_DELIVERY_STATUSES),
  reasonCode: Nullable(Type.String()),
  ruleId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  deliveries: Type.Integer(),
  receivedAt: Type.String(),
});
export type OffsiteDelivery = Static<typeof OffsiteDelivery>;
export const OffsiteDeliveryListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(OFFSITE_DELIVERY_STATUSES)),
  deviceCode: Type.Optional(Text(40)),
});
export type OffsiteDeliveryListQuery = Static<typeof OffsiteDeliveryListQuery>;

/** The device connector as the console shows it: says plainly when the devices are simulated. */
export const OffsiteConnector = Type.Object({
  intakePath: Type.String(),
  simulator: Type.Boolean(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  devices: Type.Integer(),
  simulatedDevices: Type.Integer(),
  accepted: Type.Integer(),
  refused: Type.Integer(),
});
export type OffsiteConnector = Static<typeof OffsiteConnector>;

export const OffsiteSimulatorBody = Type.Object({
  /** How many events to play (some repeats and some bad ones among them). */
  count: Int(1, 200),
  seed: Type.Optional(Int(0, 2_147_483_647)),
  /** The squad whose simulated devices play; defaults to the first squad of the caller's jurisdiction. */
  orgId: Type.Optional(Uuid),
});
export type OffsiteSimulatorBody = Static<typeof OffsiteSimulatorBody>;
export const OffsiteSimulatorResult = Type.Object({
  simulator: Type.Literal(true),
  played: Type.Integer(),
  accepted: Type.Integer(),
  refused: Type.Integer(),
  duplicates: Type.Integer(),
  refusals: Type.Record(Type.String(), Type.Integer()),
});
export type OffsiteSimulatorResult = Static<typeof OffsiteSimulatorResult>;

// ---------------------------------------------------------------------------------------------------------
// The review queue (二审合一)

export const OffsiteMedia = Type.Object({ kind: Type.String(), sm3: Type.String(), mime: Type.String() });
export const OffsiteEvent = Type.Object({
  id: Uuid,
  eventId: Type.String(),
  deviceId: Uuid,
  deviceCode: Type.String(),
  occurredAt: Type.String(),
  scene: Type.String(),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  address: Nullable(Type.String()),
  plate: Nullable(Type.String()),
  subjectCode: Nullable(Type.String()),
  media: Type.Array(OffsiteMedia),
  /** A5 / E11 for this event's device, scene and day: empty when its evidence may found a case. */
  issues: Type.Array(DeviceFitnessIssue),
});
export type OffsiteEvent = Static<typeof OffsiteEvent>;

export const OffsiteReviewSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  scene: Type.String(),
  sceneName: Type.String(),
  partyKey: Nullable(Type.String()),
  firstAt: Type.String(),
  lastAt: Type.String(),
  eventCount: Type.Integer(),
  state: literals(OFFSITE_REVIEW_STATES),
  caseId: Nullable(Uuid),
  /** Some event's device fails A5 / E11. */
  blocked: Type.Boolean(),
});
export type OffsiteReviewSummary = Static<typeof OffsiteReviewSummary>;

export const OffsiteReviewDetail = Type.Object({
  ...OffsiteReviewSummary.properties,
  offenceCode: Nullable(Type.String()),
  offenceName: Nullable(Type.String()),
  pudongListed: Type.Boolean(),
  windowHours: Type.Integer(),
  reviewerName: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  dismissReason: Nullable(Type.String()),
  noticeMethod: Nullable(literals(['electronic', 'post'] as const)),
  warningSent: Type.Boolean(),
  events: Type.Array(OffsiteEvent),
});
export type OffsiteReviewDetail = Static<typeof OffsiteReviewDetail>;

export const OffsiteReviewListQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(literals(OFFSITE_REVIEW_STATES)),
  scene: Type.Optional(SceneCode),
  q: Type.Optional(Text(40)),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export type OffsiteReviewListQuery = Static<typeof OffsiteReviewListQuery>;

export const ConfirmOffsiteBody = Type.Object({
  /** The subject or the vehicle's owner. */
  party: PartyBody,
  /** Defaults to the scene's law matter. */
  offenceCode: Type.Optional(Text(40, { minLength: 1 })),
  facts: Type.Optional(MultilineText(5000, { minLength: 1 })),
  /** The handling squad; defaults to the reviewer's. */
  orgId: Type.Optional(Uuid),
});
export type ConfirmOffsiteBody = Static<typeof ConfirmOffsiteBody>;
export const DismissOffsiteBody = Type.Object({ reason: MultilineText(1000, { minLength: 2 }) });
export type DismissOffsiteBody = Static<typeof DismissOffsiteBody>;
export const OffsiteIdParams = Type.Object({ id: Uuid });
