// Every query of the cases feature.
import pg from 'pg';
import { sql, type Insertable, type Selectable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { Executor } from '../../context.ts';
import type { TeamOfficer } from '@chengguan/domain';
import type {
  CaseDeadlinesTable,
  CaseDocumentsTable,
  CaseEventsTable,
  CaseEvidenceTable,
  CaseRecordsTable,
  CasesTable,
  PartiesTable,
  SummaryTicketRangesTable,
} from './cases.tables.ts';
import { lawRevisionExpression } from '../law/index.ts';
import { containsPattern } from '../../db/like.ts';

export type CaseRow = Selectable<CasesTable> & { org_name: string; org_path: string };
export type PartyRow = Selectable<PartiesTable>;
export type CaseEventRow = Selectable<CaseEventsTable> & { actor_name: string | null };
export type CaseDeadlineRow = Selectable<CaseDeadlinesTable>;

function caseQuery(db: Executor) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .selectAll('c')
    .select(['g.name as org_name', 'g.path as org_path']);
}

export async function findCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  return caseQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/** The case row and, in the same statement, the revision of the law data (law-revision.ts) its rules will read. */
export async function findCaseWithLawRevision(db: Executor, id: string): Promise<{ row: CaseRow; lawRevision: string } | undefined> {
  const r = await caseQuery(db).select(lawRevisionExpression.as('law_revision')).where('c.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const { law_revision: lawRevision, ...row } = r;
  return { row, lawRevision };
}

/**
 * What a step needs of its case in one statement: the row, the law revision, the live officers (with org path and
 * credentials) named in the stored snapshot, and the E6 count — FINE decisions made for the same act in other cases.
 */
export async function findCaseForStep(
  db: Executor,
  id: string,
): Promise<{ row: CaseRow; lawRevision: string; priorFines: number; officers: Map<string, OfficerInOrg> } | undefined> {
  const r = await caseQuery(db)
    .select([
      lawRevisionExpression.as('law_revision'),
      sql<number>`(SELECT count(*) FROM cases p WHERE p.act_id = c.act_id AND p.id <> c.id AND p.fine_fen > 0
        AND p.decided_on IS NOT NULL)`.as('prior_fines'),
      sql<OfficerJson[]>`(SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'active', o.active, 'path', og.path,
          'credentials', ${CREDENTIALS_OF_O})), '[]')
        FROM officers o JOIN orgs og ON og.id = o.org_id
        WHERE o.id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(c.snapshot->'officers') x))`.as('live_officers'),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  const { law_revision: lawRevision, prior_fines: priorFines, live_officers: live, ...row } = r;
  const officers = new Map(
    live.map((o) => [o.id, { id: o.id, name: o.name, orgPath: o.path, active: o.active, credentials: o.credentials }]),
  );
  return { row, lawRevision, priorFines: Number(priorFines), officers };
}

type OfficerJson = { id: string; name: string; active: boolean; path: string; credentials: OfficerInOrg['credentials'] };

// ---------------------------------------------------------------------------------------------------------
// Parties

/** One party row per identity document in a bureau: a second case against the same person updates it. */
export async function upsertParty(db: Executor, row: Insertable<PartiesTable>): Promise<string> {
  const { id: _id, bureau_id: _b, id_type: _t, id_number: _n, ...rest } = row;
  const r = await db
    .insertInto('parties')
    .values(row)
    .onConflict((oc) => oc.columns(['bureau_id', 'id_type', 'id_number']).doUpdateSet({ ...rest, updated_at: sql`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findParty(db: Executor, id: string): Promise<PartyRow | undefined> {
  return db.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------
// Cases

/** Inserts the case and answers its row as `findCase` reads it (with its org's name and path), in one statement. */
export async function insertCase(db: Executor, row: Insertable<CasesTable>): Promise<CaseRow> {
  return db
    .with('c', (q) => q.insertInto('cases').values(row).returningAll())
    .selectFrom('c')
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .selectAll('c')
    .select(['g.name as org_name', 'g.path as org_path'])
    .executeTakeFirstOrThrow();
}

/**
 * The conditional write of a transition: it succeeds only on the version that was read, so of two
 * concurrent steps on the same case exactly one updates a row (the other answers 409).
 */
/** The row as updated (with its org's name and path), or undefined when the version moved on (a lost race). */
export async function updateCaseIfVersion(
  db: Executor,
  id: string,
  version: number,
  set: Updateable<CasesTable>,
): Promise<CaseRow | undefined> {
  return db
    .updateTable('cases')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .returning([
      sql<string>`(SELECT name FROM orgs WHERE orgs.id = cases.org_id)`.as('org_name'),
      sql<string>`(SELECT path FROM orgs WHERE orgs.id = cases.org_id)`.as('org_path'),
    ])
    .executeTakeFirst();
}

export async function setCaseNumber(db: Executor, id: string, caseNumber: string) {
  await db.updateTable('cases').set({ case_number: caseNumber }).where('id', '=', id).execute();
}

export async function setCaseOverdue(db: Executor, id: string, hasOverdue: boolean, nextDueDate: string | null) {
  await db.updateTable('cases').set({ has_overdue: hasOverdue, next_due_date: nextDueDate }).where('id', '=', id).execute();
}

/** E6 — 处罚法 Art. 29: FINE decisions already made for the same act in other cases. */
export async function countPriorFines(db: Executor, actId: string, exceptCaseId: string): Promise<number> {
  const r = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('act_id', '=', actId)
    .where('id', '<>', exceptCaseId)
    .where('fine_fen', '>', 0)
    .where('decided_on', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** countPriorFines for many cases in one query: per case, the FINE decisions of its act in the other cases. */
export async function priorFinesByCase(db: Executor, rows: readonly { id: string; act_id: string }[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const fined = await db
    .selectFrom('cases')
    .select(['id', 'act_id'])
    .where('act_id', 'in', [...new Set(rows.map((r) => r.act_id))])
    .where('fine_fen', '>', 0)
    .where('decided_on', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, fined.filter((f) => f.act_id === r.act_id && f.id !== r.id).length]));
}

/** The snapshots of the given cases (the list rows leave them out). */
export async function snapshotsOf(db: Executor, ids: readonly string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'snapshot'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.snapshot]));
}

export type CaseFilter = {
  jurisdictionPath: string;
  state?: string;
  states?: readonly string[];
  procedure?: string;
  domain?: string;
  orgId?: string;
  offenceCode?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  officerId?: string;
  q?: string;
  /** Cases with an agency deadline (running or overdue) due on or before this date. */
  agencyDeadlineBy?: string;
};

/** A case list row: everything the list shows, not the snapshot (a list never reads the case's whole state). */
export type CaseListRow = Omit<CaseRow, 'snapshot' | 'point_lon' | 'point_lat' | 'point_crs' | 'subject_id'>;

/** Where a list reads: the org ids of the subtree, and the bureau or single squad it is when it is one. */
export type Scope =
  | { kind: 'city'; bureauIds: string[] }
  | { kind: 'bureau'; bureauId: string; orgIds: string[] }
  | { kind: 'org'; orgId: string; bureauId: string }
  | { kind: 'orgs'; orgIds: string[]; bureauIds: string[] }
  | { kind: 'none' };

/**
 * The orgs a list reads, resolved once from the (small) org tree, so that the case query names its index: a squad
 * reads cases_org_list_idx, a district bureau cases_bureau_list_idx, the city cases_list_idx — instead of a join on
 * the org path that makes the database sort a whole bureau's history for one page.
 */
export async function listScope(db: Executor, jurisdictionPath: string, orgId: string | undefined): Promise<Scope> {
  let top = jurisdictionPath;
  if (orgId) {
    const org = await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
    // An org outside the actor's jurisdiction (or none) lists nothing.
    if (!org || !org.path.startsWith(jurisdictionPath)) return { kind: 'none' };
    top = org.path;
  }
  // The whole org tree is a few hundred rows: read it, and decide in code which index the case query names.
  const all = await db.selectFrom('orgs').select(['id', 'path', 'bureau_id']).execute();
  const orgs = all.filter((o) => o.path.startsWith(top));
  const head = orgs.find((o) => o.path === top);
  if (orgs.length === 0) return { kind: 'none' };
  // A case's bureau is its org's bureau, or the org itself when it is one (bureauIds: the search's keys, below).
  const bureauIds = (list: typeof all) => [...new Set(list.map((o) => o.bureau_id ?? o.id))];
  if (orgs.length === all.length) return { kind: 'city', bureauIds: bureauIds(all) };
  if (orgs.length === 1) return { kind: 'org', orgId: orgs[0]!.id, bureauId: bureauIds(orgs)[0]! };
  // A subtree whose every org belongs to the head's bureau, and outside which no org does, holds exactly the cases of
  // that bureau.
  if (
    head &&
    orgs.every((o) => (o.bureau_id ?? o.id) === head.id) &&
    all.every((o) => o.path.startsWith(top) || (o.bureau_id ?? o.id) !== head.id)
  )
    return { kind: 'bureau', bureauId: head.id, orgIds: orgs.map((o) => o.id) };
  return { kind: 'orgs', orgIds: orgs.map((o) => o.id), bureauIds: bureauIds(orgs) };
}

/** The list's order: 发现日期 newest first, then registration order (UUIDv7 ids); a page cursor is the last row's pair. */
export type CaseCursor = { discoveredOn: string | null; id: string };

/** The list's rows: the matching cases with the list's columns and their org's name. */
export function filteredCases(db: Executor, scope: Scope, f: CaseFilter, search: { grams?: boolean } = {}) {
  return withListColumns(matchingCases(db, scope, f, search));
}

/**
 * The cases a list's filter matches, with no column chosen and nothing joined: what a count or a probe reads (a join to
 * the org would only make the database read each case's org, and keep it from counting from an index alone).
 */
export function matchingCases(db: Executor, scope: Scope, f: CaseFilter, search: { grams?: boolean } = {}) {
  const gramsLed = Boolean(f.q) && search.grams !== false;
  let q = db.selectFrom('cases as c');
  if (scope.kind === 'none') q = q.where(sql<boolean>`false`);
  if (scope.kind === 'org') q = q.where('c.org_id', '=', scope.orgId);
  // Led by the grams, a district's search names no other test of the bureau: its grams are stored under the bureau, so
  // they select its cases alone, and the database, told of both, would estimate their matches at a twelfth of the
  // real number (as if the two were independent) and add a read of the bureau's whole index.
  if (scope.kind === 'bureau' && !gramsLed) q = q.where('c.bureau_id', '=', scope.bureauId);
  if (scope.kind === 'orgs') q = q.where('c.org_id', 'in', scope.orgIds);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.states) q = q.where('c.state', 'in', [...f.states]);
  if (f.procedure) q = q.where('c.procedure', '=', f.procedure);
  if (f.domain) q = q.where('c.domain', '=', f.domain);
  if (f.offenceCode) q = q.where('c.offence_code', '=', f.offenceCode);
  if (f.from) q = q.where('c.discovered_on', '>=', f.from);
  if (f.to) q = q.where('c.discovered_on', '<=', f.to);
  if (f.overdue !== undefined) q = q.where('c.has_overdue', '=', f.overdue);
  if (f.officerId) {
    const officerId = f.officerId;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('case_officers as o').select('o.case_id').whereRef('o.case_id', '=', 'c.id').where('o.officer_id', '=', officerId),
      ),
    );
  }
  if (f.agencyDeadlineBy) {
    const by = f.agencyDeadlineBy;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_deadlines as d')
          .select('d.case_id')
          .whereRef('d.case_id', '=', 'c.id')
          .where('d.holder', '=', 'agency')
          .where('d.state', 'in', ['running', 'overdue'])
          .where('d.due_date', '<=', by),
      ),
    );
  }
  if (f.q) {
    // The rows are those of a plain ILIKE on the three columns, which is also the cheap test of a row (~2 µs). The grams
    // (cases_search_bureau_grams_idx, migration 075) only lead the database to the candidates: a column contains the
    // term ⇒ each of its bigrams (or the term itself, of one character) is one of the column's grams, stored under the
    // case's bureau. Computed on a row, they cost 45–70 µs: where they are named (searchPlan decides), the ILIKE is
    // tested first on each row, so the grams are computed only for the rows that match.
    const term = f.q;
    if (gramsLed) q = q.where(gramsUnder(searchKeys(scope), term));
    q = q.where(holdsTerm(term));
  }
  return q;
}

/**
 * The bureaus whose grams a search reads: the district's own, or each bureau the scope's orgs belong to (the filter on
 * the scope's orgs still applies), and '' where a case without a bureau may be in the scope.
 */
function searchKeys(scope: Scope): string[] {
  if (scope.kind === 'bureau') return [scope.bureauId];
  if (scope.kind === 'org') return [scope.bureauId, ''];
  if (scope.kind === 'city' || scope.kind === 'orgs') return [...scope.bureauIds, ''];
  return [];
}

/** A case of one of the bureaus has the term's grams (cases_search_bureau_grams_idx): one index scan per bureau. */
function gramsUnder(bureaus: string[], term: string) {
  const has = bureaus.map(
    (b) =>
      sql<boolean>`search_grams_under(coalesce(c.bureau_id::text, ''), c.case_number, c.party_name, c.location) @> search_term_grams_under(${b}, ${term})`,
  );
  return has.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(has, sql` OR `)})`;
}

/** The search's exact test of a case: its number, its party's name or its location contains the term (any case). */
function holdsTerm(term: string) {
  const like = containsPattern(term);
  return sql<boolean>`(c.case_number ILIKE ${like} OR c.party_name ILIKE ${like} OR c.location ILIKE ${like})`;
}

function withListColumns(q: ReturnType<typeof matchingCases>) {
  return q
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .select([
      'c.id',
      'c.bureau_id',
      'c.org_id',
      'c.procedure',
      'c.state',
      'c.source',
      'c.source_ref',
      'c.case_number',
      'c.offence_id',
      'c.offence_code',
      'c.offence_name',
      'c.domain',
      'c.party_id',
      'c.party_type',
      'c.party_name',
      'c.act_id',
      'c.act_date',
      'c.location',
      'c.facts',
      'c.discovered_on',
      'c.registered_on',
      'c.filed_on',
      'c.decided_on',
      'c.closed_on',
      'c.decision_outcome',
      'c.fine_fen',
      'c.has_overdue',
      'c.next_due_date',
      'c.version',
      'c.created_by',
      'c.created_at',
      'c.updated_at',
      'g.name as org_name',
      'g.path as org_path',
    ]);
}

/** Counting stops here: a list says "10,000+" rather than count a city's history on every page. */
export const LIST_COUNT_CAP = 10_000;
/**
 * A search's count stops sooner: a term that matches more than 1,000 cases is one to narrow, and each match counted
 * is a row read and tested (no index answers a count of ILIKE matches).
 */
export const SEARCH_COUNT_CAP = 1_000;
/** How many of the scope's latest cases searchPlan tests to judge whether a term is common. */
const SEARCH_PROBE_ROWS = 200;
/**
 * The most cases estimated to hold a term whose page a search reads through the index: each is fetched and sorted for
 * the page, ~5 µs apiece, so ~50 ms.
 */
const SEARCH_GRAMS_ROWS_MAX = 10_000;
/**
 * The most estimated matches a search's count reads through the index. Beyond it the term is in at least 1 case in 16
 * of the city (1 in 2 of a small district), and counting to the cap in list order reads at most ~16,000 cases.
 */
const SEARCH_COUNT_GRAMS_ROWS_MAX = 100_000;

export type CaseListPage = { items: CaseListRow[]; total: number; totalCapped: boolean; nextCursor: CaseCursor | null };

/**
 * One page of the list in list order, by offset or after a cursor (keyset: as fast on page 5,000 as on page 1), and the
 * count of matches up to `countCap` (an index-only count of at most countCap + 1 rows).
 */
export async function listCases(
  db: Executor,
  f: CaseFilter,
  limit: number,
  offset: number,
  opts: { after?: CaseCursor; countCap?: number; withCount?: boolean } = {},
): Promise<CaseListPage> {
  const scope = await listScope(db, f.jurisdictionPath, f.orgId);
  const search = await searchPlan(db, scope, f);
  const after = opts.after;
  const page = after ? keysetAfter(filteredCases(db, scope, f, search), after) : filteredCases(db, scope, f, search);
  const cap = opts.countCap ?? (f.q ? SEARCH_COUNT_CAP : LIST_COUNT_CAP);
  const items = page
    .orderBy('c.discovered_on', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .offset(after ? 0 : offset)
    .execute();
  const counted = () => cappedCount(db, matchingCases(db, scope, f, { grams: search.countGrams }), cap);
  let count: Promise<{ total: number; totalCapped: boolean }>;
  if (opts.withCount === false) count = Promise.resolve({ total: 0, totalCapped: false });
  // A term none of the scope's latest cases hold is likely found on one page or none: the page is read first, and
  // when it is not full its rows are the count. Other lists count beside the page.
  else if (search.rare && !after && offset === 0)
    count = items.then((rows) => (rows.length < limit ? { total: rows.length, totalCapped: false } : counted()));
  else count = counted();
  const [rows, total] = await Promise.all([items, count]);
  const last = rows.at(-1);
  return {
    items: rows,
    ...total,
    nextCursor: rows.length === limit && last ? { discoveredOn: last.discovered_on, id: last.id } : null,
  };
}

/**
 * How a search reads: whether it leads through the grams' index, and whether its term looks rare in the scope.
 * - The page is read through the index only for a term that is rare both among the scope's latest 200 cases (fewer
 *   than 1 in 20 hold it) and in the grams' statistics (estimatedMatches, at most SEARCH_GRAMS_ROWS_MAX). Through the
 *   index a page fetches every match to sort out the newest 20; in list order a common term's page comes within a few
 *   dozen rows. The latest cases alone are not the history: the newest tickets, typed on the street as 「源深路 325 号」,
 *   do not hold the 「上海市」 of ten years of addresses. Nor does the database's estimate judge it (see estimatedMatches;
 *   「上海市崇」 in 崇明: 64,000 cases fetched for a page of 21).
 * - The count stops at its cap: through the index it reads the matches' postings, then at most cap + 1 matches. It is
 *   led there for up to SEARCH_COUNT_GRAMS_ROWS_MAX estimated matches even when the page is read in list order (「周」 in
 *   the city, 1 case in 27: 27,000 cases read in list order to count 1,000).
 * - A term none of the latest hold is `rare`: listCases reads its page before counting.
 */
async function searchPlan(db: Executor, scope: Scope, f: CaseFilter): Promise<{ grams: boolean; countGrams: boolean; rare: boolean }> {
  if (!f.q) return { grams: false, countGrams: false, rare: false };
  const { q: term, ...rest } = f;
  const latest = matchingCases(db, scope, rest)
    .select(holdsTerm(term).as('hit'))
    .orderBy('c.discovered_on', 'desc')
    .orderBy('c.id', 'desc')
    .limit(SEARCH_PROBE_ROWS)
    .as('x');
  // The probe also answers the term's grams (search_term_grams, the index's own definition) for the estimate.
  const [probe, stats] = await Promise.all([
    db
      .selectFrom(latest)
      .select([sql<number>`count(*) FILTER (WHERE x.hit)`.as('n'), sql<string[]>`search_term_grams(${term})`.as('grams')])
      .executeTakeFirstOrThrow(),
    gramStats(db),
  ]);
  const seen = Number(probe.n);
  const estimate = estimatedMatches(stats, searchKeys(scope), probe.grams);
  const grams = seen * 20 < SEARCH_PROBE_ROWS && estimate <= SEARCH_GRAMS_ROWS_MAX;
  return { grams, countGrams: grams || estimate <= SEARCH_COUNT_GRAMS_ROWS_MAX, rare: seen === 0 };
}

/**
 * How many cases may hold a term of these grams, from the statistics of the grams' index (its most common grams,
 * ANALYZE's sample): under each bureau, the count of the term's rarest gram — an upper bound, where the database's own
 * estimate multiplies the grams' frequencies as if they were independent and, the grams being stored under the bureau,
 * counts the bureau's share once per gram (「上海市浦」 in the city: 12,900 estimated, 317,000 found). A gram not among the
 * most common is taken at half the least common one's count, as the database does. 0 while the index has no statistics.
 */
function estimatedMatches(stats: GramStats | null, bureaus: string[], grams: string[]): number {
  if (!stats || grams.length === 0) return 0;
  let sum = 0;
  for (const b of bureaus) sum += Math.min(...grams.map((g) => stats.freq.get(`${b} ${g}`) ?? stats.floor / 2));
  return sum * stats.rows;
}

type GramStats = { loadedAt: number; freq: Map<string, number>; floor: number; rows: number };
/**
 * The grams' statistics, read once per database handle and again after GRAM_STATS_TTL_MS: converting ~7,600 grams from
 * pg_stats costs ~10 ms, and they change only when the cases are analyzed. (They steer how a search reads, never what it
 * finds.)
 */
const gramStatsCache = new WeakMap<object, GramStats>();
const GRAM_STATS_TTL_MS = 10 * 60_000;

async function gramStats(db: Executor): Promise<GramStats | null> {
  const cached = gramStatsCache.get(db);
  if (cached && Date.now() - cached.loadedAt < GRAM_STATS_TTL_MS) return cached;
  const row = (
    await sql<{ elems: string[] | null; freqs: number[] | null; rows: number }>`
      SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs,
             greatest(t.reltuples, 0)::float8 AS rows
        FROM pg_class t
        LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'cases_search_bureau_grams_idx'
       WHERE t.oid = 'cases'::regclass`.execute(db)
  ).rows[0];
  // No statistics yet (a new database): asked again on the next search.
  if (!row?.elems?.length || !row.freqs) return null;
  const freqs = row.freqs.map(Number);
  const stats = {
    loadedAt: Date.now(),
    freq: new Map(row.elems.map((e, i) => [e, freqs[i]!])),
    floor: freqs[row.elems.length]!,
    rows: Number(row.rows),
  };
  gramStatsCache.set(db, stats);
  return stats;
}

/** The rows after the cursor in list order (发现日期 newest first, then id), nulls of 发现日期 last. */
export function keysetAfter(q: ReturnType<typeof filteredCases>, after: CaseCursor) {
  return q.where((eb) =>
    after.discoveredOn === null
      ? eb.or([eb('c.discovered_on', 'is not', null), eb.and([eb('c.discovered_on', 'is', null), eb('c.id', '<', after.id)])])
      : eb(eb.refTuple('c.discovered_on', 'c.id'), '<', eb.tuple(after.discoveredOn, after.id)),
  );
}

/** The number of rows of a query, counting at most cap + 1 of them. */
export async function cappedCount<D, T extends keyof D, O>(
  db: Executor,
  query: SelectQueryBuilder<D, T, O>,
  cap: number,
): Promise<{ total: number; totalCapped: boolean }> {
  const counted = await db
    .selectFrom(
      query
        .clearSelect()
        .select(sql<number>`1`.as('one'))
        .limit(cap + 1)
        .as('x'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  return { total: Math.min(n, cap), totalCapped: n > cap };
}

// ---------------------------------------------------------------------------------------------------------
// Officers

export async function insertCaseOfficers(db: Executor, caseId: string, officerIds: readonly string[]) {
  if (officerIds.length === 0) return;
  await db
    .insertInto('case_officers')
    .values(officerIds.map((officer_id, i) => ({ case_id: caseId, officer_id, role: i === 0 ? ('lead' as const) : ('assist' as const) })))
    .execute();
}

export async function caseOfficerIds(db: Executor, caseId: string): Promise<{ officer_id: string; role: 'lead' | 'assist' }[]> {
  return db.selectFrom('case_officers').select(['officer_id', 'role']).where('case_id', '=', caseId).orderBy('role', 'desc').execute();
}

export async function leadOfficerNames(db: Executor, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('case_officers as co')
    .innerJoin('officers as o', 'o.id', 'co.officer_id')
    .select(['co.case_id', 'o.name'])
    .where('co.case_id', 'in', [...caseIds])
    .where('co.role', '=', 'lead')
    .execute();
  return new Map(rows.map((r) => [r.case_id, r.name]));
}

/** 法律职业资格 on the officer's staff record (E1 reads it, not the reviewer's own claim). */
export async function officerLegalQualification(db: Executor, officerId: string): Promise<boolean> {
  const row = await db.selectFrom('officers').select('legal_qualification').where('id', '=', officerId).executeTakeFirst();
  return row?.legal_qualification === true;
}

/** Of these cases, those the officer is one of the officers of. */
export async function casesOfOfficer(db: Executor, officerId: string, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_officers')
    .select('case_id')
    .where('case_id', 'in', [...caseIds])
    .where('officer_id', '=', officerId)
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

export type OfficerInOrg = TeamOfficer & { name: string; orgPath: string; active: boolean };

/** The credentials of the officer `o` as a JSON array of the domain's credential (A1 reads them live). */
/** The credentials of the officer aliased `o`, as a JSON array (number, domains, validFrom, validTo, revoked). */
export const CREDENTIALS_OF_O = sql`(SELECT coalesce(json_agg(json_build_object('number', cr.number, 'domains', cr.domains,
  'validFrom', cr.valid_from, 'validTo', cr.valid_to, 'revoked', cr.revoked)), '[]') FROM credentials cr WHERE cr.officer_id = o.id)`;

/** Officers with their credentials as stored now (A1 is always judged on live credentials), in one statement. */
export async function officersWithCredentials(db: Executor, ids: readonly string[]): Promise<Map<string, OfficerInOrg>> {
  if (ids.length === 0) return new Map();
  const officers = await db
    .selectFrom('officers as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select(['o.id', 'o.name', 'o.active', 'g.path', sql<OfficerInOrg['credentials']>`${CREDENTIALS_OF_O}`.as('credentials')])
    .where('o.id', 'in', [...ids])
    .execute();
  return new Map(officers.map((o) => [o.id, { id: o.id, name: o.name, orgPath: o.path, active: o.active, credentials: o.credentials }]));
}

// ---------------------------------------------------------------------------------------------------------
// Events, evidence, records, documents

export async function insertCaseEvent(db: Executor, row: Insertable<CaseEventsTable>) {
  await db.insertInto('case_events').values(row).execute();
}

export async function caseEvents(db: Executor, caseId: string): Promise<CaseEventRow[]> {
  return db
    .selectFrom('case_events as e')
    .leftJoin('officers as o', 'o.id', 'e.actor_id')
    .selectAll('e')
    .select('o.name as actor_name')
    .where('e.case_id', '=', caseId)
    .orderBy('e.seq')
    .execute();
}

export async function countCaseEvents(db: Executor, caseId: string): Promise<number> {
  const r = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertEvidence(db: Executor, row: Insertable<CaseEvidenceTable>) {
  await db.insertInto('case_evidence').values(row).execute();
}

export async function caseEvidence(db: Executor, caseId: string) {
  return db
    .selectFrom('case_evidence as e')
    .leftJoin('officers as o', 'o.id', 'e.collected_by')
    .selectAll('e')
    .select('o.name as collected_by_name')
    .where('e.case_id', '=', caseId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

export async function findEvidence(db: Executor, caseId: string, id: string) {
  return db.selectFrom('case_evidence').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export async function findRecord(db: Executor, caseId: string, id: string) {
  return db.selectFrom('case_records').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export async function insertRecord(db: Executor, row: Insertable<CaseRecordsTable>) {
  await db.insertInto('case_records').values(row).execute();
}

export async function caseRecords(db: Executor, caseId: string) {
  return db.selectFrom('case_records').selectAll().where('case_id', '=', caseId).orderBy('recorded_on').orderBy('id').execute();
}

export async function officerNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('officers')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertDocument(db: Executor, row: Insertable<CaseDocumentsTable>) {
  await db.insertInto('case_documents').values(row).execute();
}

export async function caseDocuments(db: Executor, caseId: string) {
  return db.selectFrom('case_documents').selectAll().where('case_id', '=', caseId).orderBy('issued_on').orderBy('id').execute();
}

/** What the case page shows of the case's child rows (the columns it reads, as the single-table queries give them). */
export type CasePageRows = {
  party: PartyRow | undefined;
  officers: { officer_id: string; role: 'lead' | 'assist' }[];
  /** The case officers and the snapshot's officers with their credentials as stored now. */
  live: Map<string, OfficerInOrg>;
  /** E6 — FINE decisions already made for the same act in other cases (countPriorFines). */
  priorFines: number;
  evidence: (Omit<Selectable<CaseEvidenceTable>, 'case_id' | 'bureau_id' | 'event_id' | 'device_name' | 'device_id'> & {
    collected_by_name: string | null;
  })[];
  records: Omit<Selectable<CaseRecordsTable>, 'case_id' | 'bureau_id' | 'event_id' | 'created_at'>[];
  documents: Pick<Selectable<CaseDocumentsTable>, 'id' | 'doc_type' | 'number' | 'issued_on' | 'event_id'>[];
  events: Omit<CaseEventRow, 'case_id' | 'bureau_id' | 'version'>[];
  /** Names of the officers named in the 笔录. */
  recordOfficerNames: Map<string, string>;
};

/** A timestamp sent as its text form inside JSON, parsed as node-postgres parses the column itself. */
const parseTimestamptz = (v: string): Date => pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text')(v) as Date;

/**
 * The case page's child rows in ONE statement (json subselects; the same orders as the single-table queries):
 * party, officers (with the snapshot's officers, all with their live credentials), the E6 count, evidence, 笔录 (and
 * their officers' names), documents, timeline.
 * Timestamps travel as their text form and are parsed like a column, so the page is the same as read row by row.
 */
export async function casePageRows(
  db: Executor,
  c: Pick<CaseRow, 'id' | 'party_id' | 'act_id'>,
  snapshotOfficerIds: readonly string[],
): Promise<CasePageRows> {
  const { id: caseId, party_id: partyId } = c;
  const r = await sql<{
    party: (Omit<PartyRow, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string }) | null;
    officers: CasePageRows['officers'];
    live: { id: string; name: string; active: boolean; path: string; credentials: TeamOfficer['credentials'] }[];
    evidence: (Omit<CasePageRows['evidence'][number], 'created_at'> & { created_at: string })[];
    records: CasePageRows['records'];
    documents: CasePageRows['documents'];
    events: (Omit<CasePageRows['events'][number], 'at'> & { at: string })[];
    record_names: Record<string, string>;
    prior_fines: number;
  }>`
    SELECT
      (SELECT json_build_object('id', p.id, 'bureau_id', p.bureau_id, 'type', p.type, 'name', p.name, 'id_type', p.id_type,
                'id_number', p.id_number, 'birth_date', p.birth_date, 'gender', p.gender, 'phone', p.phone,
                'address', p.address, 'legal_representative', p.legal_representative,
                'created_at', p.created_at::text, 'updated_at', p.updated_at::text)
         FROM parties p WHERE p.id = ${partyId}) AS party,
      (SELECT coalesce(json_agg(json_build_object('officer_id', co.officer_id, 'role', co.role) ORDER BY co.role DESC), '[]'::json)
         FROM case_officers co WHERE co.case_id = ${caseId}) AS officers,
      (SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'active', o.active, 'path', g.path,
                'credentials', (SELECT coalesce(json_agg(json_build_object('number', c.number, 'domains', c.domains,
                                  'validFrom', c.valid_from, 'validTo', c.valid_to, 'revoked', c.revoked)), '[]'::json)
                                  FROM credentials c WHERE c.officer_id = o.id))), '[]'::json)
         FROM officers o JOIN orgs g ON g.id = o.org_id
        WHERE o.id IN (SELECT co.officer_id FROM case_officers co WHERE co.case_id = ${caseId})
           OR o.id = ANY(${[...snapshotOfficerIds]}::uuid[])) AS live,
      (SELECT count(*) FROM cases x
        WHERE x.act_id = ${c.act_id} AND x.id <> ${caseId} AND x.fine_fen > 0 AND x.decided_on IS NOT NULL) AS prior_fines,
      (SELECT coalesce(json_agg(json_build_object('id', e.id, 'evidence_type', e.evidence_type, 'title', e.title,
                'file_sm3', e.file_sm3, 'size', e.size, 'mime', e.mime, 'collected_on', e.collected_on,
                'collected_by', e.collected_by, 'collected_by_name', o.name, 'device', e.device,
                'created_at', e.created_at::text) ORDER BY e.created_at, e.id), '[]'::json)
         FROM case_evidence e LEFT JOIN officers o ON o.id = e.collected_by WHERE e.case_id = ${caseId}) AS evidence,
      (SELECT coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'recorded_on', r.recorded_on,
                'officer_ids', r.officer_ids, 'credentials_shown', r.credentials_shown, 'officers_signed', r.officers_signed,
                'party_signed', r.party_signed, 'witness_signed', r.witness_signed, 'absence_note', r.absence_note,
                'statutory_exception', r.statutory_exception, 'location', r.location, 'interviewee', r.interviewee,
                'content', r.content, 'file_sm3', r.file_sm3) ORDER BY r.recorded_on, r.id), '[]'::json)
         FROM case_records r WHERE r.case_id = ${caseId}) AS records,
      (SELECT coalesce(json_object_agg(o.id, o.name), '{}'::json) FROM officers o
        WHERE o.id IN (SELECT unnest(r.officer_ids) FROM case_records r WHERE r.case_id = ${caseId})) AS record_names,
      (SELECT coalesce(json_agg(json_build_object('id', d.id, 'doc_type', d.doc_type, 'number', d.number,
                'issued_on', d.issued_on, 'event_id', d.event_id) ORDER BY d.issued_on, d.id), '[]'::json)
         FROM case_documents d WHERE d.case_id = ${caseId}) AS documents,
      (SELECT coalesce(json_agg(json_build_object('id', e.id, 'seq', e.seq, 'action', e.action, 'from_state', e.from_state,
                'to_state', e.to_state, 'legal_date', e.legal_date, 'at', e.at::text, 'actor_id', e.actor_id,
                'actor_name', o.name, 'data', e.data) ORDER BY e.seq), '[]'::json)
         FROM case_events e LEFT JOIN officers o ON o.id = e.actor_id WHERE e.case_id = ${caseId}) AS events
  `.execute(db);
  const row = r.rows[0]!;
  return {
    party: row.party
      ? { ...row.party, created_at: parseTimestamptz(row.party.created_at), updated_at: parseTimestamptz(row.party.updated_at) }
      : undefined,
    officers: row.officers,
    priorFines: Number(row.prior_fines),
    live: new Map(row.live.map((o) => [o.id, { id: o.id, name: o.name, orgPath: o.path, active: o.active, credentials: o.credentials }])),
    evidence: row.evidence.map((e) => ({ ...e, created_at: parseTimestamptz(e.created_at) })),
    records: row.records,
    documents: row.documents,
    events: row.events.map((e) => ({ ...e, at: parseTimestamptz(e.at) })),
    recordOfficerNames: new Map(Object.entries(row.record_names)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Deadlines

export async function caseDeadlineRows(db: Executor, caseId: string): Promise<CaseDeadlineRow[]> {
  return db.selectFrom('case_deadlines').selectAll().where('case_id', '=', caseId).execute();
}

export async function deadlinesOfCases(db: Executor, caseIds: readonly string[]): Promise<CaseDeadlineRow[]> {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .orderBy('due_date')
    .execute();
}

/** Replaces the case's deadline rows with the computed ones, keeping the alert stamps of those that stay. */
/** The case's deadlines become `rows`: the others are deleted and these upserted, in one statement. */
export async function replaceCaseDeadlines(db: Executor, caseId: string, rows: Insertable<CaseDeadlinesTable>[]) {
  if (rows.length === 0) {
    await db.deleteFrom('case_deadlines').where('case_id', '=', caseId).execute();
    return;
  }
  const kinds = rows.map((r) => r.kind);
  // The delete (kinds not kept) and the upsert (kinds kept) touch disjoint rows, so one statement can do both.
  await db
    .with('gone', (q) => q.deleteFrom('case_deadlines').where('case_id', '=', caseId).where('kind', 'not in', kinds).returning('kind'))
    .insertInto('case_deadlines')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['case_id', 'kind']).doUpdateSet((eb) => ({
        due_date: eb.ref('excluded.due_date'),
        basis: eb.ref('excluded.basis'),
        state: eb.ref('excluded.state'),
        holder: eb.ref('excluded.holder'),
        done_on: eb.ref('excluded.done_on'),
        org_id: eb.ref('excluded.org_id'),
        updated_at: eb.ref('excluded.updated_at'),
        // A moved due date is a new deadline: it may be reminded of again.
        reminded_at: sql`CASE WHEN case_deadlines.due_date = excluded.due_date THEN case_deadlines.reminded_at END`,
        overdue_alerted_at: sql`CASE WHEN case_deadlines.due_date = excluded.due_date THEN case_deadlines.overdue_alerted_at END`,
      })),
    )
    .execute();
}

export async function findCaseDeadline(db: Executor, caseId: string, kind: string): Promise<CaseDeadlineRow | undefined> {
  return db.selectFrom('case_deadlines').selectAll().where('case_id', '=', caseId).where('kind', '=', kind).executeTakeFirst();
}

export async function stampDeadline(db: Executor, caseId: string, kind: string, set: { reminded_at?: Date; overdue_alerted_at?: Date }) {
  await db.updateTable('case_deadlines').set(set).where('case_id', '=', caseId).where('kind', '=', kind).execute();
}

// ---------------------------------------------------------------------------------------------------------
// 文号 and B2 ticket ranges

export async function findDocPattern(db: Executor, bureauId: string, docType: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('doc_number_patterns')
    .select('pattern')
    .where('bureau_id', '=', bureauId)
    .where('doc_type', '=', docType)
    .executeTakeFirst();
  return r?.pattern;
}

export async function upsertDocPattern(
  db: Executor,
  row: { bureau_id: string; doc_type: string; pattern: string; updated_by: string | null },
) {
  await db
    .insertInto('doc_number_patterns')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['bureau_id', 'doc_type']).doUpdateSet({ pattern: row.pattern, updated_by: row.updated_by, updated_at: sql`now()` }),
    )
    .execute();
}

export async function listDocPatterns(db: Executor, bureauId: string) {
  return db.selectFrom('doc_number_patterns').selectAll().where('bureau_id', '=', bureauId).orderBy('doc_type').execute();
}

/**
 * Gap-free: the increment takes the row lock of (bureau, year, type) until the step's transaction ends, so
 * concurrent steps queue and a rolled-back step gives its number back.
 */
/**
 * The next number of the (bureau, year, type) sequence — incremented in the caller's transaction, so gap-free — with
 * the bureau's pattern for the type (null when none is configured) and its short name, in one statement.
 */
export async function nextDocSequence(
  db: Executor,
  bureauId: string,
  year: number,
  docType: string,
): Promise<{ seq: number; pattern: string | null; shortName: string }> {
  const r = await sql<{ last_value: number; pattern: string | null; short_name: string | null }>`
    WITH next AS (
      INSERT INTO doc_number_sequences (bureau_id, year, doc_type, last_value) VALUES (${bureauId}, ${year}, ${docType}, 1)
      ON CONFLICT (bureau_id, year, doc_type) DO UPDATE SET last_value = doc_number_sequences.last_value + 1
      RETURNING last_value)
    SELECT next.last_value,
           (SELECT p.pattern FROM doc_number_patterns p WHERE p.bureau_id = ${bureauId} AND p.doc_type = ${docType}) AS pattern,
           (SELECT coalesce(g.short_name, g.name) FROM orgs g WHERE g.id = ${bureauId}) AS short_name
      FROM next`.execute(db);
  const row = r.rows[0]!;
  return { seq: Number(row.last_value), pattern: row.pattern, shortName: row.short_name ?? '' };
}

export async function bureauShortName(db: Executor, bureauId: string): Promise<string> {
  const r = await db.selectFrom('orgs').select(['short_name', 'name']).where('id', '=', bureauId).executeTakeFirst();
  return r?.short_name ?? r?.name ?? '';
}

export type TicketRangeRow = Selectable<SummaryTicketRangesTable>;

export async function insertTicketRange(db: Executor, row: Insertable<SummaryTicketRangesTable>) {
  await db.insertInto('summary_ticket_ranges').values(row).execute();
}

export async function listTicketRanges(db: Executor, jurisdictionPath: string): Promise<TicketRangeRow[]> {
  return db
    .selectFrom('summary_ticket_ranges as r')
    .innerJoin('orgs as g', 'g.id', 'r.org_id')
    .selectAll('r')
    .where('g.path', 'like', `${jurisdictionPath}%`)
    .orderBy('r.created_at')
    .execute();
}

/**
 * B2: takes the next pre-assigned number — the officer's own range first, then his squad's — under the
 * range's row lock, so two tickets never get the same number.
 */
export async function takeTicketNumber(
  db: Executor,
  orgId: string,
  officerId: string,
): Promise<{ prefix: string; number: number; digits: number } | null> {
  const r = await sql<{ prefix: string; number: number; digits: number }>`
    UPDATE summary_ticket_ranges SET next_number = next_number + 1
    WHERE id = (
      SELECT id FROM summary_ticket_ranges
      WHERE org_id = ${orgId} AND (officer_id = ${officerId} OR officer_id IS NULL) AND next_number <= last_number
      ORDER BY (officer_id IS NULL), created_at LIMIT 1 FOR UPDATE)
    RETURNING prefix, next_number - 1 AS number, digits`.execute(db);
  return r.rows[0] ?? null;
}
