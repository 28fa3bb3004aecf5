import { sql } from 'kysely';
import type { Executor } from '../../context.ts';
import { inUnitOfWork } from '../../db/unit-of-work.ts';
import { coalesce, type Coalescer } from '../../shared/coalesce.ts';

export async function findLoginByUsername(db: Executor, username: string) {
  return db
    .selectFrom('officers as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select([
      'o.id',
      'o.username',
      'o.name',
      'o.org_id',
      'g.name as org_name',
      'g.path as org_path',
      'o.bureau_id',
      'o.active',
      'o.password_hash',
      'o.failed_attempts',
      'o.last_failed_at',
      'o.locked_until',
      'o.totp_enabled',
      'o.totp_secret',
      'o.must_change_password',
      'o.phone',
    ])
    .where('o.username', '=', username)
    .executeTakeFirst();
}

/** A lock whose time has run out starts a fresh count (conditional, so two requests cannot both reset a new count). */
export async function clearExpiredLock(db: Executor, officerId: string, now: Date): Promise<void> {
  await db
    .updateTable('officers')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', officerId)
    .where('locked_until', '<=', now)
    .execute();
}

/**
 * One more failure, counted by the database: concurrent failures each get their own number (the row lock taken here
 * is held until the request commits, so the lock decided from this number is written before anyone else counts).
 */
export async function countFailedLogin(db: Executor, officerId: string, at: Date): Promise<number> {
  const row = await db
    .updateTable('officers')
    .set({ failed_attempts: sql<number>`failed_attempts + 1`, last_failed_at: at })
    .where('id', '=', officerId)
    .returning('failed_attempts')
    .executeTakeFirstOrThrow();
  return row.failed_attempts;
}

/** Locks the account unless it is locked already; true when this call locked it. */
export async function lockAccount(db: Executor, officerId: string, until: Date, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('officers')
    .set({ locked_until: until })
    .where('id', '=', officerId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A successful login clears the count — unless a concurrent failure locked the account meanwhile (then false). */
export async function resetFailedLoginsUnlessLocked(db: Executor, officerId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('officers')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', officerId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertSession(
  db: Executor,
  s: { id: string; tokenHash: string; officerId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      token_hash: s.tokenHash,
      officer_id: s.officerId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/** The session of a token (by its hash) with its officer, his org and roles. */
export async function findSessionActor(db: Executor, tokenHash: string) {
  // Outside a transaction the requests of one moment share one statement (a burst of one command centre's intake
  // asks for the same session a hundred times); inside one, the read is the transaction's own.
  if (db.isTransaction || inUnitOfWork()) return (await findSessionActors(db, [tokenHash])).get(tokenHash);
  let reads = SESSION_READS.get(db);
  if (!reads) {
    const q = coalesce(
      async (hashes: readonly string[]) => {
        const found = await findSessionActors(db, hashes);
        return hashes.map((h) => ({ ok: true as const, value: found.get(h) }));
      },
      { maxBatch: 500 },
    );
    SESSION_READS.set(db, q);
    reads = q;
  }
  return reads.submit(tokenHash);
}

type SessionActorRow = Awaited<ReturnType<typeof findSessionActors>> extends Map<string, infer R> ? R : never;
/** One queue of session reads per database handle. */
const SESSION_READS = new WeakMap<object, Coalescer<string, SessionActorRow | undefined>>();

async function findSessionActors(db: Executor, tokenHashes: readonly string[]) {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('officers as o', 'o.id', 's.officer_id')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select([
      's.token_hash',
      's.id as session_id',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'o.id',
      'o.username',
      'o.name',
      'o.active',
      'o.org_id',
      'g.name as org_name',
      'g.path as org_path',
      'o.bureau_id',
      'o.totp_enabled',
      'o.must_change_password',
      'o.locked_until',
      sql<string[]>`ARRAY(SELECT r.role FROM officer_roles r WHERE r.officer_id = o.id ORDER BY r.role)`.as('roles'),
    ])
    .where('s.token_hash', 'in', [...new Set(tokenHashes)])
    .execute();
  return new Map(rows.map((r) => [r.token_hash, r]));
}

export async function touchSession(db: Executor, sessionId: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: Executor, sessionId: string, now: Date) {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeOfficerSessions(db: Executor, officerId: string, now: Date, exceptSessionId?: string) {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('officer_id', '=', officerId).where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

export async function rolesOf(db: Executor, officerId: string): Promise<string[]> {
  const rows = await db.selectFrom('officer_roles').select('role').where('officer_id', '=', officerId).orderBy('role').execute();
  return rows.map((r) => r.role);
}

/** What the console shows of his own record: the 法律职业资格 and his credentials as stored. */
export async function ownStanding(db: Executor, officerId: string) {
  const [officer, credentials] = await Promise.all([
    db.selectFrom('officers').select('legal_qualification').where('id', '=', officerId).executeTakeFirstOrThrow(),
    db
      .selectFrom('credentials')
      .select(['number', 'domains', 'valid_from as validFrom', 'valid_to as validTo', 'revoked'])
      .where('officer_id', '=', officerId)
      .execute(),
  ]);
  return { legalQualification: officer.legal_qualification, credentials };
}

export async function getSecrets(db: Executor, officerId: string) {
  return db
    .selectFrom('officers')
    .select(['password_hash', 'totp_secret', 'totp_enabled', 'totp_pending_secret', 'username', 'name', 'must_change_password'])
    .where('id', '=', officerId)
    .executeTakeFirstOrThrow();
}

export async function updateSecrets(
  db: Executor,
  officerId: string,
  set: Partial<{
    password_hash: string;
    password_changed_at: Date;
    must_change_password: boolean;
    totp_secret: string | null;
    totp_enabled: boolean;
    totp_pending_secret: string | null;
  }>,
) {
  await db.updateTable('officers').set(set).where('id', '=', officerId).execute();
}
