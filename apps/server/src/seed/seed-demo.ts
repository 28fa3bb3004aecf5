import { BUREAU_KINDS } from '@chengguan/domain';
import { seedDemoSubjects } from './demo-subjects.ts';
import type { Deps } from '../context.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { hashPassword } from '../modules/auth/index.ts';
import { countOrgs, insertOrg, type OrgRow } from '../modules/org/index.ts';
import { insertCredential, insertOfficer } from '../modules/staff/index.ts';
import { insertTicketRange } from '../modules/cases/index.ts';
import { seedLawLibrary } from '../modules/law/index.ts';
import { seedInspectionMatters } from '../modules/inspections/index.ts';
import { buildDemoData, DEMO_PASSWORD, type DemoData } from './demo-data.ts';
import { oneTimePassword, PUBLISHED_DEMO_PASSWORDS, type DemoPasswords } from './demo-passwords.ts';

export type SeedResult = {
  seeded: boolean;
  orgs: number;
  officers: number;
  ids: { orgs: Map<string, string>; officers: Map<string, string> };
  /**
   * One-time passwords by username, to be shown once by the caller (nothing else keeps them); null when the accounts
   * have the published demo password.
   */
  oneTimePasswords: Map<string, string> | null;
};

export type SeedDemoOptions = { data?: DemoData; passwords?: DemoPasswords };

/**
 * Loads the demo organisation and staff in one transaction, only into an empty database.
 * The same data feeds the medium and browser tests, so what a visitor sees is what is tested.
 * `passwords`: the published demo password (default; the embedded demo) or a random one-time password per account
 * that must be changed at the first login (demoPasswordsFor: any database named by DATABASE_URL).
 */
export async function seedDemo(deps: Deps, options: SeedDemoOptions = {}): Promise<SeedResult> {
  const data = options.data ?? buildDemoData();
  const passwords = options.passwords ?? PUBLISHED_DEMO_PASSWORDS;
  const ids = { orgs: new Map<string, string>(), officers: new Map<string, string>() };
  // Reference data of the legal library: loaded (once) whether or not the demo organisation is.
  await seedLawLibrary(deps);
  // The starter 检查事项清单, the same way (reference data, whether or not the demo organisation is loaded).
  await seedInspectionMatters(deps);
  if ((await countOrgs(deps.db)) > 0) return { seeded: false, orgs: 0, officers: 0, ids, oneTimePasswords: null };
  // Hashed before the transaction (argon2 is slow). One hash for the shared demo password: hashing it sixty times
  // would only slow the first start.
  const oneTimePasswords = passwords.kind === 'one-time' ? new Map<string, string>() : null;
  const hashes = new Map<string, string>();
  if (passwords.kind === 'published') {
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const p of data.officers) if (p.username) hashes.set(p.username, hash);
  } else {
    for (const p of data.officers) {
      if (!p.username) continue;
      const pw = oneTimePassword({ username: p.username, name: p.name }, passwords.random);
      oneTimePasswords?.set(p.username, pw);
      hashes.set(p.username, await hashPassword(pw));
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    const rows = new Map<string, OrgRow>();
    for (const o of data.orgs) {
      const parent = o.parentKey ? rows.get(o.parentKey) : undefined;
      if (o.parentKey && !parent) throw new Error(`demo org ${o.key} listed before its parent ${o.parentKey}`);
      const id = deps.newId();
      const row: OrgRow = {
        id,
        parent_id: parent?.id ?? null,
        bureau_id: BUREAU_KINDS.has(o.kind) ? id : (parent?.bureau_id ?? null),
        kind: o.kind,
        name: o.name,
        short_name: o.shortName,
        code: o.code,
        region_code: o.regionCode,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: (parent?.depth ?? -1) + 1,
        sort_order: o.sortOrder,
        active: true,
      };
      await insertOrg(trx, row);
      rows.set(o.key, row);
      ids.orgs.set(o.key, id);
    }
    // B2 (处罚法 Art. 52): each squad starts with a pre-assigned range of numbered 当场处罚决定书.
    for (const row of rows.values()) {
      if (row.kind !== 'squad') continue;
      await insertTicketRange(trx, {
        id: deps.newId(),
        bureau_id: row.bureau_id,
        org_id: row.id,
        officer_id: null,
        prefix: `${row.code}-`,
        first_number: 1,
        last_number: 5000,
        next_number: 1,
        digits: 6,
        created_by: null,
      });
    }
    for (const p of data.officers) {
      const org = rows.get(p.orgKey);
      if (!org) throw new Error(`demo officer ${p.key} in unknown org ${p.orgKey}`);
      const id = deps.newId();
      await insertOfficer(
        trx,
        {
          id,
          org_id: org.id,
          bureau_id: org.bureau_id,
          name: p.name,
          employee_no: p.employeeNo,
          gender: p.gender,
          phone: p.phone,
          title: p.title,
          username: p.username,
          password_hash: p.username ? (hashes.get(p.username) ?? null) : null,
          must_change_password: oneTimePasswords !== null && p.username !== null,
          legal_qualification: p.legalQualification,
        },
        p.roles,
      );
      for (const c of p.credentials) {
        await insertCredential(trx, {
          id: deps.newId(),
          officer_id: id,
          number: c.number,
          domains: c.domains,
          valid_from: c.validFrom,
          valid_to: c.validTo,
          revoked: c.revoked,
        });
      }
      ids.officers.set(p.key, id);
    }
    await recordAudit(
      trx,
      deps,
      null,
      { ip: null, correlationId: null },
      {
        action: 'seed.demo',
        entityType: 'system',
        entityId: null,
        bureauId: null,
        data: { orgs: data.orgs.length, officers: data.officers.length, passwords: passwords.kind },
      },
    );
  });
  // The registry of 执法对象 on the demo squads' service areas.
  await seedDemoSubjects(deps);
  return { seeded: true, orgs: data.orgs.length, officers: data.officers.length, ids, oneTimePasswords };
}

/** The ids of a database seeded earlier with the same demo data (by org code and employee number). */
export async function demoSeedResult(deps: Pick<Deps, 'db'>, data: DemoData = buildDemoData()): Promise<SeedResult> {
  const [orgs, officers] = await Promise.all([
    deps.db.selectFrom('orgs').select(['id', 'code']).execute(),
    deps.db.selectFrom('officers').select(['id', 'employee_no']).execute(),
  ]);
  const orgByCode = new Map(orgs.map((o) => [o.code, o.id]));
  const officerByNo = new Map(officers.map((o) => [o.employee_no, o.id]));
  const ids = { orgs: new Map<string, string>(), officers: new Map<string, string>() };
  for (const o of data.orgs) ids.orgs.set(o.key, orgByCode.get(o.code)!);
  for (const p of data.officers) ids.officers.set(p.key, officerByNo.get(p.employeeNo)!);
  return { seeded: true, orgs: data.orgs.length, officers: data.officers.length, ids, oneTimePasswords: null };
}
