// Joint orders, coordinated actions and 移送 grounds, by rule id (docs/coordination.md §1).
import { describe, expect, it } from 'vitest';
import {
  actionProgress,
  allowedJointOrderActions,
  canCompleteAction,
  checkJointAction,
  checkJointOrderLimits,
  JOINT_ORDER_ACTIONS,
  JOINT_ORDER_STATES,
  jointOrderDue,
  jointOrderLimits,
  jointOrderStep,
  readJointClock,
  sideOf,
  SHANGHAI_JOINT_ORDER_LIMITS,
  transferBasisFor,
} from './index.ts';

describe('joint order machine', () => {
  it('5.1.13 the inbound flow: the partner dispatches, the squad accepts and reports, the partner confirms', () => {
    expect(sideOf('inbound', 'partner')).toBe('originator');
    expect(sideOf('inbound', 'bureau')).toBe('handler');
    expect(sideOf('outbound', 'partner')).toBe('handler');
    expect(jointOrderStep('dispatched', 'accept', 'inbound', 'bureau')).toEqual({ ok: true, to: 'accepted' });
    expect(jointOrderStep('accepted', 'report', 'inbound', 'bureau')).toEqual({ ok: true, to: 'reported' });
    expect(jointOrderStep('reported', 'confirm', 'inbound', 'partner')).toEqual({ ok: true, to: 'confirmed' });
  });

  it('5.1.13 a return needs its reason; the wrong side is refused before the state', () => {
    const r = jointOrderStep('dispatched', 'return', 'inbound', 'bureau', ' ');
    expect(r.ok || r.refusal.code).toBe('REASON_REQUIRED');
    const w = jointOrderStep('dispatched', 'confirm', 'inbound', 'bureau');
    expect(w.ok || w.refusal.code).toBe('FORBIDDEN');
    const s = jointOrderStep('confirmed', 'report', 'inbound', 'bureau');
    expect(s.ok || s.refusal.code).toBe('STATE_CONFLICT');
  });

  it('every state × action × party agrees with the allowed-actions list', () => {
    for (const state of JOINT_ORDER_STATES)
      for (const dir of ['inbound', 'outbound'] as const)
        for (const party of ['bureau', 'partner'] as const) {
          const allowed = allowedJointOrderActions(state, dir, party);
          for (const a of JOINT_ORDER_ACTIONS) expect(jointOrderStep(state, a, dir, party, 'r').ok).toBe(allowed.includes(a));
        }
  });
});

describe('joint order clocks', () => {
  it('I5 the handling limit is CD(10) from the day after dispatch, ending 24:00 Shanghai; acceptance 24 h', () => {
    // Dispatched 2026-03-02 23:30 Shanghai (15:30 UTC): day 1 is 03-03, due 03-12 24:00 Shanghai = 03-12T16:00Z.
    const due = jointOrderDue(new Date('2026-03-02T15:30:00Z'), SHANGHAI_JOINT_ORDER_LIMITS);
    expect(due.handleDueAt.toISOString()).toBe('2026-03-12T16:00:00.000Z');
    expect(due.acceptDueAt.toISOString()).toBe('2026-03-03T15:30:00.000Z');
  });

  it('JO1 a unit’s own limits replace the defaults; bad numbers are refused naming the field', () => {
    expect(jointOrderLimits({ acceptHours: 2, handleDays: null })).toEqual({ acceptHours: 2, handleDays: 10 });
    expect(checkJointOrderLimits({ acceptHours: 0, handleDays: 1.5 }).map((i) => i.field)).toEqual(['acceptHours', 'handleDays']);
    expect(checkJointOrderLimits({ acceptHours: 720, handleDays: 60 })).toEqual([]);
  });

  it('JO1 a clock reads running, overdue, met, late or stopped', () => {
    const due = new Date('2026-03-03T00:00:00Z');
    expect(readJointClock(due, null, false, new Date('2026-03-02T23:00:00Z')).status).toBe('running');
    expect(readJointClock(due, null, false, new Date('2026-03-03T00:00:01Z')).status).toBe('overdue');
    expect(readJointClock(due, new Date('2026-03-03T00:00:00Z'), false, due).status).toBe('met');
    expect(readJointClock(due, new Date('2026-03-03T00:00:01Z'), false, due).status).toBe('late');
    expect(readJointClock(due, null, true, new Date('2026-03-04T00:00:00Z')).status).toBe('stopped');
  });
});

describe('coordinated actions', () => {
  const startsAt = new Date('2026-03-02T01:00:00Z');
  it('JA1 the window ends after it starts and lasts at most 31 days; a participant appears once', () => {
    expect(checkJointAction({ startsAt, endsAt: startsAt, orgIds: ['a'], partnerIds: [] }).map((i) => i.field)).toEqual(['endsAt']);
    expect(checkJointAction({ startsAt, endsAt: new Date('2026-04-03T01:00:00Z'), orgIds: ['a'], partnerIds: [] })[0]?.field).toBe(
      'endsAt',
    );
    expect(checkJointAction({ startsAt, endsAt: new Date('2026-03-02T05:00:00Z'), orgIds: ['a', 'a'], partnerIds: [] })[0]?.field).toBe(
      'tasks',
    );
    expect(checkJointAction({ startsAt, endsAt: new Date('2026-03-02T05:00:00Z'), orgIds: [], partnerIds: ['p'] })[0]?.field).toBe('tasks');
  });

  it('JA2 progress counts reported tasks; after the window the rest are overdue; ending early needs a summary', () => {
    const endsAt = new Date('2026-03-02T05:00:00Z');
    const tasks = [{ state: 'reported' as const }, { state: 'pending' as const }, { state: 'pending' as const }];
    expect(actionProgress(tasks, endsAt, startsAt)).toEqual({ total: 3, reported: 1, percent: 33, overdue: 0 });
    expect(actionProgress(tasks, endsAt, new Date('2026-03-02T06:00:00Z')).overdue).toBe(2);
    expect(canCompleteAction(actionProgress(tasks, endsAt, startsAt), undefined)?.field).toBe('summary');
    expect(canCompleteAction(actionProgress(tasks, endsAt, startsAt), '天气原因提前收队')).toBeNull();
  });
});

describe('移送 grounds', () => {
  it('C5 another region’s case cites 处罚法 Art. 22 and 沪条例 Art. 28; 1.1.14 a crime goes to the judicial organs', () => {
    expect(transferBasisFor('other_region')).toMatchObject({ ruleId: 'C5', kind: 'other_agency' });
    expect(transferBasisFor('other_region').basisZh).toContain('第二十二条');
    expect(transferBasisFor('judicial')).toMatchObject({ kind: 'judicial' });
    expect(transferBasisFor('other_authority').basisZh).toContain('第二十八条');
  });
});
