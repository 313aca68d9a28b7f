-- The index of name words behind name search (store/name_index.c), in place of the full-text
-- index: one row per token of a client's search_names (domain/name.h, name_search_text), kept in
-- name order within each token, so that a search reads the first page of its matches in order
-- instead of reading and sorting every match. kind 0: a word of the name or other names as
-- written; kind 1: an extra token (a spelling key, two adjacent words written together).
-- The program writes the rows with the client (client_store.c); this fills them for existing
-- clients from their search_names, split on spaces as the program splits it (the pairs' kind 2
-- after " || " came with migration 012; this text knows it so that it stays equal to the program).
CREATE TABLE client_term (
  org_id INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  term TEXT NOT NULL,
  name_norm TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  PRIMARY KEY (org_id, kind, term, name_norm, client_id)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO client_term(org_id, kind, term, name_norm, client_id)
WITH RECURSIVE w(org_id, id, name_norm, kind, word, rest) AS (
  SELECT org_id, id, name_norm, 0, '', search_names || ' ' FROM client
  UNION ALL
  SELECT org_id, id, name_norm,
         CASE substr(rest, 1, instr(rest, ' ') - 1) WHEN '||' THEN 2 WHEN '|' THEN max(kind, 1) ELSE kind END,
         substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
  FROM w WHERE rest <> ''
)
SELECT org_id, kind, word, name_norm, id FROM w WHERE word NOT IN ('', '|', '||');

-- Names written with combining accents (e + U+0301, as some keyboards send é) are now folded like
-- é: their normalised name and search text are computed again by the program, as the keys of rows
-- from before migration 005 are.
UPDATE client SET name_key = NULL WHERE name GLOB '*[' || char(768) || '-' || char(879) || ']*'
  OR other_names GLOB '*[' || char(768) || '-' || char(879) || ']*';

DROP TRIGGER client_fts_ai;
DROP TRIGGER client_fts_ad;
DROP TRIGGER client_fts_au;
DROP TABLE client_fts;
