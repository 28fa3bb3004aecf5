import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from '@chengguan/domain';
import type { Role } from '@chengguan/contracts';
import type { DB } from './db/schema.ts';
import type { AppConfig } from './config.ts';
import type { Database } from './db/database.ts';

export type Clock = { now(): Date };
export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

export type Deps = {
  db: Kysely<DB>;
  clock: Clock;
  newId: () => string;
  config: AppConfig;
  /** Bulk load by COPY on a connection of its own (Database.copyIn), outside any unit of work; absent in bare deps. */
  copyIn?: (table: string, columns: readonly string[], data: string | readonly string[]) => Promise<void>;
  /** One connection for a bulk write in one transaction, COPY included (Database.copySession); absent in bare deps. */
  copySession?: Database['copySession'];
};

export type Executor = Kysely<DB> | Transaction<DB>;

/** The authenticated user: roles and the org subtree he may see (jurisdiction). */
export type Actor = {
  id: string;
  username: string;
  name: string;
  orgId: string;
  orgName: string;
  /** Materialized path of the actor's org; everything whose path starts with it is in his jurisdiction. */
  jurisdictionPath: string;
  bureauId: string | null;
  roles: Role[];
  permissions: ReadonlySet<string>;
  sessionId: string;
};

/**
 * Whoever takes a case step: an officer, or the platform acting on a channel's behalf — the party's portal, a payment
 * provider's callback, the scheduler — with no officer id (the event and audit rows name the channel in their data).
 */
export type StepActor = Pick<Actor, 'roles' | 'permissions' | 'jurisdictionPath' | 'bureauId'> & {
  id: string | null;
  /** Set for the platform's own channels. */
  channel?: 'portal' | 'payment' | 'scheduler';
};

/** Who did it and from where, for the audit row. */
export type RequestMeta = { ip: string | null; correlationId: string | null };

export function makeIdGenerator(clock: Clock): () => string {
  return () => uuidv7(clock.now().getTime(), (n) => new Uint8Array(randomBytes(n)));
}
