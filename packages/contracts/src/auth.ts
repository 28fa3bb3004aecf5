import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDate, PageQuery, Text, Uuid } from './common.ts';
import { CREDENTIAL_STATUSES, RoleSchema } from './staff.ts';

export const LoginBody = Type.Object({
  username: Text(64, { minLength: 1 }),
  password: Text(128, { minLength: 1 }),
  totp: Type.Optional(Code('^\\d{6}$', 6)),
});
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  id: Uuid,
  username: Type.String(),
  name: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  roles: Type.Array(RoleSchema),
  /** What the console may show; the server still checks every call. */
  permissions: Type.Array(Type.String()),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  /** His jurisdiction is the whole city (a user of the city bureau): he sees what belongs to no bureau. */
  cityWide: Type.Boolean(),
  /**
   * His own best 执法证 today, as the server judges it (rule A1). The console warns him before he fills a form that
   * needs a valid one (当场处罚, 立案登记); the server still refuses the step itself.
   */
  credential: Type.Object({
    status: Type.Union(CREDENTIAL_STATUSES.map((s) => Type.Literal(s))),
    /** He may act on it today (valid or expiring). */
    canAct: Type.Boolean(),
    number: Type.Union([Type.String(), Type.Null()]),
    validTo: Type.Union([IsoDate, Type.Null()]),
  }),
  /** 法律职业资格 on his staff record (处罚法 Art. 58): the 法制审核 step reads it from there. */
  legalQualification: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const LoginResponse = Type.Object({
  token: Type.String({ description: 'bearer token for API clients; the console uses the session cookie' }),
  expiresAt: Type.String({ format: 'date-time' }),
  user: Me,
});
export type LoginResponse = Static<typeof LoginResponse>;

export const ChangePasswordBody = Type.Object({
  currentPassword: Text(128, { minLength: 1 }),
  newPassword: Text(128, { minLength: 1 }),
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const TotpSetupResponse = Type.Object({ secret: Type.String(), otpauthUrl: Type.String() });
export const TotpEnableBody = Type.Object({ code: Code('^\\d{6}$', 6) });

/**
 * The abuse limits (fixed windows counted in the database so every API process agrees): failed logins per client
 * address and per account name, portal codes per client address and per phone, failed anonymous attempts (portal
 * code login, the party's QR confirmation, a payment callback's signature) per client address.
 */
export const THROTTLE_RULES = [
  'login_address',
  'login_account',
  'portal_code_address',
  'portal_code_phone',
  'public_address',
  // Every call of a data-sharing partner key (docs/data-sharing.md), counted per key.
  'partner_key',
] as const;
export type ThrottleRule = (typeof THROTTLE_RULES)[number];
export const ThrottleRuleSchema = Type.Union(THROTTLE_RULES.map((r) => Type.Literal(r)));

export const ThrottleCounter = Type.Object({
  rule: ThrottleRuleSchema,
  /** The client address; for accounts and phones a digest (the name or number itself is not kept). */
  subject: Type.String(),
  windowStart: Type.String({ format: 'date-time' }),
  windowEnd: Type.String({ format: 'date-time' }),
  hits: Type.Integer({ description: 'attempts counted in the window, refused ones included' }),
  limit: Type.Integer(),
  refused: Type.Integer({ description: 'attempts answered 429 (or, for a phone, not sent)' }),
  lastAt: Type.String({ format: 'date-time' }),
});
export type ThrottleCounter = Static<typeof ThrottleCounter>;

export const ThrottleCounterListQuery = Type.Object({
  ...PageQuery,
  rule: Type.Optional(ThrottleRuleSchema),
  subject: Type.Optional(Text(80)),
  refusedOnly: Type.Optional(Type.Boolean()),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type ThrottleCounterListQuery = Static<typeof ThrottleCounterListQuery>;

/** A role, and whether the current user may grant or revoke it for the officers he administers. */
export const RoleInfo = Type.Object({
  code: RoleSchema,
  name: Type.String(),
  nameEn: Type.String(),
  grantable: Type.Boolean(),
});
export type RoleInfo = Static<typeof RoleInfo>;
