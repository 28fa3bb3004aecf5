// The machinery of the input fuzz test: the operations of an OpenAPI document (enumerated by openapi-routes.ts, shared
// with the access walk), a valid sample of each schema, and the malformed variants of every parameter and body field,
// grouped in classes. Nothing here knows a route by name: a new route is fuzzed by being in the document.
import type { RandomSource } from '@chengguan/domain';
import type { Param, Schema } from './openapi-routes.ts';
export { operationsOf, type Operation, type Param, type Schema, type Zone } from './openapi-routes.ts';

// ---------------------------------------------------------------------------------------------------------------
// Schemas: the branches of a union, the JSON types a schema admits, a valid sample

/** The non-null branches of a schema (a TypeBox union of literals or a nullable value has several). */
export function branches(s: Schema): Schema[] {
  const list = s.anyOf ?? s.oneOf;
  if (!list) return [s];
  return list.flatMap(branches).filter((b) => b.type !== 'null');
}

export function admitsNull(s: Schema): boolean {
  const list = s.anyOf ?? s.oneOf;
  return !!s.nullable || s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')) || (!!list && list.some(admitsNull));
}

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.enum && typeof s.enum[0] === 'string') return 'string';
  return undefined;
}

/** The JSON types a value of this schema may have ('integer' also admits 'number' values that are whole). */
export function jsonTypes(s: Schema): Set<string> {
  const out = new Set<string>();
  for (const b of branches(s)) {
    const t = typeOf(b);
    if (t) out.add(t);
  }
  if (admitsNull(s)) out.add('null');
  return out;
}

/** The values of an enum or a union of literals; null for any other schema. */
export function enumValues(s: Schema): unknown[] | null {
  const values: unknown[] = [];
  for (const b of branches(s)) {
    if (b.enum) values.push(...b.enum);
    else if (b.const !== undefined) values.push(b.const);
    else return null;
  }
  return values.length ? values : null;
}

/** Strings the document only describes by a pattern; a sample that matches them keeps the rest of a request valid. */
const PATTERN_SAMPLES: Record<string, (rng: RandomSource) => string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': () => '2026-03-02',
  '^[0-9a-f]{64}$': (rng) => hex(rng, 64),
  '^\\d{6}$': () => '310115',
  '^\\d{20}$': () => '10000000000000000000',
  '^[0-9+\\- ]{5,20}$': () => '13800138000',
  '^1\\d{10}$': () => '13800138000',
  '^[A-Za-z0-9._-]{1,40}$': () => 'X1',
  '^[A-Za-z0-9_-]{2,32}$': (rng) => `FZ${hex(rng, 6)}`,
  '^[A-Za-z0-9-]{3,20}$': (rng) => `FZ${hex(rng, 6)}`,
  '^[A-Za-z0-9-]{6,20}$': (rng) => `FZ${hex(rng, 8)}`,
  '^[a-z][a-z0-9_.]{2,31}$': (rng) => `fz${hex(rng, 8)}`,
  '^[A-Za-z0-9_-]{20,100}$': (rng) => hex(rng, 32),
  '^[a-z0-9_-]{1,40}$': () => 'sandbox',
  '\\{seq(:\\d)?\\}': () => '沪浦城管罚〔{year}〕{seq:4}号',
};

/** A well-formed UUID (v7 layout) drawn from the seeded source: the same run, the same ids. */
export function drawUuid(rng: RandomSource): string {
  const h = hex(rng, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The list in an order drawn from the seeded source (Fisher–Yates). */
export function shuffled<T>(rng: RandomSource, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function hex(rng: RandomSource, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rng() * 16)];
  return s;
}

/** Values seen in the application's own answers, by the key they were seen under (id, sm3, token …). */
export type Pools = Map<string, string[]>;

export type SampleContext = { rng: RandomSource; pools: Pools; today: string; now: string };

function fromPool(ctx: SampleContext, name: string): string | undefined {
  const singular = name.endsWith('Ids') ? `${name.slice(0, -3)}Id` : name;
  const list = ctx.pools.get(singular) ?? ctx.pools.get(name);
  return list?.length ? list[Math.floor(ctx.rng() * list.length)] : undefined;
}

/** A valid value of the schema: required properties only, existing ids where the application showed some. */
export function sample(s: Schema, name: string, ctx: SampleContext): unknown {
  if (s.default !== undefined) return s.default;
  const values = enumValues(s);
  if (values) return values[0];
  const b = branches(s)[0] ?? s;
  if (b.allOf) return Object.assign({}, ...b.allOf.map((x) => sample(x, name, ctx)));
  switch (typeOf(b)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of b.required ?? []) out[key] = sample(b.properties?.[key] ?? {}, key, ctx);
      return out;
    }
    case 'array': {
      // A tuple (items as a list of schemas): one sample per position.
      if (Array.isArray(b.items)) return (b.items as Schema[]).map((x, i) => sample(x, `${name}.${i}`, ctx));
      const n = Math.max(b.minItems ?? 0, 0);
      const items = b.items ?? {};
      const options = enumValues(items);
      if (options) return options.slice(0, n);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(sample(items, name, ctx));
      return b.uniqueItems ? [...new Set(out.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown) : out;
    }
    case 'integer':
    case 'number':
      return Math.max(b.minimum ?? 1, Math.min(1, b.maximum ?? 1));
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return sampleString(b, name, ctx);
  }
}

function sampleString(s: Schema, name: string, ctx: SampleContext): string {
  if (s.format === 'uuid') return fromPool(ctx, name) ?? drawUuid(ctx.rng);
  if (s.format === 'date') return ctx.today;
  if (s.format === 'date-time') return ctx.now;
  if (s.pattern) {
    const pooled = fromPool(ctx, name);
    if (pooled !== undefined && new RegExp(s.pattern, 'u').test(pooled)) return pooled;
    const make = PATTERN_SAMPLES[s.pattern];
    if (make) return make(ctx.rng);
  }
  const pooled = fromPool(ctx, name);
  if (pooled !== undefined && pooled.length <= (s.maxLength ?? Infinity) && pooled.length >= (s.minLength ?? 0)) return pooled;
  return '测'.repeat(Math.max(s.minLength ?? 1, 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Fields of a body schema, and writing a value at a path

export type FieldPath = (string | number)[];
export type Field = { path: FieldPath; schema: Schema; required: boolean };

/** Every property of the body, nested objects and the first item of arrays included. */
export function fieldsOf(s: Schema, path: FieldPath = [], out: Field[] = [], depth = 0): Field[] {
  if (depth > 6) return out;
  for (const b of branches(s)) {
    if (typeOf(b) === 'object' && b.properties) {
      for (const [key, child] of Object.entries(b.properties)) {
        const p = [...path, key];
        out.push({ path: p, schema: child, required: (b.required ?? []).includes(key) });
        fieldsOf(child, p, out, depth + 1);
      }
    } else if (typeOf(b) === 'array' && Array.isArray(b.items)) {
      (b.items as Schema[]).forEach((x, i) => {
        const p = [...path, i];
        out.push({ path: p, schema: x, required: true });
        fieldsOf(x, p, out, depth + 1);
      });
    } else if (typeOf(b) === 'array' && b.items) {
      const p = [...path, 0];
      out.push({ path: p, schema: b.items, required: false });
      fieldsOf(b.items, p, out, depth + 1);
    }
    if (b !== s) break; // the first branch of a union describes the field well enough
  }
  return out;
}

export function fieldName(path: FieldPath): string {
  return path.join('.');
}

/** The body with one value replaced (or removed, for `undefined`), parents made from their schemas where absent. */
export function withValue(base: unknown, root: Schema, path: FieldPath, value: unknown, ctx: SampleContext): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  let schema: Schema = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    schema = childSchema(schema, key);
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') {
      const made = sample(schema, String(key), ctx);
      node[key] = made && typeof made === 'object' ? made : typeof path[i + 1] === 'number' ? [] : {};
    }
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

function childSchema(s: Schema, key: string | number): Schema {
  const b = branches(s)[0] ?? s;
  if (typeof key === 'number') return (Array.isArray(b.items) ? (b.items as Schema[])[key] : b.items) ?? {};
  return b.properties?.[key] ?? {};
}

export function schemaAt(root: Schema, path: FieldPath): Schema {
  let s = root;
  for (const key of path) s = childSchema(s, key);
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Malformed values, by class

/** A JSON number that JavaScript cannot write (1e309, 20 digits): spliced into the body text as written. */
export class RawJson {
  constructor(readonly text: string) {}
}

export function toJsonText(body: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_k, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `__raw_${raws.length - 1}__`;
    }
    return v;
  });
  return raws.reduce((t, raw, i) => t.replace(`"__raw_${i}__"`, raw), text);
}

/**
 * A malformed value and whether the schema must refuse it. `refused`: any 4xx answer will do, a 400 must name the field;
 * otherwise only "no 5xx" is asked (a well-formed id that does not exist, a value at the edge of its bounds).
 */
export type Variant = { cls: string; value: unknown; refused: boolean };

export const CONTROL_CHARACTERS = ['\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\ud800'];
export const IMPOSSIBLE_DATES = ['2024-02-30', '0000-00-00', '2026-13-01', '2025-02-29', '2026-04-31'];
/** Existing days at the ends of what a request may carry: date arithmetic must cope with them. */
export const EDGE_DATES = ['1900-01-01', '2999-12-31', '2024-02-29'];
export const IMPOSSIBLE_DATE_TIMES = ['2024-02-30T08:00:00Z', '2026-13-01T00:00:00+08:00', '0000-00-00T00:00:00Z', '2026-03-02T25:00:00Z'];

function isFreeText(s: Schema): boolean {
  const b = branches(s);
  return b.length > 0 && b.every((x) => typeOf(x) === 'string' && !x.enum && x.const === undefined && x.format !== 'uuid');
}

function numberBranch(s: Schema): Schema | undefined {
  return branches(s).find((b) => typeOf(b) === 'integer' || typeOf(b) === 'number');
}

function stringBranch(s: Schema): Schema | undefined {
  return branches(s).find((b) => typeOf(b) === 'string');
}

/** The malformed values of one body field (JSON values). */
export function bodyVariants(f: Field, valid: unknown, rng: RandomSource): Variant[] {
  const s = f.schema;
  const types = jsonTypes(s);
  const out: Variant[] = [];
  const str = stringBranch(s);
  if (str && isFreeText(s) && str.format !== 'date' && str.format !== 'date-time') {
    const text = typeof valid === 'string' && valid.length > 0 ? valid : 'x';
    for (const c of CONTROL_CHARACTERS) out.push({ cls: 'control-char', value: `${text.slice(0, 1)}${c}${text.slice(1)}`, refused: true });
  }
  if (str && (str.format === 'date' || str.pattern === '^\\d{4}-\\d{2}-\\d{2}$')) {
    for (const d of IMPOSSIBLE_DATES) out.push({ cls: 'impossible-date', value: d, refused: true });
  }
  if (str?.format === 'date-time') {
    for (const d of IMPOSSIBLE_DATE_TIMES) out.push({ cls: 'impossible-date', value: d, refused: true });
  }
  if (str?.format === 'date') for (const d of EDGE_DATES) out.push({ cls: 'edge-value', value: d, refused: false });
  const num = numberBranch(s);
  if (num) {
    const integer = typeOf(num) === 'integer';
    out.push({ cls: 'bad-number', value: new RawJson('1e309'), refused: true });
    out.push({ cls: 'bad-number', value: new RawJson('99999999999999999999'), refused: true });
    out.push({ cls: 'bad-number', value: new RawJson('-1e309'), refused: true });
    if (integer) out.push({ cls: 'bad-number', value: 1.5, refused: true });
    if ((num.minimum ?? -Infinity) >= 0) out.push({ cls: 'bad-number', value: -1, refused: true });
    if (num.maximum !== undefined) out.push({ cls: 'edge-value', value: num.maximum, refused: false });
    if (num.minimum !== undefined) out.push({ cls: 'edge-value', value: num.minimum, refused: false });
    out.push({ cls: 'edge-value', value: 2_147_483_648, refused: false });
    out.push({ cls: 'number-as-string', value: String(typeof valid === 'number' ? valid : 10000), refused: !types.has('string') });
  }
  if (types.has('boolean') && !types.has('string')) out.push({ cls: 'number-as-string', value: 'true', refused: true });
  for (const [t, value] of [
    ['array', []],
    ['object', {}],
    ['null', null],
    ['boolean', true],
    ['string', 'x'],
    ['number', 7],
  ] as const) {
    const admitted = types.has(t) || (t === 'number' && types.has('integer'));
    if (!admitted) out.push({ cls: 'wrong-type', value, refused: true });
  }
  if (str && isFreeText(s)) {
    if (str.maxLength !== undefined) {
      out.push({ cls: 'over-long', value: 'x'.repeat(str.maxLength + 1), refused: true });
      if (!str.pattern && !str.format?.startsWith('date'))
        out.push({ cls: 'edge-value', value: '测'.repeat(str.maxLength), refused: false });
    } else out.push({ cls: 'over-long', value: 'x'.repeat(300_000), refused: false });
  }
  if (enumValues(s)) out.push({ cls: 'unknown-enum', value: 'no_such_value', refused: true });
  if (str?.format === 'uuid') {
    out.push({ cls: 'bad-uuid', value: 'not-a-uuid', refused: true });
    out.push({ cls: 'bad-uuid', value: '0190a5e8-7c1b-7000-8000-00000000000g', refused: true });
    out.push({ cls: 'unknown-id', value: drawUuid(rng), refused: false });
  }
  if (f.required) out.push({ cls: 'missing', value: undefined, refused: true });
  return out;
}

/** Properties no schema declares, holding what a declared one would refuse: dropped, never stored. */
export const UNKNOWN_FIELDS: Record<string, unknown>[] = [
  { zzUnknown: 'a\u0000b' },
  { zzUnknown: { nested: ['\ud800', 1e308] } },
  { __proto__x: 1, constructor: 'x' },
];

/** The malformed values of one query or path parameter, as they appear in a URL (already percent-encoded). */
export function urlVariants(p: Param, where: 'query' | 'path', rng: RandomSource): Variant[] {
  const s = p.schema;
  const out: Variant[] = [];
  const str = stringBranch(s);
  const num = numberBranch(s);
  const enc = encodeURIComponent;
  for (const c of ['%00', '%01', '%1B', '%7F', '%C2%85']) out.push({ cls: 'control-char', value: num ? `1${c}` : `a${c}b`, refused: true });
  for (const c of ['%FF', '%ED%A0%80', '%C0%80']) out.push({ cls: 'bad-encoding', value: `a${c}b`, refused: false });
  if (str && (str.format === 'date' || str.pattern === '^\\d{4}-\\d{2}-\\d{2}$')) {
    for (const d of IMPOSSIBLE_DATES) out.push({ cls: 'impossible-date', value: d, refused: true });
  }
  if (str?.format === 'date-time')
    for (const d of IMPOSSIBLE_DATE_TIMES) out.push({ cls: 'impossible-date', value: enc(d), refused: true });
  if (num) {
    const integer = typeOf(num) === 'integer';
    for (const v of ['1e309', '99999999999999999999', '-1e309', 'abc', '', '0x10', 'NaN', 'Infinity'])
      out.push({ cls: 'bad-number', value: v, refused: true });
    if (integer) out.push({ cls: 'bad-number', value: '1.5', refused: true });
    if (integer) out.push({ cls: 'bad-number', value: '1e3', refused: true });
    if ((num.minimum ?? -Infinity) >= 0) out.push({ cls: 'bad-number', value: '-1', refused: true });
    if (num.maximum !== undefined) out.push({ cls: 'edge-value', value: String(num.maximum), refused: false });
    out.push({ cls: 'edge-value', value: '2147483648', refused: false });
  }
  if (jsonTypes(s).has('boolean')) out.push({ cls: 'wrong-type', value: 'yes', refused: true });
  if (str && isFreeText(s)) {
    out.push({ cls: 'over-long', value: 'x'.repeat((str.maxLength ?? 4000) + 1), refused: str.maxLength !== undefined });
  }
  if (enumValues(s)) out.push({ cls: 'unknown-enum', value: 'no_such_value', refused: true });
  if (str?.format === 'uuid') {
    out.push({ cls: 'bad-uuid', value: 'not-a-uuid', refused: true });
    out.push({ cls: 'bad-uuid', value: `${drawUuid(rng)}x`, refused: true });
    out.push({ cls: 'unknown-id', value: drawUuid(rng), refused: false });
  }
  if (where === 'path') out.push({ cls: 'bad-path', value: '..%2F..%2Fetc', refused: !!str && !isFreeText(s) });
  return out;
}

/**
 * Bodies that are not the JSON the route expects, sent as raw text with the given content type. `field`: what a 400
 * must name (the body itself when it cannot be read; any field when the text is JSON of the wrong shape).
 */
type BodyVariant = {
  cls: string;
  contentType: string;
  text: string | (() => string);
  /** Only for routes that take JSON. */
  jsonOnly: boolean;
  field: string | null;
  /** Whether a 4xx is required; by default, where the route takes JSON. */
  refused?: boolean;
};

export const BODY_VARIANTS: BodyVariant[] = [
  { cls: 'malformed-json', contentType: 'application/json', text: '{"a":', jsonOnly: false, field: 'body' },
  { cls: 'malformed-json', contentType: 'application/json', text: '{a:1}', jsonOnly: false, field: 'body' },
  { cls: 'malformed-json', contentType: 'application/json', text: '[1,]', jsonOnly: false, field: 'body' },
  { cls: 'malformed-json', contentType: 'application/json', text: '{"__proto__":{"x":1}}', jsonOnly: false, field: 'body' },
  { cls: 'wrong-content-type', contentType: 'application/json; charset=latin1', text: '{}', jsonOnly: true, field: null, refused: false },
  {
    cls: 'deep-json',
    contentType: 'application/json',
    text: () => `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    jsonOnly: false,
    field: 'body',
  },
  {
    cls: 'deep-json',
    contentType: 'application/json',
    text: () => `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
    jsonOnly: false,
    field: 'body',
  },
  { cls: 'empty-body', contentType: 'application/json', text: '', jsonOnly: true, field: 'body' },
  { cls: 'wrong-type', contentType: 'application/json', text: '[]', jsonOnly: true, field: null },
  { cls: 'wrong-type', contentType: 'application/json', text: 'null', jsonOnly: true, field: null },
  { cls: 'wrong-type', contentType: 'application/json', text: '"x"', jsonOnly: true, field: null },
  { cls: 'wrong-content-type', contentType: 'text/plain', text: 'hello', jsonOnly: true, field: null },
  { cls: 'wrong-content-type', contentType: 'application/x-www-form-urlencoded', text: 'a=1', jsonOnly: true, field: null },
  { cls: 'wrong-content-type', contentType: 'multipart/form-data; boundary=x', text: '--x\r\nbroken', jsonOnly: false, field: null },
  {
    cls: 'wrong-content-type',
    contentType: 'multipart/form-data; boundary=x',
    text: '--x\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8\'\'%E0%A4%A\r\n\r\nabc\r\n--x--\r\n',
    jsonOnly: false,
    field: null,
    refused: false,
  },
  { cls: 'wrong-content-type', contentType: 'application/octet-stream', text: '', jsonOnly: false, field: null, refused: false },
];

export function pickOne<T>(rng: RandomSource, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}
