// Fixtures of the inspection tests: subjects inserted straight into the registry's table (a squad, a risk level),
// tasks given through the module's own insertInspectionTasks, and the uploads a visit refers to.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { SubmitVisitBody, VisitForm } from '@chengguan/contracts';
import { insertInspectionTasks } from '../src/modules/inspections/index.ts';
import { creditCodeCheckChar } from '@chengguan/domain';
import { jpeg, type CaseKit } from './cases-support.ts';

let serial = 0;
/** A valid 统一社会信用代码, a new one per subject (live subjects of a kind have distinct codes). */
function newCreditCode(): string {
  const first17 = `91310115MA1F${String(randomBytes(2).readUInt16BE(0) % 10000).padStart(4, '0')}${serial++ % 10}`;
  return first17 + creditCodeCheckChar(first17);
}

export async function insertSubject(
  kit: CaseKit,
  o: { squad: string; bureau: string; kind?: string; name?: string; creditCode?: string | null; riskLevel?: string },
): Promise<string> {
  const id = kit.ctx.deps.newId();
  const name = o.name ?? `测试商户${randomBytes(3).toString('hex')}`;
  await kit.ctx.deps.db
    .insertInto('subjects')
    .values({
      id,
      code: randomBytes(12).toString('base64url'),
      bureau_id: kit.orgId(o.bureau),
      org_id: kit.orgId(o.squad),
      kind: o.kind ?? 'street_shop',
      name,
      name_key: name,
      credit_code: o.creditCode === undefined ? newCreditCode() : o.creditCode,
      address: '浦东新区陆家嘴环路 1000 号',
      point_lon: 121.5,
      point_lat: 31.24,
      risk_level: o.riskLevel ?? 'medium',
    } as never)
    .execute();
  return id;
}

export async function giveTask(
  kit: CaseKit,
  o: {
    subjectId: string;
    squad: string;
    bureau: string;
    inspectors: [string, string];
    matters: string[];
    dueOn?: string;
    origin?: 'random' | 'special';
  },
): Promise<string> {
  const id = kit.ctx.deps.newId();
  await insertInspectionTasks(kit.ctx.deps.db, [
    {
      id,
      bureauId: kit.orgId(o.bureau),
      orgId: kit.orgId(o.squad),
      subjectId: o.subjectId,
      origin: o.origin ?? 'random',
      inspectorIds: o.inspectors.map((u) => kit.officerId(u)),
      matterCodes: o.matters,
      dueOn: o.dueOn ?? '2026-03-31',
    },
  ]);
  return id;
}

/** A PNG signature as a canvas would export it (only the magic number matters to the upload check). */
export async function uploadSignature(kit: CaseKit, user: string, text: string): Promise<string> {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text)]);
  const r = await kit.ctx.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${kit.tokens[user]!}`, 'content-type': 'image/png' },
    payload: png,
  });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { sm3: string }).sm3;
}

export async function prepare(kit: CaseKit, user: string, subjectId: string): Promise<VisitForm> {
  const r = await kit.ctx.api('GET', `/api/v1/inspection-visits/prepare?subjectId=${subjectId}`, { token: kit.tokens[user]! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as VisitForm;
}

/** A complete visit body for the form: every item passes except `fail`, a photo wherever one is needed. */
export async function visitBody(kit: CaseKit, form: VisitForm, user: string, other: string, fail: string[] = []): Promise<SubmitVisitBody> {
  const photo = await kit.upload(user, `photo ${randomBytes(4).toString('hex')}`);
  const sig1 = await uploadSignature(kit, user, `sig ${user} ${randomBytes(4).toString('hex')}`);
  const sig2 = await uploadSignature(kit, user, `sig ${other} ${randomBytes(4).toString('hex')}`);
  const sigSubject = await uploadSignature(kit, user, `sig subject ${randomBytes(4).toString('hex')}`);
  const employeeNo = form.inspectors.find((i) => i.id === kit.officerId(other))!.employeeNo;
  return {
    subjectId: form.subject.id,
    taskIds: form.tasks.map((t) => t.id),
    visitedAt: kit.ctx.clock.now().toISOString(),
    point: { lon: 121.5001, lat: 31.2401 },
    results: form.items.map((i) => {
      const failed = fail.includes(i.code);
      const needs = i.photo === 'always' || (i.photo === 'when_failed' && failed);
      return {
        code: i.code,
        result: failed ? 'fail' : 'pass',
        photoIds: needs ? [photo] : [],
        ...(failed ? { note: '现场发现问题' } : {}),
      };
    }),
    inspectorSignatures: [
      { officerId: kit.officerId(user), signatureSm3: sig1 },
      { officerId: kit.officerId(other), signatureSm3: sig2, employeeNo },
    ],
    acknowledgement: { kind: 'signed', signerName: '店主张三', signatureSm3: sigSubject },
  };
}

export { jpeg };
