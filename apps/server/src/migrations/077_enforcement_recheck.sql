-- 077 The daily enforcement check looks again only at the cases whose enforcement view the calendar can change.
-- recheck_on: the first day on which the view may differ without a step (domain enforcementRecheckOn; null: only a
-- step changes it). calendar_key: the SM3 of the working calendar the row was computed under; a row computed under
-- another calendar (an administrator's 调休 correction) is looked at again whatever its recheck_on. Rows written before
-- this migration are due at once, so the next check computes both. The check reads the rows by case (the primary
-- key), from the cases with a fine: no index of its own.
ALTER TABLE case_enforcement ADD COLUMN recheck_on date;
ALTER TABLE case_enforcement ADD COLUMN calendar_key text;
UPDATE case_enforcement SET recheck_on = refreshed_on;

SELECT data_assets_sync(now());
