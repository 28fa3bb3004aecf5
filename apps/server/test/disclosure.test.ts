// 行政执法公示 (issue 5): an entry per published decision written in the decide step (I1 due date), published by the
// worker with the redacted content; summary and warning-only decisions are not published; a change recorded by an
// authorised user withdraws it within 3 working days (I2); overdue entries on 「公示管理」; role × jurisdiction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisclosureItem, PageOf, PublicDisclosure } from '@chengguan/contracts';
import { runDueJobs } from '../src/modules/scheduler/worker.ts';
import { DISCLOSURE_JOB_HANDLERS } from '../src/modules/disclosure/disclosure.jobs.ts';
import { caseKit, confirmedSummaryTicket, decidedCase, fine, investigatedCase, notice, USCC, type CaseKit } from './cases-support.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
let kit: CaseKit;
let january: { id: string; number: string };
let today: { id: string; number: string };

const runJobs = () => runDueJobs(ctx.deps, DISCLOSURE_JOB_HANDLERS, 'test-worker', 100);
const offenceExists = async (code: string) =>
  (await ctx.deps.db.selectFrom('law_offences').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
const entryOf = (caseId: string) => ctx.deps.db.selectFrom('disclosures').selectAll().where('case_id', '=', caseId).executeTakeFirst();
const decisionNumber = (c: { documents: { docType: string; number: string }[] }) =>
  c.documents.find((d) => d.docType === 'decision')!.number;

/** Notice served 2026-02-24, decided on the test clock's day 2026-03-02, with the given penalty. */
async function decidedToday(penalty: { penalties: string[]; fineFen?: number }, allowWarning = false) {
  if (allowWarning && !(await offenceExists('TEST-WARN-FINE'))) {
    // A norm that also provides 警告 (the starter library's offences fine only).
    const r = await ctx.api('POST', '/api/v1/law/offences', {
      token: kit.tokens.admin!,
      body: {
        code: 'TEST-WARN-FINE',
        name: '警告或罚款的测试案由',
        domain: 'city_appearance',
        violatedProvision: '《测试条例》第1条',
        penaltyProvision: '《测试条例》第2条',
        penaltyTypes: ['warning', 'fine'],
        minFineFen: 50_000,
        maxFineFen: 500_000,
        effectiveFrom: '2019-07-01',
        verification: 'U',
        source: 'test',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  const c = await investigatedCase(kit, allowWarning ? { offenceCode: 'TEST-WARN-FINE' } : {});
  await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: penalty });
  await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', { ...notice(0, false, '2026-02-24'), proposed: penalty });
  return kit.ok('pd_leader', c.id, 'decide', {
    date: '2026-03-02',
    outcome: 'penalty',
    penalty,
    citesHearingRecord: false,
    educationRecorded: false,
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  const j = await decidedCase(kit, 1_000);
  january = { id: j.id, number: decisionNumber(j) };
  const t = await decidedToday(fine(2_000));
  today = { id: t.id, number: decisionNumber(t) };
});
afterAll(async () => ctx?.close());

describe('I1 publication', () => {
  it('I1 the decide step writes a pending entry due 7 working days after the decision, with the redacted content', async () => {
    const e = (await entryOf(january.id))!;
    expect(e).toMatchObject({ state: 'pending', decided_on: '2026-01-20', publish_due_on: '2026-01-29', document_number: january.number });
    const content = e.content as Record<string, string>;
    expect(content).toMatchObject({ partyName: '王**', creditCode: null, penalty: '罚款 1,000 元', location: '浦东新区陆家嘴环路' });
    expect(JSON.stringify(e.content)).not.toMatch(/王小明|13812345678|310115/);
    expect((await entryOf(today.id))!.publish_due_on).toBe('2026-03-11');
  });

  it('I1 the worker publishes at once; the public page lists it with paging, agency, date and keyword filters', async () => {
    await runJobs();
    expect((await entryOf(today.id))!).toMatchObject({ state: 'published', published_on: '2026-03-02' });
    const all = (await ctx.api('GET', '/api/public/disclosures?pageSize=1')).json() as PageOf<PublicDisclosure>;
    expect(all.total).toBe(2);
    expect(all.items).toHaveLength(1);
    const agencies = (await ctx.api('GET', '/api/public/disclosures/agencies')).json() as { items: string[] };
    expect(agencies.items).toHaveLength(1);
    const byAgency = (
      await ctx.api('GET', `/api/public/disclosures?agency=${encodeURIComponent(agencies.items[0]!)}`)
    ).json() as PageOf<PublicDisclosure>;
    expect(byAgency.total).toBe(2);
    const byDate = (await ctx.api('GET', '/api/public/disclosures?fromDate=2026-03-01')).json() as PageOf<PublicDisclosure>;
    expect(byDate.items.map((i) => i.documentNumber)).toEqual([today.number]);
    const byKeyword = (
      await ctx.api('GET', `/api/public/disclosures?keyword=${encodeURIComponent('王**')}`)
    ).json() as PageOf<PublicDisclosure>;
    expect(byKeyword.total).toBe(2);
    const byName = (
      await ctx.api('GET', `/api/public/disclosures?keyword=${encodeURIComponent('小明')}`)
    ).json() as PageOf<PublicDisclosure>;
    expect(byName.total).toBe(0);
    const one = (await ctx.api('GET', `/api/public/disclosures/${all.items[0]!.id}`)).json() as PublicDisclosure;
    expect(one.content?.legalBasis).toBeTruthy();
    expect(one.content?.agencyName).toBe(agencies.items[0]);
  });

  it('I1 a decision published after its due day shows as overdue on 公示管理', async () => {
    const list = (
      await ctx.api('GET', '/api/v1/disclosures?overdue=true', { token: await ctx.login('pd_legal') })
    ).json() as PageOf<DisclosureItem>;
    expect(list.items.map((i) => [i.documentNumber, i.overdue])).toEqual([[january.number, 'publish']]);
  });

  it('I1 summary-procedure decisions are not published (沪营商 Art. 67)', async () => {
    const before = await ctx.deps.db
      .selectFrom('disclosures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await confirmedSummaryTicket(
      ctx,
      { officer: kit.tokens.pd_ljz_01!, legal: kit.tokens.pd_legal! },
      {
        date: '2026-03-02',
        offenceCode: 'SH-LJ-57-2',
        party: { type: 'natural_person', name: '赵六', idType: 'other', idNumber: 'X1' },
        location: '陆家嘴东路 88 号',
        facts: '混合投放。',
        photos: [await kit.upload('pd_ljz_01', 'summary photo')],
        officerIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_03')],
        penalty: { penalties: ['fine'], fineFen: 10_000 },
        flags: { correctionOrdered: true, refusedToCorrect: true },
        partySigned: true,
      },
    );
    const after = await ctx.deps.db
      .selectFrom('disclosures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(r.statusCode, r.body).toBe(200);
    expect(await entryOf((r.json() as { id: string }).id)).toBeUndefined();
  });

  it('I1 a decision that is only a warning is not published', async () => {
    const w = await decidedToday({ penalties: ['warning'] }, true);
    expect(w.state).toBe('decided');
    expect(await entryOf(w.id)).toBeUndefined();
  });
});

describe('I2 withdrawal', () => {
  it('I2 a revoked decision is withdrawn within 3 working days; the public page keeps only the withdrawal notice', async () => {
    const id = (await entryOf(today.id))!.id;
    const r = await ctx.api('POST', `/api/v1/disclosures/${id}/withdrawal`, {
      token: await ctx.login('pd_legal'),
      body: { kind: 'revoked', changeOn: '2026-03-02', body: '上海市浦东新区人民政府', reason: '行政复议决定撤销原处罚决定' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'withdrawal_pending', withdrawalDueOn: '2026-03-05', overdue: null });
    await runJobs();
    expect((await entryOf(today.id))!).toMatchObject({ state: 'withdrawn', withdrawn_on: '2026-03-02' });
    const pub = (await ctx.api('GET', `/api/public/disclosures/${id}`)).json() as PublicDisclosure;
    expect(pub).toMatchObject({ state: 'withdrawn', content: null, documentNumber: today.number });
    expect(pub.withdrawal).toMatchObject({ kindText: '决定被依法撤销', reason: '行政复议决定撤销原处罚决定', withdrawnOn: '2026-03-02' });
    const again = await ctx.api('POST', `/api/v1/disclosures/${id}/withdrawal`, {
      token: await ctx.login('pd_legal'),
      body: { kind: 'revoked', changeOn: '2026-03-02', body: 'x', reason: 'x' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('I2 a change recorded after the 3 working days shows as an overdue withdrawal (Spring Festival counted out)', async () => {
    const id = (await entryOf(january.id))!.id;
    const r = await ctx.api('POST', `/api/v1/disclosures/${id}/withdrawal`, {
      token: await ctx.login('pd_leader'),
      body: { kind: 'confirmed_illegal', changeOn: '2026-02-20', body: '上海市浦东新区人民法院', reason: '判决确认原处罚决定违法' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ withdrawalDueOn: '2026-02-26', overdue: 'withdrawal' });
    await runJobs();
    const list = (
      await ctx.api('GET', '/api/v1/disclosures?state=withdrawn', { token: await ctx.login('pd_legal') })
    ).json() as PageOf<DisclosureItem>;
    expect(list.items.find((i) => i.id === id)).toMatchObject({ overdue: 'withdrawal', withdrawnOn: '2026-03-02' });
  });

  it('refuses a change date in the future or before the decision, naming the field', async () => {
    const id = (await entryOf(january.id))!.id;
    const r = await ctx.api('POST', `/api/v1/disclosures/${id}/withdrawal`, {
      token: await ctx.login('pd_legal'),
      body: { kind: 'revoked', changeOn: '2026-03-09', body: 'x', reason: 'x' },
    });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('changeOn');
  });
});

describe('公示管理: role × jurisdiction', () => {
  it('an officer without the permission is refused (403); another district sees nothing and cannot withdraw (404)', async () => {
    expect((await ctx.api('GET', '/api/v1/disclosures', { token: kit.tokens.pd_ljz_01! })).statusCode).toBe(403);
    const id = (await entryOf(january.id))!.id;
    const body = { kind: 'revoked', changeOn: '2026-03-02', body: 'x', reason: 'x' };
    expect((await ctx.api('POST', `/api/v1/disclosures/${id}/withdrawal`, { token: kit.tokens.pd_ljz_01!, body })).statusCode).toBe(403);
    const qpLeader = await ctx.login('qp_leader');
    const list = (await ctx.api('GET', '/api/v1/disclosures', { token: qpLeader })).json() as PageOf<DisclosureItem>;
    expect(list.total).toBe(0);
    const other = await ctx.api('POST', `/api/v1/disclosures/${id}/withdrawal`, { token: qpLeader, body });
    expect(other.statusCode).toBe(404);
  });

  it('exports the filtered list to Excel', async () => {
    const r = await ctx.api('GET', '/api/v1/disclosures/export.xlsx?overdue=true', { token: await ctx.login('pd_legal') });
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('I3 publication period', () => {
  it('I3 a company decision leaves the public page 3 years after publication; a natural person’s after the configured 2 years', async () => {
    const company = await decidedCase(kit, 3_000, {
      party: { type: 'legal_person', name: '上海某物业管理有限公司', idType: 'uscc', idNumber: USCC, legalRepresentative: '李四' },
    });
    const personCase = await decidedCase(kit, 1_500);
    const undatedCase = await decidedCase(kit, 1_600);
    await runJobs();
    const e = (await entryOf(company.id))!;
    expect(e).toMatchObject({ state: 'published', published_on: '2026-03-02', public_until: '2029-03-02' });
    const person = (await entryOf(personCase.id))!;
    expect(person).toMatchObject({ state: 'published', published_on: '2026-03-02', public_until: '2028-03-02' });
    const personNumber = decisionNumber(personCase);
    const listed = (await ctx.api('GET', '/api/public/disclosures?pageSize=50')).json() as PageOf<PublicDisclosure>;
    expect(listed.items.find((i) => i.documentNumber === personNumber)?.publicUntil).toBe('2028-03-02');
    // An entry published before every entry had an end (a natural person's) follows the same period.
    await ctx.deps.db.updateTable('disclosures').set({ public_until: null }).where('case_id', '=', undatedCase.id).execute();
    const undatedNumber = decisionNumber(undatedCase);
    const visible = async () => {
      const r = (await ctx.api('GET', '/api/public/disclosures?pageSize=50')).json() as PageOf<PublicDisclosure>;
      return r.items.map((i) => i.documentNumber);
    };
    const number = decisionNumber(company);
    const before = ctx.clock.now().toISOString();
    try {
      ctx.clock.set('2028-03-02T10:00:00.000Z');
      expect(await visible()).toEqual(expect.arrayContaining([number, personNumber, undatedNumber]));
      ctx.clock.set('2028-03-03T10:00:00.000Z');
      const afterTwo = await visible();
      expect(afterTwo).toContain(number);
      expect(afterTwo).not.toContain(personNumber);
      expect(afterTwo).not.toContain(undatedNumber);
      expect((await ctx.api('GET', `/api/public/disclosures/${person.id}`)).statusCode).toBe(404);
      ctx.clock.set('2029-03-02T10:00:00.000Z');
      expect(await visible()).toContain(number);
      ctx.clock.set('2029-03-03T10:00:00.000Z');
      expect(await visible()).not.toContain(number);
      expect((await ctx.api('GET', `/api/public/disclosures/${e.id}`)).statusCode).toBe(404);
    } finally {
      ctx.clock.set(before);
    }
  });
});
