// The validators and serializers an app compiles for its routes are kept per process, by schema object: a second app
// of the process reuses them. Reusing must answer exactly as compiling again would.
import { describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import type { FastifySchema } from 'fastify';
import { Text } from '@chengguan/contracts';
import { buildSerializer } from './serialization.ts';
import { compileRequestValidator } from './validation.ts';

const OPTS = { ajv: { formats: { text: true, 'multiline-text': true } as Record<string, true> } };
const route = { method: 'GET', url: '/x', httpStatus: '200' };

describe('validators compiled once per process', () => {
  const Body = Type.Object({ name: Text(20), n: Type.Integer({ minimum: 0, maximum: 9 }) });
  const compile = (schema: unknown, httpPart: string, url = '/x') =>
    compileRequestValidator({ schema: schema as FastifySchema, method: 'POST', url, httpPart });

  it('the same schema and part give the same validator; another part or schema its own', () => {
    const first = compile(Body, 'body');
    expect(compile(Body, 'body', '/y')).toBe(first);
    const asQuery = compile(Body, 'querystring');
    expect(asQuery).not.toBe(first);
    // The body is never converted; the query string is: each keeps its own Ajv.
    expect(first({ name: 'a', n: '3' })).toBe(false);
    expect(asQuery({ name: 'a', n: '3' })).toBe(true);
    const copy = Type.Object({ name: Text(20), n: Type.Integer({ minimum: 0, maximum: 9 }) });
    expect(compile(copy, 'body')).not.toBe(first);
  });

  it('a schema left open is refused every time, naming the route', () => {
    const open = Type.Object({ note: Type.String() });
    expect(() => compile(open, 'body', '/first')).toThrow(/POST \/first body/);
    expect(() => compile(open, 'body', '/second')).toThrow(/POST \/second body/);
  });
});

describe('serializers compiled once per process', () => {
  const Answer = Type.Object({ id: Type.String(), kind: Type.Union([Type.Literal('a'), Type.Literal('b')]) });

  it('a second app gets the same serializer for the same schema and options, writing the same JSON', () => {
    const first = buildSerializer({}, OPTS)({ ...route, schema: Answer });
    const second = buildSerializer({}, OPTS)({ ...route, schema: Answer });
    expect(second).toBe(first);
    expect(second({ id: 'x', kind: 'b', extra: 1 })).toBe('{"id":"x","kind":"b"}');
  });

  it('other options or shared schemas compile their own', () => {
    const first = buildSerializer({}, OPTS)({ ...route, schema: Answer });
    expect(buildSerializer({}, { ajv: { formats: {} } })({ ...route, schema: Answer })).not.toBe(first);
    const shared = { Other: { $id: 'Other', type: 'string' } };
    expect(buildSerializer(shared, OPTS)({ ...route, schema: Answer })).not.toBe(first);
  });
});
