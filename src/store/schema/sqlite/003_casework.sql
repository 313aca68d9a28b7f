-- Casework (bimbingan sosial perseorangan): cases, their workers, stages, approvals, and every
-- recorded item of the case (problems, assessment, plan, sessions, services, referrals, reviews,
-- termination, follow-ups, genogram and ecomap) in one table of typed items.

CREATE TABLE atensi (
  code INTEGER PRIMARY KEY,
  name_id TEXT NOT NULL,
  name_en TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO atensi(code, name_id, name_en) VALUES
  (1, 'Dukungan pemenuhan kebutuhan hidup layak', 'Support to meet basic living needs'),
  (2, 'Perawatan sosial dan/atau pengasuhan anak', 'Social care and/or childcare'),
  (3, 'Dukungan keluarga', 'Family support'),
  (4, 'Terapi fisik, psikososial dan mental spiritual', 'Physical, psychosocial and mental-spiritual therapy'),
  (5, 'Pelatihan vokasional dan/atau pembinaan kewirausahaan', 'Vocational training and/or entrepreneurship coaching'),
  (6, 'Bantuan sosial dan asistensi sosial', 'Social aid and social assistance'),
  (7, 'Dukungan aksesibilitas', 'Accessibility support');

CREATE TABLE casefile (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  org_id INTEGER NOT NULL REFERENCES org(id),
  client_id INTEGER NOT NULL REFERENCES client(id),
  stage TEXT NOT NULL CHECK (stage IN ('intake','assessment','planning','intervention',
                                       'resocialisation','termination','aftercare')),
  opened_reason TEXT,            -- why a second open case for the same client
  closed_at TEXT,                -- set when the case enters termination
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL
) STRICT;
CREATE INDEX casefile_client ON casefile(client_id);
CREATE INDEX casefile_stage ON casefile(org_id, stage);

-- Who works on a case: one primary worker and others; ended rows keep the history of transfers.
CREATE TABLE case_worker (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES casefile(id),
  user_id INTEGER NOT NULL REFERENCES user(id),
  role TEXT NOT NULL CHECK (role IN ('primary','secondary')),
  assigned_at TEXT NOT NULL,
  assigned_by INTEGER NOT NULL,
  reason TEXT,
  ended_at TEXT,
  ended_by INTEGER,
  end_reason TEXT
) STRICT;
CREATE INDEX case_worker_user ON case_worker(user_id, ended_at);
CREATE INDEX case_worker_case ON case_worker(case_id, ended_at);

-- Every item recorded on a case. kind names its shape (see domain/case_kind.c); data holds the
-- plain fields as JSON, box the narrative fields sealed under the data key.
CREATE TABLE case_item (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  case_id INTEGER NOT NULL REFERENCES casefile(id),
  kind TEXT NOT NULL,
  at TEXT NOT NULL,              -- the date the item is about, for the timeline
  level TEXT NOT NULL DEFAULT 'normal' CHECK (level IN ('normal','restricted','sealed')),
  data TEXT NOT NULL DEFAULT '{}',
  box BLOB,
  archived_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL
) STRICT;
CREATE INDEX case_item_case ON case_item(case_id, kind, at);
CREATE INDEX case_item_time ON case_item(case_id, at, id);

-- Temporary access to a case outside one's assignment, with the reason given.
CREATE TABLE case_glass (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES casefile(id),
  user_id INTEGER NOT NULL REFERENCES user(id),
  reason TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_glass_user ON case_glass(user_id, case_id, expires_at);

-- The directory of partner agencies that cases are referred to.
CREATE TABLE agency (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  org_id INTEGER NOT NULL REFERENCES org(id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  services TEXT,
  region TEXT,
  contact TEXT,
  external INTEGER NOT NULL DEFAULT 1,  -- another organisation: sharing needs the client's consent
  archived_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL
) STRICT;

-- Supervision between a worker and their supervisor: private to the two of them.
CREATE TABLE supervision (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  worker_id INTEGER NOT NULL REFERENCES user(id),
  supervisor_id INTEGER NOT NULL REFERENCES user(id),
  held_on TEXT NOT NULL,
  box BLOB NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL
) STRICT;
CREATE INDEX supervision_pair ON supervision(worker_id, supervisor_id, held_on);
