import { describe, expect, it } from 'vitest';
import { mayDecideClose, POINT_ACTIONS, pointStep, type PointState } from './point.machine.ts';

// Written apart from the machine: state × action → next state ('-' = refused).
const TABLE: Record<PointState, Record<(typeof POINT_ACTIONS)[number], PointState | '-'>> = {
  open: { request_close: 'pending_close', approve_close: '-', refuse_close: '-' },
  pending_close: { request_close: '-', approve_close: 'closed', refuse_close: 'open' },
  closed: { request_close: '-', approve_close: '-', refuse_close: '-' },
};

describe('CP1 the states of a problem point', () => {
  it('CP1 every state × action agrees with the table', () => {
    for (const [from, row] of Object.entries(TABLE) as [PointState, Record<string, string>][]) {
      for (const action of POINT_ACTIONS) expect(pointStep(from, action) ?? '-', `${from} ${action}`).toBe(row[action]);
    }
  });
  it('CP2 the requester may not approve his own 销项', () => {
    expect(mayDecideClose('a', 'a')).toBe(false);
    expect(mayDecideClose('a', 'b')).toBe(true);
    expect(mayDecideClose(null, 'b')).toBe(true);
  });
});
