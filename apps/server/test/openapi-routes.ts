// The routes of the OpenAPI document (`app.swagger()`), as data a test can walk: method, path template, path and query
// parameters, JSON body schema. Generated from the same schemas that validate requests, so a new route is walked by
// every test that uses this enumerator without anyone writing a line for it. `sampleOf` makes the smallest value a
// schema accepts (required properties only), for tests that must get past validation to reach the handler.
export type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiParam = { name: string; required: boolean; schema: JsonSchema };

/** Where a route lives decides who may call it: /api/v1 needs a console login, the others carry their own key. */
export type RouteArea = 'v1' | 'auth' | 'portal' | 'public' | 'system';

export type ApiRoute = {
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/api/v1/cases/{id}/evidence`. */
  path: string;
  /** `GET /api/v1/cases/{id}`: how tests name a route. */
  key: string;
  area: RouteArea;
  summary: string;
  tags: string[];
  /** `security: []` in the document: the route declares itself public. */
  declaredPublic: boolean;
  pathParams: ApiParam[];
  query: ApiParam[];
  /** The JSON body schema, or null (no body, or a raw upload whose bytes are the body). */
  body: JsonSchema | null;
  bodyRequired: boolean;
};

type OpenApiOperation = {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
};

export type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function areaOf(path: string): RouteArea {
  if (path.startsWith('/api/v1/')) return 'v1';
  if (path.startsWith('/api/auth/')) return 'auth';
  if (path.startsWith('/api/portal/')) return 'portal';
  if (path.startsWith('/api/public/')) return 'public';
  return 'system';
}

/** Every operation of the document, in the document's order. */
export function openApiRoutes(doc: OpenApiDocument): ApiRoute[] {
  const out: ApiRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = ops[method.toLowerCase()];
      if (!op) continue;
      const params = op.parameters ?? [];
      const param = (p: (typeof params)[number]): ApiParam => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} });
      const json = op.requestBody?.content?.['application/json']?.schema ?? null;
      out.push({
        method,
        path,
        key: `${method} ${path}`,
        area: areaOf(path),
        summary: op.summary ?? '',
        tags: op.tags ?? [],
        declaredPublic: Array.isArray(op.security) && op.security.length === 0,
        pathParams: params.filter((p) => p.in === 'path').map(param),
        query: params.filter((p) => p.in === 'query').map(param),
        body: json,
        bodyRequired: op.requestBody?.required === true,
      });
    }
  }
  return out;
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

function sampleString(s: JsonSchema): string {
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
export function sampleOf(schema: JsonSchema): unknown {
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
