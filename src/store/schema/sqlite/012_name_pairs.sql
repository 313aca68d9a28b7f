-- Pairs of words written together get their own kind (2) in the index of name words, after a
-- mark of their own in search_names (" || "): a query word looks them up only when a written word
-- is a proper prefix of it (store/name_index.c; since migration 013, name_term.covered tells).
-- With some hundreds of name words, pairs were 84% of the keys and pairs, and a prefix such as
-- "he" matched 527 tokens.
-- The texts are the program's to write (domain/name.c, name_search_text): the rows written before
-- this migration are listed here and given theirs again by the program, a few thousand at each
-- search (client_store_fill_keys). Their keys stand, so duplicate warnings are not weakened
-- meanwhile; until a row is done its pairs stay kind 1, which every search looks up: it is found
-- as before.
CREATE TABLE client_retext (
  org_id INTEGER NOT NULL,
  client_id INTEGER NOT NULL,
  PRIMARY KEY (org_id, client_id)
) STRICT, WITHOUT ROWID;

INSERT INTO client_retext(org_id, client_id)
SELECT org_id, id FROM client WHERE instr(search_names, ' |') > 0 AND instr(search_names, ' ||') = 0;
