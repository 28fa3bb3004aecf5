// Request validation: one Ajv for JSON bodies that never converts a value ("10000" is not an amount), one for the
// query string and path parameters whose strings are converted strictly before validation ("12" → 12; "1e3",
// "0x10", " 1" stay strings and fail). Both know the formats of packages/contracts/src/formats.ts.
//
// Before compiling, every request schema is checked to be closed: a string declares a format or an enum (free text
// then refuses control characters) and a maximum length, a number both bounds, a list a maximum size, a union of
// objects a discriminating property. A route that leaves one open stops the server at start-up, naming the route and
// the field. The compiled copy drops properties a schema does not declare, at every level, so nothing undeclared
// reaches a use-case or a jsonb column.
import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { INPUT_FORMATS } from '@chengguan/contracts';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
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
  maxLength?: number;
  maxItems?: number;
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  required?: string[];
  discriminator?: { propertyName: string };
};

// verbose: errors carry the rejected value, so a message can repeat a wrong date.
const OPTIONS = {
  removeAdditional: true,
  useDefaults: true,
  allErrors: true,
  verbose: true,
  discriminator: true,
  formats: INPUT_FORMATS,
} as const;
const bodyAjv = new Ajv({ ...OPTIONS, coerceTypes: false });
const urlAjv = new Ajv({ ...OPTIONS, coerceTypes: false });

/** Formats whose own grammar leaves no room for control characters or unbounded length. */
const CLOSED_FORMATS = new Set(['uuid', 'date', 'date-time']);

/** What is open in a request schema, as `field: reason` lines (empty when the schema is closed). */
export function openings(schema: Schema, path = ''): string[] {
  const at = path || '(root)';
  const out: string[] = [];
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const sub = (s: Schema | undefined, p: string) => (s ? out.push(...openings(s, p)) : undefined);
  for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) sub(s, path);
  const union = schema.anyOf ?? schema.oneOf;
  if (union && countOf(union, 'object') > 1 && (countOf(union, 'object') < union.length || !discriminatorOf(union))) {
    out.push(`${at}: a union of objects without a literal property telling them apart`);
  }
  if (schema.enum !== undefined || schema.const !== undefined) return out;
  if (types.length === 0 && !schema.anyOf && !schema.oneOf && !schema.allOf && !schema.properties) {
    out.push(`${at}: a value of any type (declare its type)`);
  }
  for (const t of types) {
    if (t === 'string') {
      if (!schema.format) out.push(`${at}: a string without a format (use Text, MultilineText, Code, Uuid, IsoDate from the contracts)`);
      else if (!CLOSED_FORMATS.has(schema.format) && schema.maxLength === undefined) out.push(`${at}: a string without maxLength`);
    }
    if (t === 'integer' || t === 'number') {
      const low = schema.minimum ?? schema.exclusiveMinimum;
      const high = schema.maximum ?? schema.exclusiveMaximum;
      if (low === undefined || high === undefined) out.push(`${at}: a number without minimum and maximum`);
      else if (Math.abs(low) > Number.MAX_SAFE_INTEGER || Math.abs(high) > Number.MAX_SAFE_INTEGER)
        out.push(`${at}: bounds beyond safe integers`);
    }
    if (t === 'array' && schema.maxItems === undefined) out.push(`${at}: a list without maxItems`);
  }
  for (const [k, s] of Object.entries(schema.properties ?? {})) sub(s, path ? `${path}.${k}` : k);
  for (const s of Object.values(schema.patternProperties ?? {})) sub(s, path ? `${path}.*` : '*');
  if (typeof schema.additionalProperties === 'object') sub(schema.additionalProperties, path ? `${path}.*` : '*');
  if (Array.isArray(schema.items)) schema.items.forEach((s, i) => sub(s, `${path}.${i}`));
  else sub(schema.items, path ? `${path}.0` : '0');
  return out;
}

function typesOf(s: Schema): string[] {
  if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf)!.flatMap(typesOf);
  if (Array.isArray(s.type)) return s.type;
  return s.type ? [s.type] : s.properties ? ['object'] : [];
}

function countOf(branches: Schema[], type: string): number {
  return branches.filter((b) => typesOf(b).includes(type)).length;
}

/** The property every object branch requires with a literal value (heading / paragraph / table …), if any. */
function discriminatorOf(branches: Schema[]): string | null {
  const [first, ...rest] = branches;
  for (const name of first?.required ?? []) {
    const literal = (b: Schema) => b.properties?.[name]?.const !== undefined && (b.required ?? []).includes(name);
    if (literal(first!) && rest.every(literal)) return name;
  }
  return null;
}

/**
 * A copy of the schema in which every object drops what it does not declare (additionalProperties: false with Ajv's
 * removeAdditional). A union of several objects becomes a discriminated oneOf first, so that a failing branch cannot
 * strip the properties of the branch that matches. Objects under allOf stay open (each member declares only part).
 */
export function closeObjects(schema: Schema, underAllOf = false): Schema {
  const out: Schema = { ...schema };
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const objects = countOf(union, 'object');
    const tag = objects > 1 && objects === union.length ? discriminatorOf(union) : null;
    const branches = union.map((b) => closeObjects(b));
    delete out.anyOf;
    delete out.oneOf;
    if (tag) Object.assign(out, { type: 'object', oneOf: branches, discriminator: { propertyName: tag } });
    else out.anyOf = branches;
  }
  if (schema.allOf) out.allOf = schema.allOf.map((b) => closeObjects(b, true));
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, closeObjects(v)]));
    if (!underAllOf && schema.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (schema.patternProperties) {
    out.patternProperties = Object.fromEntries(Object.entries(schema.patternProperties).map(([k, v]) => [k, closeObjects(v)]));
    if (schema.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (schema.items && !Array.isArray(schema.items)) out.items = closeObjects(schema.items);
  return out;
}

type Scalar = 'integer' | 'number' | 'boolean';

function scalarOf(s: Schema | undefined): Scalar | null {
  if (!s) return null;
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  return t === 'integer' || t === 'number' || t === 'boolean' ? t : null;
}

const INTEGER_TEXT = /^-?(0|[1-9]\d*)$/;
const NUMBER_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A query or path string as the scalar its schema wants, when it is written exactly so; otherwise unchanged. */
function convert(value: unknown, to: Scalar): unknown {
  if (typeof value !== 'string') return value;
  if (to === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return (to === 'integer' ? INTEGER_TEXT : NUMBER_TEXT).test(value) ? Number(value) : value;
}

type Conversion = { name: string; to: Scalar; list: boolean };

/** The conversions of a flat query or params object: each property to its scalar, or to a list of scalars. */
function conversionsOf(schema: Schema): Conversion[] {
  const out: Conversion[] = [];
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const scalar = scalarOf(s);
    const item = Array.isArray(s.items) ? null : scalarOf(s.items);
    if (scalar) out.push({ name, to: scalar, list: false });
    else if (item) out.push({ name, to: item, list: true });
  }
  return out;
}

function compileUrl(schema: Schema, close: boolean): ValidateFunction {
  // Headers are validated in place: closing them would delete every header a route does not name.
  const validate = urlAjv.compile(close ? closeObjects(schema) : schema);
  const conversions = conversionsOf(schema);
  const lists = Object.entries(schema.properties ?? {})
    .filter(([, s]) => s.type === 'array')
    .map(([n]) => n);
  const run = ((data: unknown) => {
    if (data && typeof data === 'object') {
      const d = data as Record<string, unknown>;
      // ?officerId=a gives a string where a list is declared; ?page=1&page=2 a list where one value is.
      for (const name of lists) if (typeof d[name] === 'string') d[name] = [d[name]];
      for (const { name, to, list } of conversions) {
        if (!(name in d)) continue;
        d[name] = list && Array.isArray(d[name]) ? (d[name] as unknown[]).map((v) => convert(v, to)) : convert(d[name], to);
      }
    }
    const ok = validate(data);
    run.errors = validate.errors;
    return ok;
  }) as ValidateFunction;
  return run;
}

/**
 * The validators compiled in this process, by schema object and request part. The contracts' schemas are module
 * constants, so a second app in the same process (a worker, a test file's app) reuses them: compiling them is most of
 * the time an app takes to get ready. A schema written inside a route function is a new object and compiles again.
 */
const COMPILED = new WeakMap<object, Map<string, ValidateFunction>>();

/** Fastify's validator compiler for every route: closedness checked, then the Ajv of the request part. */
export const compileRequestValidator: FastifySchemaCompiler<FastifySchema> = ({ schema, method, url, httpPart }) => {
  const part = httpPart ?? 'body';
  let byPart = COMPILED.get(schema);
  const known = byPart?.get(part);
  if (known) return known;
  const open = openings(schema as Schema);
  if (open.length) {
    throw new Error(`${method} ${url} ${httpPart}: the request schema leaves input open —\n  ${open.join('\n  ')}`);
  }
  const validate = part === 'body' ? bodyAjv.compile(closeObjects(schema as Schema)) : compileUrl(schema as Schema, part !== 'headers');
  if (!byPart) COMPILED.set(schema, (byPart = new Map()));
  byPart.set(part, validate);
  return validate;
};
