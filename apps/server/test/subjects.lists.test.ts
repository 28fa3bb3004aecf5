// The registry's lists answer the same as a plain reading of the table: for a small city with every kind of record
// (no point, a point outside every squad's area, not graded yet, expired, unverified, closed, merged, same name and
// address), each filter combination gives the same rows in the same order and the same total as filtering every row of
// the caller's jurisdiction; the data-quality figures (kept by the triggers of 035) equal a count of the rows after each
// kind of write; the duplicate pairs equal the pairs of records sharing an identity key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { PageOf, SubjectDuplicates, SubjectListItem, SubjectMapPage, SubjectQuality } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { subjectsQuery, type SubjectRow } from '../src/modules/subjects/subjects.repository.ts';
import { shanghaiDate } from '../src/shared/time.ts';

let ctx: TestContext;
const USERS = ['admin', 'pd_leader', 'pd_ljz_01', 'qp_admin'] as const;
const tokens: Record<string, string> = {};
const paths: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of USERS) {
    tokens[u] = await ctx.login(u);
    const o = await ctx.deps.db
      .selectFrom('officers as o')
      .innerJoin('orgs as g', 'g.id', 'o.org_id')
      .select('g.path')
      .where('o.username', '=', u)
      .executeTakeFirstOrThrow();
    paths[u] = o.path;
  }
  // Variants of the demo records: copies with the columns each filter reads changed, as imports and old data leave them.
  const copy = async (tag: string, set: string) => {
    await sql`INSERT INTO subjects (id, code, bureau_id, org_id, kind, name, name_key, address, address_key, district, point_lon,
          point_lat, verified, risk_level, licence_state, status, tags)
        SELECT gen_random_uuid(), code || ${tag}, bureau_id, org_id, kind, name, name_key, address, address_key, district,
          point_lon, point_lat, verified, risk_level, licence_state, status, tags
        FROM subjects WHERE status = 'active' AND code NOT LIKE '%-%'`.execute(ctx.deps.db);
    await sql`UPDATE subjects SET ${sql.raw(set)} WHERE code LIKE ${'%' + tag}`.execute(ctx.deps.db);
  };
  const db = ctx.deps.db;
  await copy('-NP', 'point_lon = NULL, point_lat = NULL, org_id = NULL, verified = NOT verified');
  await copy('-NS', "org_id = NULL, risk_level = 'red'");
  await copy('-UG', "licence_state = NULL, risk_level = 'yellow'");
  await copy('-CL', "status = 'closed'");
  await copy('-MG', "status = 'merged', merged_into = id, name_key = name_key || 'm'");
  // The copies marked -UG keep no licence of their own: their computed state is none or not required; give a few an
  // expired licence and a valid one so that every computed state occurs.
  await sql`INSERT INTO subject_licences (id, subject_id, kind, number, issued_on, valid_until, revoked)
    SELECT gen_random_uuid(), s.id, CASE s.kind WHEN 'restaurant_fume' THEN 'food_business_licence' ELSE 'business_licence' END,
      'T' || s.code, DATE '2020-01-01', CASE WHEN s.id::text < '8' THEN DATE '2021-01-01' ELSE DATE '2099-01-01' END, false
    FROM subjects s WHERE s.code LIKE '%-UG'`.execute(db);
}, 180_000);
afterAll(async () => ctx?.close());

async function get<T>(user: string, url: string): Promise<T> {
  const r = await ctx.api('GET', url, { token: tokens[user]! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

async function allRows(): Promise<SubjectRow[]> {
  return subjectsQuery(ctx.deps.db, shanghaiDate(ctx.clock.now())).execute();
}

type Filter = {
  kind?: string;
  riskLevel?: string;
  licence?: string;
  verified?: boolean;
  hasPoint?: boolean;
  hasSquad?: boolean;
  status?: string;
};
const choices: { [K in keyof Filter]-?: Filter[K][] } = {
  kind: [undefined, 'restaurant_fume', 'street_shop'],
  riskLevel: [undefined, 'green', 'red', 'yellow'],
  licence: [undefined, 'valid', 'expiring', 'expired', 'none', 'not_required'],
  verified: [undefined, false],
  hasPoint: [undefined, false, true],
  hasSquad: [undefined, false],
  status: [undefined, 'closed', 'merged'],
};

/** Every combination would be 2,592 × 4 users; this walks all of each pair of filters (values crossed), the rest unset. */
function combinations(): Filter[] {
  const keys = Object.keys(choices) as (keyof Filter)[];
  const out: Filter[] = [{}];
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++)
      for (const a of choices[keys[i]!]!)
        for (const b of choices[keys[j]!]!) {
          if (a === undefined && b === undefined) continue;
          out.push({ [keys[i]!]: a, [keys[j]!]: b } as Filter);
        }
  return out;
}

function expected(rows: SubjectRow[], path: string, f: Filter): SubjectRow[] {
  return rows
    .filter(
      (r) =>
        r.org_path.startsWith(path) &&
        r.status === (f.status ?? 'active') &&
        (f.kind === undefined || r.kind === f.kind) &&
        (f.riskLevel === undefined || r.risk_level === f.riskLevel) &&
        (f.licence === undefined || r.licence_state === f.licence) &&
        (f.verified === undefined || r.verified === f.verified) &&
        (f.hasPoint === undefined || (r.point_lon !== null) === f.hasPoint) &&
        (f.hasSquad === undefined || (r.org_id !== null) === f.hasSquad),
    )
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

const queryOf = (f: Filter) =>
  Object.entries(f)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');

describe('list filters', () => {
  it('give the rows, order and total of a plain reading of the jurisdiction, for each pair of filters and each user', async () => {
    const rows = await allRows();
    // The fixture holds each case the filters tell apart.
    expect(rows.some((r) => r.point_lon === null)).toBe(true);
    expect(rows.some((r) => r.point_lon !== null && r.org_id === null)).toBe(true);
    expect(new Set(rows.map((r) => r.licence_state))).toEqual(new Set(['valid', 'expired', 'none', 'not_required', 'expiring']));
    let nonEmpty = 0;
    for (const user of USERS) {
      for (const f of combinations()) {
        const want = expected(rows, paths[user]!, f);
        const page = await get<PageOf<SubjectListItem>>(user, `/api/v1/subjects?pageSize=200&${queryOf(f)}`);
        expect({ user, f, ids: page.items.map((i) => i.id), total: page.total }).toEqual({
          user,
          f,
          ids: want.slice(0, 200).map((r) => r.id),
          total: want.length,
        });
        if (want.length > 0) nonEmpty++;
      }
      // A later page follows the same order.
      const want = expected(rows, paths[user]!, {});
      const p2 = await get<PageOf<SubjectListItem>>(user, '/api/v1/subjects?pageSize=7&page=2');
      expect(p2.items.map((i) => i.id)).toEqual(want.slice(7, 14).map((r) => r.id));
    }
    expect(nonEmpty).toBeGreaterThan(100);
  }, 300_000);

  it('give the same once every record is graded (the kept licence state alone is read)', async () => {
    const before = await allRows();
    // Keep the computed state, as the grading would: the rows read the same, and no record is left ungraded.
    for (const r of before.filter((x) => x.status === 'active'))
      await ctx.deps.db
        .updateTable('subjects')
        .set({ licence_state: r.licence_state })
        .where('id', '=', r.id)
        .where('licence_state', 'is', null)
        .execute();
    const rows = await allRows();
    const stateOf = (xs: SubjectRow[]) => Object.fromEntries(xs.map((r) => [r.id, r.licence_state]));
    expect(stateOf(rows)).toEqual(stateOf(before));
    for (const user of USERS)
      for (const licence of choices.licence)
        for (const kind of choices.kind) {
          const f = { licence, kind };
          const want = expected(rows, paths[user]!, f);
          const page = await get<PageOf<SubjectListItem>>(user, `/api/v1/subjects?pageSize=200&${queryOf(f)}`);
          expect({ user, f, ids: page.items.map((i) => i.id), total: page.total }).toEqual({
            user,
            f,
            ids: want.slice(0, 200).map((r) => r.id),
            total: want.length,
          });
        }
  }, 120_000);

  it('filter by a squad (orgId) within the jurisdiction', async () => {
    const rows = await allRows();
    const squads = await ctx.deps.db.selectFrom('orgs').select(['id', 'path']).where('kind', '=', 'squad').execute();
    for (const user of ['admin', 'pd_leader'] as const)
      for (const sq of squads) {
        const want = expected(rows, paths[user]!, {}).filter((r) => r.org_path.startsWith(sq.path));
        const page = await get<PageOf<SubjectListItem>>(user, `/api/v1/subjects?pageSize=200&orgId=${sq.id}`);
        expect(page.items.map((i) => i.id)).toEqual(want.slice(0, 200).map((r) => r.id));
        expect(page.total).toBe(want.length);
      }
  }, 120_000);
});

describe('map window', () => {
  it('answers the points of the caller’s jurisdiction inside the window, for the city, a district, a squad', async () => {
    const rows = await allRows();
    const box = { minLon: 120.8, minLat: 30.6, maxLon: 122.2, maxLat: 31.9 };
    const inBox = (r: SubjectRow) =>
      r.point_lon !== null &&
      r.point_lon >= box.minLon &&
      r.point_lon <= box.maxLon &&
      r.point_lat! >= box.minLat &&
      r.point_lat! <= box.maxLat;
    for (const user of USERS)
      for (const kind of [undefined, 'street_shop']) {
        const want = expected(rows, paths[user]!, { kind }).filter(inBox);
        const q = new URLSearchParams({ ...Object.fromEntries(Object.entries(box).map(([k, v]) => [k, String(v)])), limit: '10000' });
        if (kind) q.set('kind', kind);
        const map = await get<SubjectMapPage>(user, `/api/v1/subjects/map?${q}`);
        expect({ user, kind, ids: map.items.map((i) => i.id).sort() }).toEqual({ user, kind, ids: want.map((r) => r.id).sort() });
        expect(map.truncated).toBe(false);
        if (!kind) expect(want.length, user).toBeGreaterThan(0);
      }
  });
});

describe('search (q)', () => {
  it('of one, two and more characters gives the rows of a plain substring match over name, code, credit code, address and plate', async () => {
    // Terms of one and two characters go through the grams index of 046, longer ones through the trigram indexes.
    const rows = (await allRows()).filter((r) => r.status === 'active');
    const fields = (r: SubjectRow) => [r.name, r.code, r.credit_code, r.address, r.plate];
    const terms = new Set<string>(['面馆', '烟酒', '店', 'zz', '%', '_']);
    for (const r of rows.slice(0, 12)) {
      const name = [...r.name];
      terms.add(name[0]!).add(name.slice(1, 3).join('')).add(name.slice(0, 4).join(''));
      terms.add([...(r.address ?? '')].slice(3, 5).join(''));
      terms.add(r.code.slice(2, 4).toLowerCase()).add(r.code.slice(0, 2));
      if (r.plate) terms.add([...r.plate].slice(0, 2).join(''));
    }
    let matched = 0;
    let paged = 0;
    for (const user of ['admin', 'pd_ljz_01'] as const)
      for (const term of terms) {
        const low = term.toLowerCase();
        const want = expected(rows, paths[user]!, {}).filter((r) => fields(r).some((v) => v?.toLowerCase().includes(low)));
        const page = await get<PageOf<SubjectListItem>>(user, `/api/v1/subjects?pageSize=200&q=${encodeURIComponent(term)}`);
        expect({ user, term, ids: page.items.map((i) => i.id), total: page.total }).toEqual({
          user,
          term,
          ids: want.slice(0, 200).map((r) => r.id),
          total: want.length,
        });
        if (want.length > 0) matched++;
        if (want.length > 7) {
          // A later page: sorted out of the matches found once, in the list's order.
          const second = await get<PageOf<SubjectListItem>>(user, `/api/v1/subjects?page=2&pageSize=7&q=${encodeURIComponent(term)}`);
          expect({ term, ids: second.items.map((i) => i.id) }).toEqual({ term, ids: want.slice(7, 14).map((r) => r.id) });
          paged++;
        }
      }
    expect(matched).toBeGreaterThan(20);
    expect(paged).toBeGreaterThan(3);
  }, 120_000);
});

async function expectQualityAsCounted() {
  const rows = await allRows();
  for (const user of USERS) {
    const live = rows.filter((r) => r.status === 'active' && r.org_path.startsWith(paths[user]!));
    const q = await get<SubjectQuality>(user, '/api/v1/subjects/quality');
    const count = (key: string) => q.items.find((i) => i.key === key)!.count;
    expect({
      user,
      total: q.total,
      noPoint: count('noPoint'),
      noSquad: count('noSquad'),
      expired: count('expiredLicence'),
      unverified: count('unverified'),
    }).toEqual({
      user,
      total: live.length,
      noPoint: live.filter((r) => r.point_lon === null).length,
      noSquad: live.filter((r) => r.point_lon !== null && r.org_id === null).length,
      expired: live.filter((r) => r.licence_state === 'expired').length,
      unverified: live.filter((r) => !r.verified).length,
    });
  }
}

describe('data quality', () => {
  it('equals a count of the rows, after inserts, updates of each counted column, closing, merging and deleting', async () => {
    await expectQualityAsCounted();
    const db = ctx.deps.db;
    const some = await db.selectFrom('subjects').select(['id', 'org_id']).where('status', '=', 'active').orderBy('id').limit(12).execute();
    const ids = some.map((s) => s.id);
    await db.updateTable('subjects').set({ verified: true }).where('id', 'in', ids.slice(0, 3)).execute();
    await db.updateTable('subjects').set({ verified: false }).where('id', 'in', ids.slice(3, 5)).execute();
    await db.updateTable('subjects').set({ point_lon: null, point_lat: null, org_id: null }).where('id', '=', ids[5]!).execute();
    await db.updateTable('subjects').set({ org_id: null }).where('id', '=', ids[6]!).execute();
    await db.updateTable('subjects').set({ licence_state: 'expired' }).where('id', 'in', ids.slice(7, 9)).execute();
    await db.updateTable('subjects').set({ licence_state: null }).where('id', '=', ids[9]!).execute();
    await db.updateTable('subjects').set({ status: 'closed' }).where('id', '=', ids[10]!).execute();
    await db.updateTable('subjects').set({ status: 'merged', merged_into: ids[1]! }).where('id', '=', ids[11]!).execute();
    // A record moving to another squad of its bureau.
    const s0 = await db.selectFrom('subjects').select(['bureau_id', 'org_id']).where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    const other = await db
      .selectFrom('orgs')
      .select('id')
      .where('bureau_id', '=', s0.bureau_id)
      .where('kind', '=', 'squad')
      .where('id', '!=', s0.org_id ?? s0.bureau_id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('subjects').set({ org_id: other.id }).where('id', '=', ids[0]!).execute();
    // One statement changing many rows, one changing nothing counted, and a rolled-back write.
    await sql`UPDATE subjects SET verified = NOT verified WHERE code LIKE '%-NS'`.execute(db);
    await sql`UPDATE subjects SET version = version + 1 WHERE code LIKE '%-UG'`.execute(db);
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('subjects').set({ status: 'closed' }).where('status', '=', 'active').execute();
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await expectQualityAsCounted();
    // Deleting records (a test or an undone import).
    await sql`DELETE FROM subject_licences WHERE subject_id IN (SELECT id FROM subjects WHERE code LIKE '%-CL')`.execute(db);
    await sql`DELETE FROM subjects WHERE code LIKE '%-CL' OR id = ${ids[5]!}`.execute(db);
    await expectQualityAsCounted();
  });
});

describe('duplicate pairs', () => {
  it('are the pairs of live records of one bureau sharing name and address, credit code or plate, in the jurisdiction', async () => {
    const db = ctx.deps.db;
    // Twins: a copy of a few records under the same name and address (no credit code, no plate), one in another bureau.
    await sql`INSERT INTO subjects (id, code, bureau_id, org_id, kind, name, name_key, address, address_key, district,
          point_lon, point_lat, verified, risk_level, licence_state, status)
        SELECT gen_random_uuid(), code || '-TW', bureau_id, org_id, kind, name, name_key, address, address_key, district,
          point_lon, point_lat, verified, risk_level, licence_state, 'active'
        FROM subjects WHERE status = 'active' AND address_key IS NOT NULL AND code NOT LIKE '%-%' ORDER BY id LIMIT 6`.execute(db);
    const raw = await db
      .selectFrom('subjects as s')
      .select(['s.id', 's.bureau_id', 's.kind', 's.name_key', 's.address_key', 's.credit_code', 's.plate', 's.status'])
      .execute();
    const rows = new Map((await allRows()).map((r) => [r.id, r]));
    const live = raw.filter((r) => r.status === 'active');
    const pairs: string[] = [];
    for (const a of live)
      for (const b of live) {
        if (!(a.id < b.id) || a.bureau_id !== b.bureau_id) continue;
        const same =
          (a.name_key === b.name_key && a.address_key !== null && a.address_key === b.address_key) ||
          (a.kind === b.kind && a.credit_code !== null && a.credit_code === b.credit_code && a.kind !== 'waste_transport_vehicle') ||
          (a.plate !== null && a.plate === b.plate);
        if (same) pairs.push(`${a.id}|${b.id}`);
      }
    expect(pairs.length).toBeGreaterThanOrEqual(6);
    for (const user of USERS) {
      const inJurisdiction = (id: string) => rows.get(id)!.org_path.startsWith(paths[user]!);
      const want = pairs.filter((p) => p.split('|').every(inJurisdiction)).sort();
      const got = await get<SubjectDuplicates>(user, '/api/v1/subjects/duplicates');
      expect(got.items.map((p) => `${p.a.id}|${p.b.id}`)).toEqual(want);
    }
    // Closing one of a pair removes it.
    const [first] = pairs.sort();
    await db.updateTable('subjects').set({ status: 'closed' }).where('id', '=', first!.split('|')[1]!).execute();
    const after = await get<SubjectDuplicates>('admin', '/api/v1/subjects/duplicates');
    expect(after.items.map((p) => `${p.a.id}|${p.b.id}`)).not.toContain(first);
  });
});
