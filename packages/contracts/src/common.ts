import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
export type PageOf<T> = { items: T[]; total: number; page: number; pageSize: number };

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
