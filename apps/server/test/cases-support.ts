// Factories of the case tests (medium tier): demo users, a valid party, and one call per case step.
import { withoutUnverifiedNote } from '@chengguan/domain';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  CASE_ACTION_ROUTES,
  type CaseDetail,
  type RegisterCaseBody,
  type RoutedCaseAction,
  type SummaryCaseBody,
} from '@chengguan/contracts';
import { creditCodeCheckChar, idNumberCheckDigit } from '@chengguan/domain';
import { buildDemoData } from '../src/seed/demo-data.ts';
import type { TestContext } from './harness.ts';

const demo = buildDemoData();

export const ID_CARD = ((first17: string) => first17 + idNumberCheckDigit(first17))('31011519800505123');
export const USCC = ((first17: string) => first17 + creditCodeCheckChar(first17))('91310115MA1FL0000');

/** Bytes a JPEG upload is sniffed as: the SOI and JFIF APP0 markers, then the text as payload. */
export function jpeg(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.from(text)]);
}

export type CaseKit = {
  ctx: TestContext;
  tokens: Record<string, string>;
  officerId(username: string): string;
  orgId(key: string): string;
  register(overrides?: Partial<RegisterCaseBody>, user?: string): Promise<CaseDetail>;
  step(
    user: string,
    caseId: string,
    action: RoutedCaseAction,
    body: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  ok(user: string, caseId: string, action: RoutedCaseAction, body: Record<string, unknown>): Promise<CaseDetail>;
  get(user: string, caseId: string): Promise<CaseDetail>;
  /** Uploads the bytes as a JPEG (a string becomes the payload of a JPEG header); answers the SM3. */
  upload(user: string, bytes: Buffer | string): Promise<string>;
  counts(caseId: string): Promise<{ events: number; audit: number }>;
};

export const USERS = [
  'pd_ljz_leader',
  'pd_ljz_01',
  'pd_ljz_02',
  'pd_ljz_03',
  'qp_zjj_leader',
  'qp_zjj_01',
  'pd_legal',
  'pd_leader',
  'admin',
] as const;

export async function caseKit(ctx: TestContext): Promise<CaseKit> {
  const tokens: Record<string, string> = {};
  for (const u of USERS) tokens[u] = await ctx.login(u);
  const officerId = (username: string) => ctx.seed.ids.officers.get(demo.officers.find((o) => o.username === username)!.key)!;
  const orgId = (key: string) => ctx.seed.ids.orgs.get(key)!;
  const step: CaseKit['step'] = (user, caseId, action, body, headers) =>
    ctx.api('POST', `/api/v1/cases/${caseId}/${CASE_ACTION_ROUTES[action].path}`, {
      token: tokens[user]!,
      body,
      ...(headers ? { headers } : {}),
    });
  const kit: CaseKit = {
    ctx,
    tokens,
    officerId,
    orgId,
    async register(overrides = {}, user = 'pd_ljz_01') {
      const body = registerCaseBody(officerId, overrides);
      const r = await ctx.api('POST', '/api/v1/cases', { token: tokens[user]!, body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as CaseDetail;
    },
    step,
    async ok(user, caseId, action, body) {
      const r = await step(user, caseId, action, body);
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      return r.json() as CaseDetail;
    },
    async get(user, caseId) {
      const r = await ctx.api('GET', `/api/v1/cases/${caseId}`, { token: tokens[user]! });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as CaseDetail;
    },
    async upload(user, bytes) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { authorization: `Bearer ${tokens[user]!}`, 'content-type': 'image/jpeg' },
        payload: typeof bytes === 'string' ? jpeg(bytes) : bytes,
      });
      expect(r.statusCode, r.body).toBe(201);
      return (r.json() as { sm3: string }).sm3;
    },
    async counts(caseId) {
      const db = ctx.deps.db;
      const e = await db
        .selectFrom('case_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      const a = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { events: Number(e.n), audit: Number(a.n) };
    },
  };
  return kit;
}

/** Two credentialed officers of 陆家嘴 sign a record. */
/** A valid registration (陆家嘴, unsorted 驳运 of household waste, the kit's two officers) with overrides. */
export function registerCaseBody(officerId: (username: string) => string, overrides: Partial<RegisterCaseBody> = {}): RegisterCaseBody {
  return {
    date: '2026-01-05',
    discoveredOn: '2026-01-05',
    source: 'patrol',
    offenceCode: 'SH-LJ-57-4',
    party: {
      type: 'natural_person',
      name: '王小明',
      idType: 'id_card',
      idNumber: ID_CARD,
      phone: '13812345678',
      address: '上海市浦东新区世纪大道100号',
    },
    act: { actDate: '2026-01-04' },
    location: '浦东新区陆家嘴环路 1000 号',
    facts: '管理责任人未将分类投放的生活垃圾分类驳运。',
    officerIds: [officerId('pd_ljz_01'), officerId('pd_ljz_03')],
    ...overrides,
  };
}

export function signedRecord(kit: CaseKit, date: string, users: readonly string[] = ['pd_ljz_01', 'pd_ljz_03']) {
  return {
    date,
    officerIds: users.map((u) => kit.officerId(u)),
    credentialsShown: true,
    officersSigned: true,
    partySigned: true,
    content: '现场检查情况',
  };
}

export function notice(fineYuan: number, hearingRightStated: boolean, date: string) {
  return {
    date,
    proposed: { penalties: ['fine'], fineFen: fineYuan * 100 },
    contents: {
      proposedPenaltyStated: true,
      factsStated: true,
      reasonsStated: true,
      legalBasisStated: true,
      statementRightsStated: true,
      hearingRightStated,
    },
  };
}

export const fine = (yuan: number) => ({ penalties: ['fine'], fineFen: yuan * 100 });

/** Registered 01-05, filed 01-06, the law confirmed by the legal reviewer (E12), evidence and 笔录, concluded 01-12. */
export async function investigatedCase(
  kit: CaseKit,
  overrides: Partial<RegisterCaseBody> = {},
  { confirmLaw = true }: { confirmLaw?: boolean } = {},
): Promise<CaseDetail> {
  const c = await kit.register(overrides);
  await kit.ok('pd_ljz_01', c.id, 'recordInspection', signedRecord(kit, '2026-01-05'));
  await kit.ok('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' });
  await kit.ok('pd_ljz_leader', c.id, 'approveFiling', { date: '2026-01-06' });
  if (confirmLaw) await confirmBasis(kit, c.id, '2026-01-06');
  const photo = await kit.upload('pd_ljz_01', `photo of ${c.id}`);
  await kit.ok('pd_ljz_01', c.id, 'addEvidence', { date: '2026-01-07', evidenceType: 'audio_visual', title: '现场照片', fileSm3: photo });
  await kit.ok('pd_ljz_01', c.id, 'recordQuestioning', { ...signedRecord(kit, '2026-01-08'), interviewee: '王小明' });
  return kit.ok('pd_ljz_01', c.id, 'concludeInvestigation', { date: '2026-01-12' });
}

/** The library's own wording without its 「未核实」 note: what the fixtures' legal reviewer confirms. */
export { withoutUnverifiedNote };

/**
 * E12: the legal reviewer confirms the case's articles where the library marks them 未核实 (the starter library's 违则),
 * as a reviewer who checked the statute would; a decision may then print them. Verified law needs nothing.
 */
export async function confirmBasis(kit: CaseKit, caseId: string, date: string, user = 'pd_legal'): Promise<CaseDetail> {
  const c = await kit.get(user, caseId);
  const basis = c.lawBasis!;
  if (basis.printable) return c;
  return kit.ok(user, caseId, 'confirmLegalBasis', {
    date,
    violatedProvision: withoutUnverifiedNote(basis.violatedProvision),
    penaltyProvision: withoutUnverifiedNote(basis.penaltyProvision),
  });
}

/**
 * E12: a 当场处罚 on law the library marks 未核实 — the draft (registration and photos), the legal reviewer's
 * confirmation on it, then the decision on the pre-numbered form. Answers the decision's response (200 with the case)
 * or the first refusal.
 */
export async function confirmedSummaryTicket(
  ctx: TestContext,
  tokens: { officer: string; legal: string },
  body: SummaryCaseBody,
): Promise<LightMyRequestResponse> {
  const { penalty, partySigned, refusalNoted, collectOnSpot, statutoryException, ...draft } = body;
  const made = await ctx.api('POST', '/api/v1/cases/summary-drafts', { token: tokens.officer, body: draft });
  if (made.statusCode !== 201) return made;
  const c = made.json() as CaseDetail;
  const basis = c.lawBasis!;
  if (!basis.printable) {
    const confirmed = await ctx.api('POST', `/api/v1/cases/${c.id}/${CASE_ACTION_ROUTES.confirmLegalBasis.path}`, {
      token: tokens.legal,
      body: {
        date: body.date,
        violatedProvision: withoutUnverifiedNote(basis.violatedProvision),
        penaltyProvision: withoutUnverifiedNote(basis.penaltyProvision),
      },
    });
    if (confirmed.statusCode !== 200) return confirmed;
  }
  return ctx.api('POST', `/api/v1/cases/${c.id}/summary-decision`, {
    token: tokens.officer,
    body: {
      date: body.date,
      officerIds: body.officerIds,
      penalty,
      partySigned,
      ...(refusalNoted !== undefined ? { refusalNoted } : {}),
      ...(collectOnSpot ? { collectOnSpot } : {}),
      ...(statutoryException ? { statutoryException } : {}),
    },
  });
}

export function expectRule(r: LightMyRequestResponse, status: number, ruleId: string) {
  expect(r.statusCode, r.body).toBe(status);
  const body = r.json() as { rule?: string; message: string; messageEn: string; code: string; field?: string };
  expect(body.rule ?? '', r.body).toMatch(new RegExp(`^${ruleId}\\b`));
  expect(body.messageEn).toContain(ruleId);
  // The Chinese message cites the statute in the Chinese form, never the machine reference (docs/ui-text.md).
  expect(body.message).not.toMatch(/Arts?\.|\bpara\./);
  return body;
}

/** An investigated case taken to a penalty decision without hearing: notice served 01-14, decided 01-20 (state `decided`). */
export async function decidedCase(kit: CaseKit, fineYuan = 1_000, overrides: Partial<RegisterCaseBody> = {}): Promise<CaseDetail> {
  const c = await investigatedCase(kit, overrides);
  await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(fineYuan) });
  await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(fineYuan, false, '2026-01-14'));
  return kit.ok('pd_leader', c.id, 'decide', {
    date: '2026-01-20',
    outcome: 'penalty',
    penalty: fine(fineYuan),
    citesHearingRecord: false,
    educationRecorded: false,
  });
}

/** A valid 当场 ticket (陆家嘴, mixed household waste after an order to correct, 100 元) with the given photo. */
export function summaryTicketBody(kit: CaseKit, photo: string, overrides: Partial<SummaryCaseBody> = {}): SummaryCaseBody {
  return {
    date: '2026-03-02',
    offenceCode: 'SH-LJ-57-2',
    party: { type: 'natural_person', name: '赵六', idType: 'id_card', idNumber: ID_CARD },
    location: '陆家嘴东路 88 号垃圾厢房',
    facts: '经责令改正后仍将湿垃圾与干垃圾混合投放。',
    photos: [photo],
    officerIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_03')],
    penalty: { penalties: ['fine'], fineFen: 10_000 },
    flags: { correctionOrdered: true, refusedToCorrect: true },
    partySigned: true,
    ...overrides,
  };
}
