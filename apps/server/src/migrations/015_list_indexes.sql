-- Lists at city scale (1.5 million cases over ten years). The case list is ordered by 发现日期 (newest first), then by
-- registration order (ids are UUIDv7): the order is a column the list shows, and a date-range filter — the most common
-- one — is a range of the same index, so every page is an index range scan at any depth of history. One index per
-- jurisdiction level the list is read at: a squad (org_id), a district bureau (bureau_id), the city (no prefix).
CREATE INDEX cases_org_list_idx ON cases (org_id, discovered_on DESC, id DESC);
CREATE INDEX cases_bureau_list_idx ON cases (bureau_id, discovered_on DESC, id DESC);
CREATE INDEX cases_list_idx ON cases (discovered_on DESC, id DESC);
-- Superseded by the three above (a leading column of each).
DROP INDEX IF EXISTS cases_discovered_idx;
-- A state filter (the workbench's open states, 待审批 lists) within a squad or a bureau, in list order.
DROP INDEX IF EXISTS cases_org_state_idx;
CREATE INDEX cases_org_state_idx ON cases (org_id, state, discovered_on DESC, id DESC);
