import { Type, type Static, type StringOptions, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { INPUT_DATE_MAX, INPUT_DATE_MIN } from './formats.ts';

// Every value a client sends is closed by its schema: a string has a format (free text refuses control characters, a
// date must exist) and a maximum length, a number has both bounds, a list a maximum size. The server refuses to start
// when a request schema misses one (apps/server/src/http/validation.ts), so build request schemas from these.

/** A schema that is one of the listed strings, typed as their union. */
export const literals = <const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)));
/** The schema or null. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({
  format: 'date',
  description: `YYYY-MM-DD (Asia/Shanghai), an existing day ${INPUT_DATE_MIN} … ${INPUT_DATE_MAX}`,
});
export const IsoDateTime = Type.String({ format: 'date-time', description: 'RFC 3339 with offset' });

type TextOptions = Pick<StringOptions, 'minLength' | 'pattern' | 'description' | 'default'>;

/** One line of text: no control characters at all. */
export const Text = (maxLength: number, options: TextOptions = {}) => Type.String({ format: 'text', maxLength, ...options });

/** Paragraphs (facts, notes, statements): tab, line feed and carriage return allowed, other control characters not. */
export const MultilineText = (maxLength: number, options: TextOptions = {}) =>
  Type.String({ format: 'multiline-text', maxLength, ...options });

/** A code with a pattern of its own (its length bounded by the pattern and by maxLength). */
export const Code = (pattern: string, maxLength: number, description?: string) =>
  Type.String({ format: 'text', pattern, maxLength, ...(description ? { description } : {}) });

export const Sm3Hex = Code('^[0-9a-f]{64}$', 64, 'SM3 hash, 64 lowercase hex digits');

/** PostgreSQL `integer`: counters, versions, article numbers. */
export const INT4_MAX = 2_147_483_647;
/** Money in a request: integer fen up to 1 000 亿元 — every sum of such amounts stays a safe JavaScript integer. */
export const FEN_MAX = 10_000_000_000_000;
export const Fen = Type.Integer({ minimum: 0, maximum: FEN_MAX, description: 'integer fen (分)' });
/** A positive amount (a payment, an instalment). */
export const PositiveFen = Type.Integer({ minimum: 1, maximum: FEN_MAX, description: 'integer fen (分)' });
export const Int = (minimum: number, maximum: number, options: { default?: number; description?: string } = {}) =>
  Type.Integer({ minimum, maximum, ...options });
/** The case version a client saw (optimistic concurrency). */
export const ExpectedVersion = Int(1, INT4_MAX);

export const MAX_PAGE = 100_000;
export const MAX_PAGE_SIZE = 200;
export const PageQuery = {
  page: Type.Optional(Int(1, MAX_PAGE, { default: 1 })),
  pageSize: Type.Optional(Int(1, MAX_PAGE_SIZE, { default: 20 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    /** The number of matches, or the count cap when `totalCapped` (a list counts at most LIST_COUNT_CAP rows). */
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    /** There are more matches than `total` says (shown as 「10,000+」). */
    totalCapped: Type.Optional(Type.Boolean()),
    /** Keyset paging: pass as `cursor` for the page after this one; null on the last page. */
    nextCursor: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  });
export type PageOf<T> = { items: T[]; total: number; page: number; pageSize: number; totalCapped?: boolean; nextCursor?: string | null };

/** Every error body the API returns. `field` names the offending input where there is one. */
export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String({ description: 'zh-CN' }),
  messageEn: Type.String(),
  field: Type.Optional(Type.String()),
  rule: Type.Optional(Type.String({ description: 'rule ID and article, e.g. B1 行政处罚法第五十一条' })),
  details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String(), messageEn: Type.String() }))),
  correlationId: Type.Optional(Type.String()),
});
export type ErrorBody = Static<typeof ErrorBody>;
