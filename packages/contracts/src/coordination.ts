// 综合指挥 coordination (REQUIREMENTS.md R13; docs/coordination.md): partner units, joint work orders (联合工单),
// coordinated actions (联合行动). The literal lists mirror packages/domain/src/coordination.
import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Sm3Hex, Text, Uuid } from './common.ts';
import { GeoPointBody } from './geo.ts';

export const PARTNER_KIND_CODES = ['traffic_police', 'housing', 'greening', 'market', 'ecology', 'other'] as const;
export const JOINT_ORDER_STATE_CODES = ['dispatched', 'accepted', 'reported', 'confirmed', 'returned', 'cancelled'] as const;
export const JOINT_ORDER_DIRECTION_CODES = ['inbound', 'outbound'] as const;
export const JOINT_ORDER_ACTION_CODES = ['accept', 'report', 'confirm', 'reject', 'return', 'redispatch', 'cancel'] as const;
export const JOINT_CLOCK_STATUS_CODES = ['running', 'met', 'late', 'overdue', 'stopped'] as const;
export const JOINT_ORDER_CATEGORY_CODES = [
  'muck_truck',
  'construction_waste',
  'outdoor_ad',
  'property',
  'pollution',
  'street_order',
  'other',
] as const;
export const JOINT_ACTION_STATE_CODES = ['active', 'completed', 'cancelled'] as const;
export type JointOrderActionCode = (typeof JOINT_ORDER_ACTION_CODES)[number];

export const PartnerUnit = Type.Object({
  id: Uuid,
  bureauId: Nullable(Uuid),
  code: Type.String(),
  name: Type.String(),
  kind: literals(PARTNER_KIND_CODES),
  region: Type.String(),
  acceptHours: Type.Integer(),
  handleDays: Type.Integer(),
  /** True when the unit's own limit is set (false: the Shanghai default). */
  ownLimits: Type.Boolean(),
  active: Type.Boolean(),
});
export type PartnerUnit = Static<typeof PartnerUnit>;

export const CreatePartnerUnitBody = Type.Object({
  code: Code('^[A-Za-z0-9-]{2,20}$', 20),
  name: Text(100, { minLength: 2 }),
  kind: literals(PARTNER_KIND_CODES),
  region: Type.Optional(Text(20, { minLength: 2 })),
  acceptHours: Type.Optional(Int(1, 720)),
  handleDays: Type.Optional(Int(1, 60)),
});
export type CreatePartnerUnitBody = Static<typeof CreatePartnerUnitBody>;

export const PartnerAccountBody = Type.Object({ officerId: Uuid });
export type PartnerAccountBody = Static<typeof PartnerAccountBody>;

export const JointClock = Type.Object({ dueAt: IsoDateTime, status: literals(JOINT_CLOCK_STATUS_CODES), msLeft: Nullable(Type.Number()) });

export const JointOrderSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  direction: literals(JOINT_ORDER_DIRECTION_CODES),
  state: literals(JOINT_ORDER_STATE_CODES),
  category: literals(JOINT_ORDER_CATEGORY_CODES),
  title: Type.String(),
  partnerId: Uuid,
  partnerName: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  address: Nullable(Type.String()),
  vehiclePlate: Nullable(Type.String()),
  createdAt: IsoDateTime,
  accept: JointClock,
  handle: JointClock,
});
export type JointOrderSummary = Static<typeof JointOrderSummary>;

export const JointOrderEvent = Type.Object({
  seq: Type.Integer(),
  action: Type.String(),
  from: Nullable(Type.String()),
  to: Type.String(),
  actorName: Type.String(),
  note: Nullable(Type.String()),
  late: Type.Boolean(),
  at: IsoDateTime,
});

export const JointOrderDetail = Type.Composite([
  JointOrderSummary,
  Type.Object({
    content: Type.String(),
    point: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
    ticketId: Nullable(Uuid),
    ticketNumber: Nullable(Type.String()),
    /** The partner's own number when its system filed the order through the connector. */
    partnerOrderNo: Nullable(Type.String()),
    caseId: Nullable(Uuid),
    resultText: Nullable(Type.String()),
    resultPhotos: Type.Array(Type.String()),
    returnReason: Nullable(Type.String()),
    limits: Type.Object({ acceptHours: Type.Integer(), handleDays: Type.Integer() }),
    /** The side the reader stands on, and the steps he may take now. */
    side: Nullable(Type.Union([Type.Literal('originator'), Type.Literal('handler')])),
    allowedActions: Type.Array(literals(JOINT_ORDER_ACTION_CODES)),
    events: Type.Array(JointOrderEvent),
  }),
]);
export type JointOrderDetail = Static<typeof JointOrderDetail>;

export const CreateJointOrderBody = Type.Object({
  /** The partner unit: the receiver of an outbound order; a partner's own account may leave it out. */
  partnerId: Type.Optional(Uuid),
  /** The squad that handles an inbound order, or the squad that sends an outbound one. */
  orgId: Uuid,
  category: literals(JOINT_ORDER_CATEGORY_CODES),
  title: Text(100, { minLength: 2 }),
  content: MultilineText(2000, { minLength: 2 }),
  address: Type.Optional(Text(200)),
  point: Type.Optional(GeoPointBody),
  vehiclePlate: Type.Optional(Code('^[\\u4e00-\\u9fa5A-Z0-9]{5,10}$', 10)),
  /** The ticket the order comes from (city management's outbound orders). */
  ticketId: Type.Optional(Uuid),
});
export type CreateJointOrderBody = Static<typeof CreateJointOrderBody>;

export const JointOrderStepBody = Type.Object({
  reason: Type.Optional(MultilineText(500)),
  resultText: Type.Optional(MultilineText(2000)),
  photoSm3s: Type.Optional(Type.Array(Sm3Hex, { maxItems: 9, uniqueItems: true })),
  /** A case registered while handling the order (立案查处), in the handler's jurisdiction. */
  caseId: Type.Optional(Uuid),
});
export type JointOrderStepBody = Static<typeof JointOrderStepBody>;

export const JointOrderListQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(literals(JOINT_ORDER_STATE_CODES)),
  direction: Type.Optional(literals(JOINT_ORDER_DIRECTION_CODES)),
  partnerId: Type.Optional(Uuid),
  orgId: Type.Optional(Uuid),
  category: Type.Optional(literals(JOINT_ORDER_CATEGORY_CODES)),
  overdue: Type.Optional(Type.Boolean()),
  q: Type.Optional(Text(50)),
});
export type JointOrderListQuery = Static<typeof JointOrderListQuery>;

export const JointActionTask = Type.Object({
  id: Uuid,
  orgId: Nullable(Uuid),
  partnerId: Nullable(Uuid),
  participantName: Type.String(),
  task: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('reported')]),
  reportText: Nullable(Type.String()),
  reportPhotos: Type.Array(Type.String()),
  foundCount: Nullable(Type.Integer()),
  handledCount: Nullable(Type.Integer()),
  reportedAt: Nullable(IsoDateTime),
  /** The reader may report this task. */
  canReport: Type.Boolean(),
});
export type JointActionTask = Static<typeof JointActionTask>;

export const JointActionProgress = Type.Object({
  total: Type.Integer(),
  reported: Type.Integer(),
  percent: Type.Integer(),
  overdue: Type.Integer(),
});

export const JointActionSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  title: Type.String(),
  area: Type.String(),
  scopeOrgId: Uuid,
  scopeOrgName: Type.String(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  state: literals(JOINT_ACTION_STATE_CODES),
  progress: JointActionProgress,
});
export type JointActionSummary = Static<typeof JointActionSummary>;

export const JointActionDetail = Type.Composite([
  JointActionSummary,
  Type.Object({
    objective: Type.String(),
    summary: Nullable(Type.String()),
    createdByName: Nullable(Type.String()),
    tasks: Type.Array(JointActionTask),
    canComplete: Type.Boolean(),
  }),
]);
export type JointActionDetail = Static<typeof JointActionDetail>;

export const CreateJointActionBody = Type.Object({
  title: Text(100, { minLength: 2 }),
  objective: MultilineText(1000, { minLength: 2 }),
  area: Text(200, { minLength: 2 }),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  tasks: Type.Array(
    Type.Object({ orgId: Type.Optional(Uuid), partnerId: Type.Optional(Uuid), task: MultilineText(500, { minLength: 2 }) }),
    { minItems: 1, maxItems: 50 },
  ),
});
export type CreateJointActionBody = Static<typeof CreateJointActionBody>;

export const JointActionReportBody = Type.Object({
  reportText: MultilineText(2000, { minLength: 2 }),
  photoSm3s: Type.Optional(Type.Array(Sm3Hex, { maxItems: 9, uniqueItems: true })),
  foundCount: Type.Optional(Int(0, 100000)),
  handledCount: Type.Optional(Int(0, 100000)),
});
export type JointActionReportBody = Static<typeof JointActionReportBody>;

export const CompleteJointActionBody = Type.Object({ summary: Type.Optional(MultilineText(2000)) });
export type CompleteJointActionBody = Static<typeof CompleteJointActionBody>;

export const JointActionListQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(literals(JOINT_ACTION_STATE_CODES)),
  q: Type.Optional(Text(50)),
});
export type JointActionListQuery = Static<typeof JointActionListQuery>;

// ── A partner department's system through the signed connector (docs/coordination.md §5) ──

/**
 * One joint order a partner's system files with a district bureau (交警拦停渣土车 → 城管接单、处置、反馈). Flat fields
 * (the HMAC-SM3 signature covers `name=value` pairs sorted by name, shared/connector-signing.ts). WGS-84 point; the
 * squad is the one whose service area holds it. The same partnerOrderNo filed again is the same order.
 */
export const PartnerOrderMessage = Type.Object({
  partnerCode: Text(20, { minLength: 2, pattern: '^[A-Za-z0-9-]+$' }),
  partnerOrderNo: Text(40, { minLength: 4, pattern: '^[A-Za-z0-9_-]+$' }),
  /** 承办区局: the district's administrative code (e.g. 310115 浦东新区). */
  unitCode: Code('^[0-9]{6}$', 6),
  category: literals(JOINT_ORDER_CATEGORY_CODES),
  title: Text(100, { minLength: 2 }),
  content: MultilineText(2000, { minLength: 2 }),
  address: Type.Optional(Text(200)),
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  vehiclePlate: Type.Optional(Code('^[\\u4e00-\\u9fa5A-Z0-9]{5,10}$', 10)),
  at: IsoDateTime,
});
export type PartnerOrderMessage = Static<typeof PartnerOrderMessage>;

/** The answer: our order number and the squad it went to; `duplicate` when the partner's number was filed before. */
export const PartnerOrderAnswer = Type.Object({
  partnerOrderNo: Type.String(),
  number: Type.String(),
  orgName: Type.String(),
  state: literals(JOINT_ORDER_STATE_CODES),
  duplicate: Type.Boolean(),
});
export type PartnerOrderAnswer = Static<typeof PartnerOrderAnswer>;

/** A status or result callback to the partner's system; the receiver applies each idempotency key once. */
export const PartnerCallbackMessage = Type.Object({
  idempotencyKey: Text(120, { minLength: 8 }),
  partnerCode: Text(20, { minLength: 2 }),
  partnerOrderNo: Text(40, { minLength: 1 }),
  number: Text(40, { minLength: 1 }),
  /** The step taken: accept 接单, report 处置反馈, return 退单, confirm/cancel (the partner's own, echoed). */
  action: literals(JOINT_ORDER_ACTION_CODES),
  state: literals(JOINT_ORDER_STATE_CODES),
  note: Type.Optional(Text(2000)),
  resultText: Type.Optional(Text(2000)),
  late: Type.Boolean(),
  at: IsoDateTime,
});
export type PartnerCallbackMessage = Static<typeof PartnerCallbackMessage>;

export const PartnerCallbackAnswer = Type.Object({ applied: Type.Boolean(), deliveries: Type.Integer() });
export type PartnerCallbackAnswer = Static<typeof PartnerCallbackAnswer>;

/** The connector's state for the console: which system, and whether it is the local simulator. */
export const PartnerConnectorStatus = Type.Object({
  enabled: Type.Boolean(),
  simulator: Type.Boolean(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  callbacks: Type.Object({ pending: Type.Integer(), sent: Type.Integer(), failed: Type.Integer() }),
});
export type PartnerConnectorStatus = Static<typeof PartnerConnectorStatus>;

/** The simulator plays a partner (交警) filing one realistic order at a place of the bureau. */
export const PartnerSimulatorPlayBody = Type.Object({
  partnerId: Uuid,
  orgId: Uuid,
});
export type PartnerSimulatorPlayBody = Static<typeof PartnerSimulatorPlayBody>;

/** The simulated order is queued: the worker files it through the signed endpoint under this partner number. */
export const PartnerSimulatorQueued = Type.Object({ partnerOrderNo: Type.String() });
export type PartnerSimulatorQueued = Static<typeof PartnerSimulatorQueued>;

/** The command centre makes a 诉件 of a joint order: the ticket category, optionally the dispatch level. */
export const JointOrderTicketBody = Type.Object({
  categoryCode: Text(8, { minLength: 2 }),
  dispatchLevel: Type.Optional(literals(['ordinary', 'supervision', 'callback_review'] as const)),
});
export type JointOrderTicketBody = Static<typeof JointOrderTicketBody>;
