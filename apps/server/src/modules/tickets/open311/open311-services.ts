// GeoReport v2 services: one per active leaf ticket category (service_code = the category code), with the questions
// of `open311_service_attributes` as its service definition.
import type { Executor } from '../../../context.ts';
import { list, open311Error, type Open311Record } from './open311-format.ts';

export type ServiceAttribute = {
  code: string;
  datatype: string;
  required: boolean;
  description: string;
  datatypeDescription: string | null;
  order: number;
  values: { key: string; name: string }[];
};

export type Service = {
  code: string;
  name: string;
  nameEn: string;
  group: string;
  attributes: ServiceAttribute[];
};

async function attributesOf(db: Executor, codes: string[]): Promise<Map<string, ServiceAttribute[]>> {
  const out = new Map<string, ServiceAttribute[]>();
  if (codes.length === 0) return out;
  const rows = await db
    .selectFrom('open311_service_attributes')
    .selectAll()
    .where('category_code', 'in', codes)
    .orderBy('category_code')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  for (const r of rows) {
    const values = (typeof r.answer_values === 'string' ? JSON.parse(r.answer_values) : r.answer_values) as ServiceAttribute['values'];
    const a: ServiceAttribute = {
      code: r.code,
      datatype: r.datatype,
      required: r.required,
      description: r.description,
      datatypeDescription: r.datatype_description,
      order: r.sort_order,
      values,
    };
    out.set(r.category_code, [...(out.get(r.category_code) ?? []), a]);
  }
  return out;
}

/** The active leaf categories (a category with an active child is a group, not a service), in their order. */
export async function listServices(db: Executor, only?: string): Promise<Service[]> {
  let q = db
    .selectFrom('ticket_categories as c')
    .leftJoin('ticket_categories as p', 'p.code', 'c.parent_code')
    .select(['c.code', 'c.name_zh', 'c.name_en', 'p.name_zh as group_name'])
    .where('c.active', '=', true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('ticket_categories as k').select('k.code').whereRef('k.parent_code', '=', 'c.code').where('k.active', '=', true),
        ),
      ),
    )
    .orderBy('c.sort_order')
    .orderBy('c.code');
  if (only !== undefined) q = q.where('c.code', '=', only);
  const rows = await q.execute();
  const attrs = await attributesOf(
    db,
    rows.map((r) => r.code),
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name_zh,
    nameEn: r.name_en,
    group: r.group_name ?? r.name_zh,
    attributes: attrs.get(r.code) ?? [],
  }));
}

export async function serviceOrFail(db: Executor, code: string | undefined): Promise<Service> {
  if (!code) throw open311Error(400, 'service_code：请提供服务代码', 'service_code was not provided');
  const [service] = await listServices(db, code);
  if (!service) throw open311Error(404, `service_code：服务代码“${code}”不存在或已停用`, `service_code "${code}" was not found`);
  return service;
}

/** GET services: service_code, service_name, description, metadata, type, keywords, group. */
export function serviceEntry(s: Service): Open311Record {
  return {
    service_code: s.code,
    service_name: s.name,
    description: `${s.name}（${s.nameEn}）`,
    metadata: s.attributes.length > 0,
    type: 'realtime',
    keywords: [s.group, s.name, s.nameEn].join(', '),
    group: s.group,
  };
}

/** GET services/{service_code}: the attributes, each with variable=true (every question here takes an answer). */
export function serviceDefinition(s: Service): Open311Record {
  return {
    service_code: s.code,
    attributes: list(
      'attribute',
      s.attributes.map((a) => ({
        variable: true,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.datatypeDescription,
        order: a.order,
        description: a.description,
        values: list(
          'value',
          a.values.map((v) => ({ key: v.key, name: v.name })),
        ),
      })),
    ),
  };
}
