// Full-text-ish search of the library in Chinese: every term must occur (ILIKE), ranked by pg_trgm similarity.
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';
import { containsPattern } from '../../db/like.ts';

export type SearchRow = { id: string; score: number };

/** Offences in force on `on` whose text — name, code, keywords, provisions, guidance, linked exemption items — holds every term. */
export async function searchOffences(db: Executor, terms: readonly string[], q: string, on: string, limit: number): Promise<SearchRow[]> {
  const patterns = terms.map(containsPattern);
  const r = await sql<SearchRow>`
    WITH docs AS (
      SELECT o.id, o.code,
             concat_ws(' ', o.name, array_to_string(o.keywords, ' ')) AS head,
             concat_ws(' ', o.name, o.code, array_to_string(o.keywords, ' '), o.violated_provision, o.penalty_provision,
                       vp.law_title, vp.text, pp.law_title, pp.text,
                       (SELECT string_agg(concat_ws(' ', g.title, g.steps::text, g.evidence::text, g.checklist::text), ' ')
                          FROM law_guidance g WHERE g.offence_code = o.code),
                       (SELECT string_agg(concat_ws(' ', e.behaviour, e.provision, array_to_string(e.keywords, ' ')), ' ')
                          FROM law_exemption_items e WHERE e.offence_code = o.code)) AS doc
        FROM law_offences o
        LEFT JOIN law_provisions vp ON vp.id = o.violated_provision_id
        LEFT JOIN law_provisions pp ON pp.id = o.penalty_provision_id
       WHERE o.effective_from <= ${on}::date AND (o.effective_to IS NULL OR o.effective_to >= ${on}::date)
    )
    SELECT id, greatest(similarity(head, ${q}), word_similarity(${q}, doc) * 0.5)::float8 AS score
      FROM docs
     WHERE doc ILIKE ALL (${patterns}::text[])
     ORDER BY score DESC, code
     LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ id: x.id, score: Number(x.score) }));
}

/** Exemption-list items in force on `on` whose wording (or linked offence) holds every term. */
export async function searchExemptions(db: Executor, terms: readonly string[], q: string, on: string, limit: number): Promise<SearchRow[]> {
  const patterns = terms.map(containsPattern);
  const r = await sql<SearchRow>`
    WITH docs AS (
      SELECT e.id, e.list_name, e.item_no,
             concat_ws(' ', e.behaviour, array_to_string(e.keywords, ' ')) AS head,
             concat_ws(' ', e.list_name, e.provision, e.behaviour, e.conditions_text, array_to_string(e.keywords, ' '),
                       (SELECT string_agg(concat_ws(' ', o.name, array_to_string(o.keywords, ' ')), ' ')
                          FROM law_offences o WHERE o.code = e.offence_code)) AS doc
        FROM law_exemption_items e
       WHERE e.effective_from <= ${on}::date AND (e.effective_to IS NULL OR e.effective_to >= ${on}::date)
    )
    SELECT id, greatest(similarity(head, ${q}), word_similarity(${q}, doc) * 0.5)::float8 AS score
      FROM docs
     WHERE doc ILIKE ALL (${patterns}::text[])
     ORDER BY score DESC, list_name, item_no
     LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ id: x.id, score: Number(x.score) }));
}
