// 勤务 through the API (docs/duty.md): shifts and the week's roster with its refusals (D2 two shifts at once, A1 no
// valid credential on a field shift, an officer of another squad), copying last week, patrol areas inside the service
// area (D3), the officer's tasks, the month's plan with a 专项, positions only with consent and on a shift (D4) with
// the retention purge, and the duty log written by ticket, case and inspection steps, tagged "3级18类" (D5); and the
// forbidden paths — another squad's roster, another district, a role that may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DutyLogEntry,
  DutyPlan,
  MyTasks,
  OfficerPositions,
  PageOf,
  PatrolArea,
  RosterWeek,
  ShiftTemplate,
} from '@chengguan/contracts';
import { DEFAULT_DUTY_LOG_TAGS } from '@chengguan/domain';
import { purgeOldPositions } from '../src/modules/duty/index.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { registerCaseBody } from './cases-support.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_ljz_leader', 'pd_ljz_01', 'pd_ljz_02', 'pd_ljz_03', 'pd_hm_01', 'pd_command', 'pd_admin', 'qp_zjj_leader', 'qp_command'];
const ids: Record<string, string> = {};
let ljz: string;
let hm: string;
const WEEK = '2026-03-02'; // a Monday; the test clock starts at 10:00 Shanghai that day

const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
async function at(instant: string): Promise<void> {
  ctx.clock.set(instant);
  for (const u of USERS) tokens[u] = await ctx.login(u);
}
const shifts: Record<string, ShiftTemplate> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  await at('2026-03-02T02:00:00.000Z');
  ljz = ctx.seed.ids.orgs.get('pd-ljz')!;
  hm = ctx.seed.ids.orgs.get('pd-hm')!;
  for (const u of USERS) {
    ids[u] = (await ctx.deps.db.selectFrom('officers').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  }
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('shifts and the roster', () => {
  it('a squad leader sets the squad’s shifts; an officer may not; another district does not see the squad', async () => {
    for (const [code, name, startMinute, endMinute, field] of [
      ['early', '早班', 360, 840, true],
      ['day', '白班', 510, 1050, true],
      ['night', '夜班', 1200, 480, true],
      ['office', '内勤', 540, 1020, false],
    ] as const) {
      shifts[code] = await ok<ShiftTemplate>(
        call('pd_ljz_leader', 'POST', '/api/v1/duty/shift-templates', { orgId: ljz, code, name, startMinute, endMinute, field }),
      );
    }
    expect(shifts.night!.hours).toBe('20:00–（次日）08:00');
    const again = await ok<ShiftTemplate>(
      call('pd_ljz_leader', 'POST', '/api/v1/duty/shift-templates', {
        orgId: ljz,
        code: 'day',
        name: '白班',
        startMinute: 510,
        endMinute: 1050,
        field: true,
      }),
    );
    expect(again.id).toBe(shifts.day!.id);
    const officer = await call('pd_ljz_01', 'POST', '/api/v1/duty/shift-templates', {
      orgId: ljz,
      code: 'x',
      name: 'x',
      startMinute: 1,
      endMinute: 2,
      field: true,
    });
    expect(officer.statusCode).toBe(403);
    const qp = await call('qp_zjj_leader', 'GET', `/api/v1/duty/shift-templates?orgId=${ljz}`);
    expect(qp.statusCode).toBe(404);
    expect((await call('pd_ljz_leader', 'GET', `/api/v1/duty/shift-templates?orgId=${hm}`)).statusCode).toBe(404);
  });

  it('saves a week with the working days of the calendar; refuses D2, A1 and an officer of another squad, writing nothing', async () => {
    const entries = [
      { officerId: ids.pd_ljz_01, dutyDate: '2026-03-02', shiftId: shifts.day!.id },
      { officerId: ids.pd_ljz_03, dutyDate: '2026-03-02', shiftId: shifts.day!.id },
      { officerId: ids.pd_ljz_01, dutyDate: '2026-03-03', shiftId: shifts.night!.id },
      { officerId: ids.pd_ljz_02, dutyDate: '2026-03-03', shiftId: shifts.office!.id },
    ];
    const week = await ok<RosterWeek>(call('pd_ljz_leader', 'PUT', '/api/v1/duty/roster', { orgId: ljz, weekStart: WEEK, entries }));
    expect(week.entries).toHaveLength(4);
    expect(week.days.map((d) => d.workingDay)).toEqual([true, true, true, true, true, false, false]);
    expect(week.officers.find((o) => o.id === ids.pd_ljz_02)?.credentialStatus).toBe('expired');
    const day = week.entries.find((e) => e.officerId === ids.pd_ljz_01 && e.dutyDate === '2026-03-02')!;
    expect([day.startsAt, day.endsAt]).toEqual(['2026-03-02T00:30:00.000Z', '2026-03-02T09:30:00.000Z']);

    // D2: the night shift of the 3rd runs to 08:00 on the 4th, the early shift of the 4th starts at 06:00.
    const twice = await call('pd_ljz_leader', 'PUT', '/api/v1/duty/roster', {
      orgId: ljz,
      weekStart: WEEK,
      entries: [...entries, { officerId: ids.pd_ljz_01, dutyDate: '2026-03-04', shiftId: shifts.early!.id }],
    });
    expect(twice.statusCode, twice.body).toBe(422);
    expect(errorBody(twice).field).toBe('entries.4');
    expect(errorBody(twice).message).toContain('重叠');
    // A1: pd_ljz_02's credential has expired — an office shift is fine, a field shift is not.
    const noCredential = await call('pd_ljz_leader', 'PUT', '/api/v1/duty/roster', {
      orgId: ljz,
      weekStart: WEEK,
      entries: [...entries, { officerId: ids.pd_ljz_02, dutyDate: '2026-03-05', shiftId: shifts.day!.id }],
    });
    expect(noCredential.statusCode).toBe(422);
    expect(errorBody(noCredential).field).toBe('entries.4.officerId');
    expect(errorBody(noCredential).message).toContain('执法证');
    const stranger = await call('pd_ljz_leader', 'PUT', '/api/v1/duty/roster', {
      orgId: ljz,
      weekStart: WEEK,
      entries: [{ officerId: ids.pd_hm_01, dutyDate: '2026-03-05', shiftId: shifts.day!.id }],
    });
    expect(stranger.statusCode).toBe(422);
    expect(errorBody(stranger).field).toBe('entries.0.officerId');
    const notMonday = await call('pd_ljz_leader', 'PUT', '/api/v1/duty/roster', { orgId: ljz, weekStart: '2026-03-03', entries: [] });
    expect(notMonday.statusCode).toBe(400);
    expect(errorBody(notMonday).field).toBe('weekStart');
    const unchanged = await ok<RosterWeek>(call('pd_ljz_01', 'GET', `/api/v1/duty/roster?orgId=${ljz}&weekStart=${WEEK}`));
    expect(unchanged.entries.map((e) => e.id).sort()).toEqual(week.entries.map((e) => e.id).sort());
  });

  it('copies last week a week later; another squad’s roster is refused to its leader and to another district', async () => {
    const next = await ok<RosterWeek>(
      call('pd_ljz_leader', 'POST', '/api/v1/duty/roster/copy-previous-week', { orgId: ljz, weekStart: '2026-03-09' }),
    );
    expect(next.entries.map((e) => e.dutyDate).sort()).toEqual(['2026-03-09', '2026-03-09', '2026-03-10', '2026-03-10']);
    const empty = await call('pd_ljz_leader', 'POST', '/api/v1/duty/roster/copy-previous-week', { orgId: ljz, weekStart: '2026-02-16' });
    expect(empty.statusCode).toBe(400);
    expect((await call('pd_ljz_leader', 'PUT', '/api/v1/duty/roster', { orgId: hm, weekStart: WEEK, entries: [] })).statusCode).toBe(404);
    expect((await call('qp_zjj_leader', 'GET', `/api/v1/duty/roster?orgId=${ljz}&weekStart=${WEEK}`)).statusCode).toBe(404);
    expect((await call('pd_ljz_01', 'PUT', '/api/v1/duty/roster', { orgId: ljz, weekStart: WEEK, entries: [] })).statusCode).toBe(403);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['duty.roster', 'duty.roster_copy'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['duty.roster', 'duty.roster_copy']);
  });
});

describe('patrol areas', () => {
  const square = (w: number, s: number, e: number, n: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  });
  it('D3 a patrol area inside the squad’s service area is kept and assignable; one leaving it is refused', async () => {
    // The demo service area of 陆家嘴: 121.503–121.52 E, 31.228–31.245 N.
    const area = await ok<PatrolArea>(
      call('pd_ljz_leader', 'POST', '/api/v1/duty/patrol-areas', {
        orgId: ljz,
        name: '一号网格',
        geometry: square(121.505, 31.23, 121.51, 31.235),
      }),
    );
    const outside = await call('pd_ljz_leader', 'POST', '/api/v1/duty/patrol-areas', {
      orgId: ljz,
      name: '越界网格',
      geometry: square(121.515, 31.23, 121.53, 31.235),
    });
    expect(outside.statusCode).toBe(422);
    expect(errorBody(outside).field).toBe('geometry');
    const list = await ok<{ items: PatrolArea[]; serviceArea: unknown }>(
      call('pd_ljz_01', 'GET', `/api/v1/duty/patrol-areas?orgId=${ljz}`),
    );
    expect(list.items.map((a) => a.id)).toEqual([area.id]);
    expect(list.serviceArea).not.toBeNull();
    const week = await ok<RosterWeek>(call('pd_ljz_leader', 'GET', `/api/v1/duty/roster?orgId=${ljz}&weekStart=${WEEK}`));
    const entries = week.entries.map((e) => ({
      officerId: e.officerId,
      dutyDate: e.dutyDate,
      shiftId: e.shiftId,
      patrolAreaId: e.officerId === ids.pd_ljz_01 ? area.id : null,
    }));
    const saved = await ok<RosterWeek>(call('pd_ljz_leader', 'PUT', '/api/v1/duty/roster', { orgId: ljz, weekStart: WEEK, entries }));
    expect(saved.entries.filter((e) => e.patrolAreaName === '一号网格')).toHaveLength(2);
    expect(
      (
        await call('qp_zjj_leader', 'POST', '/api/v1/duty/patrol-areas', {
          orgId: ljz,
          name: 'x',
          geometry: square(121.505, 31.23, 121.51, 31.235),
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('positions', () => {
  const here = { lng: 121.507, lat: 31.232 };
  it('D4 only with consent and during a rostered shift; the centre sees the latest point; withdrawing stops it', async () => {
    const noConsent = await call('pd_ljz_01', 'POST', '/api/v1/duty/positions', here);
    expect(noConsent.statusCode).toBe(422);
    expect(errorBody(noConsent).message).toContain('同意');
    const consent = await ok<{ consented: boolean; retentionDays: number }>(
      call('pd_ljz_01', 'PUT', '/api/v1/duty/position-consent', { consented: true }),
    );
    expect(consent).toMatchObject({ consented: true, retentionDays: 30 });
    await ok(call('pd_ljz_01', 'POST', '/api/v1/duty/positions', here), 201);
    ctx.clock.advance(60_000);
    await ok(call('pd_ljz_01', 'POST', '/api/v1/duty/positions', { lng: 121.508, lat: 31.233 }), 201);
    // pd_ljz_03 is on the same shift but never consented.
    expect((await call('pd_ljz_03', 'POST', '/api/v1/duty/positions', here)).statusCode).toBe(422);
    const seen = await ok<OfficerPositions>(call('pd_command', 'GET', '/api/v1/duty/positions'));
    expect(seen.items).toEqual([
      expect.objectContaining({
        officerId: ids.pd_ljz_01,
        orgId: ljz,
        lng: 121.508,
        lat: 31.233,
        at: '2026-03-02T02:01:00.000Z',
        name: expect.any(String),
      }),
    ]);
    expect((await ok<OfficerPositions>(call('qp_command', 'GET', '/api/v1/duty/positions'))).items).toEqual([]);
    expect((await call('pd_ljz_03', 'GET', '/api/v1/duty/positions')).statusCode).toBe(403);
    expect((await call('qp_command', 'GET', `/api/v1/duty/positions?orgId=${ljz}`)).statusCode).toBe(404);
    // 20:00 Shanghai: the day shift is over, the night shift is the 3rd's.
    await at('2026-03-02T12:00:00.000Z');
    const offShift = await call('pd_ljz_01', 'POST', '/api/v1/duty/positions', here);
    expect(offShift.statusCode).toBe(422);
    expect(errorBody(offShift).message).toContain('排班');
    expect((await ok<OfficerPositions>(call('pd_command', 'GET', '/api/v1/duty/positions'))).items).toEqual([]);
    await at('2026-03-03T13:00:00.000Z');
    await ok(call('pd_ljz_01', 'POST', '/api/v1/duty/positions', here), 201);
    await ok(call('pd_ljz_01', 'PUT', '/api/v1/duty/position-consent', { consented: false }));
    expect((await call('pd_ljz_01', 'POST', '/api/v1/duty/positions', here)).statusCode).toBe(422);
    expect((await ok<OfficerPositions>(call('pd_command', 'GET', '/api/v1/duty/positions'))).items).toEqual([]);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'duty.position_consent%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['duty.position_consent_given', 'duty.position_consent_withdrawn']);
  });

  it('D4 points older than the configured retention are deleted by the job; a second run deletes nothing', async () => {
    const pd = (await ctx.deps.db.selectFrom('orgs').select('bureau_id').where('id', '=', ljz).executeTakeFirstOrThrow()).bureau_id!;
    expect((await call('pd_ljz_leader', 'PUT', '/api/v1/duty/settings', { bureauId: pd, positionRetentionDays: 1 })).statusCode).toBe(403);
    const set = await ok<{ positionRetentionDays: number; isDefault: boolean }>(
      call('pd_admin', 'PUT', '/api/v1/duty/settings', { bureauId: pd, positionRetentionDays: 1 }),
    );
    expect(set).toMatchObject({ positionRetentionDays: 1, isDefault: false });
    const count = async () => (await ctx.deps.db.selectFrom('duty_positions').select('id').execute()).length;
    expect(await count()).toBe(3);
    ctx.clock.set('2026-03-04T03:00:00.000Z');
    expect(await purgeOldPositions(ctx.deps)).toBe(2);
    expect(await purgeOldPositions(ctx.deps)).toBe(0);
    expect(await count()).toBe(1);
    await at('2026-03-02T02:30:00.000Z');
  });
});

describe('tasks, the plan and the duty log', () => {
  it('my tasks merge the patrol shifts, the tickets he handles and his inspection tasks; the plan counts a 专项', async () => {
    const t = await ok<{ id: string; number: string }>(
      call('pd_command', 'POST', '/api/v1/tickets', {
        channel: 'hotline_12345',
        externalNo: 'DUTY-0001',
        categoryCode: 'SR04',
        content: '饭店油烟直排',
        address: '上海市浦东新区陆家嘴环路1000号',
        point: { lon: 121.51, lat: 31.235, crs: 'wgs84' },
        reporterName: '王先生',
        reporterPhone: '13800001111',
      }),
      201,
    );
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${t.id}/accept`, {}));
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${t.id}/dispatch`, { orgId: ljz, officerId: ids.pd_ljz_01 }));
    const subjects = await ctx.deps.db
      .selectFrom('subjects')
      .select('id')
      .where('org_id', '=', ljz)
      .where('status', '=', 'active')
      .limit(2)
      .execute();
    expect(subjects.length).toBeGreaterThan(0);
    const campaign = await ok<{ taskCount: number }>(
      call('pd_ljz_leader', 'POST', '/api/v1/duty/campaigns', {
        orgId: ljz,
        title: '油烟专项整治',
        periodFrom: '2026-03-02',
        periodTo: '2026-03-20',
        subjectIds: subjects.map((s) => s.id),
        officerIds: [ids.pd_ljz_01, ids.pd_ljz_03],
      }),
      201,
    );
    expect(campaign.taskCount).toBe(subjects.length);
    const lone = await call('pd_ljz_leader', 'POST', '/api/v1/duty/campaigns', {
      orgId: ljz,
      title: '一人专项',
      periodFrom: '2026-03-02',
      periodTo: '2026-03-20',
      subjectIds: [subjects[0]!.id],
      officerIds: [ids.pd_ljz_01],
    });
    expect(lone.statusCode).toBe(422);
    expect(errorBody(lone).field).toBe('officerIds');
    const mine = await ok<MyTasks>(call('pd_ljz_01', 'GET', '/api/v1/duty/my-tasks'));
    expect(mine.counts.ticket).toBe(1);
    expect(mine.counts.inspection).toBeGreaterThanOrEqual(subjects.length);
    expect(mine.counts.patrol).toBe(2);
    expect(mine.onDutyNow).toBe(true);
    expect(new Set(mine.items.map((i) => i.kind))).toEqual(new Set(['patrol', 'ticket', 'inspection']));
    expect(mine.items.find((i) => i.kind === 'ticket')?.link).toBe(`/tickets/${t.id}`);
    const plan = await ok<DutyPlan>(call('pd_ljz_leader', 'GET', `/api/v1/duty/plan?orgId=${ljz}&month=2026-03`));
    expect(plan.special.total).toBe(subjects.length);
    expect(plan.campaigns.map((c) => c.title)).toEqual(['油烟专项整治']);
    expect(plan.rosteredShifts).toBe(8);
    expect((await call('qp_zjj_leader', 'GET', `/api/v1/duty/plan?orgId=${ljz}&month=2026-03`)).statusCode).toBe(404);
  });

  it('D5 the log is written by ticket and case steps, tagged 3级18类, filtered, paged, exported; officers see their own', async () => {
    const db = ctx.deps.db;
    const tags = await db.selectFrom('duty_log_tags').select(['code', 'level', 'parent_code']).orderBy('sort_order').execute();
    expect(tags.map((t) => [t.code, t.level, t.parent_code])).toEqual(DEFAULT_DUTY_LOG_TAGS.map((t) => [t.code, t.level, t.parentCode]));
    expect(tags.filter((t) => t.level === 2)).toHaveLength(18);
    const officerOf = (u: string) => ids[u]!;
    const r = await ctx.api('POST', '/api/v1/cases', {
      token: tokens.pd_ljz_01!,
      body: registerCaseBody(officerOf, { date: '2026-03-02', discoveredOn: '2026-03-02', act: { actDate: '2026-03-01' } }),
    });
    expect(r.statusCode, r.body).toBe(201);
    await ok(
      call('pd_ljz_01', 'POST', '/api/v1/duty/log', {
        entryDate: '2026-03-02',
        tagCode: 'A01',
        summary: '陆家嘴环路巡查，劝离流动摊贩2处',
      }),
      201,
    );
    expect(
      (await call('pd_ljz_01', 'POST', '/api/v1/duty/log', { entryDate: '2026-03-02', tagCode: 'A', summary: '一级标签' })).statusCode,
    ).toBe(400);
    const all = await ok<PageOf<DutyLogEntry>>(
      call('pd_ljz_leader', 'GET', `/api/v1/duty/log?orgId=${ljz}&from=2026-03-02&to=2026-03-02&pageSize=200`),
    );
    const sources = new Set(all.items.map((e) => e.source));
    expect(sources).toEqual(new Set(['ticket', 'case', 'manual']));
    const c = all.items.find((e) => e.source === 'case')!;
    expect(c).toMatchObject({ action: 'register', tagCode: 'C04', tagPath: '诉件与办案 / 案件立案', officerId: ids.pd_ljz_01 });
    const dispatch = all.items.find((e) => e.source === 'ticket' && e.action === 'dispatch')!;
    expect(dispatch.tagCode).toBe('C01');
    const group = await ok<PageOf<DutyLogEntry>>(call('pd_ljz_leader', 'GET', `/api/v1/duty/log?orgId=${ljz}&tag=C&pageSize=200`));
    expect(group.items.every((e) => e.tagCode.startsWith('C'))).toBe(true);
    expect(group.total).toBe(all.items.filter((e) => e.tagCode.startsWith('C')).length);
    const page = await ok<PageOf<DutyLogEntry>>(call('pd_ljz_leader', 'GET', `/api/v1/duty/log?orgId=${ljz}&pageSize=1&page=2`));
    expect(page.items).toHaveLength(1);
    const own = await ok<PageOf<DutyLogEntry>>(call('pd_ljz_03', 'GET', '/api/v1/duty/log?pageSize=200'));
    expect(own.items.every((e) => e.officerId === ids.pd_ljz_03)).toBe(true);
    const xlsx = await call('pd_ljz_leader', 'GET', `/api/v1/duty/log/export.xlsx?orgId=${ljz}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await call('qp_zjj_leader', 'GET', `/api/v1/duty/log?orgId=${ljz}`)).statusCode).toBe(404);
    const qp = await ok<PageOf<DutyLogEntry>>(call('qp_command', 'GET', '/api/v1/duty/log?pageSize=200'));
    expect(qp.items.filter((e) => e.orgId === ljz)).toEqual([]);
  });
});
