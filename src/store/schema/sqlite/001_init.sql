-- The foundation: organisations, users, sessions, tokens, throttling, audit, reference lists, clients.

CREATE TABLE org (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL DEFAULT 'lks',
  region TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE user (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  org_id INTEGER NOT NULL REFERENCES org(id),
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  full_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin','supervisor','worker','volunteer','viewer')),
  supervisor_id INTEGER REFERENCES user(id),
  lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id','en')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by INTEGER,
  updated_at TEXT NOT NULL,
  updated_by INTEGER
) STRICT;

CREATE TABLE session (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES user(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX session_user ON session(user_id);

CREATE TABLE api_token (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES user(id),
  created_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE login_attempt (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  failures INTEGER NOT NULL
) STRICT;

CREATE TABLE region (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level INTEGER NOT NULL
) STRICT;

CREATE TABLE ppks (
  code INTEGER PRIMARY KEY,
  name_id TEXT NOT NULL,
  name_en TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE client (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  org_id INTEGER NOT NULL REFERENCES org(id),
  nik TEXT,
  kk TEXT,
  name TEXT NOT NULL,
  name_norm TEXT NOT NULL,      -- normalised full name: sorting and duplicate warnings
  search_names TEXT NOT NULL,   -- normalised name and other names: the full-text index's input
  other_names TEXT,
  sex TEXT CHECK (sex IN ('F','M')),
  birth_place TEXT,
  birth_date TEXT,
  address TEXT,
  region TEXT,
  phone TEXT,
  household TEXT NOT NULL DEFAULT '[]',   -- JSON array of members
  consent TEXT,                           -- JSON object, NULL when not recorded
  disability_box BLOB,                    -- encrypted JSON (specific personal data)
  notes_box BLOB,                         -- encrypted free notes
  nik_warning TEXT,                       -- confirmed NIK mismatch, shown on the record
  archived_at TEXT,
  archived_by INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by INTEGER,
  updated_at TEXT NOT NULL,
  updated_by INTEGER
) STRICT;
CREATE UNIQUE INDEX client_nik ON client(org_id, nik) WHERE nik IS NOT NULL;
CREATE INDEX client_by_name ON client(org_id, name_norm, id);
CREATE INDEX client_dup ON client(org_id, name_norm, birth_date);
CREATE INDEX client_by_region ON client(org_id, region);
CREATE INDEX client_by_update ON client(org_id, updated_at, id);

CREATE TABLE client_ppks (
  client_id INTEGER NOT NULL REFERENCES client(id),
  code INTEGER NOT NULL REFERENCES ppks(code),
  PRIMARY KEY (client_id, code)
) STRICT, WITHOUT ROWID;
CREATE INDEX client_ppks_code ON client_ppks(code, client_id);

CREATE TABLE client_flag (
  client_id INTEGER NOT NULL REFERENCES client(id),
  flag TEXT NOT NULL,
  PRIMARY KEY (client_id, flag)
) STRICT, WITHOUT ROWID;
CREATE INDEX client_flag_flag ON client_flag(flag, client_id);

CREATE VIRTUAL TABLE client_fts USING fts5(
  search_names, content='client', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE TRIGGER client_fts_ai AFTER INSERT ON client BEGIN
  INSERT INTO client_fts(rowid, search_names) VALUES (new.id, new.search_names);
END;
CREATE TRIGGER client_fts_ad AFTER DELETE ON client BEGIN
  INSERT INTO client_fts(client_fts, rowid, search_names) VALUES ('delete', old.id, old.search_names);
END;
CREATE TRIGGER client_fts_au AFTER UPDATE OF search_names ON client BEGIN
  INSERT INTO client_fts(client_fts, rowid, search_names) VALUES ('delete', old.id, old.search_names);
  INSERT INTO client_fts(rowid, search_names) VALUES (new.id, new.search_names);
END;

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_uid TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit(entity, entity_uid);
CREATE INDEX audit_user ON audit(user_name);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
  SELECT RAISE(ABORT, 'audit is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
  SELECT RAISE(ABORT, 'audit is append-only');
END;

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
