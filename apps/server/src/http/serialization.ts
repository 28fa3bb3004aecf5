// Answers are serialized by fast-json-stringify from the route's response schema. It picks the branch of an `anyOf` by
// running a validation of each branch at serialization time, which made the response serializer the largest CPU cost
// of a case page (dozens of nullable fields and literal unions per case). The serializer therefore compiles a copy of
// the schema in which the unions that need no choosing are written without `anyOf`:
//   - a union of string literals (a closed vocabulary) is a string: the literal is written as the string it is;
//   - a union of one typed schema and null is that schema with `nullable: true` (fast-json-stringify writes null for
//     null and the schema otherwise).
// The JSON written is the same for every answer that matches its schema. The route schemas themselves (request
// validation, the OpenAPI document) are untouched.
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type Schema = Record<string, unknown> & {
  type?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  const?: unknown;
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: unknown;
};

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

const isStringLiteral = (s: Schema) => typeof s.const === 'string' && (s.type === undefined || s.type === 'string');
const isNull = (s: Schema) => s.type === 'null' && Object.keys(s).every((k) => k === 'type' || typeof s[k] !== 'object');
/** A schema fast-json-stringify serializes without choosing: one declared type, no combinator, no reference. */
const isPlainTyped = (s: Schema) =>
  typeof s.type === 'string' && s.type !== 'null' && !s.anyOf && !s.oneOf && !s.allOf && !('$ref' in s) && !('if' in s);

/** The schema with its choose-free unions written without `anyOf` (see above); everything else as it is. */
export function serializableSchema<T>(schema: T): T {
  return rewrite(schema as unknown) as T;
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' || k === 'patternProperties') {
      out[k] = isObject(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, rewrite(s)])) : v;
    } else if (k === 'items' || k === 'additionalProperties' || k === 'anyOf' || k === 'oneOf' || k === 'allOf' || k === 'not') {
      out[k] = rewrite(v);
    } else {
      out[k] = v;
    }
  }
  const union = out.anyOf;
  if (!Array.isArray(union) || !union.every(isObject) || out.type !== undefined || out.oneOf || out.allOf) return out;
  const { anyOf: _anyOf, ...siblings } = out;
  if (union.length > 0 && union.every(isStringLiteral)) return { ...siblings, type: 'string' };
  if (union.length === 2) {
    const [a, b] = union as [Schema, Schema];
    const other = isNull(a) ? b : isNull(b) ? a : null;
    if (other && isPlainTyped(other) && other.nullable === undefined) return { ...siblings, ...other, nullable: true };
  }
  return out;
}

type Serializer = (data: unknown) => string;

/**
 * The serializers compiled in this process, by response schema object and serializer options: a second app of the
 * process (a worker, a test file's app) reuses them, and routes sharing a schema (the error body) compile it once.
 * Not kept when the app has shared schemas (`addSchema`), which a schema may refer to.
 */
const COMPILED = new WeakMap<object, Map<string, Serializer>>();

/** Fastify's serializer factory (fast-json-stringify, with the app's serializer options) on the rewritten schemas. */
export const buildSerializer: SerializerSelector.SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  const shared = externalSchemas != null && Object.keys(externalSchemas).length > 0;
  const optionsKey = JSON.stringify(options ?? null);
  return (route) => {
    const schema = route.schema as object;
    let byOptions = shared ? undefined : COMPILED.get(schema);
    const known = byOptions?.get(optionsKey);
    if (known) return known;
    const serialize = compile({ ...route, schema: serializableSchema(route.schema) }) as Serializer;
    if (shared) return serialize;
    if (!byOptions) COMPILED.set(schema, (byOptions = new Map()));
    byOptions.set(optionsKey, serialize);
    return serialize;
  };
};
