-- Pairs of words written together get their own kind (2) in the index of name words, after a
-- mark of their own in search_names (" || "): a query word looks them up only when a written word
-- is a proper prefix of it (store/name_index.c, ni_runs_past). With some hundreds of name words,
-- pairs were 84% of the keys and pairs, and a prefix such as "he" matched 527 tokens.
-- The texts are the program's to write (domain/name.c, name_search_text): rows written before
-- this migration are given theirs again with their keys (client_store_fill_keys, as after
-- migration 005), a few thousand at each search. Until then their pairs stay kind 1, which every
-- search looks up: they are found as before.
UPDATE client SET name_key = NULL WHERE instr(search_names, ' |') > 0 AND instr(search_names, ' ||') = 0;
