// Bad input: each refusal is a 4xx naming the rule ID and article (zh + en), and nothing is half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, expectRule, fine, investigatedCase, notice, signedRecord, USCC, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

/** Runs a refused call and checks that no event and no audit row was added. */
async function refusedWithoutTrace(caseId: string, call: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  const before = await kit.counts(caseId);
  const r = await call();
  expect(r.statusCode).toBeGreaterThanOrEqual(400);
  expect(r.statusCode).toBeLessThan(500);
  expect(await kit.counts(caseId)).toEqual(before);
  return r;
}

describe('refused steps name the rule and write nothing', () => {
  it('a decision before the prior notice was served (D1)', async () => {
    const c = await investigatedCase(kit);
    await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
    const r = await refusedWithoutTrace(c.id, () =>
      kit.step('pd_leader', c.id, 'decide', {
        date: '2026-01-14',
        outcome: 'penalty',
        penalty: fine(1_000),
        citesHearingRecord: false,
        educationRecorded: false,
      }),
    );
    const body = expectRule(r, 422, 'D1');
    expect(body.code).toBe('RULE_VIOLATION');
    expect(body.message).toMatch(/行政处罚法/);
  });

  it('a hearing request after the window (D5)', async () => {
    const c = await investigatedCase(kit);
    await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(5_000) });
    await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(5_000, true, '2026-01-14'));
    const r = await refusedWithoutTrace(c.id, () => kit.step('pd_ljz_01', c.id, 'requestHearing', { date: '2026-01-26' }));
    expectRule(r, 422, 'D5');
  });

  it('a fine outside the 裁量基准 tier (Art. 34) and outside the statutory range (Art. 38)', async () => {
    // SH-LJ-57-2, first violation: the example tier 从轻 is 50–100 yuan.
    const c = await investigatedCase(kit, {
      offenceCode: 'SH-LJ-57-2',
      flags: { firstViolation: true, correctionOrdered: true, refusedToCorrect: true },
    });
    const tier = await refusedWithoutTrace(c.id, () =>
      kit.step('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(150) }),
    );
    expectRule(tier, 422, 'DISCRETION');
    const statutory = await refusedWithoutTrace(c.id, () =>
      kit.step('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(300) }),
    );
    expect(statutory.statusCode).toBe(422);
    expect(statutory.json().rule).toMatch(/Art\. 3[48]/);
    const ok = await kit.ok('pd_ljz_leader', c.id, 'reviewCase', {
      date: '2026-01-13',
      proposedOutcome: 'penalty',
      proposedPenalty: fine(80),
    });
    expect(ok.proposal?.tierRange).toEqual({ minFen: 5_000, maxFen: 10_000 });
  });

  it('one officer alone and an expired credential (A1)', async () => {
    const c = await kit.register();
    const alone = await refusedWithoutTrace(c.id, () =>
      kit.step('pd_ljz_01', c.id, 'recordInspection', signedRecord(kit, '2026-01-05', ['pd_ljz_01'])),
    );
    expectRule(alone, 422, 'A1');
    const expired = await refusedWithoutTrace(c.id, () =>
      kit.step('pd_ljz_01', c.id, 'recordInspection', signedRecord(kit, '2026-01-05', ['pd_ljz_01', 'pd_ljz_02'])),
    );
    const body = expectRule(expired, 422, 'A1');
    expect(body.field).toBe('officers');
    expect(body.message).toContain('《中华人民共和国行政处罚法》第四十二条');
    expect(body.messageEn).toMatch(/Art\. 42/);
  });

  it('a backdated event, before the previous step (CHRONOLOGY, Art. 47)', async () => {
    const c = await kit.register();
    await kit.ok('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' });
    await kit.ok('pd_ljz_leader', c.id, 'approveFiling', { date: '2026-01-06' });
    const r = await refusedWithoutTrace(c.id, () =>
      kit.step('pd_ljz_leader', c.id, 'suspend', { date: '2026-01-05', reason: '等待', legalBasis: '第六十条' }),
    );
    expect(expectRule(r, 422, 'CHRONOLOGY').field).toBe('date');
    const future = await refusedWithoutTrace(c.id, () =>
      kit.step('pd_ljz_leader', c.id, 'suspend', { date: '2026-03-03', reason: '等待', legalBasis: '第六十条' }),
    );
    expectRule(future, 422, 'CHRONOLOGY');
  });

  it('an evidence file whose hash does not match the stored bytes (A4, Art. 46)', async () => {
    const c = await kit.register();
    const r = await refusedWithoutTrace(c.id, () =>
      kit.step('pd_ljz_01', c.id, 'addEvidence', {
        date: '2026-01-05',
        evidenceType: 'audio_visual',
        title: '照片',
        fileSm3: 'a'.repeat(64),
      }),
    );
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'fileSm3', rule: 'A4 行政处罚法 Art. 46' });
    // A stored file altered on disk no longer hashes to its name: refused, no case event; the finding itself is
    // audited (one row) and the file flagged for the administrators.
    const sm3 = await kit.upload('pd_ljz_01', 'original bytes');
    const { fileStorageOf } = await import('../src/modules/files/file-storage.ts');
    await fileStorageOf(ctx.deps).put(sm3, Buffer.from('tampered bytes'));
    const before = await kit.counts(c.id);
    const tampered = await kit.step('pd_ljz_01', c.id, 'addEvidence', {
      date: '2026-01-05',
      evidenceType: 'audio_visual',
      title: '照片',
      fileSm3: sm3,
    });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json()).toMatchObject({ field: 'fileSm3', rule: 'A4 行政处罚法 Art. 46' });
    expect(await kit.counts(c.id)).toEqual({ events: before.events, audit: before.audit + 1 });
    const flagged = await ctx.deps.db.selectFrom('file_integrity_issues').select(['kind', 'status']).where('sm3', '=', sm3).execute();
    expect(flagged).toEqual([{ kind: 'mismatch', status: 'open' }]);
    // Another bureau's file, known by its hash only, is refused like an unknown one.
    const theirs = await kit.upload('qp_zjj_01', 'a photo of 青浦');
    const foreign = await refusedWithoutTrace(c.id, () =>
      kit.step('pd_ljz_01', c.id, 'addEvidence', { date: '2026-01-05', evidenceType: 'audio_visual', title: '照片', fileSm3: theirs }),
    );
    expect(foreign.json()).toMatchObject({ field: 'fileSm3', rule: 'A4 行政处罚法 Art. 46' });
  });

  it('a second fine for the same act (E6, Art. 29)', async () => {
    const first = await investigatedCase(kit, { act: { actId: 'act-e6', actDate: '2026-01-04' } });
    await kit.ok('pd_ljz_leader', first.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
    await kit.ok('pd_ljz_01', first.id, 'issuePriorNotice', notice(1_000, false, '2026-01-14'));
    await kit.ok('pd_ljz_01', first.id, 'waiveStatement', { date: '2026-01-14', waivesHearing: true });
    await kit.ok('pd_leader', first.id, 'decide', {
      date: '2026-01-14',
      outcome: 'penalty',
      penalty: fine(1_000),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    const second = await kit.register({ act: { actId: 'act-e6', actDate: '2026-01-04' } });
    await kit.ok('pd_ljz_01', second.id, 'submitFiling', { date: '2026-01-15' });
    const r = await refusedWithoutTrace(second.id, () => kit.step('pd_ljz_leader', second.id, 'approveFiling', { date: '2026-01-15' }));
    expectRule(r, 422, 'E6');
  });

  it('an invalid ID card number or USCC: 400 naming the field, nothing stored', async () => {
    const before = await ctx.deps.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await ctx.api('POST', '/api/v1/cases', {
      token: kit.tokens.pd_ljz_01!,
      body: {
        date: '2026-01-05',
        discoveredOn: '2026-01-05',
        source: 'patrol',
        offenceCode: 'SH-LJ-57-4',
        party: { type: 'natural_person', name: '王小明', idType: 'id_card', idNumber: '310115198005051230' },
        act: { actDate: '2026-01-04' },
        location: '陆家嘴',
        facts: '事实',
        officerIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_03')],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'party.idNumber' });
    expect(bad.json().message).toContain('GB 11643');
    const org = await ctx.api('POST', '/api/v1/cases', {
      token: kit.tokens.pd_ljz_01!,
      body: {
        date: '2026-01-05',
        discoveredOn: '2026-01-05',
        source: 'complaint',
        offenceCode: 'SH-LJ-57-4',
        party: { type: 'legal_person', name: '某物业公司', idType: 'uscc', idNumber: USCC.slice(0, 17) + (USCC.endsWith('0') ? '1' : '0') },
        act: { actDate: '2026-01-04' },
        location: '陆家嘴',
        facts: '事实',
        officerIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_03')],
      },
    });
    expect(org.statusCode).toBe(400);
    expect(org.json()).toMatchObject({ field: 'party.idNumber' });
    expect(org.json().message).toContain('GB 32100');
    const after = await ctx.deps.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const good = await kit.register({
      party: { type: 'legal_person', name: '某物业公司', idType: 'uscc', idNumber: USCC, legalRepresentative: '李四' },
    });
    expect(good.party).toMatchObject({ idNumber: USCC, masked: false });
  });

  it('a date that does not exist is a 400 naming the field', async () => {
    const c = await kit.register();
    const r = await refusedWithoutTrace(c.id, () => kit.step('pd_ljz_01', c.id, 'submitFiling', { date: '2026-02-30' }));
    expect(r.json()).toMatchObject({ code: 'INVALID_DATE', field: 'date' });
  });

  it('the offence version a case was judged by cannot be deleted: 400 naming it, nothing removed', async () => {
    const c = await kit.register();
    const r = await ctx.api('DELETE', `/api/v1/law/offences/${c.offence.id}`, { token: kit.tokens.admin! });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
    expect((await ctx.api('GET', `/api/v1/law/offences/${c.offence.id}`, { token: kit.tokens.admin! })).statusCode).toBe(200);
  });
});
