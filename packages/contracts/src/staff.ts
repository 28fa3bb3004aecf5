import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDate, PageQuery, Text, Uuid } from './common.ts';

/** The roles of the platform (REQUIREMENTS.md "Who uses it"). */
export const ROLES = [
  'field_officer',
  'squad_leader',
  'legal_reviewer',
  'commander',
  'supervisor',
  'bureau_leader',
  'admin',
  'partner',
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

/** The 11 enforcement domains of 城管综合执法 (权力清单 grouping). */
export const ENFORCEMENT_DOMAINS = [
  'city_appearance', // 市容环境卫生
  'landscaping', // 绿化
  'municipal_roads', // 市政道路
  'water', // 水务
  'environment', // 环境保护
  'construction', // 建设管理
  'housing', // 房屋管理
  'urban_planning', // 规划管理
  'street_trading', // 工商（无照经营）
  'transport', // 交通（出租车等）
  'other', // 其他
] as const;
export type EnforcementDomain = (typeof ENFORCEMENT_DOMAINS)[number];
export const EnforcementDomainSchema = Type.Union(ENFORCEMENT_DOMAINS.map((d) => Type.Literal(d)));

export const CREDENTIAL_STATUSES = ['valid', 'expiring', 'expired', 'not_yet_valid', 'revoked', 'missing'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export const Credential = Type.Object({
  id: Uuid,
  officerId: Uuid,
  number: Type.String(),
  domains: Type.Array(EnforcementDomainSchema),
  validFrom: IsoDate,
  validTo: IsoDate,
  revoked: Type.Boolean(),
  status: Type.Union(CREDENTIAL_STATUSES.map((s) => Type.Literal(s))),
});
export type Credential = Static<typeof Credential>;

export const Officer = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  name: Type.String(),
  employeeNo: Type.String(),
  gender: Type.Union([Type.Literal('M'), Type.Literal('F'), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null(), Type.String()], { description: 'masked in lists' }),
  title: Type.Union([Type.String(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  /** 法律职业资格 (处罚法 Art. 58): the 法制审核 step reads it from here. */
  legalQualification: Type.Boolean(),
  roles: Type.Array(RoleSchema),
  active: Type.Boolean(),
  locked: Type.Boolean(),
  /** End of the lock after repeated failed logins; null when not locked. */
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  totpEnabled: Type.Boolean(),
  credentialStatus: Type.Union(CREDENTIAL_STATUSES.map((s) => Type.Literal(s))),
  credentials: Type.Array(Credential),
});
export type Officer = Static<typeof Officer>;

export const OfficerListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Text(50, { description: 'name, employee number or username' })),
  orgId: Type.Optional(Uuid),
  role: Type.Optional(RoleSchema),
  credentialStatus: Type.Optional(Type.Union(CREDENTIAL_STATUSES.map((s) => Type.Literal(s)))),
  active: Type.Optional(Type.Boolean()),
});
export type OfficerListQuery = Static<typeof OfficerListQuery>;

export const CreateOfficerBody = Type.Object({
  orgId: Uuid,
  name: Text(30, { minLength: 2 }),
  employeeNo: Code('^[A-Za-z0-9-]{3,20}$', 20),
  gender: Type.Optional(Type.Union([Type.Literal('M'), Type.Literal('F')])),
  phone: Type.Optional(Code('^1\\d{10}$', 11)),
  title: Type.Optional(Text(30)),
  legalQualification: Type.Optional(Type.Boolean()),
  roles: Type.Array(RoleSchema, { minItems: 1, maxItems: ROLES.length, uniqueItems: true }),
  username: Type.Optional(Code('^[a-z][a-z0-9_.]{2,31}$', 32)),
  password: Type.Optional(Text(128, { minLength: 1 })),
});
export type CreateOfficerBody = Static<typeof CreateOfficerBody>;

export const UpdateOfficerBody = Type.Partial(
  Type.Object({
    orgId: Uuid,
    name: Text(30, { minLength: 2 }),
    gender: Type.Union([Type.Literal('M'), Type.Literal('F')]),
    phone: Code('^1\\d{10}$', 11),
    title: Text(30),
    legalQualification: Type.Boolean(),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: ROLES.length, uniqueItems: true }),
    active: Type.Boolean(),
    password: Text(128, { minLength: 1 }),
  }),
);
export type UpdateOfficerBody = Static<typeof UpdateOfficerBody>;

export const CredentialBody = Type.Object({
  number: Code('^[A-Za-z0-9-]{6,20}$', 20),
  domains: Type.Array(EnforcementDomainSchema, { minItems: 1, maxItems: ENFORCEMENT_DOMAINS.length, uniqueItems: true }),
  validFrom: IsoDate,
  validTo: IsoDate,
});
export type CredentialBody = Static<typeof CredentialBody>;
export const UpdateCredentialBody = Type.Partial(Type.Object({ ...CredentialBody.properties, revoked: Type.Boolean() }));
export type UpdateCredentialBody = Static<typeof UpdateCredentialBody>;
