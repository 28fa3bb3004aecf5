// 执法对象 registry: the list, the map, a subject's record, its timeline, risk grading and overrides, squads' service
// areas, duplicates and merges, data quality, the public 一店一码 page (docs/subjects.md).
import { Type, type Static } from '@sinclair/typebox';
import { Code, ExpectedVersion, Int, IsoDate, IsoDateTime, literals, Nullable, PageQuery, Text, Uuid } from './common.ts';
import { GeoPointBody, Latitude, Longitude } from './geo.ts';

/** The domain's SUBJECT_KINDS. */
export const SUBJECT_KIND_CODES = [
  'street_shop',
  'construction_site',
  'restaurant_fume',
  'historic_building',
  'stall_point',
  'waste_transport_company',
  'waste_transport_vehicle',
  'residential_compound',
  'property_company',
] as const;
export type SubjectKindCode = (typeof SUBJECT_KIND_CODES)[number];
export const SubjectKindSchema = literals(SUBJECT_KIND_CODES);

/** The licence filter: the subject's licence state as the risk rules see it (revoked / not yet valid count as expired). */
export const SUBJECT_LICENCE_FILTERS = ['valid', 'expiring', 'expired', 'none', 'not_required'] as const;
export type SubjectLicenceFilter = (typeof SUBJECT_LICENCE_FILTERS)[number];
export const SUBJECT_STATUSES = ['active', 'closed', 'merged'] as const;

const RiskLevelCode = Code('^[A-Za-z0-9_-]{1,20}$', 20, 'a level code of the rule set in force (red, yellow, green …)');
const Tag = Text(20, { minLength: 1 });

export const SubjectListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Text(50, { description: 'name, code, credit code or address (substring)' })),
  kind: Type.Optional(SubjectKindSchema),
  orgId: Type.Optional(Uuid),
  riskLevel: Type.Optional(RiskLevelCode),
  licence: Type.Optional(literals(SUBJECT_LICENCE_FILTERS)),
  verified: Type.Optional(Type.Boolean()),
  hasPoint: Type.Optional(Type.Boolean()),
  hasSquad: Type.Optional(Type.Boolean()),
  tag: Type.Optional(Tag),
  status: Type.Optional(literals(SUBJECT_STATUSES)),
});
export type SubjectListQuery = Static<typeof SubjectListQuery>;

export const SubjectListItem = Type.Object({
  id: Uuid,
  code: Type.String(),
  kind: SubjectKindSchema,
  name: Type.String(),
  creditCode: Nullable(Type.String()),
  plateNumber: Nullable(Type.String()),
  address: Nullable(Type.String()),
  district: Nullable(Type.String()),
  orgId: Nullable(Uuid),
  orgName: Nullable(Type.String()),
  bureauId: Uuid,
  riskLevel: Nullable(Type.String()),
  licenceState: literals(SUBJECT_LICENCE_FILTERS),
  verified: Type.Boolean(),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  status: literals(SUBJECT_STATUSES),
  tags: Type.Array(Type.String()),
  lastInspectedOn: Nullable(Type.String()),
  nextInspectionOn: Nullable(Type.String()),
  version: Type.Integer(),
});
export type SubjectListItem = Static<typeof SubjectListItem>;

export const SubjectMapQuery = Type.Object({
  minLon: Longitude,
  minLat: Latitude,
  maxLon: Longitude,
  maxLat: Latitude,
  kind: Type.Optional(SubjectKindSchema),
  riskLevel: Type.Optional(RiskLevelCode),
  limit: Type.Optional(Int(1, 10_000, { default: 2000 })),
});
export type SubjectMapQuery = Static<typeof SubjectMapQuery>;

export const SubjectMapPoint = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: SubjectKindSchema,
  riskLevel: Nullable(Type.String()),
  lon: Type.Number(),
  lat: Type.Number(),
});
export const SubjectMapPage = Type.Object({ items: Type.Array(SubjectMapPoint), truncated: Type.Boolean() });
export type SubjectMapPage = Static<typeof SubjectMapPage>;

export const LicenceBody = Type.Object({
  kind: Code('^[a-z][a-z0-9_]{1,39}$', 40, 'licence kind, e.g. food_business_licence'),
  number: Text(60, { minLength: 1 }),
  issuer: Type.Optional(Nullable(Text(60))),
  issuedOn: IsoDate,
  validUntil: Nullable(IsoDate),
  revoked: Type.Optional(Type.Boolean()),
});
export type LicenceBody = Static<typeof LicenceBody>;

export const ContactBody = Type.Object({
  contactName: Text(30, { minLength: 1 }),
  phone: Type.Optional(Code('^[0-9+-]{5,20}$', 20)),
  contactRole: Type.Optional(Text(20)),
});

const SubjectFields = {
  name: Text(100, { minLength: 1 }),
  address: Text(200, { minLength: 1 }),
  creditCode: Type.Optional(Nullable(Code('^[0-9A-Za-z]{18}$', 18))),
  operatorIdNumber: Type.Optional(Nullable(Code('^[0-9]{17}[0-9Xx]$', 18))),
  plateNumber: Type.Optional(Nullable(Text(12))),
  point: Type.Optional(Nullable(GeoPointBody)),
  ownerSubjectId: Type.Optional(Nullable(Uuid)),
  contacts: Type.Optional(Type.Array(ContactBody, { maxItems: 10 })),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 20, uniqueItems: true })),
  licences: Type.Optional(Type.Array(LicenceBody, { maxItems: 20 })),
  abnormalList: Type.Optional(Type.Boolean({ description: '列入经营异常名录或严重失信名单 (a flag the risk rules read)' })),
};

export const CreateSubjectBody = Type.Object({
  kind: SubjectKindSchema,
  /** The bureau that owns the record; defaults to the caller's. */
  bureauId: Type.Optional(Uuid),
  ...SubjectFields,
});
export type CreateSubjectBody = Static<typeof CreateSubjectBody>;

export const UpdateSubjectBody = Type.Object({
  expectedVersion: ExpectedVersion,
  name: Type.Optional(SubjectFields.name),
  address: Type.Optional(SubjectFields.address),
  creditCode: SubjectFields.creditCode,
  operatorIdNumber: SubjectFields.operatorIdNumber,
  plateNumber: SubjectFields.plateNumber,
  point: SubjectFields.point,
  ownerSubjectId: SubjectFields.ownerSubjectId,
  contacts: SubjectFields.contacts,
  tags: SubjectFields.tags,
  licences: SubjectFields.licences,
  abnormalList: SubjectFields.abnormalList,
});
export type UpdateSubjectBody = Static<typeof UpdateSubjectBody>;

export const SubjectVersionBody = Type.Object({ expectedVersion: ExpectedVersion });
export const CloseSubjectBody = Type.Object({ expectedVersion: ExpectedVersion, reasonZh: Text(200, { minLength: 1 }) });
export const MergeSubjectBody = Type.Object({ intoId: Uuid });

export const SubjectLicence = Type.Object({
  id: Uuid,
  kind: Type.String(),
  number: Type.String(),
  issuer: Nullable(Type.String()),
  issuedOn: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  revoked: Type.Boolean(),
  state: Type.String({ description: 'valid, expiring, expired, not_yet_valid, revoked' }),
});

export const RiskEvidenceItem = Type.Object({ textZh: Type.String(), eventRefs: Type.Array(Type.String()) });

export const SubjectRiskOverride = Type.Object({
  id: Uuid,
  level: Type.String(),
  reasonZh: Type.String(),
  validUntil: Nullable(Type.String()),
  status: Type.String({ description: 'pending, approved, rejected, superseded' }),
  requestedBy: Uuid,
  requestedByName: Type.String(),
  requestedAt: Type.String(),
  decidedBy: Nullable(Uuid),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});
export type SubjectRiskOverride = Static<typeof SubjectRiskOverride>;

export const SubjectRiskChange = Type.Object({
  id: Uuid,
  at: Type.String(),
  fromLevel: Nullable(Type.String()),
  toLevel: Type.String(),
  ruleId: Nullable(Type.String()),
  ruleVersion: Nullable(Type.Integer()),
  evidence: Type.Array(RiskEvidenceItem),
  reasonZh: Type.String(),
});
export type SubjectRiskChange = Static<typeof SubjectRiskChange>;

export const SubjectRisk = Type.Object({
  level: Nullable(Type.String()),
  levelLabelZh: Nullable(Type.String()),
  color: Nullable(Type.String()),
  computedLevel: Nullable(Type.String()),
  ruleId: Nullable(Type.String()),
  ruleVersion: Nullable(Type.Integer()),
  explanationZh: Nullable(Type.String()),
  evidence: Type.Array(RiskEvidenceItem),
  gradedAt: Nullable(Type.String()),
  inspectionsPerYear: Nullable(Type.Number()),
  levels: Type.Array(Type.Object({ code: Type.String(), labelZh: Type.String(), color: Nullable(Type.String()) })),
  activeOverride: Nullable(SubjectRiskOverride),
  overrides: Type.Array(SubjectRiskOverride),
  changes: Type.Array(SubjectRiskChange),
});

const SubjectRef = Type.Object({ id: Uuid, code: Type.String(), kind: SubjectKindSchema, name: Type.String(), status: Type.String() });

export const SubjectDetail = Type.Composite([
  SubjectListItem,
  Type.Object({
    operatorIdNumber: Nullable(Type.String()),
    street: Nullable(Type.String()),
    bureauName: Type.String(),
    contacts: Type.Array(Type.Object({ contactName: Type.String(), phone: Nullable(Type.String()), contactRole: Nullable(Type.String()) })),
    abnormalList: Type.Boolean(),
    verifiedAt: Nullable(Type.String()),
    mergedInto: Nullable(SubjectRef),
    owner: Nullable(SubjectRef),
    related: Type.Array(SubjectRef),
    licences: Type.Array(SubjectLicence),
    risk: SubjectRisk,
    publicPath: Type.String({ description: 'the console path of the public 一店一码 page' }),
    publicUrl: Type.String(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  }),
]);
export type SubjectDetail = Static<typeof SubjectDetail>;

export const SubjectEvent = Type.Object({
  id: Uuid,
  kind: Type.String(),
  occurredOn: Type.String(),
  at: Type.String(),
  refType: Nullable(Type.String()),
  refId: Nullable(Type.String()),
  summaryZh: Type.String(),
  data: Type.Unknown(),
  actorName: Nullable(Type.String()),
});
export const TimelineQuery = Type.Object({
  cursor: Type.Optional(Code('^[A-Za-z0-9_-]{1,200}$', 200)),
  pageSize: Type.Optional(Int(1, 200, { default: 50 })),
});
export const SubjectTimeline = Type.Object({ items: Type.Array(SubjectEvent), nextCursor: Nullable(Type.String()) });
export type SubjectTimeline = Static<typeof SubjectTimeline>;

export const SubjectDuplicatePair = Type.Object({
  a: SubjectListItem,
  b: SubjectListItem,
  reasons: Type.Array(Type.String()),
  reasonsZh: Type.Array(Type.String()),
});
export const SubjectDuplicates = Type.Object({ items: Type.Array(SubjectDuplicatePair), truncated: Type.Boolean() });
export type SubjectDuplicates = Static<typeof SubjectDuplicates>;

export const SubjectQualityItem = Type.Object({
  key: Type.String(),
  labelZh: Type.String(),
  count: Type.Integer(),
  ratio: Type.Number({ description: 'count / total, 0 when there are no subjects' }),
  /** The list API's filters that show these subjects. */
  filter: Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean()])),
});
export const SubjectQuality = Type.Object({
  total: Type.Integer(),
  verifiedRatio: Type.Number(),
  items: Type.Array(SubjectQualityItem),
});
export type SubjectQuality = Static<typeof SubjectQuality>;

export const RiskOverrideBody = Type.Object({
  level: RiskLevelCode,
  reasonZh: Text(300, { minLength: 1 }),
  validUntil: Type.Optional(Nullable(IsoDate)),
});
export const RiskDecisionBody = Type.Object({ note: Type.Optional(Text(300)) });

// 风险等级规则 as sent by an administrator: the domain's RiskRuleSet.
const RiskConditionBody = Type.Union([
  Type.Object({
    fact: Type.Literal('event_count'),
    event: literals(['violation', 'serious_violation', 'complaint', 'failed_inspection', 'passed_inspection'] as const),
    withinMonths: Int(1, 240),
    atLeast: Type.Optional(Int(0, 1000)),
    atMost: Type.Optional(Int(0, 1000)),
  }),
  Type.Object({ fact: Type.Literal('kind'), in: Type.Array(SubjectKindSchema, { minItems: 1, maxItems: 9, uniqueItems: true }) }),
  Type.Object({
    fact: Type.Literal('licence'),
    in: Type.Array(literals(['valid', 'expiring', 'expired', 'not_yet_valid', 'revoked', 'none', 'not_required'] as const), {
      maxItems: 7,
      uniqueItems: true,
    }),
  }),
  Type.Object({ fact: Type.Literal('flag'), flag: Code('^[A-Za-z][A-Za-z0-9_]{0,39}$', 40), is: Type.Boolean() }),
]);
export const RiskRuleSetBody = Type.Object({
  id: Code('^[A-Za-z0-9_.-]{1,60}$', 60),
  version: Text(30, { minLength: 1 }),
  effectiveFrom: IsoDate,
  scale: Type.Object({
    id: Code('^[A-Za-z0-9_.-]{1,40}$', 40),
    labelZh: Text(40, { minLength: 1 }),
    levels: Type.Array(
      Type.Object({
        code: RiskLevelCode,
        labelZh: Text(40, { minLength: 1 }),
        inspectionsPerYear: Type.Number({ minimum: 0, maximum: 366 }),
        color: Type.Optional(Code('^#[0-9a-fA-F]{6}$', 7)),
      }),
      { minItems: 1, maxItems: 10 },
    ),
  }),
  defaultLevel: RiskLevelCode,
  rules: Type.Array(
    Type.Object({
      id: Code('^[A-Za-z0-9_.-]{1,60}$', 60),
      level: RiskLevelCode,
      descriptionZh: Text(200, { minLength: 1 }),
      when: Type.Array(RiskConditionBody, { maxItems: 10 }),
    }),
    { maxItems: 100 },
  ),
  mark: literals(['V', 'P', 'U'] as const),
  sourceZh: Text(1000),
  flagLabelsZh: Type.Optional(Type.Object({ abnormalList: Type.Optional(Text(60)) }, { description: 'labels of the flags the rules use' })),
});
export const PublishRiskRulesBody = Type.Object({ ruleSet: RiskRuleSetBody, note: Type.Optional(Text(200)) });
export type PublishRiskRulesBody = Static<typeof PublishRiskRulesBody>;

export const RiskRuleSetVersion = Type.Object({
  version: Type.Integer({ description: '0 = the built-in default' }),
  builtIn: Type.Boolean(),
  inForce: Type.Boolean(),
  effectiveFrom: Type.String(),
  note: Nullable(Type.String()),
  createdAt: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
  ruleSet: Type.Unknown(),
});
export const RiskRuleSetVersions = Type.Object({ bureauId: Uuid, items: Type.Array(RiskRuleSetVersion) });
export type RiskRuleSetVersions = Static<typeof RiskRuleSetVersions>;
export const RiskRulesQuery = Type.Object({ bureauId: Type.Optional(Uuid) });

// A squad's service area.
const Position = Type.Array(Type.Number({ minimum: -180, maximum: 180 }), { minItems: 2, maxItems: 2 });
const Ring = Type.Array(Position, { minItems: 4, maxItems: 5000 });
export const OrgAreaGeometry = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1, maxItems: 20 }) }),
  Type.Object({
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(Ring, { minItems: 1, maxItems: 20 }), { minItems: 1, maxItems: 50 }),
  }),
]);
export const PutOrgAreaBody = Type.Object({ streetName: Text(40, { minLength: 1 }), geometry: OrgAreaGeometry });
export type PutOrgAreaBody = Static<typeof PutOrgAreaBody>;
export const OrgArea = Type.Object({
  orgId: Uuid,
  streetName: Type.String(),
  geometry: Type.Unknown(),
  bbox: Type.Array(Type.Number()),
  updatedAt: IsoDateTime,
  subjectsMoved: Type.Optional(Type.Integer({ description: 'subjects whose squad changed with this area' })),
});
export type OrgArea = Static<typeof OrgArea>;
/** What a squad's new area would hold, before it is saved: the bureau's live subjects with a point inside it. */
export const OrgAreaPreview = Type.Object({
  bbox: Type.Array(Type.Number()),
  inside: Type.Integer({ description: 'live subjects of the bureau whose point lies inside the area' }),
  joining: Type.Integer({ description: 'of those, held today by another squad or none: they would join this squad' }),
  leaving: Type.Integer({ description: 'held today by this squad and outside the area: they would leave it' }),
});
export type OrgAreaPreview = Static<typeof OrgAreaPreview>;

// 一店一码: the public page.
export const PublicSubject = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kindLabelZh: Type.String(),
  address: Nullable(Type.String()),
  status: Type.String(),
  licences: Type.Array(
    Type.Object({ kindLabelZh: Type.String(), number: Type.String(), validUntil: Nullable(Type.String()), stateZh: Type.String() }),
  ),
  inspections: Type.Array(
    Type.Object({
      publishedOn: Type.String(),
      occurredOn: Type.String(),
      outcome: Type.String(),
      passed: Type.Boolean(),
      matters: Type.Array(Type.String()),
      failedItems: Type.Array(Type.String()),
    }),
  ),
  complaint: Type.Object({ hotline: Type.String(), textZh: Type.String() }),
  agencyName: Type.String(),
});
export type PublicSubject = Static<typeof PublicSubject>;
export const SubjectCodeParams = Type.Object({ code: Code('^[A-Z2-7]{16}$', 16) });
