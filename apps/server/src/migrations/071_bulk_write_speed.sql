-- 071 Bulk writes into the registry (the spreadsheet import's commit, removing an import's records) and the other
-- cockpit sources (docs/subjects-import.md "Speed").
--
-- 1. The cockpit's facts functions return a few rows per source row (at most one per metric), but a set-returning
--    function is estimated at 1,000 rows: a statement trigger over a bulk insert's transition table (246,000 rows of
--    an import) was planned at 1,000 times its size and paid for JIT compilation (0.6 s of 1.5 s on 49,484 rows).
--    The estimate is now 4 rows.
DO $$
DECLARE
  f text;
BEGIN
  FOR f IN SELECT DISTINCT facts_fn FROM cockpit_sources ORDER BY facts_fn LOOP
    EXECUTE format('ALTER FUNCTION %I ROWS 4', f);
  END LOOP;
END
$$;

-- 2. Foreign keys to `subjects` whose referencing column had no index: deleting a subject (an import's records taken
--    back, a record removed) scanned each of these tables once per deleted record — with 46,000 rectification orders,
--    49,484 records took more than 10 minutes.
CREATE INDEX IF NOT EXISTS rectification_orders_subject_idx ON rectification_orders (subject_id);
CREATE INDEX IF NOT EXISTS inspection_plan_conflicts_subject_idx ON inspection_plan_conflicts (subject_id);
CREATE INDEX IF NOT EXISTS compound_profiles_company_idx ON compound_profiles (property_company_id);
CREATE INDEX IF NOT EXISTS property_reports_compound_idx ON property_reports (compound_id);
CREATE INDEX IF NOT EXISTS property_reports_company_idx ON property_reports (company_id);
CREATE INDEX IF NOT EXISTS stall_point_tickets_subject_idx ON stall_point_tickets (subject_id);
