// The bench's bureau has read the articles its workloads rest on. The starter library marks the 违则 of its
// garbage-sorting offences 未核实, and E12 (处罚法 Arts. 38, 59) refuses a decision on such law until a legal reviewer
// confirms the article for the case — a bureau whose legal department has checked its library issues the one-call
// ticket and the decision directly. The bench measures that path: before a run, the offences it uses are marked
// verified in the bench's own throw-away database, with the library's wording without its 「（…未核实）」 note.
// Nothing here is legal content: it never reaches a real deployment.

import { CompiledQuery } from 'kysely';
import { UNVERIFIED_NOTE_PATTERN } from '@chengguan/domain';
import { createTestContext, type TestContext } from '../../apps/server/test/harness.ts';

/** The offences the bench's workloads use: the 当场 ticket's and the ordinary case's. */
export const BENCH_OFFENCES = ['SH-LJ-57-2', 'SH-LJ-57-4'] as const;

type Query = (text: string, params: unknown[]) => Promise<unknown>;

/** Marks the bench's offences and the provisions they link to as verified (one transaction of the caller's). */
export async function markBenchLibraryVerified(query: Query, codes: readonly string[] = BENCH_OFFENCES): Promise<void> {
  const note = UNVERIFIED_NOTE_PATTERN;
  await query(
    `UPDATE law_provisions SET verification = 'V'
      WHERE id IN (SELECT violated_provision_id FROM law_offences WHERE code = ANY($1::text[])
                   UNION SELECT penalty_provision_id FROM law_offences WHERE code = ANY($1::text[]))`,
    [codes],
  );
  await query(
    `UPDATE law_offences SET verification = 'V',
            violated_provision = btrim(regexp_replace(violated_provision, $2, '', 'g')),
            penalty_provision = btrim(regexp_replace(penalty_provision, $2, '', 'g'))
      WHERE code = ANY($1::text[])`,
    [codes, note],
  );
}

/** The in-process platform the bench measures: the demo bureau, with the bench's offences verified. */
export async function createBenchContext(): Promise<TestContext> {
  const ctx = await createTestContext();
  const db = ctx.deps.db;
  await markBenchLibraryVerified((text, params) => db.executeQuery(CompiledQuery.raw(text, params)));
  return ctx;
}
