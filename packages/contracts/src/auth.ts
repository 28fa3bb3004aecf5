import { Type, type Static } from '@sinclair/typebox';
import { Code, Text, Uuid } from './common.ts';
import { RoleSchema } from './staff.ts';

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
