import { describe, expect, it } from 'vitest';
import { calendarFromChineseDays } from '../calendar/chinese-days.ts';
import {
  checkExtensionRequest,
  checkTicketClockConfig,
  endOfShanghaiDay,
  feedbackDue,
  firstContactDue,
  handlingClock,
  readClock,
  SHANGHAI_TICKET_CLOCKS,
  shanghaiDateOf,
  TicketClockConfigError,
  ticketLimitKind,
  transferDue,
  type HandlingClockInput,
} from './ticket-clocks.ts';

const calendar = calendarFromChineseDays();
// 2025 National Day: 10-01..10-08 holiday, 09-28 (Sun) and 10-11 (Sat) make-up working days.
const received = new Date('2025-09-30T02:00:00Z'); // 10:00 Shanghai, Tuesday
const base: HandlingClockInput = { receivedAt: received, categoryDefault: 'ordinary', level: 'ordinary', extensions: [], pauses: [] };
const now = new Date('2025-10-09T02:00:00Z');

describe('I6 handling limits on the 调休 calendar', () => {
  it('I6 ordinary complaint: WD(5) from the day after receipt, skipping the holiday and counting the 调休 Saturday', () => {
    const c = handlingClock(base, calendar, now);
    expect(c.kind).toBe('ordinary');
    expect(c.dueDate).toBe('2025-10-14');
    expect(c.dueAt.toISOString()).toBe('2025-10-14T16:00:00.000Z');
    expect(c.basis.ruleId).toBe('I6');
    expect(c.calendarCovered).toBe(true);
  });

  it('I6 consultation WD(1), 督办 and 回访复核 WD(3) whatever the category, complex WD(15) only once approved', () => {
    expect(handlingClock({ ...base, categoryDefault: 'consultation' }, calendar, now).dueDate).toBe('2025-10-09');
    expect(handlingClock({ ...base, level: 'supervision' }, calendar, now).dueDate).toBe('2025-10-11');
    expect(handlingClock({ ...base, categoryDefault: 'consultation', level: 'callback_review' }, calendar, now).dueDate).toBe('2025-10-11');
    const pending = handlingClock({ ...base, extensions: [{ kind: 'complex', status: 'pending' }] }, calendar, now);
    expect(pending.dueDate).toBe('2025-10-14');
    const approved = handlingClock({ ...base, extensions: [{ kind: 'complex', status: 'approved', decidedAt: now }] }, calendar, now);
    expect(approved.kind).toBe('complex');
    expect(approved.dueDate).toBe('2025-10-28');
  });

  it('I6 the receipt day is the Shanghai day: 00:30 on 10-01 Shanghai is still 09-30 in UTC', () => {
    const late = new Date('2025-09-30T16:30:00Z');
    expect(shanghaiDateOf(late)).toBe('2025-10-01');
    expect(handlingClock({ ...base, receivedAt: late }, calendar, now).dueDate).toBe('2025-10-14');
    expect(endOfShanghaiDay('2025-10-01').toISOString()).toBe('2025-10-01T16:00:00.000Z');
  });

  it('I6 limits are configuration: a district that gives ordinary complaints 3 working days gets 10-11', () => {
    const config = {
      ...SHANGHAI_TICKET_CLOCKS,
      limits: { ...SHANGHAI_TICKET_CLOCKS.limits, ordinary: { ...SHANGHAI_TICKET_CLOCKS.limits.ordinary, workingDays: 3 } },
    };
    expect(handlingClock(base, calendar, now, config).dueDate).toBe('2025-10-11');
    expect(() =>
      checkTicketClockConfig({ ...config, limits: { ...config.limits, complex: { ...config.limits.complex, workingDays: 2 } } }),
    ).toThrow(TicketClockConfigError);
    expect(() => checkTicketClockConfig(SHANGHAI_TICKET_CLOCKS)).not.toThrow();
  });

  it('I6 ticketLimitKind: complex approval wins over 督办, 督办 over the category', () => {
    expect(ticketLimitKind('consultation', 'supervision', true)).toBe('complex');
    expect(ticketLimitKind('consultation', 'supervision', false)).toBe('supervision');
    expect(ticketLimitKind('consultation', 'ordinary', false)).toBe('consultation');
  });
});

describe('extensions and pauses', () => {
  it('I6 an approved date extension moves the due date; a rejected one does not', () => {
    const ext = { kind: 'date' as const, requestedDue: '2025-10-20', decidedAt: now };
    expect(handlingClock({ ...base, extensions: [{ ...ext, status: 'approved' }] }, calendar, now).dueDate).toBe('2025-10-20');
    expect(handlingClock({ ...base, extensions: [{ ...ext, status: 'rejected' }] }, calendar, now).dueDate).toBe('2025-10-14');
  });

  it('I6 a pause (退单 awaiting the sender) moves the due date by the working days it covered', () => {
    const pauses = [{ from: new Date('2025-10-09T01:00:00Z'), to: new Date('2025-10-13T01:00:00Z') }];
    const c = handlingClock({ ...base, pauses }, calendar, now);
    // Working days after 10-09 up to 10-13: 10-10, 10-11 (调休), 10-13 = 3.
    expect(c.pausedWorkingDays).toBe(3);
    expect(c.dueDate).toBe('2025-10-17');
  });

  it('I6 extension requests: a reason, a later date, no later than the complex limit, one at a time', () => {
    const clock = handlingClock(base, calendar, now);
    const check = (r: { kind: 'complex' | 'date'; requestedDue?: string; reason: string }, pending = false) =>
      checkExtensionRequest(r, clock, received, pending, calendar);
    expect(check({ kind: 'date', requestedDue: '2025-10-20', reason: '' })?.field).toBe('reason');
    expect(check({ kind: 'date', requestedDue: '2025-10-14', reason: '需要协调房管部门' })?.field).toBe('requestedDue');
    expect(check({ kind: 'date', requestedDue: '2025-10-29', reason: '需要协调房管部门' })?.field).toBe('requestedDue');
    expect(check({ kind: 'date', requestedDue: '2025-10-28', reason: '需要协调房管部门' })).toBeNull();
    expect(check({ kind: 'complex', reason: '涉及多个部门' }, true)?.field).toBe('kind');
    expect(check({ kind: 'complex', reason: '涉及多个部门' })).toBeNull();
  });
});

describe('I4 feedback and transfer, 24-hour first contact', () => {
  it('I4 feedback to the reporter within WD(5) for complaints made to the bureau itself, none for 12345', () => {
    expect(feedbackDue('portal', received, calendar)).toBe('2025-10-14');
    expect(feedbackDue('hotline_12345', received, calendar)).toBeNull();
  });

  it('I4 transfer outside the remit within WD(3)', () => {
    expect(transferDue(received, calendar)).toBe('2025-10-11');
  });

  it('first contact is due 24 hours after receipt, in hours, holidays included', () => {
    expect(firstContactDue(received).toISOString()).toBe('2025-10-01T02:00:00.000Z');
  });
});

describe('readClock', () => {
  const clock = handlingClock(base, calendar, now);
  it('running with the working days left, overdue past 24:00 of the due day, met or late once done', () => {
    const r = readClock(clock, null, new Date('2025-10-10T01:00:00Z'), false, calendar);
    expect(r.status).toBe('running');
    expect(r.remainingWorkingDays).toBe(3); // 10-11, 10-13, 10-14
    expect(readClock(clock, null, new Date('2025-10-14T15:59:59Z'), false, calendar).status).toBe('running');
    const over = readClock(clock, null, new Date('2025-10-14T16:00:01Z'), false, calendar);
    expect(over.status).toBe('overdue');
    expect(over.remainingWorkingDays).toBe(-1);
    expect(readClock(clock, new Date('2025-10-14T15:00:00Z'), now, false, calendar).status).toBe('met');
    expect(readClock(clock, new Date('2025-10-15T01:00:00Z'), now, false, calendar).status).toBe('late');
    expect(readClock(clock, null, new Date('2025-10-20T01:00:00Z'), true, calendar).status).toBe('paused');
  });
});
