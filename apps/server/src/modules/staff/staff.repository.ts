import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CredentialStatus, OfficerListQuery, Role } from '@chengguan/contracts';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../context.ts';
import { containsPattern } from '../../db/like.ts';

/**
 * 执法证 status of an officer on `today`, in SQL so lists can filter and page on it: one pass over the officer's
 * credentials (the lateral `cs` of officersQuery) gives the flags, the CASE ranks them.
 * Mirrors `officerCredentialStatus` in packages/domain (a medium test keeps the two in step).
 */
function credentialFlags(db: Executor, today: string, expiringDays: number) {
  return db
    .selectFrom('credentials as c')
    .select([
      sql<boolean>`true`.as('any_'),
      sql<boolean>`bool_or(NOT c.revoked)`.as('live'),
      sql<boolean>`bool_or(NOT c.revoked AND c.valid_from <= ${today}::date AND c.valid_to >= ${today}::date + ${expiringDays}::int)`.as(
        'valid',
      ),
      sql<boolean>`bool_or(NOT c.revoked AND c.valid_from <= ${today}::date AND c.valid_to >= ${today}::date)`.as('current'),
      sql<boolean>`bool_or(NOT c.revoked AND c.valid_from > ${today}::date)`.as('future'),
    ])
    .where(sql<boolean>`c.officer_id = o.id`)
    .having(sql<boolean>`count(*) > 0`);
}

const CREDENTIAL_STATUS_SQL = sql<CredentialStatus>`CASE
    WHEN cs.any_ IS NULL THEN 'missing'
    WHEN NOT cs.live THEN 'revoked'
    WHEN cs.valid THEN 'valid'
    WHEN cs.current THEN 'expiring'
    WHEN cs.future THEN 'not_yet_valid'
    ELSE 'expired' END`;

export type OfficerFilter = Omit<OfficerListQuery, 'page' | 'pageSize'> & {
  jurisdictionPath: string;
  today: string;
  expiringDays: number;
};

export type OfficerRow = {
  id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  bureau_id: string | null;
  name: string;
  employee_no: string;
  gender: string | null;
  phone: string | null;
  title: string | null;
  username: string | null;
  legal_qualification: boolean;
  active: boolean;
  locked_until: Date | null;
  failed_attempts: number;
  totp_enabled: boolean;
  credential_status: CredentialStatus;
};

/** The officer's own columns of an `OfficerRow` (the rest: his unit's name and path, his 执法证 status). */
const OFFICER_COLUMNS = [
  'id',
  'org_id',
  'bureau_id',
  'name',
  'employee_no',
  'gender',
  'phone',
  'title',
  'username',
  'legal_qualification',
  'active',
  'locked_until',
  'failed_attempts',
  'totp_enabled',
] as const;

function officersQuery(db: Executor, today: string, expiringDays: number) {
  return db
    .selectFrom('officers as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .leftJoinLateral(credentialFlags(db, today, expiringDays).as('cs'), (join) => join.onTrue())
    .select([
      ...OFFICER_COLUMNS.map((c) => `o.${c}` as const),
      'g.name as org_name',
      'g.path as org_path',
      CREDENTIAL_STATUS_SQL.as('credential_status'),
    ]);
}

function filteredOfficers(db: Kysely<DB>, f: OfficerFilter) {
  let q = officersQuery(db, f.today, f.expiringDays).where('g.path', 'like', `${f.jurisdictionPath}%`);
  if (f.orgId) {
    const orgId = f.orgId;
    q = q.where('g.path', 'like', sql<string>`(SELECT path FROM orgs WHERE id = ${orgId}) || '%'`);
  }
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.employee_no', 'ilike', like), eb('o.username', 'ilike', like)]));
  }
  if (f.role) {
    const role = f.role;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('officer_roles as r').select('r.role').whereRef('r.officer_id', '=', 'o.id').where('r.role', '=', role)),
    );
  }
  if (f.active !== undefined) q = q.where('o.active', '=', f.active);
  let wrapped = db.selectFrom(q.as('x')).selectAll('x');
  if (f.credentialStatus) wrapped = wrapped.where('x.credential_status', '=', f.credentialStatus);
  return wrapped;
}

/** A page of officers with their roles and credentials (one statement), and the total (another, beside it). */
export async function listOfficers(db: Kysely<DB>, f: OfficerFilter, limit: number, offset: number) {
  const base = filteredOfficers(db, f);
  const [countRow, rows] = await Promise.all([
    db
      .selectFrom(base.as('y'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    base
      .select([rolesOf(sql.ref('x.id')).as('roles'), credentialsOf(sql.ref('x.id')).as('credentials')])
      .orderBy('x.org_path')
      .orderBy('x.employee_no')
      .limit(limit)
      .offset(offset)
      .execute() as Promise<OfficerWithRoles[]>,
  ]);
  return { items: rows.map(splitRoles), total: Number(countRow.n) };
}

type OfficerWithRoles = OfficerRow & { roles: Role[]; credentials: CredentialRow[] };

function splitRoles(found: OfficerWithRoles): { row: OfficerRow; roles: Role[]; credentials: CredentialRow[] } {
  const { roles, credentials, ...row } = found;
  return { row, roles, credentials };
}

/** An officer's roles, by role, as a JSON array. */
function rolesOf(officerId: RawBuilder<unknown>) {
  return sql<Role[]>`coalesce((SELECT json_agg(r.role ORDER BY r.role) FROM officer_roles r WHERE r.officer_id = ${officerId}), '[]')`;
}

/** An officer's credentials, latest end first, as a JSON array of credential rows. */
function credentialsOf(officerId: RawBuilder<unknown>) {
  return sql<CredentialRow[]>`coalesce((SELECT json_agg(json_build_object('id', c.id, 'officer_id', c.officer_id, 'number', c.number,
    'domains', c.domains, 'valid_from', c.valid_from, 'valid_to', c.valid_to, 'revoked', c.revoked) ORDER BY c.valid_to DESC)
    FROM credentials c WHERE c.officer_id = ${officerId}), '[]')`;
}

export async function findOfficer(db: Executor, id: string, today: string, expiringDays: number): Promise<OfficerRow | undefined> {
  return (await officersQuery(db, today, expiringDays).where('o.id', '=', id).executeTakeFirst()) as OfficerRow | undefined;
}

/** One officer with his roles (by role) and credentials (latest end first), in one statement. */
export async function findOfficerWithRoles(
  db: Executor,
  id: string,
  today: string,
  expiringDays: number,
): Promise<{ row: OfficerRow; roles: Role[]; credentials: CredentialRow[] } | undefined> {
  const found = await officersQuery(db, today, expiringDays)
    .select([rolesOf(sql.ref('o.id')).as('roles'), credentialsOf(sql.ref('o.id')).as('credentials')])
    .where('o.id', '=', id)
    .executeTakeFirst();
  return found ? splitRoles(found as OfficerWithRoles) : undefined;
}

export type CredentialRow = {
  id: string;
  officer_id: string;
  number: string;
  domains: string[];
  valid_from: string;
  valid_to: string;
  revoked: boolean;
};

export async function findCredential(db: Executor, id: string) {
  return db
    .selectFrom('credentials as c')
    .innerJoin('officers as o', 'o.id', 'c.officer_id')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select([
      'c.id',
      'c.officer_id',
      'c.number',
      'c.domains',
      'c.valid_from',
      'c.valid_to',
      'c.revoked',
      'g.path as org_path',
      'o.bureau_id',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** Inserts an officer and his roles (one statement) and answers the officer's stored columns. */
export async function insertOfficer(
  db: Executor,
  row: {
    id: string;
    org_id: string;
    bureau_id: string | null;
    name: string;
    employee_no: string;
    gender: string | null;
    phone: string | null;
    title: string | null;
    username: string | null;
    password_hash: string | null;
    must_change_password: boolean;
    legal_qualification?: boolean;
  },
  roles: readonly string[],
): Promise<NewOfficerRow> {
  const stored = [...OFFICER_COLUMNS];
  if (roles.length === 0) return db.insertInto('officers').values(row).returning(stored).executeTakeFirstOrThrow();
  // A new officer has no roles yet: nothing to replace.
  return db
    .with('o', (q) => q.insertInto('officers').values(row).returning(stored))
    .with('r', (q) =>
      q
        .insertInto('officer_roles')
        .columns(['officer_id', 'role'])
        .expression(sql`SELECT o.id, r.role FROM o, unnest(${[...roles]}::text[]) AS r(role)`)
        .returning('officer_id'),
    )
    .selectFrom('o')
    .selectAll()
    .executeTakeFirstOrThrow() as Promise<NewOfficerRow>;
}

type NewOfficerRow = Omit<OfficerRow, 'org_name' | 'org_path' | 'credential_status'>;

export async function replaceRoles(db: Executor, officerId: string, roles: readonly string[]) {
  await db.deleteFrom('officer_roles').where('officer_id', '=', officerId).execute();
  if (roles.length > 0)
    await db
      .insertInto('officer_roles')
      .values(roles.map((role) => ({ officer_id: officerId, role })))
      .execute();
}

export async function updateOfficerRow(
  db: Executor,
  id: string,
  set: Partial<{
    org_id: string;
    bureau_id: string | null;
    name: string;
    gender: string | null;
    phone: string | null;
    title: string | null;
    legal_qualification: boolean;
    active: boolean;
    failed_attempts: number;
    locked_until: Date | null;
    password_hash: string;
    must_change_password: boolean;
    password_changed_at: Date;
  }>,
  now: Date,
) {
  await db
    .updateTable('officers')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function insertCredential(db: Executor, row: CredentialRow) {
  await db.insertInto('credentials').values(row).execute();
}

export async function updateCredentialRow(
  db: Executor,
  id: string,
  set: Partial<Pick<CredentialRow, 'number' | 'domains' | 'valid_from' | 'valid_to' | 'revoked'>>,
  now: Date,
) {
  await db
    .updateTable('credentials')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}
