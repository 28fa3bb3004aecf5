// The case list's search (q) through the gram index (migrations 018, 075) returns exactly the rows of a plain ILIKE
// '%term%' on the case number, the party's name and the location — for terms of one and two characters (which no
// trigram can answer), Latin in either case, digits, case-number fragments, and % _ \ matched literally.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { CaseListItem, PageOf } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, type CaseKit } from './cases-support.ts';
import { filteredCases, listCases, listScope, SEARCH_COUNT_CAP } from '../src/modules/cases/cases.repository.ts';

/** mulberry32: the same generated texts on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20261204);
const ALPHABET = [...'王张三李四路号区浦东新AaBbZz1209%_\\ -〔〕ÄäÉé'];
const text = (min: number, max: number) =>
  Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join('');

const GENERATED = 300;
/** A term held by cases of two districts, and by one case without a bureau. */
const SHARED = '跨区同名';
/** Cases that all carry one location: a term that matches more of them than a search counts. */
const COMMON = SEARCH_COUNT_CAP + 5;
let ctx: TestContext;
let kit: CaseKit;
let bureauId: string;
let squadId: string;
let otherBureauId: string;
const texts: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  const template = await kit.register({ location: '模板路 1 号' });
  bureauId = (await ctx.deps.db.selectFrom('cases').select('bureau_id').where('id', '=', template.id).executeTakeFirstOrThrow()).bureau_id!;
  const rows = Array.from({ length: GENERATED }, (_, i) => ({
    id: randomUUID(),
    // Some cases have no number yet (a case is numbered when it is filed).
    number: i % 7 === 0 ? null : `沪浦城管罚字〔2026〕第${String(i).padStart(6, '0')}号${text(0, 3)}`,
    name: text(1, 6),
    location: text(2, 12),
  }));
  for (const r of rows) texts.push(...[r.number, r.name, r.location].filter((t): t is string => t !== null));
  for (let i = 0; i < COMMON; i++) rows.push({ id: randomUUID(), number: null, name: `同址${i}`, location: '封顶路 8 号' });
  const shared = Array.from({ length: 9 }, (_, i) => ({ id: randomUUID(), number: null, name: `${SHARED}${i}`, location: '某路 1 号' }));
  rows.push(...shared);
  await sql`
    INSERT INTO cases (id, bureau_id, org_id, procedure, state, source, source_ref, case_number, offence_id, offence_code,
      offence_name, domain, party_id, party_type, party_name, act_id, act_date, location, facts, discovered_on,
      registered_on, filed_on, decided_on, closed_on, decision_outcome, fine_fen, has_overdue, next_due_date, version,
      snapshot, created_by, created_at, updated_at)
    SELECT g.id, c.bureau_id, c.org_id, c.procedure, c.state, c.source, c.source_ref, g.num, c.offence_id, c.offence_code,
      c.offence_name, c.domain, c.party_id, c.party_type, g.name, c.act_id || '#' || g.id, c.act_date, g.loc, c.facts,
      c.discovered_on, c.registered_on, c.filed_on, c.decided_on, c.closed_on, c.decision_outcome, c.fine_fen,
      c.has_overdue, c.next_due_date, c.version, c.snapshot, c.created_by, c.created_at, c.updated_at
      FROM cases c,
           unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.number)}::text[], ${rows.map((r) => r.name)}::text[],
                  ${rows.map((r) => r.location)}::text[]) AS g(id, num, name, loc)
     WHERE c.id = ${template.id}`.execute(ctx.deps.db);
  // Of the shared term's cases: 5 stay in the template's district, 3 move to a squad of another district, 1 has no bureau.
  const db = ctx.deps.db;
  squadId = (await db.selectFrom('cases').select('org_id').where('id', '=', template.id).executeTakeFirstOrThrow()).org_id;
  const other = await db
    .selectFrom('officers')
    .select(['org_id', 'bureau_id'])
    .where('username', '=', 'qp_zjj_01')
    .executeTakeFirstOrThrow();
  otherBureauId = other.bureau_id!;
  expect(otherBureauId).not.toBe(bureauId);
  const moved = shared.slice(5, 8).map((r) => r.id);
  await db.updateTable('cases').set({ bureau_id: otherBureauId, org_id: other.org_id }).where('id', 'in', moved).execute();
  await db.updateTable('cases').set({ bureau_id: null }).where('id', '=', shared[8]!.id).execute();
});
afterAll(async () => ctx?.close());

/** The reference: a plain ILIKE on the three columns, the term escaped here (with !) independently of the platform. */
async function plainIlike(term: string, bureau?: string, org?: string): Promise<string[]> {
  const like = `%${term.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  const r = await sql<{ id: string }>`
    SELECT id FROM cases
     WHERE (${bureau ?? null}::uuid IS NULL OR bureau_id = ${bureau ?? null}::uuid)
       AND (${org ?? null}::uuid IS NULL OR org_id = ${org ?? null}::uuid)
       AND (case_number ILIKE ${like} ESCAPE '!' OR party_name ILIKE ${like} ESCAPE '!' OR location ILIKE ${like} ESCAPE '!')
     ORDER BY id`.execute(ctx.deps.db);
  return r.rows.map((x) => x.id);
}

async function searched(term: string): Promise<string[]> {
  const page = await listCases(ctx.deps.db, { jurisdictionPath: '/', q: term }, 10_000, 0, { withCount: false });
  return page.items.map((i) => i.id).sort();
}

describe('the case list search', () => {
  it('returns the rows of a plain ILIKE for terms of every kind', async () => {
    const fixed = [
      '王',
      '张三',
      '三王',
      'a',
      'A',
      'Ab',
      'zB',
      '1',
      '20',
      '2026',
      '〔2026〕第0001',
      '罚字',
      '%',
      '_',
      '\\',
      '5%',
      'a_',
      '\\%',
    ];
    const fixedMore = ['%_', ' ', ' -', 'Ä', 'ä', 'é', 'É', '模板', '不存在的词', 'xyzzy', '王%', '_\\'];
    // Substrings of the generated texts, of 1, 2, 3 and 5 characters.
    const drawn = Array.from({ length: 60 }, (_, i) => {
      const t = texts[Math.floor(rand() * texts.length)]!;
      const n = [1, 2, 3, 5][i % 4]!;
      const at = Math.floor(rand() * Math.max(1, t.length - n + 1));
      return [...t].slice(at, at + n).join('');
    });
    let matched = 0;
    for (const term of [...fixed, ...fixedMore, ...drawn]) {
      const want = await plainIlike(term);
      expect(await searched(term), `term ${JSON.stringify(term)}`).toEqual(want);
      if (want.length > 0) matched += 1;
    }
    // Not a comparison of empty answers: most terms are found, and the wildcards literally.
    expect(matched).toBeGreaterThan(60);
    for (const literal of ['%', '_', '\\']) {
      const ids = await plainIlike(literal);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThan(GENERATED);
    }
  });

  it('reads the same rows through the grams index and in list order with the ILIKE alone', async () => {
    // The list chooses one way or the other by how common the term is among the scope's latest cases; both are exact.
    const scope = await listScope(ctx.deps.db, '/', undefined);
    const read = async (term: string, grams: boolean) =>
      (await filteredCases(ctx.deps.db, scope, { jurisdictionPath: '/', q: term }, { grams }).execute()).map((r) => r.id).sort();
    for (const term of ['王', '张三', 'a', 'Ab', '2026', '第0001', '%', '_', '\\', '封顶', '封顶路 8', '不存在的词']) {
      const want = await plainIlike(term);
      expect(await read(term, true), `grams, term ${JSON.stringify(term)}`).toEqual(want);
      expect(await read(term, false), `ILIKE alone, term ${JSON.stringify(term)}`).toEqual(want);
    }
  });

  it("reads a district's, a squad's and the city's matches through the grams stored under each case's bureau", async () => {
    // The grams index keys each gram by the case's bureau (migration 075): a district reads its own postings only, the
    // city each bureau's, and a case without a bureau is found wherever its org is in scope.
    const db = ctx.deps.db;
    const district = await db.selectFrom('orgs').select('path').where('id', '=', bureauId).executeTakeFirstOrThrow();
    const scopes = {
      city: await listScope(db, '/', undefined),
      district: await listScope(db, district.path, undefined),
      squad: await listScope(db, '/', squadId),
    };
    expect(scopes.city.kind).toBe('city');
    expect(scopes.district.kind).toBe('bureau');
    expect(scopes.squad.kind).toBe('org');
    const want = {
      city: await plainIlike(SHARED),
      district: await plainIlike(SHARED, bureauId),
      squad: await plainIlike(SHARED, undefined, squadId),
    };
    // Not an empty comparison: 9 in the city, 5 in the district, and the squad holds its 5 and the one without a bureau.
    expect([want.city.length, want.district.length, want.squad.length]).toEqual([9, 5, 6]);
    for (const [name, scope] of Object.entries(scopes) as [keyof typeof scopes, (typeof scopes)['city']][]) {
      for (const grams of [true, false]) {
        const f = { jurisdictionPath: '/', q: SHARED };
        const ids = (await filteredCases(db, scope, f, { grams }).execute()).map((r) => r.id).sort();
        expect(ids, `${name}, grams ${grams}`).toEqual(want[name]);
      }
    }
    // The other district's leader finds its 3 only, with their count.
    const r = await ctx.api('GET', `/api/v1/cases?pageSize=50&q=${encodeURIComponent(SHARED)}`, { token: kit.tokens.qp_zjj_leader! });
    expect(r.statusCode, r.body).toBe(200);
    const page: PageOf<CaseListItem> = r.json();
    expect(page.items.map((i) => i.id).sort()).toEqual(await plainIlike(SHARED, otherBureauId));
    expect(page.total).toBe(3);
  });

  it("counts a search's matches up to SEARCH_COUNT_CAP, and the list without a term up to the list's cap", async () => {
    const common = await listCases(ctx.deps.db, { jurisdictionPath: '/', q: '封顶路' }, 20, 0);
    expect(common).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    expect(common.items).toHaveLength(20);
    expect(common.items.every((i) => i.location === '封顶路 8 号')).toBe(true);
    const rare = await listCases(ctx.deps.db, { jurisdictionPath: '/', q: '同址100' }, 20, 0);
    // 同址100 … 同址1004: the names that contain the term — on one page, and counted when a page holds fewer.
    expect(rare).toMatchObject({ total: 6, totalCapped: false });
    expect(rare.items).toHaveLength(6);
    const paged = await listCases(ctx.deps.db, { jurisdictionPath: '/', q: '同址100' }, 2, 0);
    expect(paged).toMatchObject({ total: 6, totalCapped: false });
    expect(paged.items).toHaveLength(2);
    const second = await listCases(ctx.deps.db, { jurisdictionPath: '/', q: '同址100' }, 2, 0, { after: paged.nextCursor! });
    expect(second).toMatchObject({ total: 6, totalCapped: false });
    const all = await listCases(ctx.deps.db, { jurisdictionPath: '/' }, 20, 0);
    expect(all.totalCapped).toBe(false);
    expect(all.total).toBeGreaterThan(GENERATED + COMMON);
  });

  it("answers through the list endpoint, in the reader's district, with the count of the same rows", async () => {
    const term = '张三';
    const want = await plainIlike(term, bureauId);
    expect(want.length).toBeGreaterThan(0);
    // The district leader of the bureau the generated cases belong to.
    const r = await ctx.api('GET', `/api/v1/cases?pageSize=200&q=${encodeURIComponent(term)}`, { token: kit.tokens.pd_leader! });
    expect(r.statusCode, r.body).toBe(200);
    const page: PageOf<CaseListItem> = r.json();
    expect(page.total).toBe(want.length);
    expect(page.items.map((i) => i.id).sort()).toEqual(want);
  });
});
