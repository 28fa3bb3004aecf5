-- The visit that led to a case (rectification.ts sets it when a failed visit becomes a case). Without an index on the
-- column, removing a case made the database read every visit to check that none points at it: in the ten-year city
-- (256,000 visits, 316 MB) a clean-up of a few hundred cases took minutes. Only the few visits that led to a case are
-- in it.
CREATE INDEX inspection_visits_case_idx ON inspection_visits (case_id) WHERE case_id IS NOT NULL;
