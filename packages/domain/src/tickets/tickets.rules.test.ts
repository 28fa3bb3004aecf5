import { describe, expect, it } from 'vitest';
import { SHANGHAI_TICKET_CATEGORIES, checkTicketCategories, selectableTicketCategories } from './ticket-categories.ts';
import { allowedTicketActions, TICKET_ACTIONS, TICKET_MACHINE, TICKET_STATES, ticketStep } from './ticket-machine.ts';
import { proposeDuplicates, repeatedComplaint, type TicketForMatching } from './ticket-duplicates.ts';
import { ticketRates, type TicketFacts } from './ticket-metrics.ts';
import { callbackNeedsReview } from './ticket-callback.ts';

describe('categories as data', () => {
  it('L2 the Shanghai starter list is consistent and its top classes are the 数字城管 事件 大类', () => {
    expect(checkTicketCategories(SHANGHAI_TICKET_CATEGORIES)).toEqual([]);
    const top = SHANGHAI_TICKET_CATEGORIES.filter((c) => c.parent === null).map((c) => c.nameZh);
    expect(top).toEqual(['市容环境', '宣传广告', '施工管理', '街面秩序', '突发事件', '其他']);
  });

  it('refuses repeated codes, missing parents and bad codes; offers only active leaves', () => {
    const list = [
      ...SHANGHAI_TICKET_CATEGORIES,
      { ...SHANGHAI_TICKET_CATEGORIES[1]! },
      { code: 'ZZ01', nameZh: '无上级', nameEn: 'x', parent: 'ZZ', defaultLimit: 'ordinary' as const, active: true },
      { code: 'bad', nameZh: '坏', nameEn: 'x', parent: null, defaultLimit: 'ordinary' as const, active: true },
    ];
    const fields = checkTicketCategories(list).map((i) => `${i.code}:${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(['SR01:code', 'ZZ01:parent', 'bad:code']));
    const leaves = selectableTicketCategories(SHANGHAI_TICKET_CATEGORIES).map((c) => c.code);
    expect(leaves).toContain('JM01');
    expect(leaves).not.toContain('JM');
  });
});

describe('the ticket state machine', () => {
  it('runs the main line received → accepted → dispatched → handling → replied → closed with the right roles', () => {
    const line = [
      ['received', 'accept', 'commander', 'accepted'],
      ['accepted', 'dispatch', 'squad_leader', 'dispatched'],
      ['dispatched', 'startHandling', 'field_officer', 'handling'],
      ['handling', 'reply', 'field_officer', 'replied'],
      ['replied', 'close', 'commander', 'closed'],
    ] as const;
    for (const [from, action, role, to] of line) expect(ticketStep(from, action, [role])).toEqual({ ok: true, to });
  });

  it('I4 退单, transfer, referral and merge need a reason; side steps keep the state', () => {
    expect(ticketStep('handling', 'returnTicket', ['squad_leader'], ' ')).toMatchObject({
      ok: false,
      refusal: { code: 'TICKET_REASON_REQUIRED' },
    });
    expect(ticketStep('handling', 'returnTicket', ['squad_leader'], '不属于城管职责')).toEqual({ ok: true, to: 'returned' });
    expect(ticketStep('received', 'refer', ['commander'], '属房管部门职责')).toEqual({ ok: true, to: 'referred' });
    expect(ticketStep('handling', 'transfer', ['commander'], '位于相邻中队辖区')).toEqual({ ok: true, to: 'dispatched' });
    expect(ticketStep('handling', 'requestExtension', ['field_officer'], '需协调')).toEqual({ ok: true, to: 'handling' });
    expect(ticketStep('returned', 'reopen', ['commander'], '热线重新派单')).toEqual({ ok: true, to: 'received' });
  });

  it('refuses a role that may not and a state that does not allow the step', () => {
    expect(ticketStep('received', 'accept', ['field_officer'])).toMatchObject({ ok: false, refusal: { code: 'TICKET_ROLE_FORBIDDEN' } });
    expect(ticketStep('closed', 'reply', ['field_officer'])).toMatchObject({ ok: false, refusal: { code: 'TICKET_STATE_CONFLICT' } });
    expect(ticketStep('handling', 'transfer', ['squad_leader'], '理由充分')).toMatchObject({
      ok: false,
      refusal: { code: 'TICKET_ROLE_FORBIDDEN' },
    });
  });

  it('every action has a row whose states exist; final states allow nothing but the callback', () => {
    for (const a of TICKET_ACTIONS) for (const s of TICKET_MACHINE[a].from) expect(TICKET_STATES).toContain(s);
    expect(allowedTicketActions('closed', ['commander', 'supervisor'])).toEqual(['recordCallback']);
    expect(allowedTicketActions('merged', ['commander'])).toEqual([]);
    expect(allowedTicketActions('handling', ['field_officer'])).toEqual(['recordContact', 'reply', 'requestExtension', 'convertToCase']);
    // 诉转案 is the handling squad's, never the command centre's, and not on a closed or merged ticket.
    expect(allowedTicketActions('handling', ['commander'])).not.toContain('convertToCase');
    expect(allowedTicketActions('closed', ['field_officer'])).toEqual([]);
  });
});

describe('duplicates across channels', () => {
  const at = new Date('2025-06-01T02:00:00Z');
  const t = (id: string, lon: number, lat: number, hours: number, extra: Partial<TicketForMatching> = {}): TicketForMatching => ({
    id,
    channel: 'hotline_12345',
    categoryCode: 'SR04',
    point: [lon, lat],
    receivedAt: new Date(at.getTime() + hours * 3_600_000),
    state: 'handling',
    parentId: null,
    ...extra,
  });
  const me = t('me', 121.5, 31.2, 0, { channel: 'portal' });

  it('proposes the same category within the radius and window, nearest first, across channels', () => {
    const near = t('near', 121.5002, 31.2, -5); // ≈ 19 m
    const nearer = t('nearer', 121.5001, 31.2, -60); // ≈ 9.5 m
    const far = t('far', 121.501, 31.2, -1); // ≈ 95 m
    const old = t('old', 121.5, 31.2, -73);
    const otherCategory = t('cat', 121.5, 31.2, -1, { categoryCode: 'JM01' });
    const merged = t('merged', 121.5, 31.2, -1, { state: 'merged', parentId: 'near' });
    const ids = proposeDuplicates(me, [near, nearer, far, old, otherCategory, merged, me]).map((p) => p.candidateId);
    expect(ids).toEqual(['nearer', 'near']);
    const [first] = proposeDuplicates(me, [near]);
    expect(first!.sameChannel).toBe(false);
    expect(first!.distanceMetres).toBeGreaterThan(15);
    expect(first!.distanceMetres).toBeLessThan(25);
  });

  it('the radius and window are parameters', () => {
    expect(proposeDuplicates(me, [t('far', 121.501, 31.2, -1)], { radiusMetres: 100, windowHours: 1 })).toHaveLength(1);
    expect(proposeDuplicates({ ...me, point: null }, [t('x', 121.5, 31.2, 0)])).toEqual([]);
  });

  it('repeated complaint: same normalised address or same reporter within the window', () => {
    const r = (id: string, days: number, address: string | null, reporterKey: string | null) => ({
      id,
      receivedAt: new Date(at.getTime() + days * 86_400_000),
      address,
      reporterKey,
    });
    const me2 = r('me', 0, '上海市浦东新区张杨路５００号', 'k1');
    const flag = repeatedComplaint(me2, [
      r('a', -3, '张杨路500号', null),
      r('b', -10, '其他路1号', 'k1'),
      r('c', -40, '张杨路500号', 'k1'),
      r('d', 2, '张杨路500号', null),
    ]);
    expect(flag).toEqual({ repeated: true, byAddress: ['a'], byReporter: ['b'] });
    expect(repeatedComplaint(me2, [r('c', -40, '张杨路500号', 'k1')]).repeated).toBe(false);
  });
});

describe('the four numbers (seed 004: 24小时先行联系率, 及时办结率, 实际解决率, 市民满意率)', () => {
  const t0 = new Date('2025-03-03T02:00:00Z');
  const h = (n: number) => new Date(t0.getTime() + n * 3_600_000);
  const f = (x: Partial<TicketFacts>): TicketFacts => ({
    receivedAt: t0,
    contactable: true,
    firstContactDueAt: h(24),
    firstContactAt: h(2),
    handlingDueAt: h(120),
    repliedAt: h(100),
    excluded: false,
    resolved: true,
    satisfaction: 'satisfied',
    ...x,
  });

  it('counts each rate over the tickets whose outcome is known, excluding returned, referred and merged ones', () => {
    const facts = [
      f({}),
      f({ firstContactAt: h(30), repliedAt: h(130), resolved: false, satisfaction: 'unsatisfied' }),
      f({ firstContactAt: null, repliedAt: null, resolved: null, satisfaction: null }), // 24 h gone, not yet due
      f({ contactable: false, satisfaction: 'basically_satisfied' }),
      f({ excluded: true, firstContactAt: h(50) }),
    ];
    const r = ticketRates(facts, h(48));
    expect(r.received).toBe(4);
    expect(r.firstContact).toEqual({ numerator: 1, denominator: 3, percent: 33.33 });
    expect(r.onTime).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(r.resolution).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(r.satisfaction).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    // Past the handling due instant the unreplied ticket counts late.
    expect(ticketRates(facts, h(121)).onTime).toEqual({ numerator: 2, denominator: 4, percent: 50 });
  });

  it('reproduces the seed 004 figures from ticket counts: 9886 of 9999 on time is 98.87 %', () => {
    const facts = Array.from({ length: 9999 }, (_, i) => f({ repliedAt: i < 9886 ? h(100) : h(130) }));
    expect(ticketRates(facts, h(200)).onTime.percent).toBe(98.87);
    expect(ticketRates([], h(0)).onTime.percent).toBeNull();
  });

  it('诉转案率 (seed 003: 29.6%) is the share of the received tickets converted into a case, excluded ones left out', () => {
    const facts = [
      ...Array.from({ length: 1000 }, (_, i) => f({ convertedToCase: i < 296 })),
      f({ excluded: true, convertedToCase: true }),
    ];
    expect(ticketRates(facts, h(200)).conversion).toEqual({ numerator: 296, denominator: 1000, percent: 29.6 });
    expect(ticketRates([], h(0)).conversion.percent).toBeNull();
  });

  it('an unsolved or unsatisfied callback calls for 回访复核', () => {
    expect(callbackNeedsReview(false, 'satisfied')).toBe(true);
    expect(callbackNeedsReview(true, 'unsatisfied')).toBe(true);
    expect(callbackNeedsReview(true, 'basically_satisfied')).toBe(false);
  });
});
