// An error names the field by its label, says what is wrong and what to do (docs/ui-text.md): every field of every
// request schema has a label, and the messages the server composes use it instead of the key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_LABELS, fieldLabel } from '../src/errors/field-labels.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
};
type OpenApi = {
  paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
};

function requestFieldNames(doc: OpenApi): Set<string> {
  const names = new Set<string>();
  const seen = new Set<Schema>();
  const walk = (s: Schema | undefined): void => {
    if (!s) return;
    if (s.$ref) s = doc.components?.schemas?.[s.$ref.split('/').pop()!];
    if (!s || seen.has(s)) return;
    seen.add(s);
    for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(sub);
    walk(s.items);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties);
    for (const [name, sub] of Object.entries(s.properties ?? {})) {
      names.add(name);
      walk(sub);
    }
  };
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) {
      for (const p of op.parameters ?? []) names.add(p.name);
      for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema);
    }
  }
  return names;
}

describe('field labels', () => {
  it('every field of every request schema in the OpenAPI document has a Chinese and an English label', () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../../../docs/openapi.json'), 'utf8')) as OpenApi;
    const names = requestFieldNames(doc);
    expect(names.size).toBeGreaterThan(200);
    const missing = [...names].filter((n) => !FIELD_LABELS[n]);
    expect(missing, `fields without a label in apps/server/src/errors/field-labels.ts`).toEqual([]);
    for (const [key, label] of Object.entries(FIELD_LABELS)) {
      expect(label.zh, key).toMatch(/^[\p{Script=Han}0-9（）、]+$/u);
      expect(label.en.trim(), key).not.toBe('');
    }
  });

  it('a path is named by its last property', () => {
    expect(fieldLabel('body.circumstances.proposedFineFen').zh).toBe('拟处罚款');
    expect(fieldLabel('offence.versions[0].tiers[1].range').zh).toBe('罚款幅度');
    expect(fieldLabel('/party/birthDate').zh).toBe('出生日期');
  });
});

describe('the messages of a refused request', () => {
  let ctx: TestContext;
  let officer: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    officer = await ctx.login('pd_ljz_01');
  });
  afterAll(async () => ctx?.close());

  it('a missing query value and a malformed id are named by their labels, with what to do', async () => {
    const id = '0190f3a0-0000-7000-8000-000000000000';
    const noCode = await ctx.api('GET', `/api/public/documents/${id}/verify`);
    expect(noCode.statusCode).toBe(400);
    expect(errorBody(noCode)).toMatchObject({ field: 'c', message: '核验码：未填写，请填写后再提交' });
    expect(errorBody(noCode).messageEn).toBe('verification code: is missing; fill it in');
    const badId = await ctx.api('GET', '/api/public/documents/not-an-id/verify?c=123456');
    expect(badId.statusCode).toBe(400);
    expect(errorBody(badId).field).toBe('id');
    expect(errorBody(badId).message).toBe('编号：不是有效的编号，请从列表或链接重新打开');
  });

  it('a body field: label, what is wrong, the bound in 元 for amounts, in both languages', async () => {
    const r = await ctx.api('POST', '/api/v1/law/discretion', {
      token: officer,
      body: {
        offenceCode: 'X',
        party: { type: 'natural_person' },
        circumstances: { actDate: '2026-02-01', decisionDate: '2026-02-20', proposedFineFen: -100 },
      },
    });
    expect(r.statusCode).toBe(400);
    const details = (errorBody(r).details ?? []) as { field: string; message: string; messageEn: string }[];
    const detail = details.find((d) => d.field === 'circumstances.proposedFineFen');
    expect(detail?.message).toBe('拟处罚款：不能小于 0.00 元，请重新填写');
    expect(detail?.messageEn).toBe('proposed fine: must be at least 0.00 yuan');
    // No key of the schema in any Chinese message.
    for (const d of details) expect(d.message, d.field).not.toMatch(/[A-Za-z]{2,}/);
  });
});
