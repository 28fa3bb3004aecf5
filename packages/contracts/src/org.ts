import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDate, Text, Uuid } from './common.ts';

/** 市局 → 区局 → 大队/中队, plus special units such as 执法总队. */
export const ORG_KINDS = ['city_bureau', 'district_bureau', 'special_unit', 'brigade', 'squad'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const OrgKindSchema = Type.Union(ORG_KINDS.map((k) => Type.Literal(k)));

export const Org = Type.Object({
  id: Uuid,
  parentId: Type.Union([Uuid, Type.Null()]),
  bureauId: Type.Union([Uuid, Type.Null()]),
  kind: OrgKindSchema,
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
});
export type Org = Static<typeof Org>;
export type OrgNode = Org & { children: OrgNode[] };

export const CreateOrgBody = Type.Object({
  parentId: Uuid,
  kind: OrgKindSchema,
  name: Text(60, { minLength: 2 }),
  shortName: Type.Optional(Text(20)),
  code: Code('^[A-Za-z0-9_-]{2,32}$', 32),
  regionCode: Type.Optional(Code('^\\d{6}$', 6)),
  sortOrder: Type.Optional(Int(0, 99_999)),
});
export type CreateOrgBody = Static<typeof CreateOrgBody>;

export const UpdateOrgBody = Type.Partial(
  Type.Object({
    name: Text(60, { minLength: 2 }),
    shortName: Text(20),
    regionCode: Code('^\\d{6}$', 6),
    sortOrder: Int(0, 99_999),
    active: Type.Boolean(),
  }),
);
export type UpdateOrgBody = Static<typeof UpdateOrgBody>;

export { IsoDate };
