import type { Timestamp } from '../../db/schema.ts';

/** Fixed-window attempt counters (migration 012_abuse_limits.sql). */
export type ThrottleCountersTable = {
  rule: string;
  subject: string;
  window_start: Timestamp;
  window_end: Timestamp;
  hit_limit: number;
  hits: number;
  last_at: Timestamp;
};

export type ThrottleTables = { throttle_counters: ThrottleCountersTable };
