-- An estimate of the rows of each token of the name index (client_term), kept in name_term: a
-- search that gathers every candidate of its words (store/name_index.c, name_index_gather) knows
-- from the tokens it reads anyway how many rows each word holds: it reads the narrowest word
-- first, and leaves out a word of many more rows, or gives up on a word too common, without
-- reading a row. The estimate counts 16 for each client of the token whose id is a multiple of
-- 16: only those write the token's row when the program puts or drops them (NAME_INDEX_SAMPLE).
ALTER TABLE name_term ADD COLUMN clients INTEGER NOT NULL DEFAULT 0;

UPDATE name_term SET clients = c.n
FROM (SELECT org_id, kind, term, 16 * count(*) AS n FROM client_term WHERE client_id % 16 = 0
      GROUP BY org_id, kind, term) AS c
WHERE c.org_id = name_term.org_id AND c.kind = name_term.kind AND c.term = name_term.term;

-- A prefix of one or two letters reads its keys and pairs one covered length at a time (migration
-- 013): the index it reads them from now gives their estimates too.
DROP INDEX name_term_covered;
CREATE INDEX name_term_covered ON name_term(org_id, kind, covered, term, clients);
