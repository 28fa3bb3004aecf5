-- 057 上海摊 stall points and 城管进社区 workrooms (issue 17 §3–4; docs/stall-map.md, docs/workrooms.md).

-- A stall point is a registry subject (kind stall_point); this row holds what the public map shows and its approval.
CREATE TABLE stall_points (
  subject_id   uuid PRIMARY KEY REFERENCES subjects (id),
  bureau_id    uuid NOT NULL REFERENCES orgs (id),
  point_type   text NOT NULL CHECK (point_type IN ('featured', 'guided', 'outdoor')),
  opens_at     text NOT NULL CHECK (opens_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
  closes_at    text NOT NULL CHECK (closes_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
  capacity     integer NOT NULL CHECK (capacity > 0),
  rules        text NOT NULL,
  state        text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'suspended')),
  approved_by  uuid REFERENCES officers (id),
  approved_at  timestamptz,
  last_supervised_at timestamptz,
  supervisions integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stall_points_public_idx ON stall_points (state, point_type);

-- Complaints about a point filed from the public map: the ticket (诉件) the tickets module took in.
CREATE TABLE stall_point_tickets (
  ticket_id  uuid PRIMARY KEY,
  subject_id uuid NOT NULL REFERENCES subjects (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- 城管执法社区工作室: one per 居村, staffed by the squad's officers on its hours.
CREATE TABLE workrooms (
  id          uuid PRIMARY KEY,
  bureau_id   uuid NOT NULL REFERENCES orgs (id),
  org_id      uuid NOT NULL REFERENCES orgs (id),
  name        text NOT NULL,
  community   text NOT NULL,
  address     text NOT NULL,
  hours       text NOT NULL,
  officer_ids uuid[] NOT NULL DEFAULT '{}',
  active      boolean NOT NULL DEFAULT true,
  created_by  uuid REFERENCES officers (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);

CREATE TABLE workroom_activities (
  id           uuid PRIMARY KEY,
  workroom_id  uuid NOT NULL REFERENCES workrooms (id),
  bureau_id    uuid NOT NULL REFERENCES orgs (id),
  kind         text NOT NULL CHECK (kind IN ('consultation', 'publicity', 'joint_patrol', 'mediation', 'other')),
  title        text NOT NULL,
  held_on      date NOT NULL,
  participants integer NOT NULL DEFAULT 0 CHECK (participants >= 0),
  community_week boolean NOT NULL DEFAULT false,
  created_by   uuid REFERENCES officers (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workroom_activities_room_idx ON workroom_activities (workroom_id, held_on);

CREATE TABLE workroom_tickets (
  ticket_id   uuid PRIMARY KEY,
  workroom_id uuid NOT NULL REFERENCES workrooms (id),
  bureau_id   uuid NOT NULL REFERENCES orgs (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workroom_tickets_room_idx ON workroom_tickets (workroom_id);
