import { describe, expect, it } from 'vitest';
import { benchResult } from './baseline.ts';
import { withFloor, type RequestFloor } from './floor.ts';

const floor: RequestFloor = { signedInMs: 2, publicMs: 0.5, statementMs: 0.25, requestsPerRound: 300, rounds: 3 };

describe('the ratio to raw SQL plus the request floor', () => {
  it('charges the floor once per request the workload makes, the public one to a public workload', () => {
    // 10 cases of 15 requests: 600 ms through the platform, 200 ms of raw SQL; 150 requests × 2 ms of floor.
    const [cases, callbacks] = withFloor(
      [benchResult('cases', 10, 600, 200, { perOp: 15 }), benchResult('callbacks', 20, 100, 40, { perOp: 1, public: true })],
      floor,
    );
    expect(cases!.ratio).toBe(3);
    expect(cases!.ratioWithFloor).toBe(600 / (200 + 150 * 2));
    // 20 public requests × 0.5 ms.
    expect(callbacks!.ratioWithFloor).toBe(100 / (40 + 20 * 0.5));
  });
});
