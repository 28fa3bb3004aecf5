-- 037 诉件处置 (complaints / tickets, REQUIREMENTS.md R12; docs/tickets.md): the configurable categories, the tickets
-- with their clocks' due dates, and each ticket's timeline. The rules (I4, I6, duplicates, the four rates) are in
-- packages/domain/src/tickets; these tables hold the facts they are computed from.

-- Categories as data: the Shanghai starter list below (数字城管 事件 大类 of CJ/T 214 as LEGAL-RULES.md L2 lists them,
-- sub-categories from the complaints the seeds name); an administrator adds, renames or retires rows.
CREATE TABLE ticket_categories (
  code          text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}([0-9]{2}){0,2}$'),
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  parent_code   text REFERENCES ticket_categories (code),
  default_limit text NOT NULL CHECK (default_limit IN ('consultation', 'ordinary')),
  active        boolean NOT NULL DEFAULT true,
  sort_order    integer NOT NULL DEFAULT 0
);

INSERT INTO ticket_categories (code, name_zh, name_en, parent_code, default_limit, sort_order) VALUES
  ('SR', '市容环境', 'City appearance and sanitation', NULL, 'ordinary', 10),
  ('XC', '宣传广告', 'Advertising', NULL, 'ordinary', 20),
  ('SG', '施工管理', 'Construction', NULL, 'ordinary', 30),
  ('JM', '街面秩序', 'Street order', NULL, 'ordinary', 40),
  ('TF', '突发事件', 'Emergencies', NULL, 'ordinary', 50),
  ('QT', '其他', 'Other', NULL, 'ordinary', 60);
INSERT INTO ticket_categories (code, name_zh, name_en, parent_code, default_limit, sort_order) VALUES
  ('SR01', '乱扔乱倒垃圾', 'Littering and dumping', 'SR', 'ordinary', 11),
  ('SR02', '生活垃圾分类投放', 'Household waste sorting', 'SR', 'ordinary', 12),
  ('SR03', '建筑垃圾、渣土运输', 'Construction waste and muck trucks', 'SR', 'ordinary', 13),
  ('SR04', '餐饮油烟扰民', 'Restaurant fumes', 'SR', 'ordinary', 14),
  ('SR05', '露天焚烧', 'Open burning', 'SR', 'ordinary', 15),
  ('XC01', '非法张贴、散发小广告', 'Illegal posters and leaflets', 'XC', 'ordinary', 21),
  ('XC02', '户外广告、招牌设置', 'Outdoor advertising and signboards', 'XC', 'ordinary', 22),
  ('SG01', '夜间施工噪声', 'Night-time construction noise', 'SG', 'ordinary', 31),
  ('SG02', '工地扬尘', 'Construction dust', 'SG', 'ordinary', 32),
  ('SG03', '违法搭建', 'Illegal building', 'SG', 'ordinary', 33),
  ('SG04', '住宅小区违规装修、破坏房屋外貌', 'Illegal renovation in housing estates', 'SG', 'ordinary', 34),
  ('JM01', '无证设摊、占道经营', 'Unlicensed stalls and street trading', 'JM', 'ordinary', 41),
  ('JM02', '跨门营业、店外经营', 'Trading outside the shop front', 'JM', 'ordinary', 42),
  ('JM03', '非机动车乱停放', 'Illegally parked bicycles', 'JM', 'ordinary', 43),
  ('JM04', '广场舞、娱乐噪声扰民', 'Square-dance and leisure noise', 'JM', 'ordinary', 44),
  ('TF01', '道路设施损坏、塌陷', 'Damaged road facilities', 'TF', 'ordinary', 51),
  ('QT01', '政策咨询', 'Policy enquiry', 'QT', 'consultation', 61),
  ('QT02', '意见建议', 'Suggestion', 'QT', 'consultation', 62),
  ('QT03', '其他投诉', 'Other complaint', 'QT', 'ordinary', 63);

-- One row per ticket. (channel, external_no) is unique so the same hotline ticket delivered twice is one ticket;
-- an officer's own discovery has no external number. `bureau_id` owns it, `org_id` is the squad routed by the point
-- (NULL until a squad is found or chosen). The reporter's contact is confidential (沪条例 Art. 26): masked in every
-- list, `reporter_key` (SM3 of the normalised phone) finds repeated complaints without reading the number.
-- The due instants are computed by the domain's clocks at intake and on every change (extension, escalation, pause).
CREATE TABLE tickets (
  id                    uuid PRIMARY KEY,
  number                text NOT NULL UNIQUE,
  channel               text NOT NULL CHECK (channel IN ('hotline_12345', 'city_ops', 'portal', 'officer', 'workroom', 'open311')),
  external_no           text,
  bureau_id             uuid NOT NULL REFERENCES orgs (id),
  org_id                uuid REFERENCES orgs (id),
  officer_id            uuid REFERENCES officers (id),
  category_code         text NOT NULL REFERENCES ticket_categories (code),
  dispatch_level        text NOT NULL DEFAULT 'ordinary' CHECK (dispatch_level IN ('ordinary', 'supervision', 'callback_review')),
  limit_kind            text NOT NULL CHECK (limit_kind IN ('consultation', 'ordinary', 'supervision', 'complex')),
  state                 text NOT NULL CHECK (state IN ('received', 'accepted', 'dispatched', 'handling', 'replied', 'closed',
                                                       'returned', 'referred', 'merged')),
  content               text NOT NULL,
  address               text,
  address_key           text,
  point_lon             double precision,
  point_lat             double precision,
  reporter_name         text,
  reporter_phone        text,
  reporter_key          text,
  photo_sm3s            text[] NOT NULL DEFAULT '{}',
  received_at           timestamptz NOT NULL,
  first_contact_due_at  timestamptz NOT NULL,
  first_contact_at      timestamptz,
  handling_due_on       date NOT NULL,
  handling_due_at       timestamptz NOT NULL,
  feedback_due_on       date,
  paused_since          timestamptz,
  accepted_at           timestamptz,
  replied_at            timestamptz,
  reply_text            text,
  closed_at             timestamptz,
  resolved              boolean,
  satisfaction          text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
  repeated              boolean NOT NULL DEFAULT false,
  parent_id             uuid REFERENCES tickets (id),
  case_id               uuid REFERENCES cases (id),
  created_by            uuid REFERENCES officers (id),
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  CHECK ((point_lon IS NULL) = (point_lat IS NULL)),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX tickets_external_idx ON tickets (channel, external_no) WHERE external_no IS NOT NULL;
-- The lists: a squad's or a bureau's open tickets by due date, "my tickets", the rates of a month.
CREATE INDEX tickets_org_state_due_idx ON tickets (org_id, state, handling_due_at);
CREATE INDEX tickets_bureau_received_idx ON tickets (bureau_id, received_at);
CREATE INDEX tickets_officer_state_idx ON tickets (officer_id, state) WHERE officer_id IS NOT NULL;
-- Duplicates and repeats: same category near the same time; same address or reporter.
CREATE INDEX tickets_category_received_idx ON tickets (bureau_id, category_code, received_at);
CREATE INDEX tickets_address_key_idx ON tickets (address_key, received_at) WHERE address_key IS NOT NULL;
CREATE INDEX tickets_reporter_key_idx ON tickets (reporter_key, received_at) WHERE reporter_key IS NOT NULL;
CREATE INDEX tickets_parent_idx ON tickets (parent_id) WHERE parent_id IS NOT NULL;

-- 延期申请 and their decisions: `kind` complex (I6 「复杂事项，经申请批准后」) or a named later date.
CREATE TABLE ticket_extensions (
  id            uuid PRIMARY KEY,
  ticket_id     uuid NOT NULL REFERENCES tickets (id),
  kind          text NOT NULL CHECK (kind IN ('complex', 'date')),
  requested_due date,
  reason        text NOT NULL,
  status        text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by  uuid NOT NULL REFERENCES officers (id),
  requested_at  timestamptz NOT NULL,
  decided_by    uuid REFERENCES officers (id),
  decided_at    timestamptz,
  decision_note text,
  CHECK (kind = 'complex' OR requested_due IS NOT NULL)
);
CREATE UNIQUE INDEX ticket_extensions_pending_idx ON ticket_extensions (ticket_id) WHERE status = 'pending';
CREATE INDEX ticket_extensions_ticket_idx ON ticket_extensions (ticket_id, requested_at);

-- Pauses of the handling clock (退单 awaiting the sender's decision): closed when the ticket is sent back.
CREATE TABLE ticket_pauses (
  ticket_id  uuid NOT NULL REFERENCES tickets (id),
  from_at    timestamptz NOT NULL,
  to_at      timestamptz,
  PRIMARY KEY (ticket_id, from_at)
);

-- The timeline: every step, who took it, the state before and after, its note (退单 reason, reply text …), in the
-- order written (`seq`: steps of the same millisecond keep their order).
CREATE TABLE ticket_events (
  id          uuid PRIMARY KEY,
  seq         bigint GENERATED ALWAYS AS IDENTITY,
  ticket_id   uuid NOT NULL REFERENCES tickets (id),
  action      text NOT NULL,
  from_state  text,
  to_state    text,
  actor_id    uuid REFERENCES officers (id),
  actor_name  text,
  note        text,
  data        jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, seq);
