-- The case list's search (q) looks in the case number, the party's name and the location: with a trigram index on each
-- of the three, the database can answer a rare term from the indexes (a bitmap OR) instead of reading a bureau's history.
CREATE INDEX cases_case_number_trgm_idx ON cases USING gin (case_number gin_trgm_ops);
