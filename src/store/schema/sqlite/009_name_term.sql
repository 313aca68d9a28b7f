-- The distinct tokens of the name index (client_term), per organisation and kind. A query word
-- is a prefix: its tokens are read from here in one range scan, where client_term, which holds a
-- row per client for each token, needed one indexed query to skip to each next token.
-- The program keeps it with client_term (store/name_index.c): a token is added with its first
-- row and removed with its last.
CREATE TABLE name_term (
  org_id INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  term TEXT NOT NULL,
  PRIMARY KEY (org_id, kind, term)
) STRICT, WITHOUT ROWID;

INSERT INTO name_term(org_id, kind, term) SELECT DISTINCT org_id, kind, term FROM client_term;
