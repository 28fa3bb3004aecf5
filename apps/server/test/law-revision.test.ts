// The law data case loads read (calendar overrides, legal configuration versions, offence versions) is kept per
// process under the law revision (migration 016): read once per revision, read again after any change — committed
// by this process or another, through the API or straight in SQL — and never taken from a change that rolled back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SHANGHAI_DEFAULTS } from '@chengguan/domain';
import { createTestContext, type TestContext } from './harness.ts';
import { caseContext, hydrateSnapshot } from '../src/modules/cases/case-loader.ts';
import { currentLawRevision, legalConfigOn, loadWorkCalendar, offenceVersionsByCode } from '../src/modules/law/index.ts';

let ctx: TestContext;
const NOW = new Date('2026-03-02T02:00:00.000Z');
const HOLIDAY = '2026-03-04'; // a Wednesday, declared a holiday by the override below

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const revision = () => currentLawRevision(ctx.deps.db);

describe('law revision', () => {
  it('changes with every change of the calendar, the configuration or the offences, and not otherwise', async () => {
    const db = ctx.deps.db;
    const r0 = await revision();
    expect(await revision()).toBe(r0);
    await db.selectFrom('law_calendar_overrides').selectAll().execute();
    expect(await revision()).toBe(r0);
    await sql`INSERT INTO law_calendar_overrides (date, kind, note, updated_at) VALUES ('2030-01-02', 'holiday', 't', now())`.execute(db);
    const r1 = await revision();
    expect(r1).not.toBe(r0);
    await sql`UPDATE law_offences SET name = name WHERE false`.execute(db);
    const r2 = await revision();
    expect(r2).not.toBe(r1);
    await sql`DELETE FROM law_config_versions WHERE false`.execute(db);
    const r3 = await revision();
    expect(r3).not.toBe(r2);
    await sql`DELETE FROM law_calendar_overrides WHERE date = '2030-01-02'`.execute(db);
    expect(await revision()).not.toBe(r3);
  });

  it('answers a second load at the same revision from what the first read', async () => {
    const db = ctx.deps.db;
    // With an override, each read builds a new calendar: the same object twice means the second was not read.
    await sql`INSERT INTO law_calendar_overrides (date, kind, note, updated_at) VALUES ('2030-01-03', 'holiday', 't', now())`.execute(db);
    const rev = await revision();
    expect(await loadWorkCalendar(db, rev)).toBe(await loadWorkCalendar(db, rev));
    expect(await loadWorkCalendar(db)).not.toBe(await loadWorkCalendar(db, rev));
    const [a, b] = [await legalConfigOn(db, '2026-03-02', rev), await legalConfigOn(db, '2026-03-02', rev)];
    expect(a.config).toBe(b.config);
    const code = (await db.selectFrom('law_offences').select('code').limit(1).executeTakeFirstOrThrow()).code;
    expect(await offenceVersionsByCode(db, code, rev)).toBe(await offenceVersionsByCode(db, code, rev));
  });

  it('sees a calendar override as soon as it is committed, through the API', async () => {
    const before = await caseContext(ctx.deps.db, NOW);
    expect(before.calendar.holidays.has(HOLIDAY)).toBe(false);
    const admin = await ctx.login('admin');
    const r = await ctx.api('PUT', `/api/v1/law/calendar/overrides/${HOLIDAY}`, {
      token: admin,
      body: { kind: 'holiday', note: '测试假日' },
    });
    expect(r.statusCode, r.body).toBeLessThan(300);
    const after = await caseContext(ctx.deps.db, NOW);
    expect(after.calendar.holidays.has(HOLIDAY)).toBe(true);
    await ctx.api('DELETE', `/api/v1/law/calendar/overrides/${HOLIDAY}`, { token: admin });
    expect((await caseContext(ctx.deps.db, NOW)).calendar.holidays.has(HOLIDAY)).toBe(false);
  });

  it('never keeps what a rolled-back change showed its own transaction', async () => {
    const db = ctx.deps.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO law_calendar_overrides (date, kind, note, updated_at) VALUES (${HOLIDAY}, 'holiday', 't', now())`.execute(
          trx,
        );
        // Inside the transaction the rules see the override (and this process keeps it under the new revision) …
        expect((await caseContext(trx, NOW)).calendar.holidays.has(HOLIDAY)).toBe(true);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // … which no one sees again once it rolled back.
    expect((await caseContext(db, NOW)).calendar.holidays.has(HOLIDAY)).toBe(false);
  });

  it('sees a new configuration version and a changed offence written straight in SQL (another process)', async () => {
    const db = ctx.deps.db;
    const day = '2026-03-02';
    const base = await legalConfigOn(db, day, await revision());
    const changed = { ...base.config, hearingThresholdFen: { ...SHANGHAI_DEFAULTS.hearingThresholdFen, natural_person: 123_400 } };
    await sql`INSERT INTO law_config_versions (id, effective_from, config, note) VALUES (${ctx.deps.newId()}, '2026-03-01', ${JSON.stringify(changed)}::jsonb, 'test')`.execute(
      db,
    );
    const now = await legalConfigOn(db, day, await revision());
    expect(now.config.hearingThresholdFen.natural_person).toBe(123_400);
    expect((await caseContext(db, NOW)).config.hearingThresholdFen.natural_person).toBe(123_400);

    const offence = await db.selectFrom('law_offences').select(['id', 'code', 'max_fine_fen']).limit(1).executeTakeFirstOrThrow();
    const cached = await offenceVersionsByCode(db, offence.code, await revision());
    expect(cached.find((v) => v.id === offence.id)!.max_fine_fen).toBe(offence.max_fine_fen);
    await db
      .updateTable('law_offences')
      .set({ max_fine_fen: (offence.max_fine_fen ?? 0) + 100 })
      .where('id', '=', offence.id)
      .execute();
    const fresh = await offenceVersionsByCode(db, offence.code, await revision());
    expect(fresh.find((v) => v.id === offence.id)!.max_fine_fen).toBe((offence.max_fine_fen ?? 0) + 100);
  });

  it('hydrates a case with the offence versions of the revision it is given', async () => {
    const db = ctx.deps.db;
    const offence = await db.selectFrom('law_offences').select(['code']).limit(1).executeTakeFirstOrThrow();
    const rev = await revision();
    const expected = await offenceVersionsByCode(db, offence.code);
    const s = await hydrateSnapshot(
      db,
      { id: ctx.deps.newId(), act_id: ctx.deps.newId(), snapshot: { officers: [], offence: { code: offence.code }, act: {} } },
      rev,
    );
    expect(s.offence.versions!.map((v) => v.versionId)).toEqual(expected.map((v) => v.id));
  });
});
