// What the daily signed digest (modules/data-sharing, docs/data-sharing.md §3) reads of 行政执法公示, through
// ./index.ts: the decisions first published on a day, as the public page shows them (redacted content).
import type { Executor } from '../../context.ts';

export async function disclosuresPublishedOn(db: Executor, day: string): Promise<{ id: string; record: unknown }[]> {
  const rows = await db
    .selectFrom('disclosures')
    .select(['id', 'document_number', 'agency_name', 'decided_on', 'published_on', 'public_until', 'content'])
    .where('published_on', '=', day)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    record: {
      documentNumber: r.document_number,
      agencyName: r.agency_name,
      decidedOn: String(r.decided_on).slice(0, 10),
      publishedOn: String(r.published_on).slice(0, 10),
      publicUntil: r.public_until ? String(r.public_until).slice(0, 10) : null,
      content: r.content,
    },
  }));
}
