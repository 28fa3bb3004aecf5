-- 054 数据驾驶舱 (issue 16 §1, §5; docs/cockpit.md): the roll-up every cockpit number is read from, kept current by
-- statement triggers on the base tables inside the writing transaction, the list of the tables that feed it (a
-- theme's module adds its own with its own migration), the targets set by the city, and the bulletins.

-- Deltas per metric × squad (or bureau, for a record that has no squad) × month: a number is the sum of its key's
-- rows. Writers only append (a statement's deltas are new rows), so two transactions never wait for each other on
-- a shared roll-up row — an upsert here would lock that row until commit and deadlock against the audit chain's lock
-- taken in another order. The job cockpit.compact folds each key's rows into one (cockpit_compact) every minute.
-- "Stock" metrics (open now, active subjects) are kept under the month 2000-01-01.
CREATE TABLE cockpit_rollup (
  metric text NOT NULL,
  month  date NOT NULL,
  org_id uuid NOT NULL,
  value  bigint NOT NULL
);
CREATE INDEX cockpit_rollup_key_idx ON cockpit_rollup (metric, month, org_id);

-- The tables that feed the roll-up and the function giving one row's facts; cockpit_rebuild() reads this list.
CREATE TABLE cockpit_sources (
  table_name text PRIMARY KEY,
  facts_fn   text NOT NULL,
  module     text NOT NULL
);

-- UTC+8 without daylight saving: the month of an instant in Shanghai.
CREATE FUNCTION cockpit_month(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_trunc('month', (ts AT TIME ZONE 'UTC') + interval '8 hours')::date
$$;

-- Cases: counted for the squad (org_id) under the month found (discovered_on, else the day entered).
CREATE FUNCTION cockpit_case_facts(c cases) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, c.org_id, f.month, f.value FROM (VALUES
    ('cases.opened', cockpit_month(coalesce(c.discovered_on::timestamptz, c.created_at)), 1::bigint),
    ('cases.open_now', DATE '2000-01-01',
       CASE WHEN c.state IN ('closed', 'archived', 'not_filed', 'transferred') THEN 0 ELSE 1 END),
    ('cases.overdue_now', DATE '2000-01-01',
       CASE WHEN c.has_overdue THEN 1 ELSE 0 END),
    ('cases.from_complaint', cockpit_month(coalesce(c.discovered_on::timestamptz, c.created_at)),
       CASE WHEN c.source = 'complaint' THEN 1 ELSE 0 END),
    ('cases.decided', cockpit_month(c.decided_on::timestamptz), CASE WHEN c.decided_on IS NULL THEN 0 ELSE 1 END),
    ('cases.fine_fen', cockpit_month(c.decided_on::timestamptz), CASE WHEN c.decided_on IS NULL THEN 0 ELSE coalesce(c.fine_fen, 0) END),
    ('cases.summary_decided', cockpit_month(c.decided_on::timestamptz),
       CASE WHEN c.decided_on IS NOT NULL AND c.procedure = 'summary' THEN 1 ELSE 0 END),
    ('cases.summary_on_site', cockpit_month(c.decided_on::timestamptz),
       CASE WHEN c.procedure = 'summary' AND c.decided_on IS NOT NULL
             AND c.decided_on = coalesce(c.discovered_on, c.act_date) THEN 1 ELSE 0 END),
    ('cases.closed', cockpit_month(c.closed_on::timestamptz), CASE WHEN c.closed_on IS NULL THEN 0 ELSE 1 END)
  ) AS f (metric, month, value)
  WHERE f.value <> 0 AND f.month IS NOT NULL
$$;

-- Tickets (诉件): counted for the squad (else the bureau) under the month received; returned, referred and merged
-- tickets are outside the rates (domain ticketRates) and counted only as received_all.
CREATE FUNCTION cockpit_ticket_facts(t tickets) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, coalesce(t.org_id, t.bureau_id),
         CASE WHEN f.metric = 'tickets.open_now' THEN DATE '2000-01-01' ELSE cockpit_month(t.received_at) END, f.value FROM (VALUES
    ('tickets.received_all', 1::bigint),
    ('tickets.received', CASE WHEN t.state IN ('returned', 'referred', 'merged') THEN 0 ELSE 1 END),
    ('tickets.contact_done', CASE WHEN t.state NOT IN ('returned', 'referred', 'merged') AND t.reporter_phone IS NOT NULL
                                   AND t.first_contact_at IS NOT NULL THEN 1 ELSE 0 END),
    ('tickets.contact_ok', CASE WHEN t.state NOT IN ('returned', 'referred', 'merged') AND t.reporter_phone IS NOT NULL
                                 AND t.first_contact_at <= t.first_contact_due_at THEN 1 ELSE 0 END),
    ('tickets.replied', CASE WHEN t.state NOT IN ('returned', 'referred', 'merged') AND t.replied_at IS NOT NULL THEN 1 ELSE 0 END),
    ('tickets.replied_ok', CASE WHEN t.state NOT IN ('returned', 'referred', 'merged')
                                 AND t.replied_at <= t.handling_due_at THEN 1 ELSE 0 END),
    ('tickets.resolved_d', CASE WHEN t.state NOT IN ('returned', 'referred', 'merged') AND t.resolved IS NOT NULL THEN 1 ELSE 0 END),
    ('tickets.resolved_n', CASE WHEN t.state NOT IN ('returned', 'referred', 'merged') AND t.resolved THEN 1 ELSE 0 END),
    ('tickets.sat_d', CASE WHEN t.state NOT IN ('returned', 'referred', 'merged') AND t.satisfaction IS NOT NULL THEN 1 ELSE 0 END),
    ('tickets.sat_n', CASE WHEN t.state NOT IN ('returned', 'referred', 'merged')
                            AND t.satisfaction IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 END),
    ('tickets.converted', CASE WHEN t.state NOT IN ('returned', 'referred', 'merged') AND t.case_id IS NOT NULL THEN 1 ELSE 0 END),
    ('tickets.open_now', CASE WHEN t.state IN ('received', 'accepted', 'dispatched', 'handling') THEN 1 ELSE 0 END)
  ) AS f (metric, value)
  WHERE f.value <> 0
$$;

-- The part of two rates that moves with the clock (a ticket not yet contacted or replied whose due time has passed
-- enters the denominator, domain ticketRates) is read live from the few tickets still waiting, by these indexes.
CREATE INDEX tickets_cockpit_contact_wait_idx ON tickets (received_at)
  WHERE first_contact_at IS NULL AND reporter_phone IS NOT NULL AND state NOT IN ('returned', 'referred', 'merged');
CREATE INDEX tickets_cockpit_reply_wait_idx ON tickets (received_at)
  WHERE replied_at IS NULL AND state NOT IN ('returned', 'referred', 'merged');

-- Subjects: the stock (active, red, yellow), and those entered in a month (merged records are not counted).
CREATE FUNCTION cockpit_subject_facts(s subjects) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, coalesce(s.org_id, s.bureau_id),
         CASE WHEN f.metric = 'subjects.created' THEN cockpit_month(s.created_at) ELSE DATE '2000-01-01' END, f.value FROM (VALUES
    ('subjects.created', CASE WHEN s.status = 'merged' THEN 0 ELSE 1 END::bigint),
    ('subjects.active', CASE WHEN s.status = 'active' THEN 1 ELSE 0 END),
    ('subjects.red', CASE WHEN s.status = 'active' AND s.risk_level = 'red' THEN 1 ELSE 0 END),
    ('subjects.yellow', CASE WHEN s.status = 'active' AND s.risk_level = 'yellow' THEN 1 ELSE 0 END)
  ) AS f (metric, value)
  WHERE f.value <> 0
$$;

-- Inspection visits (双随机 and other tasks): under the month visited.
CREATE FUNCTION cockpit_visit_facts(v inspection_visits) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, v.org_id, date_trunc('month', v.visited_on)::date, f.value FROM (VALUES
    ('inspections.visits', 1::bigint),
    ('inspections.failed', CASE WHEN v.outcome = 'failed' THEN 1 ELSE 0 END),
    ('inspections.to_case', CASE WHEN v.case_id IS NOT NULL THEN 1 ELSE 0 END)
  ) AS f (metric, value)
  WHERE f.value <> 0
$$;

-- Duty: rostered shifts under the duty date's month.
CREATE FUNCTION cockpit_roster_facts(r duty_roster) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT f.metric, r.org_id, date_trunc('month', r.duty_date)::date, f.value FROM (VALUES
    ('duty.shifts', 1::bigint),
    ('duty.field_shifts', CASE WHEN r.field THEN 1 ELSE 0 END)
  ) AS f (metric, value)
  WHERE f.value <> 0
$$;

CREATE FUNCTION cockpit_dutylog_facts(e duty_log_entries) RETURNS TABLE (metric text, org_id uuid, month date, value bigint)
LANGUAGE sql STABLE STRICT AS $$
  SELECT 'duty.log_entries', e.org_id, date_trunc('month', e.entry_date)::date, 1::bigint
$$;

INSERT INTO cockpit_sources (table_name, facts_fn, module) VALUES
  ('cases', 'cockpit_case_facts', 'cases'),
  ('tickets', 'cockpit_ticket_facts', 'tickets'),
  ('subjects', 'cockpit_subject_facts', 'subjects'),
  ('inspection_visits', 'cockpit_visit_facts', 'inspections'),
  ('duty_roster', 'cockpit_roster_facts', 'duty'),
  ('duty_log_entries', 'cockpit_dutylog_facts', 'duty');

-- Append one statement's deltas: the facts of the new rows minus those of the old, summed per key; keys whose sum
-- is zero (an update that changed nothing counted) are not written.
CREATE FUNCTION cockpit_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cockpit_rollup (metric, month, org_id, value)
  SELECT d.metric, d.month, d.org_id, sum(d.value)
    FROM jsonb_to_recordset(deltas) AS d (metric text, month date, org_id uuid, value bigint)
   GROUP BY 1, 2, 3 HAVING sum(d.value) <> 0
$$;

-- Folds each key's delta rows into one row (dropped when the sum is zero). Rows appended meanwhile by transactions
-- not yet committed are not seen and stay for the next run; the sums read are the same before and after.
CREATE FUNCTION cockpit_compact() RETURNS bigint LANGUAGE sql AS $$
  WITH keys AS (
    SELECT metric, month, org_id FROM cockpit_rollup GROUP BY 1, 2, 3 HAVING count(*) > 1 OR sum(value) = 0
  ), gone AS (
    DELETE FROM cockpit_rollup r USING keys k
     WHERE r.metric = k.metric AND r.month = k.month AND r.org_id = k.org_id
    RETURNING r.metric, r.month, r.org_id, r.value
  ), kept AS (
    INSERT INTO cockpit_rollup (metric, month, org_id, value)
    SELECT metric, month, org_id, sum(value) FROM gone GROUP BY 1, 2, 3 HAVING sum(value) <> 0
    RETURNING 1
  )
  SELECT count(*) FROM gone
$$;

-- The trigger function of every source table: TG_ARGV[0] is the facts function. Transition tables hold the
-- statement's rows; the dynamic statement names them (PL/pgSQL registers them for EXECUTE too).
CREATE FUNCTION cockpit_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fn text := TG_ARGV[0];
  deltas jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(f)), ''[]'') FROM new_rows n, LATERAL %I(n) f', fn) INTO deltas;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT coalesce(jsonb_agg(jsonb_build_object(''metric'', f.metric, ''month'', f.month, ''org_id'', f.org_id, ''value'', -f.value)), ''[]'')
                      FROM old_rows o, LATERAL %I(o) f', fn) INTO deltas;
  ELSE
    EXECUTE format('SELECT coalesce(jsonb_agg(x), ''[]'') FROM (
                      SELECT to_jsonb(f) AS x FROM new_rows n, LATERAL %I(n) f
                      UNION ALL
                      SELECT jsonb_build_object(''metric'', f.metric, ''month'', f.month, ''org_id'', f.org_id, ''value'', -f.value)
                        FROM old_rows o, LATERAL %I(o) f) d', fn, fn) INTO deltas;
  END IF;
  IF jsonb_array_length(deltas) > 0 THEN
    PERFORM cockpit_apply(deltas);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER cases_cockpit_ins AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_case_facts');
CREATE TRIGGER cases_cockpit_upd AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_case_facts');
CREATE TRIGGER cases_cockpit_del AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_case_facts');

CREATE TRIGGER tickets_cockpit_ins AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_ticket_facts');
CREATE TRIGGER tickets_cockpit_upd AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_ticket_facts');
CREATE TRIGGER tickets_cockpit_del AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_ticket_facts');

CREATE TRIGGER subjects_cockpit_ins AFTER INSERT ON subjects REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_subject_facts');
CREATE TRIGGER subjects_cockpit_upd AFTER UPDATE ON subjects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_subject_facts');
CREATE TRIGGER subjects_cockpit_del AFTER DELETE ON subjects REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_subject_facts');

CREATE TRIGGER inspection_visits_cockpit_ins AFTER INSERT ON inspection_visits REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_visit_facts');
CREATE TRIGGER inspection_visits_cockpit_upd AFTER UPDATE ON inspection_visits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_visit_facts');
CREATE TRIGGER inspection_visits_cockpit_del AFTER DELETE ON inspection_visits REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_visit_facts');

CREATE TRIGGER duty_roster_cockpit_ins AFTER INSERT ON duty_roster REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_roster_facts');
CREATE TRIGGER duty_roster_cockpit_upd AFTER UPDATE ON duty_roster REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_roster_facts');
CREATE TRIGGER duty_roster_cockpit_del AFTER DELETE ON duty_roster REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_roster_facts');

CREATE TRIGGER duty_log_entries_cockpit_ins AFTER INSERT ON duty_log_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_dutylog_facts');
CREATE TRIGGER duty_log_entries_cockpit_upd AFTER UPDATE ON duty_log_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_dutylog_facts');
CREATE TRIGGER duty_log_entries_cockpit_del AFTER DELETE ON duty_log_entries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_rollup_trigger('cockpit_dutylog_facts');

-- Recompute everything from the base tables (after a bulk load with triggers off, or to check the triggers).
CREATE FUNCTION cockpit_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s record;
BEGIN
  DELETE FROM cockpit_rollup;
  FOR s IN SELECT table_name, facts_fn FROM cockpit_sources ORDER BY table_name LOOP
    EXECUTE format('INSERT INTO cockpit_rollup (metric, month, org_id, value)
                    SELECT f.metric, f.month, f.org_id, sum(f.value) FROM %I t, LATERAL %I(t) f
                     GROUP BY 1, 2, 3 HAVING sum(f.value) <> 0',
                   s.table_name, s.facts_fn);
  END LOOP;
END
$$;

INSERT INTO cockpit_rollup (metric, month, org_id, value)
SELECT f.metric, f.month, f.org_id, sum(f.value) FROM cases t, LATERAL cockpit_case_facts(t) f GROUP BY 1, 2, 3 HAVING sum(f.value) <> 0;
INSERT INTO cockpit_rollup (metric, month, org_id, value)
SELECT f.metric, f.month, f.org_id, sum(f.value) FROM tickets t, LATERAL cockpit_ticket_facts(t) f GROUP BY 1, 2, 3 HAVING sum(f.value) <> 0;
INSERT INTO cockpit_rollup (metric, month, org_id, value)
SELECT f.metric, f.month, f.org_id, sum(f.value) FROM subjects t, LATERAL cockpit_subject_facts(t) f GROUP BY 1, 2, 3 HAVING sum(f.value) <> 0;
INSERT INTO cockpit_rollup (metric, month, org_id, value)
SELECT f.metric, f.month, f.org_id, sum(f.value) FROM inspection_visits t, LATERAL cockpit_visit_facts(t) f GROUP BY 1, 2, 3 HAVING sum(f.value) <> 0;
INSERT INTO cockpit_rollup (metric, month, org_id, value)
SELECT f.metric, f.month, f.org_id, sum(f.value) FROM duty_roster t, LATERAL cockpit_roster_facts(t) f GROUP BY 1, 2, 3 HAVING sum(f.value) <> 0;
INSERT INTO cockpit_rollup (metric, month, org_id, value)
SELECT f.metric, f.month, f.org_id, sum(f.value) FROM duty_log_entries t, LATERAL cockpit_dutylog_facts(t) f GROUP BY 1, 2, 3 HAVING sum(f.value) <> 0;

-- Targets set by the city bureau; a KPI without a row here uses the default of its theme (the seeds' figures).
CREATE TABLE cockpit_targets (
  kpi        text PRIMARY KEY,
  target     numeric NOT NULL,
  updated_by uuid REFERENCES officers (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- 统计通报: a month's or a quarter's numbers for one jurisdiction, frozen when generated, reviewed and published by a
-- leader. The PDF and the workbook are rendered from `data` (so a published bulletin never changes).
CREATE TABLE cockpit_bulletins (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES orgs (id),
  period_kind  text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
  period       text NOT NULL,
  status       text NOT NULL CHECK (status IN ('draft', 'published')),
  data         jsonb NOT NULL,
  note         text,
  created_by   uuid REFERENCES officers (id),
  created_at   timestamptz NOT NULL,
  published_by uuid REFERENCES officers (id),
  published_at timestamptz,
  UNIQUE (org_id, period_kind, period)
);
