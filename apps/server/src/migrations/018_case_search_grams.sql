-- The case list's search (q) at city scale, for any term. Trigrams cannot answer a term of one or two characters — a
-- surname 「王」, a name 「张三」 — which are most of what is typed in Chinese. Instead every case is indexed by the
-- unigrams and bigrams of its lower-cased searchable text (case number, party's name, location), each column on its
-- own, in one GIN index on an expression (nothing to store, nothing for a writer or a loader to fill):
--   a term of one or two characters is in a column  ⇔  it is one of that column's grams;
--   a longer term is in a column  ⇒  each of its bigrams is one of the case's bigrams,
-- and for a longer term the query keeps its ILIKE on the columns as the exact recheck, so the rows are those of a
-- plain ILIKE. Both sides lower-case with the database's lower(), as ILIKE does. Only pg_catalog functions are called
-- (an index expression may be evaluated under an empty search_path by maintenance commands).
CREATE FUNCTION search_grams(VARIADIC texts text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(substr(s.l, i, n)), '{}')
    FROM unnest(texts) AS t(v)
    CROSS JOIN LATERAL (SELECT lower(t.v) AS l) s
    CROSS JOIN LATERAL generate_series(1, 2) AS n
    CROSS JOIN LATERAL generate_series(1, length(s.l) - n + 1) AS i
$$;

-- The grams a matching case must have: the term itself when it is one character, else its bigrams.
CREATE FUNCTION search_term_grams(term text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN length(term) < 2 THEN ARRAY[lower(term)]
    ELSE (SELECT array_agg(DISTINCT substr(lower(term), i, 2)) FROM generate_series(1, length(term) - 1) AS i)
  END
$$;

CREATE INDEX cases_search_grams_idx ON cases USING gin (search_grams(case_number, party_name, location));

-- Superseded by the index above (the list's search was their only reader); every case write maintained all three.
DROP INDEX IF EXISTS cases_case_number_trgm_idx;
DROP INDEX IF EXISTS cases_party_name_trgm_idx;
DROP INDEX IF EXISTS cases_location_trgm_idx;
-- The planner judges a term by the statistics of the index's expression, which only ANALYZE gathers.
ANALYZE cases;

-- The workbench's deadline sets (open agency deadlines not done: due soon, overdue) per jurisdiction level, in their
-- order (due date, case, kind), so a page is an index range however long the history.
CREATE INDEX case_deadlines_agency_org_idx ON case_deadlines (org_id, due_date, case_id, kind)
  WHERE holder = 'agency' AND done_on IS NULL AND state IN ('running', 'overdue');
CREATE INDEX case_deadlines_agency_bureau_idx ON case_deadlines (bureau_id, due_date, case_id, kind)
  WHERE holder = 'agency' AND done_on IS NULL AND state IN ('running', 'overdue');
CREATE INDEX case_deadlines_agency_idx ON case_deadlines (due_date, case_id, kind)
  WHERE holder = 'agency' AND done_on IS NULL AND state IN ('running', 'overdue');
