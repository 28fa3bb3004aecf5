-- 068 数据资源目录 (issue 16 §4; docs/data-sharing.md): the catalogue's sync as one SQL function, used by
-- `POST /api/v1/data-assets/sync` and by every migration that adds tables or columns (ending with
-- `SELECT data_assets_sync(now())`), so the catalogue of a freshly migrated database already lists every table:
-- the tables made since it was last synced are added (as 不予共享 until the administrator says otherwise) and the new
-- columns of the known ones are appended to their fields, in column order.
-- The platform's tables and views with their columns, in column order.
CREATE FUNCTION data_assets_columns() RETURNS TABLE (table_name text, column_name text, data_type text, ord int)
LANGUAGE sql STABLE AS $$
  SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.ordinal_position::int
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
   WHERE c.table_schema = current_schema() AND t.table_type IN ('BASE TABLE', 'VIEW')
     AND c.table_name NOT IN ('schema_migrations', 'kysely_migration', 'kysely_migration_lock')
$$;

CREATE FUNCTION data_assets_sync(at timestamptz, OUT added text[], OUT updated text[]) LANGUAGE plpgsql AS $$
BEGIN
  WITH fresh AS (
    SELECT c.table_name,
           jsonb_agg(jsonb_build_object('name', c.column_name, 'label', '', 'labelEn', '', 'type', c.data_type) ORDER BY c.ord) AS more
      FROM data_assets_columns() c JOIN data_assets d ON d.code = c.table_name
     WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(d.fields) h WHERE h ->> 'name' = c.column_name)
     GROUP BY c.table_name
  ), upd AS (
    UPDATE data_assets d SET fields = d.fields || f.more, updated_at = at FROM fresh f WHERE d.code = f.table_name RETURNING d.code
  )
  SELECT coalesce(array_agg(code ORDER BY code), '{}') INTO updated FROM upd;

  WITH ins AS (
    INSERT INTO data_assets (code, name, name_en, owner, fields, updated_at)
    SELECT c.table_name, c.table_name, c.table_name, '市城管执法局',
           jsonb_agg(jsonb_build_object('name', c.column_name, 'label', '', 'labelEn', '', 'type', c.data_type) ORDER BY c.ord), at
      FROM data_assets_columns() c
     WHERE NOT EXISTS (SELECT 1 FROM data_assets d WHERE d.code = c.table_name)
     GROUP BY c.table_name
    RETURNING code
  )
  SELECT coalesce(array_agg(code ORDER BY code), '{}') INTO added FROM ins;
END
$$;

SELECT data_assets_sync(now());
