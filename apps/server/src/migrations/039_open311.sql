-- 039 Open311 GeoReport v2 (issue 13 §1b; docs/tickets.md "Open311"): partner keys bound to a district bureau, the
-- partner's own fields of each request filed through the interface (token, device, account, media link, attribute
-- answers), and the extra questions a service (a leaf ticket category) asks. The ticket itself is a row of `tickets`
-- with channel 'open311'.

-- A partner's api_key: only its SM3 digest is kept (the key is shown once, when it is made). Revoked keys stay for
-- the requests they filed.
CREATE TABLE open311_keys (
  id          uuid PRIMARY KEY,
  key_hash    text NOT NULL UNIQUE,
  key_hint    text NOT NULL,
  name        text NOT NULL,
  bureau_id   uuid NOT NULL REFERENCES orgs (id),
  created_by  uuid REFERENCES officers (id),
  created_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  revoked_by  uuid REFERENCES officers (id)
);
CREATE INDEX open311_keys_bureau_idx ON open311_keys (bureau_id, created_at);

-- One row per ticket filed through Open311: the key that filed it (a key reads only its own requests), the token
-- (GET tokens/{token}), and what the partner sent that has no column in `tickets`.
CREATE TABLE open311_submissions (
  ticket_id   uuid PRIMARY KEY REFERENCES tickets (id),
  key_id      uuid NOT NULL REFERENCES open311_keys (id),
  token       text NOT NULL UNIQUE,
  device_id   text,
  account_id  text,
  email       text,
  media_url   text,
  address_id  text,
  attributes  jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL
);
CREATE INDEX open311_submissions_key_idx ON open311_submissions (key_id, created_at);

-- The questions a service asks (GeoReport "service definition" attributes). A category with a row here is listed
-- with metadata=true. Codes and answers are ours (U): what the squad needs to find and judge the complaint.
CREATE TABLE open311_service_attributes (
  category_code        text NOT NULL REFERENCES ticket_categories (code),
  code                 text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,31}$'),
  datatype             text NOT NULL CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
  required             boolean NOT NULL,
  description          text NOT NULL,
  datatype_description text,
  sort_order           integer NOT NULL,
  answer_values        jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (category_code, code)
);

INSERT INTO open311_service_attributes (category_code, code, datatype, required, description, datatype_description, sort_order, answer_values) VALUES
  ('SR04', 'SHOP_NAME', 'string', true, '排放油烟的店铺名称或招牌', '店招上的文字', 1, '[]'),
  ('SR04', 'TIME_OF_DAY', 'singlevaluelist', false, '油烟最严重的时段', NULL, 2,
   '[{"key":"morning","name":"早晨"},{"key":"noon","name":"中午"},{"key":"evening","name":"傍晚"},{"key":"night","name":"夜间"}]'),
  ('SG01', 'STILL_WORKING', 'singlevaluelist', true, '施工现在是否仍在进行', NULL, 1,
   '[{"key":"yes","name":"仍在施工"},{"key":"no","name":"已停止"}]'),
  ('SG01', 'STARTED_AT', 'datetime', false, '施工噪声开始的时间', 'ISO 8601，带时区', 2, '[]'),
  ('JM04', 'SOURCE', 'multivaluelist', true, '噪声来源', NULL, 1,
   '[{"key":"dance","name":"广场舞"},{"key":"speaker","name":"音响外放"},{"key":"instrument","name":"乐器"},{"key":"other","name":"其他"}]'),
  ('JM04', 'PEOPLE', 'number', false, '参与人数（约）', '整数', 2, '[]');
