-- The case list filtered by 案由 or by 领域, in list order (发现日期 newest first, then id). The single-column indexes
-- found the matching cases but not in order: a district's or a squad's list of its commonest 案由 (GEN-JZ-01, ~1 case
-- in 4) sorted or filtered thousands of rows for a page (45–90 ms p95 in the ten-year city), and the city's list of a rare
-- 领域 with a procedure walked the whole history (0.8–1.4 s). Each index below leads with the filter and keeps list
-- order after it, so a page is an index range and a count to the cap reads the index alone. The two widened indexes
-- replace the single-column ones (the same number of indexes for a writer); the squad's and the district's 案由 are
-- two more: 案由 is the filter a squad uses most after the state.
CREATE INDEX cases_offence_list_idx ON cases (offence_code, discovered_on DESC, id DESC);
CREATE INDEX cases_org_offence_list_idx ON cases (org_id, offence_code, discovered_on DESC, id DESC);
CREATE INDEX cases_bureau_offence_list_idx ON cases (bureau_id, offence_code, discovered_on DESC, id DESC);
CREATE INDEX cases_domain_list_idx ON cases (domain, discovered_on DESC, id DESC);
DROP INDEX cases_offence_idx;
DROP INDEX cases_domain_idx;
