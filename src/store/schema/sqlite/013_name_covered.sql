-- A key or a pair of the name index (kinds 1 and 2) often starts with a word or key of the same
-- client: the pair "hadijahhakim" with "hadijah", the key "hadijahakim" with "hadija". A query
-- word no longer than that word finds the client through the word, so it need not look the pair
-- up. name_term.covered keeps, for each such token, the least over the clients that hold it of
-- the length of the client's longest word or key (kinds 0 and 1) that is a proper prefix of it
-- (0 when none is). A query form looks up only the tokens covered by less than its own length
-- (store/name_index.c). With some hundreds of name words, "ha" matched 239 keys, 219 of them
-- pairs' keys, every one started by its client's own word.
-- The program keeps the column on every write; a client removed can leave it lower than the
-- least of those left, which only looks up more.
ALTER TABLE name_term ADD COLUMN covered INTEGER NOT NULL DEFAULT 0;
-- A prefix of one or two letters reads its keys and pairs one covered length at a time.
CREATE INDEX name_term_covered ON name_term(org_id, kind, covered, term);

-- The words and keys of the organisation that start each token: a few candidates per token.
CREATE TEMP TABLE covered_by (
  org_id INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  term TEXT NOT NULL,
  by_kind INTEGER NOT NULL,
  by_term TEXT NOT NULL
);

WITH RECURSIVE cut(org_id, kind, term, n) AS (
  SELECT org_id, kind, term, 1 FROM name_term WHERE kind IN (1, 2) AND length(term) > 1
  UNION ALL
  SELECT org_id, kind, term, n + 1 FROM cut WHERE n + 1 < length(term)
)
INSERT INTO covered_by(org_id, kind, term, by_kind, by_term)
SELECT cut.org_id, cut.kind, cut.term, w.kind, w.term
FROM cut JOIN name_term w ON w.org_id = cut.org_id AND w.kind IN (0, 1) AND w.term = substr(cut.term, 1, cut.n);

CREATE INDEX temp.covered_by_term ON covered_by(org_id, kind, term);

-- For each client holding the token, the longest of those candidates the client holds too, in
-- bytes, as the program counts (a token with no row left, which the program never keeps, gets 0).
UPDATE name_term SET covered = coalesce((
  SELECT min(c) FROM (
    SELECT coalesce((
      SELECT max(length(CAST(b.by_term AS BLOB))) FROM covered_by b
      WHERE b.org_id = p.org_id AND b.kind = p.kind AND b.term = p.term
        AND EXISTS (SELECT 1 FROM client_term t WHERE t.org_id = p.org_id AND t.kind = b.by_kind
                    AND t.term = b.by_term AND t.name_norm = p.name_norm AND t.client_id = p.client_id)), 0) AS c
    FROM client_term p
    WHERE p.org_id = name_term.org_id AND p.kind = name_term.kind AND p.term = name_term.term)), 0)
WHERE kind IN (1, 2)
  AND EXISTS (SELECT 1 FROM covered_by b WHERE b.org_id = name_term.org_id AND b.kind = name_term.kind AND b.term = name_term.term);

DROP TABLE temp.covered_by;
