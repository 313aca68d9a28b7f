-- Group work (bimbingan sosial kelompok): groups, their facilitators, members, sessions with the
-- attendance of every member, group goals scored over time, and members' own goals.

CREATE TABLE grp (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  org_id INTEGER NOT NULL REFERENCES org(id),
  name TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('restorative','remedial','preventive','developmental')),
  aim TEXT NOT NULL,
  ppks TEXT NOT NULL DEFAULT '[]',        -- JSON array of target PPKS codes
  starts_on TEXT,
  ends_on TEXT,
  frequency TEXT,
  place TEXT,
  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 2 AND 100),
  status TEXT NOT NULL DEFAULT 'forming' CHECK (status IN ('forming','active','ended')),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL
) STRICT;

CREATE TABLE group_facilitator (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES grp(id),
  user_id INTEGER NOT NULL REFERENCES user(id),
  role TEXT NOT NULL CHECK (role IN ('facilitator','cofacilitator')),
  assigned_at TEXT NOT NULL,
  ended_at TEXT
) STRICT;
CREATE INDEX group_facilitator_user ON group_facilitator(user_id, ended_at);
CREATE INDEX group_facilitator_group ON group_facilitator(group_id, ended_at);

CREATE TABLE group_member (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  group_id INTEGER NOT NULL REFERENCES grp(id),
  client_id INTEGER NOT NULL REFERENCES client(id),
  joined_on TEXT NOT NULL,
  join_reason TEXT,
  left_on TEXT,
  leave_reason TEXT,
  goals TEXT NOT NULL DEFAULT '[]',       -- JSON: [{"text", "case_goal"}] the member's own goals
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL
) STRICT;
CREATE INDEX group_member_group ON group_member(group_id, left_on);
CREATE INDEX group_member_client ON group_member(client_id);

CREATE TABLE group_session (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  group_id INTEGER NOT NULL REFERENCES grp(id),
  held_on TEXT NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('beginning','working','ending')),
  topic TEXT NOT NULL,
  activities TEXT,
  level TEXT NOT NULL DEFAULT 'normal' CHECK (level IN ('normal','restricted','sealed')),
  box BLOB,                                -- sealed process notes: atmosphere, dynamics, conflicts, techniques
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL
) STRICT;
CREATE INDEX group_session_group ON group_session(group_id, held_on);

CREATE TABLE group_attendance (
  session_id INTEGER NOT NULL REFERENCES group_session(id),
  member_id INTEGER NOT NULL REFERENCES group_member(id),
  status TEXT NOT NULL CHECK (status IN ('present','excused','absent')),
  participation INTEGER CHECK (participation BETWEEN 1 AND 5),
  box BLOB,                                -- sealed observation of the member
  PRIMARY KEY (session_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_attendance_member ON group_attendance(member_id);

CREATE TABLE group_goal (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  group_id INTEGER NOT NULL REFERENCES grp(id),
  data TEXT NOT NULL,                      -- JSON: text, gas_minus2 .. gas_plus2, weight
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL
) STRICT;

CREATE TABLE group_goal_score (
  goal_id INTEGER NOT NULL REFERENCES group_goal(id),
  session_id INTEGER NOT NULL REFERENCES group_session(id),
  score INTEGER NOT NULL CHECK (score BETWEEN -2 AND 2),
  PRIMARY KEY (goal_id, session_id)
) STRICT, WITHOUT ROWID;
