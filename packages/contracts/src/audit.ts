import { Type, type Static } from '@sinclair/typebox';
import { PageQuery, Text, Uuid } from './common.ts';

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Uuid, Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  bureauId: Type.Union([Uuid, Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditListQuery = Type.Object({
  ...PageQuery,
  actorId: Type.Optional(Uuid),
  action: Type.Optional(Text(64)),
  entityType: Type.Optional(Text(64)),
  entityId: Type.Optional(Text(64)),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBrokenSeq: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  headHash: Type.Union([Type.String(), Type.Null()]),
});
export type AuditVerifyResult = Static<typeof AuditVerifyResult>;
