-- 058 专项行动 and 数据资源目录与共享 (issue 16 §3–4; docs/campaigns.md, docs/data-sharing.md).

-- A special campaign (青浦 "雷霆 8+365": ≥ 8 rounds a year, 002): run by a bureau (or the city) over its areas — the
-- jurisdictions it covers — with a target of points to close and of rounds to hold.
CREATE TABLE special_campaigns (
  id            uuid PRIMARY KEY,
  bureau_id     uuid REFERENCES orgs (id),
  org_id        uuid NOT NULL REFERENCES orgs (id),
  org_path      text NOT NULL,
  title         text NOT NULL,
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  area_org_ids  uuid[] NOT NULL,
  target_points integer NOT NULL DEFAULT 0 CHECK (target_points >= 0),
  target_rounds integer NOT NULL DEFAULT 0 CHECK (target_rounds >= 0),
  note          text,
  created_by    uuid REFERENCES officers (id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CHECK (period_to >= period_from)
);
CREATE INDEX special_campaigns_path_idx ON special_campaigns (org_path text_pattern_ops, period_from);

-- A round (第N轮集中整治) of a campaign, numbered from 1.
CREATE TABLE special_campaign_rounds (
  id          uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES special_campaigns (id),
  round_no    integer NOT NULL CHECK (round_no >= 1),
  title       text NOT NULL,
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  created_at  timestamptz NOT NULL,
  CHECK (ends_on >= starts_on),
  UNIQUE (campaign_id, round_no)
);

-- The 挂图作战 ledger: one problem point, located (WGS-84), in one of the campaign's areas, owned by a squad and an
-- officer; photos before and after (SM3 of stored files); open → pending_close → closed (销项) by a leader's approval,
-- or back to open when he refuses (refused_count, last_refusal).
CREATE TABLE campaign_points (
  id                 uuid PRIMARY KEY,
  campaign_id        uuid NOT NULL REFERENCES special_campaigns (id),
  round_id           uuid REFERENCES special_campaign_rounds (id),
  number             text NOT NULL,
  bureau_id          uuid REFERENCES orgs (id),
  area_org_id        uuid NOT NULL REFERENCES orgs (id),
  org_id             uuid NOT NULL REFERENCES orgs (id),
  org_path           text NOT NULL,
  officer_id         uuid REFERENCES officers (id),
  title              text NOT NULL,
  description        text,
  address            text NOT NULL,
  lon                double precision NOT NULL,
  lat                double precision NOT NULL,
  state              text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'pending_close', 'closed')),
  before_photos      text[] NOT NULL DEFAULT '{}',
  after_photos       text[] NOT NULL DEFAULT '{}',
  rectification      text,
  close_requested_by uuid REFERENCES officers (id),
  close_requested_at timestamptz,
  closed_by          uuid REFERENCES officers (id),
  closed_at          timestamptz,
  refused_count      integer NOT NULL DEFAULT 0,
  last_refusal       text,
  created_by         uuid REFERENCES officers (id),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  UNIQUE (campaign_id, number)
);
CREATE INDEX campaign_points_campaign_idx ON campaign_points (campaign_id, org_path text_pattern_ops, state);
CREATE INDEX campaign_points_path_idx ON campaign_points (org_path text_pattern_ops, id);

CREATE TABLE campaign_point_events (
  id         uuid PRIMARY KEY,
  seq        bigserial NOT NULL,
  point_id   uuid NOT NULL REFERENCES campaign_points (id),
  action     text NOT NULL CHECK (action IN ('create', 'request_close', 'approve_close', 'refuse_close')),
  actor_id   uuid REFERENCES officers (id),
  reason     text,
  at         timestamptz NOT NULL
);
CREATE INDEX campaign_point_events_point_idx ON campaign_point_events (point_id, seq);

-- The data catalogue (82 项数据资产目录, 000): one row per table or view, with its owner, its fields (name, label,
-- type), how often it changes and its sharing level (公开 public / 共享 shared / 不予共享 restricted). Seeded below from
-- the database's own tables; an empty label means the platform's field label (apps/server/src/errors/field-labels.ts).
CREATE TABLE data_assets (
  code             text PRIMARY KEY,
  name             text NOT NULL,
  name_en          text NOT NULL,
  owner            text NOT NULL,
  description      text,
  fields           jsonb NOT NULL DEFAULT '[]',
  update_frequency text NOT NULL DEFAULT 'realtime'
                   CHECK (update_frequency IN ('realtime', 'daily', 'weekly', 'monthly', 'yearly', 'on_change')),
  sharing_level    text NOT NULL DEFAULT 'restricted' CHECK (sharing_level IN ('public', 'shared', 'restricted')),
  updated_by       uuid REFERENCES officers (id),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- A partner system's key for the sharing interfaces: only its SM3 digest is kept; it reads the listed assets inside
-- one jurisdiction (scope_org_id's subtree).
CREATE TABLE sharing_keys (
  id           uuid PRIMARY KEY,
  key_hash     text NOT NULL UNIQUE,
  key_hint     text NOT NULL,
  partner_name text NOT NULL,
  scope_org_id uuid NOT NULL REFERENCES orgs (id),
  asset_codes  text[] NOT NULL,
  created_by   uuid REFERENCES officers (id),
  created_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  revoked_by   uuid REFERENCES officers (id),
  last_used_at timestamptz
);

-- The daily digest of what was published (公共数据上链, 000): the day's records as leaves of an SM3 Merkle tree (the
-- record itself kept, so its proof can be served), the root signed with the platform's SM2 key.
CREATE TABLE publication_digests (
  day         date PRIMARY KEY,
  leaf_count  integer NOT NULL,
  root        text NOT NULL,
  signature   text NOT NULL,
  public_key  text NOT NULL,
  fingerprint text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE TABLE publication_leaves (
  day        date NOT NULL REFERENCES publication_digests (day),
  leaf_index integer NOT NULL,
  kind       text NOT NULL,
  record_id  text NOT NULL,
  leaf_hash  text NOT NULL,
  record     jsonb NOT NULL,
  PRIMARY KEY (day, leaf_index),
  UNIQUE (day, kind, record_id)
);
-- The platform's key that signs the digests (private key sealed under the installation's key secret, label 'digest-key').
CREATE TABLE publication_signing_keys (
  id              uuid PRIMARY KEY,
  public_key      text NOT NULL,
  private_key_enc text NOT NULL,
  fingerprint     text NOT NULL,
  created_at      timestamptz NOT NULL
);

-- Every table of the platform as of this migration, its columns as fields (labels from the platform's field labels).
INSERT INTO data_assets (code, name, name_en, owner, fields, update_frequency, sharing_level)
SELECT t.table_name, t.table_name, t.table_name, '市城管执法局', COALESCE(
         (SELECT jsonb_agg(jsonb_build_object('name', c.column_name, 'label', '', 'labelEn', '', 'type', c.data_type)
                           ORDER BY c.ordinal_position)
            FROM information_schema.columns c
           WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name), '[]'::jsonb),
       'realtime', 'restricted'
  FROM information_schema.tables t
 WHERE t.table_schema = current_schema() AND t.table_type IN ('BASE TABLE', 'VIEW')
   AND t.table_name NOT IN ('schema_migrations', 'kysely_migration', 'kysely_migration_lock');

-- What the bureau says of its main assets: name, owner, frequency and sharing level.
UPDATE data_assets d SET name = v.name, name_en = v.name_en, owner = v.owner, update_frequency = v.freq, sharing_level = v.level
  FROM (VALUES
    ('orgs', '组织机构', 'Organisations', '市城管执法局办公室', 'on_change', 'public'),
    ('officers', '执法人员', 'Officers', '市城管执法局政治处', 'on_change', 'restricted'),
    ('cases', '执法案件', 'Cases', '市城管执法局法制处', 'realtime', 'shared'),
    ('disclosures', '行政处罚决定公示', 'Published penalty decisions', '市城管执法局法制处', 'daily', 'public'),
    ('subjects', '执法对象', 'Subjects (regulated parties)', '市城管执法局执法协调处', 'realtime', 'shared'),
    ('inspection_plans', '双随机抽查计划', 'Random-inspection plans', '市城管执法局执法协调处', 'on_change', 'public'),
    ('inspection_tasks', '检查任务', 'Inspection tasks', '市城管执法局执法协调处', 'realtime', 'shared'),
    ('inspection_visits', '检查记录', 'Inspection visits', '市城管执法局执法协调处', 'realtime', 'shared'),
    ('tickets', '投诉诉件', 'Complaints (tickets)', '市城管执法局指挥中心', 'realtime', 'shared'),
    ('special_campaigns', '专项行动', 'Special campaigns', '市城管执法局执法协调处', 'on_change', 'public'),
    ('campaign_points', '专项行动问题点位', 'Campaign problem points', '市城管执法局执法协调处', 'realtime', 'shared'),
    ('audit_log', '审计日志', 'Audit log', '市城管执法局信息中心', 'realtime', 'restricted'),
    ('files', '文件与照片', 'Files and photos', '市城管执法局信息中心', 'realtime', 'restricted'),
    ('data_assets', '数据资源目录', 'Data catalogue', '市城管执法局信息中心', 'on_change', 'public'),
    ('publication_digests', '公开数据每日摘要', 'Daily digests of published data', '市城管执法局信息中心', 'daily', 'public')
  ) AS v (code, name, name_en, owner, freq, level)
 WHERE d.code = v.code;
