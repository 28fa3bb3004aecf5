-- 067 驾驶舱: the roll-up facts of 非现场执法, 建筑垃圾, 执法监督 and 专项行动 (issue 16 §1; docs/cockpit.md, "Themes
-- and their numbers"). Each facts function gives one row's counts in the shape of migration 054's; the statement
-- triggers keep the roll-up (054) and its subtree table (066) in the writing transaction. The rows already in these
-- tables are counted once at the end.

-- 非现场执法: a review item counted for the unit that owns its device (the last unit of org_path) in the month of its
-- first event; its outcome under the same month; pending items as a stock.
CREATE FUNCTION cockpit_offsite_facts(r offsite_reviews) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, (cockpit_path_ids(r.org_path))[cardinality(cockpit_path_ids(r.org_path))], f.month, f.value FROM (VALUES
    ('offsite.found', cockpit_month(r.first_at), 1::bigint),
    ('offsite.confirmed', cockpit_month(r.first_at), CASE WHEN r.state = 'confirmed' THEN 1 ELSE 0 END),
    ('offsite.dismissed', cockpit_month(r.first_at), CASE WHEN r.state = 'dismissed' THEN 1 ELSE 0 END),
    ('offsite.decided', cockpit_month(r.first_at), CASE WHEN r.state IN ('confirmed', 'dismissed') THEN 1 ELSE 0 END),
    ('offsite.pending_now', DATE '2000-01-01', CASE WHEN r.state = 'pending' THEN 1 ELSE 0 END)
  ) AS f (metric, month, value)
  WHERE f.value <> 0
$$;

-- 建筑垃圾: a trajectory clue counted for its bureau in the month of the day it was found.
CREATE FUNCTION cockpit_waste_facts(c waste_clues) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, c.bureau_id, f.month, f.value FROM (VALUES
    ('waste.clues', date_trunc('month', c.day)::date, 1::bigint),
    ('waste.confirmed', date_trunc('month', c.day)::date, CASE WHEN c.status = 'confirmed' THEN 1 ELSE 0 END),
    ('waste.dismissed', date_trunc('month', c.day)::date, CASE WHEN c.status = 'dismissed' THEN 1 ELSE 0 END),
    ('waste.decided', date_trunc('month', c.day)::date, CASE WHEN c.status <> 'open' THEN 1 ELSE 0 END),
    ('waste.open_now', DATE '2000-01-01', CASE WHEN c.status = 'open' THEN 1 ELSE 0 END)
  ) AS f (metric, month, value)
  WHERE f.value <> 0
$$;

-- 执法监督: findings (by the month found; corrected and accepted ones; open ones as a stock), 两单两书 (by the month
-- issued), complaints about officers (by the month received; substantiated ones), case-file checks (points scored
-- and available, by the month checked).
CREATE FUNCTION cockpit_finding_facts(f0 supervision_findings) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, f0.org_id, f.month, f.value FROM (VALUES
    ('supervision.findings', cockpit_month(f0.created_at), 1::bigint),
    ('supervision.findings_settled', cockpit_month(f0.created_at), CASE WHEN f0.status = 'accepted' THEN 1 ELSE 0 END),
    ('supervision.findings_open_now', DATE '2000-01-01', CASE WHEN f0.status <> 'accepted' THEN 1 ELSE 0 END)
  ) AS f (metric, month, value)
  WHERE f.value <> 0
$$;

CREATE FUNCTION cockpit_notice_facts(n supervision_notices) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT 'supervision.notices', n.org_id, date_trunc('month', n.issued_on)::date, 1::bigint
$$;

CREATE FUNCTION cockpit_officer_complaint_facts(c supervision_officer_complaints)
RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, c.org_id, date_trunc('month', c.received_on)::date, f.value FROM (VALUES
    ('supervision.officer_complaints', 1::bigint),
    ('supervision.complaints_substantiated',
       CASE WHEN c.outcome IN ('substantiated', 'partly_substantiated') THEN 1 ELSE 0 END)
  ) AS f (metric, value)
  WHERE f.value <> 0
$$;

CREATE FUNCTION cockpit_check_facts(c supervision_checks) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, c.org_id, date_trunc('month', c.checked_on)::date, f.value FROM (VALUES
    ('supervision.checks', 1::bigint),
    ('supervision.check_points', c.score::bigint),
    ('supervision.check_max', c.max_score::bigint)
  ) AS f (metric, value)
  WHERE f.value <> 0
$$;

-- 专项行动: problem points by the month found, their 销项 by the month closed, open points as a stock.
CREATE FUNCTION cockpit_campaign_point_facts(p campaign_points) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, p.org_id, f.month, f.value FROM (VALUES
    ('campaigns.points', cockpit_month(p.created_at), 1::bigint),
    ('campaigns.closed', cockpit_month(p.closed_at), CASE WHEN p.state = 'closed' AND p.closed_at IS NOT NULL THEN 1 ELSE 0 END),
    ('campaigns.open_now', DATE '2000-01-01', CASE WHEN p.state <> 'closed' THEN 1 ELSE 0 END)
  ) AS f (metric, month, value)
  WHERE f.value <> 0
$$;

INSERT INTO cockpit_sources (table_name, facts_fn, module) VALUES
  ('offsite_reviews', 'cockpit_offsite_facts', 'offsite'),
  ('waste_clues', 'cockpit_waste_facts', 'waste'),
  ('supervision_findings', 'cockpit_finding_facts', 'supervision'),
  ('supervision_notices', 'cockpit_notice_facts', 'supervision'),
  ('supervision_officer_complaints', 'cockpit_officer_complaint_facts', 'supervision'),
  ('supervision_checks', 'cockpit_check_facts', 'supervision'),
  ('campaign_points', 'cockpit_campaign_point_facts', 'campaigns');

-- The three triggers of a source table, and its rows already there counted once.
CREATE FUNCTION cockpit_attach_source(tbl text, fn text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger(%3$L)', tbl || '_cockpit_ins', tbl, fn);
  EXECUTE format('CREATE TRIGGER %1$I AFTER UPDATE ON %2$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger(%3$L)', tbl || '_cockpit_upd', tbl, fn);
  EXECUTE format('CREATE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger(%3$L)', tbl || '_cockpit_del', tbl, fn);
  EXECUTE cockpit_append_sql(format('SELECT f.metric, f.month, f.org_id, f.value FROM %I t, LATERAL %I(t) f', tbl, fn));
END
$$;

SELECT cockpit_attach_source(table_name, facts_fn) FROM cockpit_sources
 WHERE table_name IN ('offsite_reviews', 'waste_clues', 'supervision_findings', 'supervision_notices',
                      'supervision_officer_complaints', 'supervision_checks', 'campaign_points');
