// The routes of the OpenAPI document (`app.swagger()`), as data a test can walk: method, path template, path and query
// parameters, JSON body schema. Generated from the same schemas that validate requests, so a new route is walked by
// every test that uses this enumerator without anyone writing a line for it. `sampleOf` makes the smallest value a
// schema accepts (required properties only), for tests that must get past validation to reach the handler. The input
// fuzz test (fuzz-support.ts) and the access walk (routes.access.test.ts) both enumerate the routes here.

/** The JSON-Schema subset our TypeBox contracts produce (after @fastify/swagger's OpenAPI 3.0 conversion). */
export type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  nullable?: boolean;
  default?: unknown;
};

export type Param = { name: string; schema: Schema; required: boolean };

/** Where a route lives decides who may call it: the console API, the party's portal, or anyone. */
export type Zone = 'v1' | 'portal' | 'public';

export type Operation = {
  method: string;
  /** The OpenAPI path template, e.g. /api/v1/cases/{id}. */
  path: string;
  pathParams: Param[];
  query: Param[];
  /** The JSON body's schema, when the route takes JSON. */
  body: Schema | null;
  bodyRequired: boolean;
  zone: Zone;
};

type OpenApiOperation = {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
};
type OpenApi = { paths: Record<string, Record<string, OpenApiOperation>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, paths in sorted order. */
export function operationsOf(doc: unknown): Operation[] {
  const ops: Operation[] = [];
  const paths = (doc as OpenApi).paths;
  for (const path of Object.keys(paths).sort()) {
    for (const method of METHODS) {
      const op = paths[path]![method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const pick = (where: string) =>
        params.filter((p) => p.in === where).map((p) => ({ name: p.name, schema: p.schema, required: p.in === 'path' || !!p.required }));
      const json = op.requestBody?.content['application/json'];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: pick('path'),
        query: pick('query'),
        body: json?.schema ?? null,
        bodyRequired: !!op.requestBody?.required,
        zone: path.startsWith('/api/v1/') ? 'v1' : path.startsWith('/api/portal/') ? 'portal' : 'public',
      });
    }
  }
  return ops;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Finer than the zone, for the access walk: /api/auth and the health check are public but carry no object key. */
export type RouteArea = 'v1' | 'auth' | 'portal' | 'public' | 'system';

/** An operation with what the access walk needs besides: its name, its area, and whether it declares itself public. */
export type ApiRoute = Operation & {
  method: HttpMethod;
  /** `GET /api/v1/cases/{id}`: how tests name a route. */
  key: string;
  area: RouteArea;
  summary: string;
  tags: string[];
  /** `security: []` in the document: the route declares itself public. */
  declaredPublic: boolean;
};

function areaOf(path: string): RouteArea {
  if (path.startsWith('/api/v1/')) return 'v1';
  if (path.startsWith('/api/auth/')) return 'auth';
  if (path.startsWith('/api/portal/')) return 'portal';
  if (path.startsWith('/api/public/')) return 'public';
  return 'system';
}

/** The operations of `operationsOf`, named and placed. */
export function openApiRoutes(doc: unknown): ApiRoute[] {
  const paths = (doc as OpenApi).paths;
  return operationsOf(doc).map((op) => {
    const raw = paths[op.path]![op.method.toLowerCase()]!;
    return {
      ...op,
      method: op.method as HttpMethod,
      key: `${op.method} ${op.path}`,
      area: areaOf(op.path),
      summary: raw.summary ?? '',
      tags: raw.tags ?? [],
      declaredPublic: Array.isArray(raw.security) && raw.security.length === 0,
    };
  });
}

/** The URL of a route with its path parameters filled (encoded) and an optional query string. */
export function routeUrl(route: Pick<ApiRoute, 'path'>, params: Record<string, string>, query: Record<string, string> = {}): string {
  const path = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${route.path}: no value for path parameter ${name}`);
    return encodeURIComponent(v);
  });
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

/** The collection a path parameter names an element of: `/api/v1/cases/{id}/services/{serviceId}` → id: cases. */
export function collectionOf(route: Pick<ApiRoute, 'path'>, param: string): string {
  const parts = route.path.split('/');
  const i = parts.indexOf(`{${param}}`);
  return i > 0 ? parts[i - 1]! : '';
}

const KNOWN_PATTERNS: Record<string, string> = {
  '^[0-9a-f]{64}$': 'a'.repeat(64),
  '^\\d{4}-\\d{2}-\\d{2}$': '2026-03-02',
};

function sampleString(s: Schema): string {
  if (s.format === 'uuid') return '00000000-0000-7000-8000-000000000000';
  if (s.format === 'date') return '2026-03-02';
  if (s.format === 'date-time') return '2026-03-02T02:00:00.000Z';
  if (s.format === 'email') return 'a@example.com';
  if (s.pattern && KNOWN_PATTERNS[s.pattern]) return KNOWN_PATTERNS[s.pattern]!;
  if (s.pattern && /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(s.pattern)) return '2026-03-02';
  // `^[class]{m,n}$`: m of the class's first character (a letter or digit of a code, a credential number).
  const cls = s.pattern ? /^\^\[([^\]]+)\]\{(\d+)(?:,\d*)?\}\$$/.exec(s.pattern) : null;
  if (cls) return (cls[1]!.startsWith('0-9') ? '1' : cls[1]![0]!).repeat(Math.max(Number(cls[2]), 1));
  const n = Math.max(s.minLength ?? 1, 1);
  return 'x'.repeat(Math.min(n, s.maxLength ?? n));
}

/**
 * The smallest value the schema accepts: required properties only, the first branch of a union, the first enum value,
 * the minimum of a number. Patterns other than the platform's own (SM3, dates, digits) are not solved.
 */
export function sampleOf(schema: Schema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const branch = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (branch) return sampleOf(branch);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sampleOf(s) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = sampleOf(schema.properties?.[name] ?? {});
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, i) => {
        const v = sampleOf(schema.items ?? {});
        return typeof v === 'string' && i > 0 ? v.replace(/.$/, String(i % 10)) : v;
      });
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 1;
      return typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : min;
    }
    case 'boolean':
      return false;
    default:
      return schema.properties ? sampleOf({ ...schema, type: 'object' }) : null;
  }
}
