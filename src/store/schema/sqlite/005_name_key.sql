-- Spelling keys of client names (domain/name.h): duplicate warnings compare name_key, the key of
-- the full name without spaces, so that "Moh. Soekarno" and "Muhammad Sukarno" born the same day
-- are flagged; search_names gains the spelling keys of the words (name_search_text).
-- The keys need the C rules of name_key, which SQL cannot run, so rows written before this
-- migration keep name_key NULL (NULL: not computed; '' is the key of a name without letters) and
-- their old search_names. The program fills them (client_store_fill_keys in store/client_store.c):
-- each search of the organisation fills up to 5000, in a transaction of its own, so that a large
-- registry is done over its first few searches without a long lock. Until then such rows are found
-- by their own spelling, and duplicate checks compare them by name_norm as before.
ALTER TABLE client ADD COLUMN name_key TEXT;
DROP INDEX client_dup;
CREATE INDEX client_dup ON client(org_id, name_key, birth_date);
