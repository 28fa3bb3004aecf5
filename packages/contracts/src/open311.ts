// Open311 GeoReport v2 (docs/tickets.md "Open311"): the administrator's partner keys. The GeoReport routes themselves
// speak the specification's own parameters and answers (form fields, XML or JSON), declared beside their routes.
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, literals, Nullable, PageQuery, Text, Uuid } from './common.ts';

export const CreateOpen311KeyBody = Type.Object(
  {
    name: Text(100, { minLength: 1, description: 'the partner (application or organisation) the key is for' }),
    bureauId: Uuid,
  },
  { additionalProperties: false },
);
export type CreateOpen311KeyBody = Static<typeof CreateOpen311KeyBody>;

export const Open311Key = Type.Object({
  id: Uuid,
  name: Type.String(),
  bureauId: Uuid,
  bureauName: Type.String(),
  /** The key's last four characters, to tell keys apart. */
  keyHint: Type.String(),
  createdAt: IsoDateTime,
  revokedAt: Nullable(IsoDateTime),
  requestCount: Type.Integer(),
});
export type Open311Key = Static<typeof Open311Key>;

/** The administrator's key list: filters and the server's paging (its Excel export takes the same filters). */
export const OPEN311_KEY_STATUS_CODES = ['active', 'revoked'] as const;
export const Open311KeyListQuery = Type.Object({
  ...PageQuery,
  /** The partner's name or the key's last four characters. */
  q: Type.Optional(Text(50)),
  status: Type.Optional(literals(OPEN311_KEY_STATUS_CODES)),
  bureauId: Type.Optional(Uuid),
});
export type Open311KeyListQuery = Static<typeof Open311KeyListQuery>;

/** The answer to creating a key: the key itself, shown this once (only its digest is kept). */
export const CreatedOpen311Key = Type.Composite([Open311Key, Type.Object({ apiKey: Type.String() })]);
export type CreatedOpen311Key = Static<typeof CreatedOpen311Key>;
