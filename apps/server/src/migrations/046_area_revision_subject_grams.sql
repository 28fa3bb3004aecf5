-- 046 Two reads made fast at city scale.
--
-- 1. The revision of the squads' service areas (routing a point to its squad: a ticket's intake, a subject's
--    location). The answer depends on org_areas and on the orgs' bureau and active flag; any change to either table
--    (a statement trigger, also on TRUNCATE and COPY) gives a new random revision, as law_revision does for the law
--    data (016). A process keeps the areas it read under the revision it read them at (subjects.repository.ts
--    `squadAt`), so routing reads one row instead of the candidate areas and their polygons.
CREATE TABLE org_area_revision (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  revision  uuid NOT NULL
);
INSERT INTO org_area_revision (revision) VALUES (gen_random_uuid());

CREATE FUNCTION bump_org_area_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE org_area_revision SET revision = gen_random_uuid();
  RETURN NULL;
END
$$;

CREATE TRIGGER org_areas_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_areas
  FOR EACH STATEMENT EXECUTE FUNCTION bump_org_area_revision();
CREATE TRIGGER orgs_area_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION bump_org_area_revision();

-- 2. The registry's search (q) for a term of one or two characters — a shop's 「面馆」, 「烟酒」 — which trigrams
--    cannot answer (027's indexes then read every entry). As for the cases (018): every subject is indexed by the
--    unigrams and bigrams of its lower-cased searchable columns, each column on its own, in one GIN index on an
--    expression (nothing stored, nothing for a writer, the import or the generator to fill):
--      a term of one or two characters is in a column  ⇔  it is one of that column's grams.
--    The list adds `search_grams(…) @> search_term_grams(q)` for such a term and keeps its ILIKE on each column as
--    the exact check, so the rows are those of a plain ILIKE. Longer terms keep the trigram indexes.
CREATE INDEX subjects_search_grams_idx ON subjects USING gin (search_grams(name, code, credit_code, address, plate));
-- The planner judges a term by the statistics of the index's expression, which only ANALYZE gathers.
ANALYZE subjects;
